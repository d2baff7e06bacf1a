// Issue 20, item 1: `dt-tokens audit --import-file/--adopt-code` against the emulator, as the built CLI — 120
// hand-made tokens, a stack that already manages one and uses a name one of them would take, the credential left out,
// every flag's refusal in one sentence, and not one write at the emulator.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importFileSchema } from "../../cli/onboard/importFile";
import { findTokens } from "../../cli/scan/findTokens";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { markedName, newMarker } from "../../provider/client/createMarker";
import { handMadeTokens } from "../harness/handMadeTokens";
import { runCli } from "./helpers/cli";
import { nativeFace } from "./helpers/faces";
import { writesSince } from "../e2e/tokensSupport";

describe("dt-tokens audit --import-file and --adopt-code", () => {
  let emulator: RunningEmulator;
  let dir: string;
  const secrets: string[] = [];
  const ids: string[] = [];
  let managedId: string;
  let markedId: string;
  let collidingId: string;

  beforeAll(async () => {
    emulator = await startEmulator({ now: new Date("2026-12-06T12:00:00Z") });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-onboard-"));
    for (const t of handMadeTokens(emulator.clock.now())) {
      const { id, token } = emulator.seedToken(t.fields);
      ids.push(id);
      secrets.push(token.split(".")[2]!);
    }
    managedId = emulator.seedToken({ name: "managed already", scopes: ["metrics.read"] }).id;
    markedId = emulator.seedToken({ name: markedName("other stack's", newMarker("abcdefgh")), scopes: ["metrics.read"] }).id;
    collidingId = emulator.seedToken({ name: "Billing export", scopes: ["DataExport"] }).id;
    const resource = (type: string, name: string, id?: string) => ({ urn: `urn:pulumi:prod::app::${type}::${name}`, type, ...(id ? { id } : {}) });
    fs.writeFileSync(
      path.join(dir, "export.json"),
      JSON.stringify({
        version: 3,
        deployment: {
          resources: [
            resource("pulumi:pulumi:Stack", "app-prod"),
            resource("pulumi-nodejs:dynamic/dynatrace:ApiToken", "managed", managedId),
            // A resource of another kind that happens to have the name "Billing export" would take.
            resource("random:index/randomPet:RandomPet", "billing-export", "pet"),
          ],
        },
      }),
    );
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  const audit = (...args: string[]) =>
    runCli(["audit", "--env-url", emulator.url, "--stack-export", path.join(dir, "export.json"), ...args], { cwd: dir, env: { DYNATRACE_API_TOKEN: emulator.adminToken } });

  function expectNoSecret(text: string): void {
    expect(findTokens(text)).toEqual([]);
    for (const secret of secrets) expect(text).not.toContain(secret);
    expect(text).not.toContain(emulator.adminToken.split(".")[2]);
  }

  it("writes the import file for every unmanaged token, leaves out the credential and other stacks' tokens, and writes nothing to Dynatrace", async () => {
    emulator.resetRequests();
    const result = await audit("--import-file", "tokens.json", "--page-size", "100");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(writesSince(emulator)).toEqual([]);

    const file = importFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, "tokens.json"), "utf8")));
    const imported = new Map(file.resources.map((r) => [r.id, r]));
    expect(file.resources).toHaveLength(121);
    for (const id of [...ids, collidingId]) expect(imported.has(id), id).toBe(true);
    for (const id of [managedId, markedId]) expect(imported.has(id), id).toBe(false);
    expect(new Set(file.resources.map((r) => r.name)).size).toBe(121);
    // The stack's `billing-export` keeps its name; the token takes its slug with a short id.
    expect(imported.get(collidingId)?.name).toBe(`billing-export-${collidingId.slice(7, 15).toLowerCase()}`);
    expect(file.resources.filter((r) => r.type === "dynatrace-tokens:index:ActiveGateToken")).toHaveLength(30);

    expect(result.stdout).toContain("#### Import file");
    expect(result.stdout).toContain(`written to \`${path.join(dir, "tokens.json")}\``);
    expect(result.stdout).toContain("**121 tokens** of 123 unmanaged tokens written to");
    expect(result.stdout).toContain("(73 `ApiToken`, 10 `PersonalAccessToken`, 8 `PaasToken`, 30 `ActiveGateToken`)");
    expect(result.stdout).toContain("Left out: 1 made by another Pulumi stack (`--include-marked` brings them in); 1 the token dt-tokens ran with.");
    expect(result.stdout).toContain(`\`${markedId}\`: created by the stack tagged \`abcdefgh\``);
    expectNoSecret(result.stdout);
  });

  it("names the tokens the same on every run", async () => {
    const first = await audit("--import-file", "-");
    const second = await audit("--import-file", "-", "--page-size", "100");
    expect(first.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const names = importFileSchema.parse(JSON.parse(first.stdout)).resources.map((r) => r.name);
    expect(names.filter((n) => n.startsWith("naive-cafe"))).toEqual(expect.arrayContaining([expect.stringMatching(/^naive-cafe(-[a-z2-7]{8})?$/)]));
  });

  it("selects with --kind, --name, --exclude-expired and --exclude-disabled", async () => {
    const activeGate = importFileSchema.parse(JSON.parse((await audit("--import-file", "-", "--kind", "activegate")).stdout));
    expect(activeGate.resources).toHaveLength(30);
    const some = await audit("--import-file", "-", "--kind", "api,paas", "--kind", "personal", "--name", "gate*", "--name", "/^ci[- ]ingest$/i");
    const expected = handMadeTokens(emulator.clock.now()).filter((t) => t.resourceClass !== "ActiveGateToken" && /^gate|^ci[- ]ingest$/i.test(t.fields.name ?? ""));
    expect(expected.length).toBeGreaterThan(2);
    const chosen = importFileSchema.parse(JSON.parse(some.stdout)).resources;
    expect(chosen).toHaveLength(expected.length);
    for (const r of chosen) expect(r.name).toMatch(/^ci-ingest-[a-z2-7]{8}$/);
    const live = handMadeTokens(emulator.clock.now()).filter((t) => !t.expired && !t.disabled).length;
    const liveOnly = importFileSchema.parse(JSON.parse((await audit("--import-file", "-", "--exclude-expired", "--exclude-disabled")).stdout));
    expect(liveOnly.resources).toHaveLength(live + 1);
  });

  it("prints TypeScript with adopt: { id } for the dynamic classes, and the program for after pulumi import for the native ones", async () => {
    const dynamic = await audit("--adopt-code", "--kind", "paas");
    expect(dynamic.code).toBe(0);
    expect(dynamic.stdout).toContain('import * as dt from "pulumi-dynatrace-tokens";');
    expect(dynamic.stdout).toMatch(/new dt\.PaasToken\("heroku", \{\n {2}name: "Heroku",\n {2}supportAlert: true,\n( {2}expirationDate: "[^"]+",\n)? {2}adopt: \{ id: "dt0c01\.[A-Z0-9]{24}" \},\n\}, \{ protect: true \}\);/);
    const native = await audit("--adopt-code", "native", "--kind", "activegate", "--import-file", "ag.json");
    expect(importFileSchema.parse(JSON.parse(fs.readFileSync(path.join(dir, "ag.json"), "utf8"))).resources).toHaveLength(30);
    expect(native.stdout).toContain('import * as dt from "pulumi-dynatrace-tokens/native";');
    expect(native.stdout.match(/^new dt\.ActiveGateToken\(/gm)).toHaveLength(30);
    expect(native.stdout).not.toContain("adopt:");
    expect(native.stdout).toContain("  seedToken: true,");
    expectNoSecret(dynamic.stdout + native.stdout);
  });

  it("works the same against a stack of the native provider", async () => {
    fs.writeFileSync(path.join(dir, "native.json"), JSON.stringify(nativeFace(JSON.parse(fs.readFileSync(path.join(dir, "export.json"), "utf8")))));
    const native = await runCli(["audit", "--env-url", emulator.url, "--stack-export", path.join(dir, "native.json"), "--import-file", "-"], {
      env: { DYNATRACE_API_TOKEN: emulator.adminToken },
    });
    expect(native.stdout).toBe((await audit("--import-file", "-")).stdout);
  });

  it.each([
    [["--kind", "api"], "--kind chooses the tokens for --import-file or --adopt-code; give one of them"],
    [["--import-file", "-", "--kind", "apis"], '--kind "apis" is not a token kind: give api, personal, paas or activegate'],
    [["--import-file", "-", "--name", "/(/"], '--name "/(/" is not a valid regular expression'],
    [["--import-file", "-", "--exclude-name", "[abc"], '--exclude-name "[abc" is not a valid glob'],
    [["--adopt-code", "python"], '--adopt-code "python" is not a face: give dynamic'],
    [["--adopt-code", "--import-file", "-"], "--import-file - and --adopt-code both print to stdout"],
    [["--import-file", "-", "--environment", "eu"], "--environment only applies to --adopt-code"],
  ])("refuses %j in one sentence, before any request", async (args, message) => {
    emulator.resetRequests();
    const result = await audit(...args);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain(message);
    expect(result.stderr.trim().split("\n")).toHaveLength(1);
    expect(emulator.requests().total).toBe(0);
  });

  it("needs a stack to compare with", async () => {
    const result = await runCli(["audit", "--env-url", emulator.url, "--import-file", "x.json"], { env: { DYNATRACE_API_TOKEN: emulator.adminToken } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("--import-file brings in the tokens a stack doesn't manage yet: name the stack with --stack (and --cwd) or --stack-export");
  });
});
