import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { call, DAY_MS } from "./helpers";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

describe("authentication", () => {
  it("accepts the Authorization header and the api-token query parameter", async () => {
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: emu.adminToken })).status).toBe(200);
    expect((await call(emu.url, "GET", `/api/v2/apiTokens?api-token=${emu.adminToken}`)).status).toBe(200);
  });

  it.each([
    ["no token", undefined],
    ["an unknown token", `dt0c01.${"A".repeat(24)}.${"B".repeat(64)}`],
    ["a malformed token", "hello"],
  ])("answers %s with a 401 envelope", async (_label, token) => {
    const res = await call(emu.url, "GET", "/api/v2/apiTokens", { token });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe(401);
    expect(typeof res.body.error.message).toBe("string");
  });

  it("answers a right id with a wrong secret with 401", async () => {
    const t = emu.seedToken({ scopes: ["apiTokens.read"] });
    const res = await call(emu.url, "GET", "/api/v2/apiTokens", { token: `${t.id}.${"C".repeat(64)}` });
    expect(res.status).toBe(401);
  });

  it("rejects a disabled token", async () => {
    const t = emu.seedToken({ scopes: ["apiTokens.read"], enabled: false });
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: t.token })).status).toBe(401);
  });

  it("rejects an expired token, and stops accepting one when the clock passes its expiry", async () => {
    const expired = emu.seedToken({ scopes: ["apiTokens.read"], expirationDate: emu.clock.now().getTime() - 1000 });
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: expired.token })).status).toBe(401);
    const soon = emu.seedToken({ scopes: ["apiTokens.read"], expirationDate: emu.clock.now().getTime() + DAY_MS });
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: soon.token })).status).toBe(200);
    emu.clock.advance(DAY_MS + 1000);
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: soon.token })).status).toBe(401);
  });

  it("does not let the 401 body echo the presented secret", async () => {
    const secret = `dt0c01.${"D".repeat(24)}.${"E".repeat(64)}`;
    const res = await call(emu.url, "GET", "/api/v2/apiTokens", { token: secret });
    expect(res.text).not.toContain("E".repeat(64));
  });
});

describe("scopes", () => {
  it("answers a missing scope with the documented 403 text", async () => {
    const t = emu.seedToken({ scopes: ["apiTokens.read"] });
    const res = await call(emu.url, "POST", "/api/v2/apiTokens", { token: t.token, body: { name: "x", scopes: ["metrics.read"] } });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ error: { code: 403, message: "Token is missing required scope. Use one of: apiTokens.write (Write API tokens)" } });
  });

  it.each([
    ["GET", "/api/v2/apiTokens", "apiTokens.read (Read API tokens)"],
    ["GET", "/api/v2/apiTokens/dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA", "apiTokens.read (Read API tokens)"],
    ["PUT", "/api/v2/apiTokens/dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA", "apiTokens.write (Write API tokens)"],
    ["DELETE", "/api/v2/apiTokens/dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA", "apiTokens.write (Write API tokens)"],
    ["GET", "/api/v1/tokens", "TenantTokenManagement (Token management)"],
    ["POST", "/api/v1/tokens", "TenantTokenManagement (Token management)"],
    ["GET", "/api/v2/activeGateTokens", "activeGateTokenManagement.read (Read ActiveGate tokens)"],
  ])("%s %s needs %s", async (method, path, expected) => {
    const t = emu.seedToken({ scopes: ["metrics.read"] });
    const res = await call(emu.url, method, path, { token: t.token, body: method === "GET" || method === "DELETE" ? undefined : {} });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(`Token is missing required scope. Use one of: ${expected}`);
  });

  it("lets any valid token use lookup (v1 and v2)", async () => {
    const t = emu.seedToken({ scopes: ["metrics.read"] });
    expect((await call(emu.url, "POST", "/api/v2/apiTokens/lookup", { token: t.token, body: { token: t.token } })).status).toBe(200);
    expect((await call(emu.url, "POST", "/api/v1/tokens/lookup", { token: t.token, body: { token: t.token } })).status).toBe(200);
  });
});

describe("routing", () => {
  it("answers unknown paths with a 404 envelope", async () => {
    const res = await call(emu.url, "GET", "/api/v2/nothingHere", { token: emu.adminToken });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe(404);
  });

  it("serves the same API under the Managed prefix", async () => {
    const created = await call(emu.url, "POST", "/e/emulator/api/v2/apiTokens", { token: emu.adminToken, body: { name: "managed", scopes: ["metrics.read"] } });
    expect(created.status).toBe(201);
    expect((await call(emu.url, "GET", `/api/v2/apiTokens/${created.body.id}`, { token: emu.adminToken })).body.name).toBe("managed");
  });
});
