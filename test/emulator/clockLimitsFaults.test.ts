import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { call, DAY_MS } from "./helpers";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator({ now: new Date("2030-03-01T12:00:00.000Z") });
});
afterAll(async () => {
  await emu.close();
});
afterEach(() => {
  emu.clearFaults();
  emu.setRateLimit(undefined);
});

const list = () => call(emu.url, "GET", "/api/v2/apiTokens", { token: emu.adminToken });
const admin = (method: string, path: string, body?: unknown) => call(emu.url, method, `/_emulator${path}`, { token: emu.adminToken, body });

describe("clock", () => {
  it("puts the emulator's time in the Date header of every response", async () => {
    const res = await list();
    const date = Date.parse(res.headers.get("date")!);
    expect(Math.abs(date - emu.clock.now().getTime())).toBeLessThan(2000);
    expect(new Date(date).getUTCFullYear()).toBe(2030);
    const unauthorized = await call(emu.url, "GET", "/api/v2/apiTokens");
    expect(new Date(unauthorized.headers.get("date")!).getUTCFullYear()).toBe(2030);
  });

  it("moves the Date header when the clock advances (in process and over admin HTTP)", async () => {
    const before = Date.parse((await list()).headers.get("date")!);
    emu.clock.advance(10 * DAY_MS);
    const afterInProcess = Date.parse((await list()).headers.get("date")!);
    expect(afterInProcess - before).toBeGreaterThanOrEqual(10 * DAY_MS - 2000);
    const advanced = await admin("POST", "/clock", { advance: "30d" });
    expect(advanced.status).toBe(200);
    const afterHttp = Date.parse((await list()).headers.get("date")!);
    expect(afterHttp - afterInProcess).toBeGreaterThanOrEqual(30 * DAY_MS - 2000);
    expect(Math.abs(Date.parse(advanced.body.now) - afterHttp)).toBeLessThan(2000);
  });

  it("sets the clock to an instant and reads it back", async () => {
    const set = await admin("POST", "/clock", { set: "2031-07-04T00:00:00Z" });
    expect(Date.parse(set.body.now) - Date.parse("2031-07-04T00:00:00Z")).toBeLessThan(2000);
    const got = await admin("GET", "/clock");
    expect(got.body.now.startsWith("2031-07-04")).toBe(true);
    const bad = await admin("POST", "/clock", { advance: "soon" });
    expect(bad.status).toBe(400);
  });

  it("expires tokens created through the API when the clock passes their expiry", async () => {
    const created = await call(emu.url, "POST", "/api/v2/apiTokens", { token: emu.adminToken, body: { name: "short", scopes: ["apiTokens.read"], expirationDate: "now+1h" } });
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: created.body.token })).status).toBe(200);
    await admin("POST", "/clock", { advanceMs: 61 * 60 * 1000 });
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: created.body.token })).status).toBe(401);
  });
});

describe("rate limit", () => {
  it("answers 429 past the limit with X-RateLimit-* (reset in microseconds) and Retry-After", async () => {
    emu.setRateLimit({ limit: 3, windowMs: 60_000 });
    const ok = [await list(), await list(), await list()];
    expect(ok.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(ok.map((r) => r.headers.get("x-ratelimit-remaining"))).toEqual(["2", "1", "0"]);
    const limited = await list();
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe(429);
    expect(limited.headers.get("x-ratelimit-limit")).toBe("3");
    expect(limited.headers.get("x-ratelimit-remaining")).toBe("0");
    const resetMicros = Number(limited.headers.get("x-ratelimit-reset"));
    const nowMs = Date.parse(limited.headers.get("date")!);
    // Microseconds: ~1000x a millisecond timestamp, and within the 60 s window of the emulator's now.
    expect(resetMicros / 1000 - nowMs).toBeGreaterThan(0);
    expect(resetMicros / 1000 - nowMs).toBeLessThanOrEqual(61_000);
    const retryAfter = Number(limited.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
  });

  it("lets requests through again once the window has passed", async () => {
    emu.setRateLimit({ limit: 1, windowMs: 60_000 });
    expect((await list()).status).toBe(200);
    expect((await list()).status).toBe(429);
    emu.clock.advance(60_001);
    expect((await list()).status).toBe(200);
  });

  it("is configurable over the admin surface", async () => {
    expect((await admin("PUT", "/rate-limit", { limit: 1, windowMs: 60_000 })).status).toBe(200);
    await list();
    expect((await list()).status).toBe(429);
    expect((await admin("DELETE", "/rate-limit")).status).toBe(204);
    expect((await list()).status).toBe(200);
  });
});

describe("fault injection", () => {
  it("answers 5xx before the request has any effect", async () => {
    emu.setFaults([{ route: "POST /api/v2/apiTokens", errorRate: 1, count: 1 }]);
    const before = (await list()).body.totalCount;
    const failed = await call(emu.url, "POST", "/api/v2/apiTokens", { token: emu.adminToken, body: { name: "f", scopes: ["metrics.read"] } });
    expect(failed.status).toBe(503);
    expect(failed.body.error.code).toBe(503);
    expect((await list()).body.totalCount).toBe(before);
    // count: 1 — the next call goes through.
    const ok = await call(emu.url, "POST", "/api/v2/apiTokens", { token: emu.adminToken, body: { name: "f", scopes: ["metrics.read"] } });
    expect(ok.status).toBe(201);
  });

  it("uses the configured error status", async () => {
    emu.setFaults([{ route: "/api/v2/apiTokens", method: "GET", errorRate: 1, errorStatus: 502 }]);
    expect((await list()).status).toBe(502);
  });

  it("forces 429 with rate-limit headers", async () => {
    emu.setFaults([{ route: "GET /api/v2/apiTokens", rateLimitRate: 1, retryAfterSeconds: 7 }]);
    const res = await list();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("7");
    expect(Number(res.headers.get("x-ratelimit-reset"))).toBeGreaterThan(Date.parse(res.headers.get("date")!) * 1000);
  });

  it("drops the connection without a response, before the effect", async () => {
    emu.setFaults([{ route: "POST /api/v2/apiTokens", dropRate: 1, count: 1 }]);
    const before = (await list()).body.totalCount;
    await expect(call(emu.url, "POST", "/api/v2/apiTokens", { token: emu.adminToken, body: { name: "d", scopes: ["metrics.read"] } })).rejects.toThrow();
    expect((await list()).body.totalCount).toBe(before);
  });

  it("drops the connection after the effect with afterEffect: true", async () => {
    emu.setFaults([{ route: "POST /api/v2/apiTokens", dropRate: 1, afterEffect: true, count: 1 }]);
    const before = (await list()).body.totalCount;
    await expect(call(emu.url, "POST", "/api/v2/apiTokens", { token: emu.adminToken, body: { name: "ghost", scopes: ["metrics.read"] } })).rejects.toThrow();
    expect((await list()).body.totalCount).toBe(before + 1);
  });

  it("answers 5xx after the effect with afterEffect: true", async () => {
    const victim = emu.seedToken({ scopes: ["metrics.read"] });
    emu.setFaults([{ route: "DELETE /api/v2/apiTokens/{id}", errorRate: 1, errorStatus: 500, afterEffect: true, count: 1 }]);
    const res = await call(emu.url, "DELETE", `/api/v2/apiTokens/${victim.id}`, { token: emu.adminToken });
    expect(res.status).toBe(500);
    expect((await call(emu.url, "GET", `/api/v2/apiTokens/${victim.id}`, { token: emu.adminToken })).status).toBe(404);
  });

  it("adds latency", async () => {
    emu.setFaults([{ route: "GET /api/v2/apiTokens", latencyMs: 250 }]);
    const started = performance.now();
    expect((await list()).status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("only hits the matching route and method", async () => {
    emu.setFaults([{ route: "GET /api/v2/activeGateTokens", errorRate: 1 }]);
    expect((await list()).status).toBe(200);
    expect((await call(emu.url, "GET", "/api/v2/activeGateTokens", { token: emu.adminToken })).status).toBe(503);
  });

  it("applies to the Managed form too and is set over the admin surface", async () => {
    const put = await admin("PUT", "/faults", { rules: [{ route: "GET /api/v2/apiTokens", errorRate: 1, errorStatus: 504 }] });
    expect(put.status).toBe(200);
    expect((await call(emu.url, "GET", "/e/emulator/api/v2/apiTokens", { token: emu.adminToken })).status).toBe(504);
    expect((await admin("DELETE", "/faults")).status).toBe(204);
    expect((await list()).status).toBe(200);
    const bad = await admin("PUT", "/faults", { rules: [{ errorRate: 2 }] });
    expect(bad.status).toBe(400);
  });
});

describe("request counters", () => {
  it("counts by normalised route key (Managed prefix and ids normalised away)", async () => {
    emu.resetRequests();
    const t = emu.seedToken({ scopes: ["metrics.read"] });
    await call(emu.url, "GET", `/api/v2/apiTokens/${t.id}`, { token: emu.adminToken });
    await call(emu.url, "GET", `/e/emulator/api/v2/apiTokens/${t.id}`, { token: emu.adminToken });
    await call(emu.url, "PUT", `/api/v2/apiTokens/${t.id}`, { token: emu.adminToken, body: { name: "n" } });
    await call(emu.url, "GET", "/api/v2/activeGateTokens/dt0g02.AAAAAAAA", { token: emu.adminToken });
    expect(emu.requests()).toEqual({
      total: 4,
      byRoute: {
        "GET /api/v2/apiTokens/{id}": 2,
        "PUT /api/v2/apiTokens/{id}": 1,
        "GET /api/v2/activeGateTokens/{activeGateTokenIdentifier}": 1,
      },
    });
    const log = (await admin("GET", "/requests")).body;
    expect(log.total).toBe(4);
    expect(log.log[3]).toMatchObject({ method: "GET", route: "GET /api/v2/activeGateTokens/{activeGateTokenIdentifier}", status: 404 });
    expect(log.log[1].path).toBe(`/e/emulator/api/v2/apiTokens/${t.id}`);
    expect((await admin("DELETE", "/requests")).status).toBe(204);
    expect(emu.requests().total).toBe(0);
  });

  it("logs a dropped request with status 0 and never logs a secret", async () => {
    emu.resetRequests();
    const t = emu.seedToken({ scopes: ["metrics.read"] });
    emu.setFaults([{ route: "DELETE /api/v2/apiTokens/{id}", dropRate: 1, count: 1 }]);
    await expect(call(emu.url, "DELETE", `/api/v2/apiTokens/${t.token}`, { token: emu.adminToken })).rejects.toThrow();
    await call(emu.url, "GET", `/api/v2/apiTokens?api-token=${emu.adminToken}`);
    const res = await admin("GET", "/requests");
    expect(res.body.log[0]).toMatchObject({ route: "DELETE /api/v2/apiTokens/{id}", status: 0 });
    expect(res.text).not.toContain(t.token.split(".")[2]);
    expect(res.text).not.toContain(emu.adminToken.split(".")[2]);
  });
});
