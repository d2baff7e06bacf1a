// `npm run demo`: runs the root Pulumi stack (examples/demo) against the local emulator, with no
// Dynatrace account. State lives in .pulumi-demo/ (git-ignored), so a second run shows what an
// unchanged stack looks like, and tokens edited through the emulator between runs show as drift.
//
//   npm run demo                 create or update the demo tokens
//   npm run demo -- --refresh    refresh first, to see drift
//   npm run demo -- --destroy    delete the demo tokens
//
// The commands work in any order: Pulumi records the stack config (the emulator's URL among it) in the state and
// refresh/destroy use that copy, so each run starts the emulator on the port the stack already names.
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { parseArgs } from "node:util";
import { startEmulator, type RunningEmulator } from "../emulator";
import { CONFIG_KEYS, LEGACY_CONFIG_KEYS } from "../provider/config";

const root = path.resolve(__dirname, "..");
// Overridable so the test of this script doesn't touch a developer's own demo.
const demoDir = process.env.PULUMI_DT_DEMO_DIR ?? path.join(root, ".pulumi-demo");
const pulumi = path.join(root, ".tools", "pulumi", "bin", "pulumi");
const stack = process.env.PULUMI_DT_DEMO_STACK ?? "demo";

const { values: flags } = parseArgs({
  options: { refresh: { type: "boolean", default: false }, destroy: { type: "boolean", default: false } },
});

async function main(): Promise<number> {
  fs.mkdirSync(path.join(demoDir, "backend"), { recursive: true });
  fs.mkdirSync(path.join(demoDir, "home"), { recursive: true });
  const adminTokenFile = path.join(demoDir, "emulator-admin-token");
  const adminToken = fs.existsSync(adminTokenFile) ? fs.readFileSync(adminTokenFile, "utf8").trim() : undefined;

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${path.dirname(pulumi)}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${path.join(demoDir, "backend")}`,
    PULUMI_HOME: path.join(demoDir, "home"),
    // The demo's state is throwaway, so its passphrase is no secret.
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? "demo",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  delete env.DYNATRACE_ENV_URL;
  delete env.DYNATRACE_API_TOKEN;

  // Asynchronous on purpose: the emulator answers from this process's event loop, which a
  // synchronous spawn would block.
  const run = (args: string[], opts: { quiet?: boolean; input?: string; allowFailure?: boolean } = {}) =>
    new Promise<string>((resolve, reject) => {
      const child = spawn(pulumi, [...args, "--non-interactive"], {
        cwd: root,
        env,
        stdio: ["pipe", opts.quiet ? "pipe" : "inherit", opts.quiet ? "pipe" : "inherit"],
      });
      let output = "";
      let stdout = "";
      child.stdout?.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        stdout += chunk.toString();
      });
      child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stdin?.end(opts.input ?? "");
      child.on("error", reject);
      child.on("close", (code) => {
        if (code === 0 || opts.allowFailure) return resolve(code === 0 ? stdout : "");
        if (opts.quiet) process.stderr.write(output);
        reject(new Error(`pulumi ${args[0]} failed (exit ${code})`));
      });
    });

  await run(["stack", "select", stack, "--create"], { quiet: true });
  // The port the stack already uses (0 = any, for a new stack); earlier demos set the 0.1.0 key.
  const recordedUrl =
    (await run(["config", "get", CONFIG_KEYS.envUrl], { quiet: true, allowFailure: true })).trim() ||
    (await run(["config", "get", LEGACY_CONFIG_KEYS.envUrl], { quiet: true, allowFailure: true })).trim();
  const port = recordedUrl ? Number(new URL(recordedUrl).port) : 0;
  let emulator: RunningEmulator;
  try {
    emulator = await startEmulator({ port, adminToken, statePath: path.join(demoDir, "emulator-state.json") });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE") throw error;
    throw new Error(
      `The demo stack's emulator port ${port} (${recordedUrl}, kept in the stack's state) is in use — is another ` +
        `\`npm run demo\` running? Stop what uses it and run the demo again, or start over with \`rm -rf ${path.relative(process.cwd(), demoDir) || demoDir}\`.`,
    );
  }
  fs.writeFileSync(adminTokenFile, emulator.adminToken, { mode: 0o600 });
  console.log(`Dynatrace emulator running at ${emulator.url}`);

  try {
    await run(["config", "set", CONFIG_KEYS.envUrl, emulator.url], { quiet: true });
    // Read from stdin so the token never appears in a process list.
    await run(["config", "set", "--secret", CONFIG_KEYS.apiToken], { quiet: true, input: emulator.adminToken });
    for (const key of [LEGACY_CONFIG_KEYS.envUrl, LEGACY_CONFIG_KEYS.apiToken]) {
      await run(["config", "rm", key], { quiet: true, allowFailure: true });
    }

    if (flags.destroy) {
      await run(["destroy", "--yes", "--skip-preview"]);
      return 0;
    }
    await run(["up", "--yes", "--skip-preview", ...(flags.refresh ? ["--refresh"] : [])]);

    console.log("\nTokens in the emulated environment (identifiers only; the secrets are Pulumi secrets):");
    const get = async <T>(path: string): Promise<T> => {
      const response = await fetch(`${emulator.url}/api${path}`, {
        headers: { Authorization: `Api-Token ${emulator.adminToken}` },
      });
      return (await response.json()) as T;
    };
    const { apiTokens } = await get<{
      apiTokens: Array<{ id: string; name: string; scopes?: string[]; expirationDate?: string }>;
    }>("/v2/apiTokens?fields=%2Bscopes,%2BexpirationDate");
    for (const token of apiTokens.filter((t) => !emulator.adminToken.startsWith(`${t.id}.`))) {
      console.log(`  ${token.id}  ${token.name.padEnd(24)} expires ${token.expirationDate ?? "never"}  ${(token.scopes ?? []).join(", ")}`);
    }
    const { activeGateTokens } = await get<{
      activeGateTokens: Array<{ id: string; name: string; expirationDate?: string; activeGateType?: string }>;
    }>("/v2/activeGateTokens");
    for (const token of activeGateTokens) {
      console.log(`  ${token.id.padEnd(31)}  ${token.name.padEnd(24)} expires ${token.expirationDate ?? "never"}  ActiveGate (${token.activeGateType ?? "?"})`);
    }
    console.log(`\nRead a secret with: PULUMI_CONFIG_PASSPHRASE=demo PULUMI_BACKEND_URL=file://${path.join(demoDir, "backend")} \\`);
    console.log(`  .tools/pulumi/bin/pulumi stack output ingestToken --show-secrets`);
    return 0;
  } finally {
    await emulator.close();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
