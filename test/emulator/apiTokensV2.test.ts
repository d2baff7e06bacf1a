import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { API_TOKEN_ID, API_TOKEN_VALUE, call, DAY_MS, ISO_UTC } from "./helpers";

let emu: RunningEmulator;
const T0 = new Date("2030-01-15T10:00:00.000Z");

beforeAll(async () => {
  emu = await startEmulator({ now: T0 });
});
afterAll(async () => {
  await emu.close();
});

const api = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
  call(emu.url, method, `/api${path}`, { token: emu.adminToken, ...options });

async function createToken(body: Record<string, unknown>): Promise<{ id: string; token: string; expirationDate?: string }> {
  const res = await api("POST", "/v2/apiTokens", { body });
  expect(res.status, res.text).toBe(201);
  return res.body;
}

describe("POST /v2/apiTokens", () => {
  it("creates a token and returns ApiTokenCreated {id, token, expirationDate}", async () => {
    const res = await api("POST", "/v2/apiTokens", { body: { name: "ci", scopes: ["metrics.read"], expirationDate: "now+14d" } });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body).sort()).toEqual(["expirationDate", "id", "token"]);
    expect(res.body.token).toMatch(API_TOKEN_VALUE);
    expect(res.body.id).toMatch(API_TOKEN_ID);
    expect(res.body.token.startsWith(`${res.body.id}.`)).toBe(true);
    expect(res.body.expirationDate).toMatch(ISO_UTC);
    const expires = Date.parse(res.body.expirationDate);
    expect(Math.abs(expires - (emu.clock.now().getTime() + 14 * DAY_MS))).toBeLessThan(5000);
  });

  it("omits expirationDate for a token that never expires, and creates it enabled", async () => {
    const created = await createToken({ name: "forever", scopes: ["metrics.read"] });
    expect(created.expirationDate).toBeUndefined();
    const got = await api("GET", `/v2/apiTokens/${created.id}`);
    expect(got.body.enabled).toBe(true);
    expect(got.body.expirationDate).toBeUndefined();
  });

  it("generates unique secrets", async () => {
    const a = await createToken({ name: "same", scopes: ["metrics.read"] });
    const b = await createToken({ name: "same", scopes: ["metrics.read"] });
    expect(a.id).not.toBe(b.id);
    expect(a.token).not.toBe(b.token);
  });

  it("makes the caller's owner the owner of the new token", async () => {
    const alice = emu.seedToken({ owner: "alice@example.com", scopes: ["apiTokens.write", "apiTokens.read"] });
    const res = await call(emu.url, "POST", "/api/v2/apiTokens", { token: alice.token, body: { name: "by-alice", scopes: ["logs.read"] } });
    expect(res.status).toBe(201);
    const got = await api("GET", `/v2/apiTokens/${res.body.id}`);
    expect(got.body.owner).toBe("alice@example.com");
  });

  it.each([
    ["UTC milliseconds (number)", () => T0.getTime() + 3 * DAY_MS, () => T0.getTime() + 3 * DAY_MS],
    ["UTC milliseconds (string)", () => String(T0.getTime() + 3 * DAY_MS), () => T0.getTime() + 3 * DAY_MS],
    ["ISO with offset", () => "2031-01-25T05:57:01.123+01:00", () => Date.parse("2031-01-25T04:57:01.123Z")],
    ["ISO without zone is UTC", () => "2031-01-25T05:57:01.123", () => Date.parse("2031-01-25T05:57:01.123Z")],
    ["ISO with a space and no seconds", () => "2031-01-25 05:57", () => Date.parse("2031-01-25T05:57:00.000Z")],
    ["ISO with seconds and no fraction", () => "2031-01-25T05:57:01Z", () => Date.parse("2031-01-25T05:57:01.000Z")],
  ])("accepts expirationDate as %s", async (_label, input, expected) => {
    const created = await createToken({ name: "dated", scopes: ["metrics.read"], expirationDate: input() });
    expect(Date.parse(created.expirationDate!)).toBe(expected());
  });

  it("accepts relative dates with months (M), minutes (m) and alignment", async () => {
    const now = emu.clock.now();
    const sixMonths = await createToken({ name: "m6", scopes: ["metrics.read"], expirationDate: "now+6M" });
    const expected = new Date(now);
    expected.setUTCMonth(expected.getUTCMonth() + 6);
    expect(Math.abs(Date.parse(sixMonths.expirationDate!) - expected.getTime())).toBeLessThan(5000);
    const minutes = await createToken({ name: "m90", scopes: ["metrics.read"], expirationDate: "now+90m" });
    expect(Math.abs(Date.parse(minutes.expirationDate!) - (now.getTime() + 90 * 60_000))).toBeLessThan(5000);
    const aligned = await createToken({ name: "aligned", scopes: ["metrics.read"], expirationDate: "now+2d/d" });
    expect(aligned.expirationDate!.endsWith("T00:00:00.000Z")).toBe(true);
  });

  it.each([
    ["a past timestamp", "now-1d"],
    ["a past ISO date", "2001-01-01T00:00:00Z"],
    ["garbage", "next tuesday"],
    ["an impossible date", "2031-02-30T00:00:00Z"],
  ])("rejects expirationDate that is %s with 400 on expirationDate", async (_label, expirationDate) => {
    const res = await api("POST", "/v2/apiTokens", { body: { name: "bad", scopes: ["metrics.read"], expirationDate } });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(400);
    expect(res.body.error.constraintViolations[0]).toMatchObject({ path: "expirationDate", parameterLocation: "PAYLOAD_BODY", location: null });
  });

  it("rejects unknown and legacy scopes with one violation per entry", async () => {
    const res = await api("POST", "/v2/apiTokens", { body: { name: "x", scopes: ["metrics.read", "metrics.reed", "DiagnosticExport"] } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      error: {
        code: 400,
        message: "Constraints violated.",
        constraintViolations: [
          { path: "scopes[1]", message: expect.stringContaining("metrics.reed"), parameterLocation: "PAYLOAD_BODY", location: null },
          { path: "scopes[2]", message: expect.stringContaining("DiagnosticExport"), parameterLocation: "PAYLOAD_BODY", location: null },
        ],
      },
    });
  });

  it("rejects empty scopes and a missing name", async () => {
    const empty = await api("POST", "/v2/apiTokens", { body: { name: "x", scopes: [] } });
    expect(empty.status).toBe(400);
    expect(empty.body.error.constraintViolations[0].path).toBe("scopes");
    const noName = await api("POST", "/v2/apiTokens", { body: { scopes: ["metrics.read"] } });
    expect(noName.status).toBe(400);
    expect(noName.body.error.constraintViolations).toEqual([
      { path: "name", message: "must not be null", parameterLocation: "PAYLOAD_BODY", location: null },
    ]);
  });

  it("rejects v1 (undotted) scopes on a personal access token but allows dotted ones", async () => {
    const bad = await api("POST", "/v2/apiTokens", { body: { name: "pat", personalAccessToken: true, scopes: ["metrics.read", "DataExport"] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.constraintViolations.map((v: { path: string }) => v.path)).toEqual(["scopes[1]"]);
    const good = await createToken({ name: "pat", personalAccessToken: true, scopes: ["metrics.read"] });
    const got = await api("GET", `/v2/apiTokens/${good.id}`);
    expect(got.body.personalAccessToken).toBe(true);
  });

  it("answers malformed JSON with a 400 envelope", async () => {
    const res = await api("POST", "/v2/apiTokens", { rawBody: '{"name": "x", "scopes": [' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(400);
  });

  it("answers a payload over 1 MB with 413", async () => {
    const res = await api("POST", "/v2/apiTokens", { body: { name: "x".repeat(1024 * 1024 + 10), scopes: ["metrics.read"] } });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe(413);
  });
});

describe("GET /v2/apiTokens/{id} and POST /v2/apiTokens/lookup", () => {
  it("returns the full ApiToken metadata", async () => {
    const created = await createToken({ name: "meta", scopes: ["metrics.read", "logs.read"], expirationDate: "now+1d" });
    const res = await api("GET", `/v2/apiTokens/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: created.id,
      name: "meta",
      enabled: true,
      personalAccessToken: false,
      owner: "admin@emulator.local",
      scopes: ["metrics.read", "logs.read"],
      expirationDate: created.expirationDate,
    });
    expect(res.body.creationDate).toMatch(ISO_UTC);
    expect(res.body.modifiedDate).toMatch(ISO_UTC);
    expect(res.body).not.toHaveProperty("token");
    expect(res.text).not.toContain(created.token);
  });

  it("returns 404 with an envelope for an unknown id", async () => {
    const res = await api("GET", "/v2/apiTokens/dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA");
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe(404);
  });

  it("looks a token up by its secret with any valid token, and records lastUsed on use", async () => {
    const created = await createToken({ name: "lookup-me", scopes: ["metrics.read"] });
    const before = await call(emu.url, "POST", "/api/v2/apiTokens/lookup", { token: created.token, body: { token: created.token } });
    expect(before.status).toBe(200);
    expect(before.body.id).toBe(created.id);
    expect(before.body.lastUsedDate).toMatch(ISO_UTC);
    expect(before.body.lastUsedIpAddress).toBe("127.0.0.1");
    const unknown = await api("POST", "/v2/apiTokens/lookup", { body: { token: `${created.id}.${"A".repeat(64)}` } });
    expect(unknown.status).toBe(404);
  });
});

describe("PUT /v2/apiTokens/{id}", () => {
  it("renames, replaces the whole scope set and bumps modifiedDate", async () => {
    const created = await createToken({ name: "old", scopes: ["metrics.read", "logs.read"] });
    const before = await api("GET", `/v2/apiTokens/${created.id}`);
    emu.clock.advance(60_000);
    const res = await api("PUT", `/v2/apiTokens/${created.id}`, { body: { name: "new", scopes: ["entities.read"] } });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const after = await api("GET", `/v2/apiTokens/${created.id}`);
    expect(after.body.name).toBe("new");
    expect(after.body.scopes).toEqual(["entities.read"]);
    expect(Date.parse(after.body.modifiedDate)).toBeGreaterThan(Date.parse(before.body.modifiedDate));
  });

  it("disables and re-enables without counting as a modification", async () => {
    const created = await createToken({ name: "toggle", scopes: ["metrics.read"] });
    const before = await api("GET", `/v2/apiTokens/${created.id}`);
    emu.clock.advance(60_000);
    expect((await api("PUT", `/v2/apiTokens/${created.id}`, { body: { enabled: false } })).status).toBe(204);
    const disabled = await api("GET", `/v2/apiTokens/${created.id}`);
    expect(disabled.body.enabled).toBe(false);
    expect(disabled.body.modifiedDate).toBe(before.body.modifiedDate);
    const useDisabled = await call(emu.url, "POST", "/api/v2/apiTokens/lookup", { token: created.token, body: { token: created.token } });
    expect(useDisabled.status).toBe(401);
    expect((await api("PUT", `/v2/apiTokens/${created.id}`, { body: { enabled: true } })).status).toBe(204);
    const useEnabled = await call(emu.url, "POST", "/api/v2/apiTokens/lookup", { token: created.token, body: { token: created.token } });
    expect(useEnabled.status).toBe(200);
  });

  it("refuses to disable the token that authenticates the request", async () => {
    const self = emu.seedToken({ scopes: ["apiTokens.write"] });
    const res = await call(emu.url, "PUT", `/api/v2/apiTokens/${self.id}`, { token: self.token, body: { enabled: false } });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("You can't disable the token you're using for authentication of the request.");
    const rename = await call(emu.url, "PUT", `/api/v2/apiTokens/${self.id}`, { token: self.token, body: { name: "renamed-self" } });
    expect(rename.status).toBe(204);
  });

  it("validates scopes on update and 404s an unknown id", async () => {
    const created = await createToken({ name: "v", scopes: ["metrics.read"] });
    const bad = await api("PUT", `/v2/apiTokens/${created.id}`, { body: { scopes: ["nope"] } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.constraintViolations[0].path).toBe("scopes[0]");
    const missing = await api("PUT", "/v2/apiTokens/dt0c01.BBBBBBBBBBBBBBBBBBBBBBBB", { body: { name: "x" } });
    expect(missing.status).toBe(404);
  });
});

describe("DELETE /v2/apiTokens/{id}", () => {
  it("deletes by id and then 404s", async () => {
    const created = await createToken({ name: "bye", scopes: ["metrics.read"] });
    expect((await api("DELETE", `/v2/apiTokens/${created.id}`)).status).toBe(204);
    expect((await api("GET", `/v2/apiTokens/${created.id}`)).status).toBe(404);
    expect((await api("DELETE", `/v2/apiTokens/${created.id}`)).status).toBe(404);
  });

  it("deletes by the secret itself", async () => {
    const created = await createToken({ name: "bye-secret", scopes: ["metrics.read"] });
    expect((await api("DELETE", `/v2/apiTokens/${created.token}`)).status).toBe(204);
    expect((await api("GET", `/v2/apiTokens/${created.id}`)).status).toBe(404);
  });

  it("refuses to delete the token that authenticates the request", async () => {
    const self = emu.seedToken({ scopes: ["apiTokens.write"] });
    const res = await call(emu.url, "DELETE", `/api/v2/apiTokens/${self.id}`, { token: self.token });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe("You can't delete the token you're using for authentication of the request.");
  });
});

// Issue 10: a date past JavaScript's range was stored as an invalid date, and every list answered 500 until restart.
describe("issue 10: dates out of range are refused, never stored", () => {
  it.each([
    ["POST", "/v2/apiTokens", { name: "far", scopes: ["metrics.read"], expirationDate: "now+300000y" }, "expirationDate"],
    ["POST", "/v2/apiTokens", { name: "far", scopes: ["metrics.read"], expirationDate: "now+8000y" }, "expirationDate"],
    ["POST", "/v2/apiTokens", { name: "far", scopes: ["metrics.read"], expirationDate: 9_999_999_999_999_999 }, "expirationDate"],
    ["POST", "/v2/apiTokens", { name: "far", scopes: ["metrics.read"], expirationDate: "9999999999999999" }, "expirationDate"],
    ["POST", "/v2/activeGateTokens", { name: "far", activeGateType: "ENVIRONMENT", expirationDate: "now+300000y" }, "expirationDate"],
    ["POST", "/v1/tokens", { name: "far", scopes: ["DataExport"], expiresIn: { value: 9_000_000_000_000_000, unit: "DAYS" } }, "expiresIn.value"],
  ])("%s %s with an out-of-range date → 400 on %s's path; lists keep working", async (method, path, body, field) => {
    const res = await api(method, path, { body });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.constraintViolations[0]).toMatchObject({ path: field });
    for (const list of ["/v2/apiTokens?fields=%2BexpirationDate", "/v2/activeGateTokens", "/v1/tokens"]) {
      expect((await api("GET", list)).status).toBe(200);
    }
  });

  it("still accepts the last day of year 9999", async () => {
    const created = await createToken({ name: "last", scopes: ["metrics.read"], expirationDate: "9999-12-31T00:00:00Z" });
    expect(created.expirationDate).toBe("9999-12-31T00:00:00.000Z");
    expect((await api("GET", "/v2/apiTokens?fields=%2BexpirationDate")).status).toBe(200);
  });
});
