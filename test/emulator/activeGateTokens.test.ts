import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { ACTIVEGATE_TOKEN_VALUE, call, DAY_MS, ISO_UTC } from "./helpers";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

const ag = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
  call(emu.url, method, `/api/v2/activeGateTokens${path}`, { token: emu.adminToken, ...options });

describe("seed 002: POST /api/v2/activeGateTokens example", () => {
  it("creates an individual ENVIRONMENT token for six months (now+6M)", async () => {
    const res = await ag("POST", "", { body: { name: "myToken", expirationDate: "now+6M", seedToken: false, activeGateType: "ENVIRONMENT" } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(["expirationDate", "id", "token"]);
    expect(res.body.token).toMatch(ACTIVEGATE_TOKEN_VALUE);
    expect(res.body.id).toMatch(/^dt0g02\.[A-Z2-7]{8}$/);
    expect(res.body.token.startsWith(`${res.body.id}.`)).toBe(true);
    const expected = emu.clock.now();
    expected.setUTCMonth(expected.getUTCMonth() + 6);
    expect(Math.abs(Date.parse(res.body.expirationDate) - expected.getTime())).toBeLessThan(5000);
    const got = await ag("GET", `/${res.body.id}`);
    expect(got.body).toMatchObject({ id: res.body.id, name: "myToken", seedToken: false, activeGateType: "ENVIRONMENT", owner: "admin@emulator.local" });
    expect(got.body.creationDate).toMatch(ISO_UTC);
  });
});

describe("ActiveGate tokens", () => {
  it("accepts a body without activeGateType and seedToken (2026 API change)", async () => {
    const res = await ag("POST", "", { body: { name: "minimal" } });
    expect(res.status).toBe(201);
    expect(res.body.expirationDate).toBeUndefined();
    const got = await ag("GET", `/${res.body.id}`);
    expect(got.body).toMatchObject({ activeGateType: "ENVIRONMENT", seedToken: false });
    expect(got.body.expirationDate).toBeUndefined();
  });

  it("rejects an expiry beyond two years, in the past, or an unknown type", async () => {
    const tooLate = await ag("POST", "", { body: { name: "x", expirationDate: "now+25M", activeGateType: "CLUSTER" } });
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.constraintViolations[0].path).toBe("expirationDate");
    const exactlyTwoYears = await ag("POST", "", { body: { name: "x", expirationDate: "now+2y", activeGateType: "CLUSTER" } });
    expect(exactlyTwoYears.status).toBe(201);
    const past = await ag("POST", "", { body: { name: "x", expirationDate: Date.now() - DAY_MS } });
    expect(past.status).toBe(400);
    const badType = await ag("POST", "", { body: { name: "x", activeGateType: "FEDERATED" } });
    expect(badType.status).toBe(400);
    expect(badType.body.error.constraintViolations[0].path).toBe("activeGateType");
    const noName = await ag("POST", "", { body: {} });
    expect(noName.body.error.constraintViolations[0]).toMatchObject({ path: "name", message: "must not be null" });
  });

  it("paginates 100..3000, default 100, with totalCount", async () => {
    for (let i = 0; i < 150; i++) emu.seedToken({ kind: "activeGate", name: `ag-${i}` });
    const first = await ag("GET", "");
    expect(first.body.pageSize).toBe(100);
    expect(first.body.activeGateTokens).toHaveLength(100);
    const total = first.body.totalCount;
    expect(total).toBeGreaterThanOrEqual(150);
    const second = await ag("GET", `?nextPageKey=${encodeURIComponent(first.body.nextPageKey)}`);
    expect(second.body.activeGateTokens).toHaveLength(total - 100);
    expect(second.body.nextPageKey).toBeNull();
    expect((await ag("GET", "?pageSize=3001")).status).toBe(400);
    expect((await ag("GET", "?pageSize=3000")).body.activeGateTokens).toHaveLength(total);
  });

  it("deletes, then 404s; has no update", async () => {
    const t = emu.seedToken({ kind: "activeGate", name: "doomed" });
    expect((await ag("PUT", `/${t.id}`, { body: { name: "renamed" } })).status).toBe(405);
    expect((await ag("DELETE", `/${t.id}`)).status).toBe(204);
    const gone = await ag("GET", `/${t.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe(404);
    expect((await ag("DELETE", `/${t.id}`)).status).toBe(404);
  });

  it("accepts .create or .write to create, and only .write to delete", async () => {
    const creator = emu.seedToken({ scopes: ["activeGateTokenManagement.create"] });
    const created = await call(emu.url, "POST", "/api/v2/activeGateTokens", { token: creator.token, body: { name: "by-creator" } });
    expect(created.status).toBe(201);
    const del = await call(emu.url, "DELETE", `/api/v2/activeGateTokens/${created.body.id}`, { token: creator.token });
    expect(del.status).toBe(403);
    expect(del.body.error.message).toBe("Token is missing required scope. Use one of: activeGateTokenManagement.write (Write ActiveGate tokens)");
    const noScope = emu.seedToken({ scopes: ["metrics.read"] });
    const denied = await call(emu.url, "POST", "/api/v2/activeGateTokens", { token: noScope.token, body: { name: "x" } });
    expect(denied.body.error.message).toBe(
      "Token is missing required scope. Use one of: activeGateTokenManagement.create (Create ActiveGate tokens), activeGateTokenManagement.write (Write ActiveGate tokens)",
    );
  });

  it("does not let an ActiveGate token authenticate API calls", async () => {
    const created = await ag("POST", "", { body: { name: "agent" } });
    const res = await call(emu.url, "GET", "/api/v2/activeGateTokens", { token: created.body.token });
    expect(res.status).toBe(401);
  });
});
