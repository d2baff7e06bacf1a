// Runs the built `dt-tokens` as a child process, as a user or CI job would.
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

const repoRoot = path.resolve(__dirname, "../../..");
let built: string | undefined;

/**
 * Compiles the CLI (and what it imports) into node_modules/.cache, one folder per test worker, and returns the path
 * of main.js. A private build keeps the tests independent of a stale or half-written dist/ and of other workers.
 */
export function cliPath(): string {
  if (built) return built;
  const outDir = path.join(repoRoot, "node_modules", ".cache", "dt-tokens-cli-test", String(process.pid));
  fs.rmSync(outDir, { recursive: true, force: true });
  try {
    execFileSync(
    process.execPath,
    [
      path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"),
      path.join(repoRoot, "cli", "main.ts"),
      ...["--outDir", outDir, "--rootDir", repoRoot, "--module", "commonjs", "--moduleResolution", "node"],
      ...["--target", "ES2022", "--strict", "--esModuleInterop", "--skipLibCheck", "--types", "node", "--resolveJsonModule"],
    ],
    { cwd: repoRoot, stdio: "pipe" },
  );
  } catch (error) {
    // tsc still emits when a file it follows has type errors; those are the typecheck's to report, not these tests'.
    if (!fs.existsSync(path.join(outDir, "cli", "main.js"))) throw error;
  }
  built = path.join(outDir, "cli", "main.js");
  return built;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `dt-tokens <args>`; never rejects — the exit code is part of what tests check. */
export function runCli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv; input?: string } = {}): Promise<CliRun> {
  const main = cliPath();
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [main, ...args],
      { cwd: opts.cwd ?? repoRoot, env: { ...process.env, ...opts.env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(opts.input ?? "");
  });
}
