// `dt-tokens audit` against the emulator, as the built CLI: every page of tokens is read and each token classified.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { findTokens } from "../../cli/scan/findTokens";
import { runCli } from "./helpers/cli";
import { nativeFace } from "./helpers/faces";

const DAY = 24 * 60 * 60 * 1000;

describe("dt-tokens audit", () => {
  let emulator: RunningEmulator;
  let dir: string;
  const ids: Record<string, string> = {};
  const secrets: string[] = [];
  const fillers = 240;

  beforeAll(async () => {
    emulator = await startEmulator({ now: new Date("2026-11-23T12:00:00Z") });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-audit-"));
    const now = emulator.clock.now().getTime();
    const at = (days: number) => new Date(now + days * DAY);
    const seed = (key: string, fields: Parameters<RunningEmulator["seedToken"]>[0]) => {
      const { id, token } = emulator.seedToken(fields);
      ids[key] = id;
      secrets.push(token.split(".")[2] as string);
    };
    for (let i = 0; i < fillers; i++) {
      seed(`filler${i}`, {
        name: `ingest-${String(i).padStart(3, "0")}`,
        scopes: ["metrics.ingest"],
        creationDate: at(-30),
        expirationDate: at(180),
        lastUsedDate: at(-1),
      });
    }
    seed("admin", { name: "ci-admin", scopes: ["apiTokens.write", "metrics.read"], creationDate: at(-400), expirationDate: null, lastUsedDate: at(-200) });
    seed("expiring", { name: "expiring", scopes: ["logs.ingest"], creationDate: at(-80), expirationDate: at(10), lastUsedDate: at(-2) });
    seed("pat", { name: "my pat", scopes: ["settings.write"], personalAccessToken: true, owner: "alice@example.com", creationDate: at(-5), expirationDate: at(20) });
    seed("disabled", { name: "old, \"quoted\"", scopes: ["DataExport"], enabled: false, creationDate: at(-10), expirationDate: at(100), lastUsedDate: at(-3) });
    fs.writeFileSync(
      path.join(dir, "export.json"),
      JSON.stringify({
        version: 3,
        deployment: {
          resources: [
            { urn: "urn:pulumi:prod::app::pulumi:pulumi:Stack::app-prod", type: "pulumi:pulumi:Stack" },
            { urn: "urn:pulumi:prod::app::pulumi-nodejs:dynamic/dynatrace:ApiToken::expiring-token", type: "pulumi-nodejs:dynamic/dynatrace:ApiToken", id: ids.expiring, inputs: { scopes: ["logs.ingest"] } },
            { urn: "urn:pulumi:prod::app::pulumi-nodejs:dynamic/dynatrace:ApiToken::filler", type: "pulumi-nodejs:dynamic/dynatrace:ApiToken", id: ids.filler0, inputs: { scopes: ["metrics.ingest"] } },
          ],
        },
      }),
    );
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  const env = () => ({ DYNATRACE_API_TOKEN: emulator.adminToken });

  it("reads every page and classifies each token", async () => {
    emulator.resetRequests();
    const result = await runCli(
      ["audit", "--env-url", emulator.url, "--stack-export", path.join(dir, "export.json"), "--page-size", "100", "--format", "json"],
      { env: env() },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    // 244 seeded tokens plus the emulator's admin token: three pages of 100.
    expect(emulator.requests().byRoute["GET /api/v2/apiTokens"]).toBe(3);
    const report = JSON.parse(result.stdout);
    expect(report.summary.total).toBe(fillers + 5);
    const byId = new Map<string, { flags: string[]; managed: boolean; resource?: string; riskLevel?: string }>(
      report.tokens.map((t: { id: string }) => [t.id, t]),
    );
    expect(byId.get(ids.admin as string)).toMatchObject({ flags: ["over-privileged", "unmanaged", "never-expires", "unused"], riskLevel: "critical" });
    expect(byId.get(ids.expiring as string)).toMatchObject({ flags: ["expiring"], managed: true, resource: "expiring-token" });
    expect(byId.get(ids.pat as string)).toMatchObject({ flags: ["over-privileged", "unmanaged", "expiring"], personalAccessToken: true });
    expect(byId.get(ids.disabled as string)).toMatchObject({ flags: ["unmanaged", "disabled"] });
    expect(byId.get(ids.filler0 as string)).toMatchObject({ flags: [], managed: true });
    expect(byId.get(ids.filler1 as string)).toMatchObject({ flags: ["unmanaged"] });
    // The most flagged token comes first.
    expect(report.tokens[0].id).toBe(ids.admin);
    expect(report.summary.byFlag).toMatchObject({ "over-privileged": 3, expiring: 2, unused: 1, disabled: 1, "unmanaged": fillers + 5 - 2 });
  });

  // Issue 20, item 3: the resources of the native provider (`dynatrace-tokens:index:*`) manage their tokens too.
  it("counts the tokens of a native provider's stack as managed", async () => {
    const exported = JSON.parse(fs.readFileSync(path.join(dir, "export.json"), "utf8"));
    fs.writeFileSync(path.join(dir, "native.json"), JSON.stringify(nativeFace(exported)));
    const result = await runCli(["audit", "--env-url", emulator.url, "--stack-export", path.join(dir, "native.json"), "--format", "json"], { env: env() });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    const managed = report.tokens.filter((t: { managed: boolean }) => t.managed).map((t: { id: string; resource: string }) => [t.id, t.resource]);
    expect(managed.sort()).toEqual([[ids.expiring, "expiring-token"], [ids.filler0, "filler"]].sort());
  });

  it("honours --unused-days and --expiring-days", async () => {
    const result = await runCli(["audit", "--env-url", emulator.url, "--unused-days", "1", "--expiring-days", "15", "--format", "json"], { env: env() });
    const report = JSON.parse(result.stdout);
    expect(report.comparedWithStack).toBe(false);
    const pat = report.tokens.find((t: { id: string }) => t.id === ids.pat);
    expect(pat.flags).toEqual(["over-privileged", "unused"]);
    expect(pat).not.toHaveProperty("managed");
    const expiring = report.tokens.find((t: { id: string }) => t.id === ids.expiring);
    expect(expiring.flags).toEqual(["expiring", "unused"]);
  });

  it("writes Markdown and CSV without any token secret", async () => {
    const markdown = await runCli(["audit", "--env-url", emulator.url, "--stack-export", path.join(dir, "export.json")], { env: env() });
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain(`**${fillers + 5} API tokens and 0 ActiveGate tokens** in ${emulator.url}; ${fillers + 5 - 1} flagged:`);
    expect(markdown.stdout).toContain(`| ci-admin<br>\`${ids.admin}\` |`);
    const csv = await runCli(["audit", "--env-url", emulator.url, "--format", "csv"], { env: env() });
    const lines = csv.stdout.split("\r\n");
    expect(lines[0]).toBe(
      "id,name,owner,enabled,personalAccessToken,managed,resource,creationDate,lastUsedDate,expirationDate,riskLevel,riskLabels,scopes,flags,kind,seedToken,activeGateType",
    );
    expect(lines.find((l) => l.startsWith(ids.disabled as string))).toContain(`,"old, ""quoted""",`);
    for (const output of [markdown.stdout, csv.stdout]) {
      expect(findTokens(output)).toEqual([]);
      for (const secret of secrets) expect(output).not.toContain(secret);
    }
  });

  it("takes the API token from the environment only, and exits 3 without it", async () => {
    const missing = await runCli(["audit", "--env-url", emulator.url, "--api-token-env", "DT_AUDIT_TOKEN"], { env: { DYNATRACE_API_TOKEN: "" } });
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain("set DT_AUDIT_TOKEN to a token with the apiTokens.read scope");
    const named = await runCli(["audit", "--env-url", emulator.url, "--api-token-env", "DT_AUDIT_TOKEN", "--format", "json"], {
      env: { DT_AUDIT_TOKEN: emulator.adminToken },
    });
    expect(named.code).toBe(0);
    expect(await runCli(["audit", "--env-url", emulator.url, "--api-token", "x"], { env: env() })).toMatchObject({ code: 3 });
  });

  // Issue 10: the CLI sent the API token in clear text to any http:// host. Every command that calls the API (audit,
  // recover) takes the provider's rule.
  it.each([
    ["audit", "--env-url", "http://abc12345.live.dynatrace.com"],
    ["audit", "--env-url", "http://10.0.0.5:8080"],
    ["audit", "--env-url", "http://emulator.localhost:8080"],
    ["audit", "DYNATRACE_ENV_URL", "http://abc12345.live.dynatrace.com"],
    ["recover", "--env-url", "http://abc12345.live.dynatrace.com"],
    ["recover", "DYNATRACE_ENV_URL", "http://10.0.0.5:8080"],
  ])("%s refuses plain http to a non-loopback host given by %s (%s) before sending anything", async (command, source, url) => {
    emulator.resetRequests();
    const args = source === "--env-url" ? [command, "--env-url", url] : [command];
    const result = await runCli(args, { env: { ...env(), DYNATRACE_ENV_URL: source === "--env-url" ? emulator.url : url } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(`${source} "${url}" must use https: plain http would send the API token in clear text`);
    expect(result.stderr).toContain("e.g. --env-url https://abc12345.live.dynatrace.com");
    expect(result.stderr).not.toContain(emulator.adminToken.split(".")[2]);
    expect(emulator.requests().total).toBe(0);
  });

  it("exits 3 with the API's answer, redacted, when the token is refused", async () => {
    const result = await runCli(["audit", "--env-url", emulator.url], { env: { DYNATRACE_API_TOKEN: `dt0c01.${"A".repeat(24)}.${"B".repeat(64)}` } });
    expect(result.code).toBe(3);
    expect(result.stderr).toMatch(/^dt-tokens: [A-Z_]+: /);
    expect(result.stderr).not.toContain("B".repeat(64));
  });
});

// Issue 12, item 2: ActiveGate tokens are audited too, on what Dynatrace itself watches for them (seed 002).
describe("dt-tokens audit of ActiveGate tokens", () => {
  let emulator: RunningEmulator;
  let dir: string;
  const ids: Record<string, string> = {};
  const fillers = 101;

  beforeAll(async () => {
    emulator = await startEmulator({ now: new Date("2026-11-23T12:00:00Z") });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-audit-ag-"));
    const now = emulator.clock.now().getTime();
    const at = (days: number) => new Date(now + days * DAY);
    const seed = (key: string, fields: Parameters<RunningEmulator["seedToken"]>[0]) => {
      ids[key] = emulator.seedToken({ kind: "activeGate", activeGateType: "ENVIRONMENT", seedToken: false, ...fields }).id;
    };
    for (let i = 0; i < fillers; i++) seed(`filler${i}`, { name: `gw-${i}`, creationDate: at(-10), expirationDate: at(300), lastUsedDate: at(-1) });
    // 29 days, not the 30-day edge: the audit's "now" is the server's Date header, whole seconds behind the clock that
    // seeded the token, so an expiry of exactly now+30d reads as 30 days and up to a second (seen failing in CI).
    seed("expiring", { name: "gw-expiring", creationDate: at(-170), expirationDate: at(29), lastUsedDate: at(-1) });
    seed("seed", { name: "system:installer", seedToken: true, creationDate: at(-5), expirationDate: null, lastUsedDate: at(-2) });
    seed("cleanup", { name: "gw-forgotten", creationDate: at(-800), expirationDate: at(300), lastUsedDate: at(-(730 - 20)) });
    seed("neverUsed", { name: "gw-never-used", activeGateType: "CLUSTER", creationDate: at(-725), expirationDate: at(5) });
    seed("expired", { name: "gw-expired", creationDate: at(-100), expirationDate: at(-2), lastUsedDate: at(-3) });
    fs.writeFileSync(
      path.join(dir, "export.json"),
      JSON.stringify({
        version: 3,
        deployment: {
          resources: [
            { urn: "urn:pulumi:prod::app::pulumi-nodejs:dynamic/dynatrace:ActiveGateToken::edge", type: "pulumi-nodejs:dynamic/dynatrace:ActiveGateToken", id: ids.expiring, inputs: {} },
          ],
        },
      }),
    );
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  const env = () => ({ DYNATRACE_API_TOKEN: emulator.adminToken });
  const audit = (...args: string[]) => runCli(["audit", "--env-url", emulator.url, ...args], { env: env() });

  it("reads every page and flags expiry, seed tokens and Dynatrace's cleanup of unused tokens", async () => {
    emulator.resetRequests();
    const result = await audit("--stack-export", path.join(dir, "export.json"), "--page-size", "100", "--format", "json");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(emulator.requests().byRoute["GET /api/v2/activeGateTokens"]).toBe(2);
    const report = JSON.parse(result.stdout);
    expect(report.summary).toMatchObject({ apiTokens: 1, activeGateTokens: fillers + 5, total: fillers + 6 });
    const byId = new Map<string, Record<string, unknown>>(report.tokens.map((t: { id: string }) => [t.id, t]));
    expect(byId.get(ids.expiring as string)).toMatchObject({ kind: "ActiveGate token", flags: ["expiring"], managed: true, resource: "edge", seedToken: false, activeGateType: "ENVIRONMENT" });
    expect(byId.get(ids.seed as string)).toMatchObject({ flags: ["unmanaged", "never-expires", "seed-token"], seedToken: true });
    expect(byId.get(ids.cleanup as string)).toMatchObject({ flags: ["unmanaged", "cleanup-due", "unused"] });
    expect(byId.get(ids.neverUsed as string)).toMatchObject({ flags: ["unmanaged", "expiring", "cleanup-due", "unused"], activeGateType: "CLUSTER" });
    expect(byId.get(ids.expired as string)).toMatchObject({ flags: ["unmanaged", "expired"] });
    expect(byId.get(ids.filler0 as string)).toMatchObject({ flags: ["unmanaged"], scopes: [], riskLabels: [] });
    expect(byId.get(ids.filler0 as string)).not.toHaveProperty("enabled");
    // API tokens first, then ActiveGate tokens, each with the most flagged first.
    expect(report.tokens[0].kind).toBe("API token");
    expect(report.tokens.slice(1, 4).map((t: { id: string }) => t.id)).toEqual([ids.seed, ids.expired, ids.neverUsed]);
  });

  it("shows them in their own Markdown table and in the CSV", async () => {
    const markdown = await audit("--stack-export", path.join(dir, "export.json"));
    expect(markdown.stdout).toContain(`**1 API token and ${fillers + 5} ActiveGate tokens**`);
    expect(markdown.stdout).toContain("#### ActiveGate tokens\n\n| Token | Owner | Managed | Type | Last used | Expires | Flags |");
    expect(markdown.stdout).toContain(`| system:installer<br>\`${ids.seed}\` | admin@emulator.local | **no** | ENVIRONMENT<br>seed token | 2026-11-21 | **never** | unmanaged, never-expires, seed-token |`);
    const csv = await audit("--format", "csv");
    const seedLine = csv.stdout.split("\r\n").find((l) => l.startsWith(ids.seed as string));
    expect(seedLine).toMatch(/,never-expires seed-token,ActiveGate token,true,ENVIRONMENT$/);
  });

  it("is a CI gate with --fail-on: exit 2 when a token has one of the flags, 0 when none has", async () => {
    const failed = await audit("--fail-on", "cleanup-due,disabled");
    expect(failed.code).toBe(2);
    expect(failed.stdout).toContain(":x: **Gate failed:** tokens flagged `cleanup-due` (the gate fails on `cleanup-due`, `disabled`).");
    const json = await audit("--fail-on", "seed-token", "--format", "json");
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({ gate: "failed", failOn: ["seed-token"], failedOn: ["seed-token"] });
    const passed = await audit("--fail-on", "disabled");
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain(":white_check_mark: Gate passed: no token flagged `disabled`.");
    expect((await audit("--format", "json")).code).toBe(0);
  });

  it("refuses a --fail-on it can't check, naming the value and the fix", async () => {
    const typo = await audit("--fail-on", "expired,unmanagd");
    expect(typo.code).toBe(3);
    expect(typo.stderr).toContain('--fail-on "unmanagd" is not an audit flag: give one or more of over-privileged, unmanaged,');
    const noStack = await audit("--fail-on", "unmanaged");
    expect(noStack.code).toBe(3);
    expect(noStack.stderr).toContain("--fail-on unmanaged needs a stack to compare with: give --stack (with --cwd) or --stack-export");
  });

  it("audits API tokens and says so when the token may not read ActiveGate tokens", async () => {
    const { token } = emulator.seedToken({ name: "auditor", scopes: ["apiTokens.read"] });
    const result = await runCli(["audit", "--env-url", emulator.url], { env: { DYNATRACE_API_TOKEN: token } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("**2 API tokens** in");
    expect(result.stdout).toContain("_Not audited: ActiveGate tokens: ");
    expect(result.stdout).toContain("activeGateTokenManagement.read");
  });
});
