import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { API_TOKEN_VALUE, call } from "./helpers";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

const admin = (method: string, path: string, body?: unknown, token = emu.adminToken) => call(emu.url, method, `/_emulator${path}`, { token, body });

describe("admin surface", () => {
  it("generates a dt0c01 admin token with every assignable scope, owned by admin@emulator.local", async () => {
    expect(emu.adminToken).toMatch(API_TOKEN_VALUE);
    const self = await call(emu.url, "POST", "/api/v2/apiTokens/lookup", { token: emu.adminToken, body: { token: emu.adminToken } });
    expect(self.body.owner).toBe("admin@emulator.local");
    expect(self.body.scopes).toEqual(expect.arrayContaining(["apiTokens.write", "TenantTokenManagement", "tenantTokenRotation.write", "activeGateTokenManagement.write"]));
    expect(self.body.scopes).toHaveLength(91);
  });

  it.each([
    ["no token", undefined],
    ["an ordinary API token", "ordinary"],
  ])("answers 401 with %s", async (_label, which) => {
    const token = which === "ordinary" ? emu.seedToken({ scopes: ["apiTokens.write"] }).token : undefined;
    for (const [method, path] of [["GET", "/clock"], ["GET", "/requests"], ["PUT", "/faults"], ["POST", "/reset"], ["POST", "/tokens"], ["GET", "/tenant-tokens"]] as const) {
      const res = await call(emu.url, method, `/_emulator${path}`, { token, body: method === "GET" ? undefined : {} });
      expect(res.status, `${method} ${path}`).toBe(401);
      expect(res.body.error.code).toBe(401);
    }
  });

  it("404s an unknown admin endpoint", async () => {
    expect((await admin("GET", "/nope")).status).toBe(404);
  });

  it("seeds tokens with given fields and returns the secret", async () => {
    const res = await admin("POST", "/tokens", {
      name: "adopt-me",
      owner: "dave@example.com",
      scopes: ["metrics.read", "DiagnosticExport"],
      expirationDate: "2040-01-01T00:00:00Z",
      enabled: false,
      personalAccessToken: true,
    });
    expect(res.status).toBe(201);
    expect(res.body.token).toMatch(API_TOKEN_VALUE);
    const got = await call(emu.url, "GET", `/api/v2/apiTokens/${res.body.id}`, { token: emu.adminToken });
    expect(got.body).toMatchObject({
      name: "adopt-me",
      owner: "dave@example.com",
      scopes: ["metrics.read", "DiagnosticExport"],
      expirationDate: "2040-01-01T00:00:00.000Z",
      enabled: false,
      personalAccessToken: true,
    });
    const ag = await admin("POST", "/tokens", { kind: "activeGate", name: "ag" });
    expect(ag.body.id).toMatch(/^dt0g02\.[A-Z2-7]{8}$/);
    const bad = await admin("POST", "/tokens", { token: "not-a-token" });
    expect(bad.status).toBe(400);
    const unknownField = await admin("POST", "/tokens", { colour: "blue" });
    expect(unknownField.status).toBe(400);
  });

  it("seeds a token with a chosen secret", async () => {
    const secret = `dt0c01.${"Q".repeat(24)}.${"R".repeat(64)}`;
    const seeded = emu.seedToken({ token: secret, scopes: ["apiTokens.read"] });
    expect(seeded).toEqual({ id: `dt0c01.${"Q".repeat(24)}`, token: secret });
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: secret })).status).toBe(200);
    expect(() => emu.seedToken({ token: secret })).toThrow(/already exists/);
  });

  it("reset empties everything but the admin token", async () => {
    const t = emu.seedToken({ scopes: ["metrics.read"] });
    await call(emu.url, "POST", "/api/v2/tenantTokenRotation/start", { token: emu.adminToken });
    await admin("PUT", "/faults", { rules: [{ route: "GET /api/v2/activeGateTokens", errorRate: 1 }] });
    expect((await admin("POST", "/reset")).status).toBe(204);
    const listed = await call(emu.url, "GET", "/api/v2/apiTokens", { token: emu.adminToken });
    expect(listed.body.totalCount).toBe(1);
    expect(listed.body.apiTokens[0].name).toBe("emulator-admin");
    expect((await call(emu.url, "GET", `/api/v2/apiTokens/${t.id}`, { token: emu.adminToken })).status).toBe(404);
    expect((await admin("GET", "/tenant-tokens")).body.valid).toHaveLength(1);
    expect((await call(emu.url, "GET", "/api/v2/activeGateTokens", { token: emu.adminToken })).status).toBe(200);
  });

  it("still works when the admin token's API record was deleted through the API", async () => {
    const other = emu.seedToken({ scopes: ["apiTokens.write"] });
    const adminId = emu.adminToken.split(".").slice(0, 2).join(".");
    expect((await call(emu.url, "DELETE", `/api/v2/apiTokens/${adminId}`, { token: other.token })).status).toBe(204);
    expect((await admin("GET", "/clock")).status).toBe(200);
    expect((await admin("POST", "/reset")).status).toBe(204);
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: emu.adminToken })).status).toBe(200);
  });

  // Issue 10: a clock moved past year 275760 became NaN and broke every request until restart.
  it.each([{ advance: "300000y" }, { advance: "9000y" }, { advanceMs: 9e15 }, { set: "now+300000y" }])("refuses to move the clock out of range (%j)", async (body) => {
    const before = (await admin("GET", "/clock")).body.now;
    const res = await admin("POST", "/clock", body);
    expect(res.status).toBe(400);
    expect((await admin("GET", "/clock")).body.now.slice(0, 13)).toBe(before.slice(0, 13));
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: emu.adminToken })).status).toBe(200);
  });
});
