// Issue 12, items 2 and 4, on the real Pulumi CLI: `dt-tokens audit` covers the ActiveGate tokens of an environment
// (every page, managed and unmanaged against a real stack, every format), and `dt-tokens drift` keeps answering after
// the provider's credential was rotated and the old one revoked before any `pulumi up` — or says exactly what to run.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { findTokens } from "../../cli/scan/findTokens";
import { CONFIG_KEYS } from "../../provider/config";
import { runCli, type CliRun } from "../cli/helpers/cli";
import { adminRequest, newCredential, revokeCredential, TokensStack, type TokenSpec } from "./tokensSupport";

const DAY = 24 * 60 * 60 * 1000;

const SPECS: TokenSpec[] = [
  { resource: "ci", kind: "api", name: "ci", scopes: ["metrics.read"], expirationDate: "now+90d" },
  { resource: "edge", kind: "activeGate", name: "edge", activeGateType: "ENVIRONMENT", expirationDate: "now+90d" },
  { resource: "installer", kind: "activeGate", name: "installer", activeGateType: "ENVIRONMENT", seedToken: true, expirationDate: "now+1y" },
];

describe("dt-tokens against an environment and a real stack", () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let credential: string;
  const credentials: string[] = [];
  const unmanaged = 120;

  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await TokensStack.create(emulator, { credentials: false });
    credential = await newCredential(emulator, "provider-credential-1");
    credentials.push(credential);
    await stack.project.setConfig(CONFIG_KEYS.envUrl, emulator.url);
    await stack.project.setConfig(CONFIG_KEYS.apiToken, { secret: credential });
    await stack.setSpecs(SPECS);
    await stack.project.up();
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  /** dt-tokens with the project's Pulumi environment (backend, passphrase, the built `pulumi` on PATH). */
  function dtTokens(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
    return runCli(args, { cwd: stack.project.dir, env: { ...stack.project.commandEnv(), ...env } });
  }

  function expectNoSecrets(run: CliRun, secrets: readonly string[]): void {
    expect(findTokens(run.stdout + run.stderr)).toEqual([]);
    for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret.split(".")[2]);
  }

  it("audits the ActiveGate tokens over every page, managed and unmanaged against the stack, in every format", async () => {
    const now = emulator.clock.now().getTime();
    const at = (days: number) => new Date(now + days * DAY);
    const seeded: Record<string, string> = {};
    for (let i = 0; i < unmanaged; i++) {
      const fields =
        i === 0 ? { name: "forgotten", creationDate: at(-800), lastUsedDate: at(-(730 - 10)), expirationDate: at(200) }
        : i === 1 ? { name: "expiring", creationDate: at(-300), lastUsedDate: at(-1), expirationDate: at(12) }
        : { name: `gw-${i}`, creationDate: at(-20), lastUsedDate: at(-1), expirationDate: at(300) };
      seeded[fields.name] = emulator.seedToken({ kind: "activeGate", activeGateType: "ENVIRONMENT", seedToken: false, ...fields }).id;
    }
    const ids = await stack.ids();
    const auditor = { DYNATRACE_API_TOKEN: emulator.adminToken };

    emulator.resetRequests();
    const audit = await dtTokens(["audit", "--env-url", emulator.url, "--cwd", stack.project.dir, "--page-size", "100", "--format", "json"], auditor);
    expect(audit.stderr).toBe("");
    expect(audit.code).toBe(0);
    // 122 ActiveGate tokens in pages of 100.
    expect(emulator.requests().byRoute["GET /api/v2/activeGateTokens"]).toBe(2);
    const report = JSON.parse(audit.stdout);
    expect(report.comparedWithStack).toBe(true);
    expect(report.summary).toMatchObject({ activeGateTokens: unmanaged + 2 });
    const activeGate = report.tokens.filter((t: { kind: string }) => t.kind === "ActiveGate token");
    expect(activeGate).toHaveLength(unmanaged + 2);
    const byId = new Map<string, { managed: boolean; resource?: string; flags: string[]; seedToken?: boolean }>(activeGate.map((t: { id: string }) => [t.id, t]));
    expect(byId.get(ids.edge as string)).toMatchObject({ managed: true, resource: "edge", flags: [], seedToken: false });
    expect(byId.get(ids.installer as string)).toMatchObject({ managed: true, resource: "installer", flags: ["seed-token"], seedToken: true });
    expect(byId.get(seeded.forgotten as string)).toMatchObject({ managed: false, flags: ["unmanaged", "cleanup-due", "unused"] });
    expect(byId.get(seeded.expiring as string)).toMatchObject({ managed: false, flags: ["unmanaged", "expiring"] });
    expect(activeGate.filter((t: { managed: boolean }) => !t.managed)).toHaveLength(unmanaged);
    // The stack's API token is managed too; the credentials and the admin token are not.
    expect(report.tokens.find((t: { id: string }) => t.id === ids.ci)).toMatchObject({ kind: "API token", managed: true, resource: "ci" });

    const markdown = await dtTokens(["audit", "--env-url", emulator.url, "--cwd", stack.project.dir], auditor);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain(`ActiveGate tokens** in ${emulator.url}`);
    expect(markdown.stdout).toContain("#### ActiveGate tokens");
    // The name as Dynatrace has it, with the provider's create marker; the managed column names the resource.
    expect(markdown.stdout).toMatch(new RegExp(`\\| installer ⟨pulumi [^⟩]+⟩<br>\`${ids.installer}\` \\| [^|]+ \\| \`installer\` \\| ENVIRONMENT<br>seed token \\|`));
    const csv = await dtTokens(["audit", "--env-url", emulator.url, "--cwd", stack.project.dir, "--format", "csv"], auditor);
    expect(csv.stdout.split("\r\n").filter((line) => line.includes(",ActiveGate token,"))).toHaveLength(unmanaged + 2);

    const gate = await dtTokens(["audit", "--env-url", emulator.url, "--cwd", stack.project.dir, "--fail-on", "unmanaged,cleanup-due"], auditor);
    expect(gate.code).toBe(2);
    expect(gate.stdout).toContain(":x: **Gate failed:** tokens flagged `unmanaged`, `cleanup-due`");
    for (const run of [audit, markdown, csv, gate]) expectNoSecrets(run, [credential]);
  });

  it("reports drift after the provider's credential was rotated and the old one revoked, or says what to run", async () => {
    const second = await newCredential(emulator, "provider-credential-2");
    credentials.push(second);
    await stack.project.setConfig(CONFIG_KEYS.apiToken, { secret: second });
    await revokeCredential(emulator, credential);
    // The premise: the refresh preview uses the credential the state recorded at the last `pulumi up`, now revoked.
    const stale = await stack.project.pulumi(["preview", "--refresh", "--json", "--show-sames"], { allowFailure: true });
    expect(stale.code).not.toBe(0);
    expect(stale.stdout).toContain(`rejected the API token from stack config ${CONFIG_KEYS.apiToken} (401)`);

    const clean = await dtTokens(["drift", "--cwd", stack.project.dir, "--format", "json"]);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ checked: 3, drifted: [], staleCredential: { configKey: CONFIG_KEYS.apiToken } });

    // Drift made by hand is seen through the current credential.
    const ids = await stack.ids();
    expect((await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${ids.ci}`, { scopes: ["metrics.read", "settings.write"] })).status).toBe(204);
    expect((await adminRequest(emulator, "DELETE", `/api/v2/activeGateTokens/${ids.edge}`)).status).toBe(204);
    const drift = await dtTokens(["drift", "--cwd", stack.project.dir, "--format", "json"]);
    expect(drift.code, drift.stderr).toBe(2);
    const report = JSON.parse(drift.stdout);
    expect(report.drifted.map((d: { resource: string; changes: { kind: string }[] }) => [d.resource, d.changes.map((c) => c.kind)])).toEqual([
      ["ci", ["scopes-widened"]],
      ["edge", ["deleted"]],
    ]);
    const markdown = await dtTokens(["drift", "--cwd", stack.project.dir]);
    expect(markdown.code).toBe(2);
    expect(markdown.stdout).toContain(`(stack config \`${CONFIG_KEYS.apiToken}\`), so drift read Dynatrace with the current stack config`);

    // A saved preview that failed on the revoked credential is not "no drift": exit 3 and how to save one that works.
    const saved = path.join(stack.project.dir, "drift.json");
    fs.writeFileSync(saved, (await stack.project.pulumi(["preview", "--refresh", "--json", "--show-sames"], { allowFailure: true })).stdout);
    const fromFile = await dtTokens(["drift", "--preview-json", saved]);
    expect(fromFile.code).toBe(3);
    expect(fromFile.stderr).toContain("`pulumi preview --refresh --run-program --json --show-sames > drift.json`");

    // Both the recorded and the current credential revoked: exit 3 with the exact commands.
    await revokeCredential(emulator, second);
    const rejected = await dtTokens(["drift", "--cwd", stack.project.dir]);
    expect(rejected.code).toBe(3);
    expect(rejected.stdout).toBe("");
    expect(rejected.stderr).toContain(`Dynatrace rejects the API token of stack config ${CONFIG_KEYS.apiToken} (401), both the copy the stack's state recorded`);
    expect(rejected.stderr).toContain(`\n  pulumi config set --secret ${CONFIG_KEYS.apiToken} <token> --cwd ${stack.project.dir}\n  dt-tokens drift --cwd ${stack.project.dir}\n`);

    // Following them works: a new credential in the stack config, and drift answers again.
    const third = await newCredential(emulator, "provider-credential-3");
    credentials.push(third);
    await stack.project.setConfig(CONFIG_KEYS.apiToken, { secret: third });
    const again = await dtTokens(["drift", "--cwd", stack.project.dir, "--format", "json"]);
    expect(again.code, again.stderr).toBe(2);
    for (const run of [clean, drift, markdown, fromFile, rejected, again]) expectNoSecrets(run, credentials);
  });
});
