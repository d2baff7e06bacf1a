// Issue 4, adoption: tokens made outside Pulumi are taken over by id and by value (the secret as secret stack
// config) without creating a token — name and scopes applied with one PUT each — and the adopted secret never
// shows in any output or in the exported state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { getApiToken, listApiTokens, requestLog, TokensStack, type TokenSpec } from "./tokensSupport";

describe("token resources on the real CLI: adopting existing tokens", () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let byId: { id: string; token: string };
  let byValue: { id: string; token: string };
  let specs: TokenSpec[];

  beforeAll(async () => {
    emulator = await startEmulator();
    byId = emulator.seedToken({ name: "made-by-hand-1", scopes: ["metrics.read"], owner: "alice@example.com" });
    byValue = emulator.seedToken({ name: "made-by-hand-2", scopes: ["logs.read"], owner: "alice@example.com" });
    stack = await TokensStack.create(emulator);
    await stack.project.setConfig("tokens:adoptSecret", { secret: byValue.token });
    specs = [
      { resource: "by-id", kind: "api", name: "adopted-by-id", scopes: ["metrics.read", "entities.read"], adoptId: byId.id },
      { resource: "by-value", kind: "api", name: "adopted-by-value", scopes: ["logs.read", "logs.ingest"], adoptSecretKey: "adoptSecret" },
    ];
    await stack.setSpecs(specs);
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  it("takes both tokens over on up with one PUT each and no create", async () => {
    emulator.resetRequests();
    await stack.project.up();
    const byRoute = emulator.requests().byRoute;
    expect(byRoute["POST /api/v2/apiTokens"]).toBeUndefined();
    expect(byRoute["POST /api/v2/apiTokens/lookup"]).toBe(1);
    const puts = (await requestLog(emulator)).filter((e) => e.method === "PUT");
    expect(puts.map((e) => e.path).sort()).toEqual([`/api/v2/apiTokens/${byId.id}`, `/api/v2/apiTokens/${byValue.id}`].sort());

    expect(await stack.ids()).toEqual({ "by-id": byId.id, "by-value": byValue.id });
    const first = await getApiToken(emulator, byId.id);
    expect(first?.name).toBe("adopted-by-id");
    expect([...first!.scopes].sort()).toEqual(["entities.read", "metrics.read"]);
    const second = await getApiToken(emulator, byValue.id);
    expect(second?.name).toBe("adopted-by-value");
    expect([...second!.scopes].sort()).toEqual(["logs.ingest", "logs.read"]);
    // Nothing new in the environment: the admin token and the two adopted ones.
    const others = (await listApiTokens(emulator)).filter((t) => t.name !== "emulator-admin");
    expect(others.map((t) => t.id).sort()).toEqual([byId.id, byValue.id].sort());
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
    expect(preview.changeSummary).toEqual({ same: 3 });
    expect(emulator.requests().byRoute["POST /api/v2/apiTokens"]).toBeUndefined();
  });

  it("never prints or exports the adopted secrets", async () => {
    await stack.expectNoSecretsPrinted([byId.token, byValue.token]);
  });
});
