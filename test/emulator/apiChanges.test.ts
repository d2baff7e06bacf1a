// The emulator's "newer Dynatrace" switches: extra scopes accepted beyond the catalog, unknown enum values in answers.
// Driven three ways: in-process option, in-process setter, admin API (the CLI flags are in cli.test.ts).
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, UNKNOWN_ENUM_VALUES, type RunningEmulator } from "../../emulator";
import { call } from "./helpers";

let emulator: RunningEmulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

const NEW_SCOPE = "hub.catalog.subscribe";

async function createWith(emu: RunningEmulator, scopes: string[], personalAccessToken = false) {
  return call(emu.url, "POST", "/api/v2/apiTokens", { token: emu.adminToken, body: { name: "n", scopes, personalAccessToken } });
}

describe("emulator api-changes switches", () => {
  it("rejects a scope the catalog doesn't know with a violation naming it, until told to accept it", async () => {
    emulator = await startEmulator();
    const refused = await createWith(emulator, ["metrics.read", NEW_SCOPE]);
    expect(refused.status).toBe(400);
    expect(refused.body.error.constraintViolations).toEqual([
      expect.objectContaining({ path: "scopes[1]", message: `"${NEW_SCOPE}" is not a valid scope` }),
    ]);

    emulator.setApiChanges({ extraScopes: [NEW_SCOPE] });
    const created = await createWith(emulator, ["metrics.read", NEW_SCOPE], true);
    expect(created.status).toBe(201);
    const got = await call(emulator.url, "GET", `/api/v2/apiTokens/${created.body.id}`, { token: emulator.adminToken });
    expect(got.body.scopes).toEqual(["metrics.read", NEW_SCOPE]);
    // Updates (v2 PUT) accept it too; other unknown scopes are still refused.
    const put = await call(emulator.url, "PUT", `/api/v2/apiTokens/${created.body.id}`, { token: emulator.adminToken, body: { scopes: [NEW_SCOPE] } });
    expect(put.status).toBe(204);
    expect((await createWith(emulator, ["other.new.scope"])).status).toBe(400);
  });

  it("reports unknown enum values when switched on (option), documented ones otherwise", async () => {
    emulator = await startEmulator({ apiChanges: { unknownEnums: true } });
    const ag = await call(emulator.url, "POST", "/api/v2/activeGateTokens", { token: emulator.adminToken, body: { name: "ag", activeGateType: "CLUSTER" } });
    expect(ag.status).toBe(201);
    const got = await call(emulator.url, "GET", `/api/v2/activeGateTokens/${ag.body.id}`, { token: emulator.adminToken });
    expect(got.body.activeGateType).toBe(UNKNOWN_ENUM_VALUES.activeGateType);
    const listed = await call(emulator.url, "GET", "/api/v2/activeGateTokens", { token: emulator.adminToken });
    expect(listed.body.activeGateTokens[0].activeGateType).toBe(UNKNOWN_ENUM_VALUES.activeGateType);
    const status = await call(emulator.url, "GET", "/api/v2/tenantTokenRotation/status", { token: emulator.adminToken });
    expect(status.body).toEqual({ status: UNKNOWN_ENUM_VALUES.tenantTokenRotationStatus });

    emulator.setApiChanges({});
    expect((await call(emulator.url, "GET", `/api/v2/activeGateTokens/${ag.body.id}`, { token: emulator.adminToken })).body.activeGateType).toBe("CLUSTER");
    expect((await call(emulator.url, "GET", "/api/v2/tenantTokenRotation/status", { token: emulator.adminToken })).body).toEqual({ status: "INACTIVE" });
  });

  it("is driven by the admin API: GET, PUT (validated), DELETE, and cleared by reset", async () => {
    emulator = await startEmulator();
    const admin = { token: emulator.adminToken };
    expect((await call(emulator.url, "GET", "/_emulator/api-changes", admin)).body).toEqual({ extraScopes: [], unknownEnums: false });
    const put = await call(emulator.url, "PUT", "/_emulator/api-changes", { ...admin, body: { extraScopes: [NEW_SCOPE], unknownEnums: true } });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ extraScopes: [NEW_SCOPE], unknownEnums: true });
    expect((await createWith(emulator, [NEW_SCOPE])).status).toBe(201);
    expect((await call(emulator.url, "PUT", "/_emulator/api-changes", { ...admin, body: { extraScope: [NEW_SCOPE] } })).status).toBe(400);
    expect((await call(emulator.url, "DELETE", "/_emulator/api-changes", admin)).status).toBe(204);
    expect((await createWith(emulator, [NEW_SCOPE])).status).toBe(400);
    await call(emulator.url, "PUT", "/_emulator/api-changes", { ...admin, body: { unknownEnums: true } });
    await call(emulator.url, "POST", "/_emulator/reset", admin);
    expect((await call(emulator.url, "GET", "/_emulator/api-changes", admin)).body).toEqual({ extraScopes: [], unknownEnums: false });
    // Only with the admin token.
    expect((await call(emulator.url, "GET", "/_emulator/api-changes", {})).status).toBe(401);
  });
});
