// Issue 4, adoption: tokens made outside Pulumi are taken over by id and by value (the secret as secret stack
// config) without creating a token — name and scopes applied with one PUT each — and the adopted secret never
// shows in any output or in the exported state. Issue 12: an ActiveGate token is adopted by id the same way (one
// GET, no POST), and what Pulumi can't do with these resources — the `import` option, properties a class doesn't
// have — fails the preview with one sentence and no API call.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { getApiToken, listActiveGateTokens, listApiTokens, requestLog, TokensStack, type TokenSpec } from "./tokensSupport";

/** A line of a JavaScript stack trace, as Node prints it. */
const STACK_FRAME = /\n\s+at \S.*:\d+:\d+\)?/;

describe("token resources on the real CLI: adopting existing tokens", () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let byId: { id: string; token: string };
  let byValue: { id: string; token: string };
  let activeGate: { id: string; token: string };
  let specs: TokenSpec[];

  beforeAll(async () => {
    emulator = await startEmulator();
    byId = emulator.seedToken({ name: "made-by-hand-1", scopes: ["metrics.read"], owner: "alice@example.com" });
    byValue = emulator.seedToken({ name: "made-by-hand-2", scopes: ["logs.read"], owner: "alice@example.com" });
    activeGate = emulator.seedToken({ kind: "activeGate", name: "edge-activegate", expirationDate: "now+30d", owner: "alice@example.com" });
    stack = await TokensStack.create(emulator);
    await stack.project.setConfig("tokens:adoptSecret", { secret: byValue.token });
    specs = [
      { resource: "by-id", kind: "api", name: "adopted-by-id", scopes: ["metrics.read", "entities.read"], adoptId: byId.id },
      { resource: "by-value", kind: "api", name: "adopted-by-value", scopes: ["logs.read", "logs.ingest"], adoptSecretKey: "adoptSecret" },
      // An ActiveGate token can't be changed: the program describes it as it is (its expiry is what a replacement gets).
      { resource: "ag-by-id", kind: "activeGate", name: "edge-activegate", expirationDate: "now+6M", adoptId: activeGate.id },
    ];
    await stack.setSpecs(specs);
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  it("takes the tokens over on up with one PUT per API token, one GET for the ActiveGate token, and no create", async () => {
    emulator.resetRequests();
    await stack.project.up();
    const byRoute = emulator.requests().byRoute;
    expect(byRoute["POST /api/v2/apiTokens"]).toBeUndefined();
    expect(byRoute["POST /api/v2/activeGateTokens"]).toBeUndefined();
    expect(byRoute["GET /api/v2/activeGateTokens/{activeGateTokenIdentifier}"]).toBe(1);
    expect(byRoute["POST /api/v2/apiTokens/lookup"]).toBe(1);
    const puts = (await requestLog(emulator)).filter((e) => e.method === "PUT");
    expect(puts.map((e) => e.path).sort()).toEqual([`/api/v2/apiTokens/${byId.id}`, `/api/v2/apiTokens/${byValue.id}`].sort());

    expect(await stack.ids()).toEqual({ "by-id": byId.id, "by-value": byValue.id, "ag-by-id": activeGate.id });
    const first = await getApiToken(emulator, byId.id);
    expect(first?.name).toBe("adopted-by-id");
    expect([...first!.scopes].sort()).toEqual(["entities.read", "metrics.read"]);
    const second = await getApiToken(emulator, byValue.id);
    expect(second?.name).toBe("adopted-by-value");
    expect([...second!.scopes].sort()).toEqual(["logs.ingest", "logs.read"]);
    // Nothing new in the environment: the admin token and the two adopted ones.
    const others = (await listApiTokens(emulator)).filter((t) => t.name !== "emulator-admin");
    expect(others.map((t) => t.id).sort()).toEqual([byId.id, byValue.id].sort());
    expect((await listActiveGateTokens(emulator)).map((t) => t.id)).toEqual([activeGate.id]);
  });

  it("records the adopted ActiveGate token as it is, without a secret, as the token output's doc says", async () => {
    const resource = (await stack.project.resources()).find((r) => r.urn.endsWith("::ag-by-id"));
    expect(resource?.id).toBe(activeGate.id);
    expect(resource?.outputs).toMatchObject({
      adopted: "id",
      name: "edge-activegate",
      dynatraceName: "edge-activegate",
      activeGateType: "ENVIRONMENT",
      seedToken: false,
      owner: "alice@example.com",
      requestedExpirationDate: "now+6M",
    });
    // The adopted token's own expiry (30 days), not the six months asked for a replacement.
    expect(Date.parse(String(resource?.outputs?.expirationDate))).toBeLessThan(Date.now() + 31 * 86_400_000);
    expect(resource?.outputs).not.toHaveProperty("token");
    expect((await stack.secrets())["ag-by-id"]).toBeUndefined();
    // What the user's editor shows for the output, from the installed package.
    // The class's outputs are declared from the property table (sdk/generated), merged into the class.
    const typings = fs.readFileSync(path.join(stack.project.dir, "node_modules", "pulumi-dynatrace-tokens", "dist", "sdk", "generated", "activeGateToken.d.ts"), "utf8");
    const tokenDoc = /\/\*\*((?:(?!\*\/)[\s\S])*)\*\/\s*readonly token: /.exec(typings)?.[1]?.replace(/\s*\n\s*\* ?/g, " ");
    expect(tokenDoc).toContain("The token's secret value (`dt0g02.….…`). Absent for a token adopted by id");
    expect(tokenDoc).toContain("A Pulumi secret.");
  });

  it("keeps the adopted secret as the (secret) token output, and none for adoption by id", async () => {
    const secrets = await stack.secrets();
    expect(secrets["by-value"]).toBe(byValue.token);
    expect(secrets["by-id"]).toBeUndefined();
    const plain = await stack.project.outputs();
    expect(JSON.stringify(plain)).not.toContain(byValue.token);
  });

  it("shows no change once adopt is removed from the program", async () => {
    await stack.setSpecs(specs.map(({ adoptId: _id, adoptSecretKey: _key, ...rest }) => rest));
    emulator.resetRequests();
    const preview = await stack.project.preview();
    expect(preview.changeSummary).toEqual({ same: 4 });
    expect(emulator.requests().byRoute["POST /api/v2/apiTokens"]).toBeUndefined();
  });

  it("refuses a replacement of the adopted ActiveGate token at preview while adopt is set", async () => {
    await stack.setSpecs(specs.map((spec) => (spec.kind === "activeGate" ? { ...spec, name: "renamed" } : spec)));
    emulator.resetRequests();
    const result = await stack.project.pulumi(["preview"], { allowFailure: true });
    expect(result.code).not.toBe(0);
    expect(result.stdout).toContain(`ActiveGate token ${activeGate.id} must be replaced (name changed), but \`adopt\` is still set`);
    expect(result.stdout).not.toMatch(STACK_FRAME);
    expect(emulator.requests().byRoute["POST /api/v2/activeGateTokens"]).toBeUndefined();
    expect(emulator.requests().byRoute["DELETE /api/v2/activeGateTokens/{activeGateTokenIdentifier}"]).toBeUndefined();
  });

  /** Runs `pulumi preview` with `first` declared before the adopted tokens; it must fail without calling the API. */
  async function failedPreview(first: TokenSpec): Promise<string> {
    await stack.setSpecs([first, ...specs.map(({ adoptId: _id, adoptSecretKey: _key, ...rest }) => rest)]);
    emulator.resetRequests();
    const result = await stack.project.pulumi(["preview"], { allowFailure: true });
    expect(result.code).not.toBe(0);
    expect(emulator.requests().total).toBe(0);
    const printed = result.stdout + result.stderr;
    expect(printed).not.toMatch(STACK_FRAME);
    return printed;
  }

  it("issue 12: fails the preview on the import option with the adopt code to write, no stack and no API call", async () => {
    const printed = await failedPreview({ resource: "imported", kind: "activeGate", importId: activeGate.id });
    expect(printed).toContain(
      'ActiveGateToken "imported": the `import` resource option does not work here — Pulumi cannot import dynamic resources',
    );
    expect(printed).toContain(`\`new dt.ActiveGateToken("imported", { …, adopt: { id: "${activeGate.id}" } })\``);
    expect(printed).not.toContain("toJavaScript");
  });

  it("issue 12: fails the preview on a property the class doesn't have, naming it and the valid ones, with no API call", async () => {
    const printed = await failedPreview({ resource: "typo", kind: "api", scopes: ["metrics.read"], extraArgs: { expirationdate: "now+30d" } });
    expect(printed).toContain(
      'ApiToken "typo": ApiToken has no property "expirationdate" (did you mean "expirationDate"?). Remove it; the properties of ' +
        "ApiToken are name, scopes, enabled, expirationDate, rotateBefore, rotationTrigger, keepPreviousFor, environment, adopt.",
    );
  });

  it("never prints or exports the adopted secrets", async () => {
    await stack.expectNoSecretsPrinted([byId.token, byValue.token]);
  });
});
