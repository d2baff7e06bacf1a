// Issue 14: `dt-tokens` in a terminal. Progress shows on stderr while it waits on Pulumi or pages of tokens — only when
// stderr is a terminal (here a pseudo-terminal from util-linux `script`), never in a pipe or with CI set — and --quiet
// turns it off; stdout keeps only the report either way.
import { execFile, spawn, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { cliPath, runCli } from "./helpers/cli";
import { fixturePath } from "./helpers/fixtures";

interface TerminalRun {
  code: number;
  /** What the terminal showed: the CLI's stderr (stdout goes to `report`). */
  terminal: string;
  report: string;
}

function quote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

describe("dt-tokens in a terminal", () => {
  let dir: string;
  let emulator: RunningEmulator;
  let fakePulumi: string;

  beforeAll(async () => {
    expect(spawnSync("script", ["--version"]).status, "util-linux `script` is needed for this test").toBe(0);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-terminal-"));
    fakePulumi = path.join(dir, "pulumi");
    fs.writeFileSync(fakePulumi, `#!/bin/sh\ncat "${fixturePath("preview-adds-risky-scope.json")}"\n`, { mode: 0o755 });
    emulator = await startEmulator();
    for (let i = 0; i < 150; i++) emulator.seedToken({ name: `ingest-${i}`, scopes: ["metrics.ingest"] });
    for (let i = 0; i < 3; i++) emulator.seedToken({ kind: "activeGate", name: `gw-${i}`, seedToken: true });
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  /** `dt-tokens <args>` with stderr on a pseudo-terminal and stdout in a file, as `dt-tokens … > report.md` in a shell. */
  function inTerminal(args: string[], env: Record<string, string> = {}): Promise<TerminalRun> {
    const report = path.join(dir, `report-${Math.random().toString(36).slice(2)}.txt`);
    const command = [process.execPath, cliPath(), ...args].map(quote).join(" ") + ` > ${quote(report)}`;
    const childEnv: NodeJS.ProcessEnv = { ...process.env, TERM: "xterm", SHELL: "/bin/sh", DT_TOKENS_PULUMI: fakePulumi, ...env };
    // CI runners set CI, which turns progress off; these tests decide it themselves.
    if (!("CI" in env)) delete childEnv.CI;
    return new Promise((resolve) => {
      // -q: no "Script started" banner; -e: exit with the command's code; -c: the command; /dev/null: no typescript file.
      execFile("script", ["-q", "-e", "-c", command, "/dev/null"], { env: childEnv, cwd: dir }, (error, stdout) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, terminal: stdout, report: fs.readFileSync(report, "utf8") });
      });
    });
  }

  it("shows what it waits for on a terminal, and clears it before the report", async () => {
    const run = await inTerminal(["review", "--stack", "prod", "--fail-on", "critical"]);
    expect(run.code).toBe(2);
    expect(run.terminal).toContain("running pulumi preview --json --show-sames on stack prod");
    // The last thing on the terminal is the line cleared (cursor to column 1, erase the line): nothing is left over.
    expect(run.terminal.endsWith("\x1b[1G\x1b[2K")).toBe(true);
    expect(run.report).toContain("### Dynatrace token review");
    expect(run.report).not.toContain("running pulumi");
  });

  it("counts the pages of tokens an audit reads, and keeps --fail-on's exit code", async () => {
    const env = { DYNATRACE_API_TOKEN: emulator.adminToken };
    const run = await inTerminal(["audit", "--env-url", emulator.url, "--page-size", "100", "--fail-on", "seed-token"], env);
    expect(run.code).toBe(2);
    expect(run.terminal).toContain("listing API tokens: 100 read");
    expect(run.terminal).toContain("listing API tokens: 151 read");
    expect(run.terminal).toContain("listing ActiveGate tokens: 3 read");
    expect(run.report).toContain(":x: **Gate failed:** tokens flagged `seed-token`");
    const passed = await inTerminal(["audit", "--env-url", emulator.url, "--fail-on", "disabled", "--quiet"], env);
    expect(passed.code).toBe(0);
  });

  it("shows nothing with --quiet", async () => {
    const run = await inTerminal(["review", "--stack", "prod", "--quiet"]);
    expect(run.code).toBe(0);
    expect(run.terminal).toBe("");
    expect(run.report).toContain("### Dynatrace token review");
  });

  it("shows nothing when CI is set, even on a terminal", async () => {
    const run = await inTerminal(["review", "--stack", "prod"], { CI: "true" });
    expect(run.code).toBe(0);
    expect(run.terminal).toBe("");
  });

  it("shows nothing when stderr is not a terminal", async () => {
    const review = await runCli(["review", "--stack", "prod"], { env: { DT_TOKENS_PULUMI: fakePulumi, CI: "", TERM: "xterm" } });
    expect(review.code).toBe(0);
    expect(review.stderr).toBe("");
    const audit = await runCli(["audit", "--env-url", emulator.url, "--page-size", "100"], { env: { DYNATRACE_API_TOKEN: emulator.adminToken, TERM: "xterm" } });
    expect(audit.code).toBe(0);
    expect(audit.stderr).toBe("");
    expect(audit.stdout).toContain("**151 API tokens and 3 ActiveGate tokens**");
  });

  it("stops quietly when the reader of its output goes away (`dt-tokens … | head`)", async () => {
    const child = spawn(process.execPath, [cliPath(), "review", "--preview-json", fixturePath("preview-create-replace-delete.json")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    // The reader is gone before the CLI writes its report.
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
    expect(stderr).not.toContain("EPIPE");
    expect(stderr).toBe("");
    expect(code).toBe(0);
  });
});
