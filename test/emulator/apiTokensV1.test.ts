import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { API_TOKEN_VALUE, call, DAY_MS } from "./helpers";

let emu: RunningEmulator;

beforeAll(async () => {
  emu = await startEmulator();
});
afterAll(async () => {
  await emu.close();
});

const v1 = (method: string, path: string, options: Parameters<typeof call>[3] = {}) =>
  call(emu.url, method, `/api/v1${path}`, { token: emu.adminToken, ...options });

describe("v1 tokens", () => {
  it("creates with expiresIn and reads TokenMetadata", async () => {
    const created = await v1("POST", "/tokens", { body: { name: "v1", scopes: ["ReadConfig", "metrics.read"], expiresIn: { value: 2, unit: "DAYS" } } });
    expect(created.status).toBe(201);
    expect(Object.keys(created.body)).toEqual(["token"]);
    expect(created.body.token).toMatch(API_TOKEN_VALUE);
    const id = created.body.token.split(".").slice(0, 2).join(".");
    const meta = await v1("GET", `/tokens/${id}`);
    expect(meta.status).toBe(200);
    expect(meta.body).toMatchObject({ id, name: "v1", userId: "admin@emulator.local", revoked: false, personalAccessToken: false, scopes: ["ReadConfig", "metrics.read"] });
    expect(meta.body.expires - meta.body.created).toBe(2 * DAY_MS);
    expect(typeof meta.body.created).toBe("number");
  });

  it.each([
    ["HOURS", 3_600_000],
    ["MINUTES", 60_000],
    ["SECONDS", 1000],
    ["MILLIS", 1],
  ])("converts expiresIn unit %s", async (unit, ms) => {
    const created = await v1("POST", "/tokens", { body: { name: "u", scopes: ["ReadConfig"], expiresIn: { value: 5000, unit } } });
    const meta = await v1("POST", "/tokens/lookup", { body: { token: created.body.token } });
    expect(meta.body.expires - meta.body.created).toBe(5000 * ms);
  });

  it("validates the create body", async () => {
    const bad = await v1("POST", "/tokens", { body: { name: "x", scopes: ["ReadConfig", "LogImport"], expiresIn: { value: 1, unit: "WEEKS" } } });
    expect(bad.status).toBe(400);
    const paths = bad.body.error.constraintViolations.map((v: { path: string }) => v.path);
    expect(paths).toContain("expiresIn.unit");
    const empty = await v1("POST", "/tokens", { body: { name: "x", scopes: [] } });
    expect(empty.status).toBe(400);
    const legacy = await v1("POST", "/tokens", { body: { name: "x", scopes: ["LogImport"] } });
    expect(legacy.body.error.constraintViolations[0].path).toBe("scopes[0]");
  });

  it("lists {values:[{id,name}]} filtered by user and permissions (all of them)", async () => {
    const carol = emu.seedToken({ owner: "carol@example.com", name: "carols", scopes: ["ReadConfig", "WriteConfig"] });
    emu.seedToken({ owner: "carol@example.com", name: "carols-ro", scopes: ["ReadConfig"] });
    const res = await v1("GET", "/tokens?user=carol%40example.com&permissions=ReadConfig&permissions=WriteConfig");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ values: [{ id: carol.id, name: "carols" }] });
    const limited = await v1("GET", "/tokens?limit=1");
    expect(limited.body.values).toHaveLength(1);
  });

  it("answers 404 with the documented message for an unknown token", async () => {
    const res = await v1("GET", "/tokens/dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA");
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 404, message: "The requested token has not been found." } });
    expect((await v1("PUT", "/tokens/dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA", { body: { name: "x" } })).status).toBe(404);
    expect((await v1("DELETE", "/tokens/dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(404);
  });

  it("refuses to update or delete the token used for the request", async () => {
    const self = emu.seedToken({ scopes: ["TenantTokenManagement"] });
    const put = await call(emu.url, "PUT", `/api/v1/tokens/${self.id}`, { token: self.token, body: { name: "x" } });
    expect(put.status).toBe(400);
    expect(put.body.error.message).toBe("You can't update the token you're using for authentication of the request.");
    const del = await call(emu.url, "DELETE", `/api/v1/tokens/${self.id}`, { token: self.token });
    expect(del.status).toBe(400);
    expect(del.body.error.message).toBe("You can't delete the token you're using for authentication of the request.");
  });

  it("deletes by id or by secret", async () => {
    const a = emu.seedToken({ scopes: ["ReadConfig"] });
    const b = emu.seedToken({ scopes: ["ReadConfig"] });
    expect((await v1("DELETE", `/tokens/${a.id}`)).status).toBe(204);
    expect((await v1("DELETE", `/tokens/${b.token}`)).status).toBe(204);
    expect((await v1("GET", `/tokens/${a.id}`)).status).toBe(404);
    expect((await v1("GET", `/tokens/${b.id}`)).status).toBe(404);
  });
});

describe("one store behind v1 and v2", () => {
  it("shows a v2-created token in v1 with revoked = !enabled and userId = owner", async () => {
    const created = await call(emu.url, "POST", "/api/v2/apiTokens", { token: emu.adminToken, body: { name: "shared", scopes: ["metrics.read"] } });
    await call(emu.url, "PUT", `/api/v2/apiTokens/${created.body.id}`, { token: emu.adminToken, body: { enabled: false } });
    const meta = await v1("GET", `/tokens/${created.body.id}`);
    expect(meta.body).toMatchObject({ id: created.body.id, name: "shared", revoked: true, userId: "admin@emulator.local" });
  });

  it("revoking via v1 disables in v2 and stops authentication", async () => {
    const t = emu.seedToken({ scopes: ["apiTokens.read"] });
    expect((await v1("PUT", `/tokens/${t.id}`, { body: { revoked: true, name: "revoked-one" } })).status).toBe(204);
    const v2 = await call(emu.url, "GET", `/api/v2/apiTokens/${t.id}`, { token: emu.adminToken });
    expect(v2.body).toMatchObject({ enabled: false, name: "revoked-one" });
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: t.token })).status).toBe(401);
  });

  it("deleting via v2 removes it from v1", async () => {
    const t = emu.seedToken({ scopes: ["ReadConfig"] });
    await call(emu.url, "DELETE", `/api/v2/apiTokens/${t.id}`, { token: emu.adminToken });
    expect((await v1("GET", `/tokens/${t.id}`)).status).toBe(404);
  });
});

describe("seed 003: PUT /api/v1/tokens/{id} example", () => {
  // The documented request body, verbatim. MaintenanceWindows and LogImport are no longer assignable scopes
  // (spec §6), so today's API rejects exactly those two entries; without them the documented 204 follows.
  const documentedScopes = [
    "ExternalSyntheticIntegration",
    "DataPrivacy",
    "WriteConfig",
    "DssFileManagement",
    "LogExport",
    "DTAQLAccess",
    "ReadConfig",
    "CaptureRequestData",
    "ReadSyntheticData",
    "DataExport",
    "UserSessionAnonymization",
    "MaintenanceWindows",
    "LogImport",
    "TenantTokenManagement",
    "ActiveGateCertManagement",
    "RumJavaScriptTagManagement",
  ];

  it("rejects the two retired scopes at their positions", async () => {
    const target = emu.seedToken({ name: "admin token", scopes: ["ReadConfig", "WriteConfig", "TenantTokenManagement"] });
    const res = await v1("PUT", `/tokens/${target.id}`, { body: { scopes: documentedScopes } });
    expect(res.status).toBe(400);
    expect(res.body.error.constraintViolations.map((v: { path: string }) => v.path)).toEqual(["scopes[11]", "scopes[12]"]);
  });

  it("assigns RumJavaScriptTagManagement and ActiveGateCertManagement, keeps name and validity, answers 204", async () => {
    const before = ["ExternalSyntheticIntegration", "DataPrivacy", "WriteConfig", "DssFileManagement", "LogExport", "DTAQLAccess", "ReadConfig", "CaptureRequestData", "ReadSyntheticData", "DataExport", "UserSessionAnonymization", "TenantTokenManagement"];
    const target = emu.seedToken({ name: "admin token", scopes: before, expirationDate: "now+30d" });
    const metaBefore = await v1("GET", `/tokens/${target.id}`);
    const assignable = documentedScopes.filter((s) => s !== "MaintenanceWindows" && s !== "LogImport");
    const res = await v1("PUT", `/tokens/${target.id}`, { body: { scopes: assignable } });
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    const after = await v1("GET", `/tokens/${target.id}`);
    expect(after.body.scopes).toEqual(assignable);
    expect(after.body.scopes).toEqual(expect.arrayContaining(["RumJavaScriptTagManagement", "ActiveGateCertManagement"]));
    expect(after.body.name).toBe("admin token");
    expect(after.body.expires).toBe(metaBefore.body.expires);
  });
});
