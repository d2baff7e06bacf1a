// The API token provider's lifecycle, called directly against the emulator (each test starts its own on port 0).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import { withoutMarker } from "../../provider/client/createMarker";
import { closeConnections } from "../../provider/connection";
import { apiTokenProvider } from "../../provider/resources/apiToken";
import { dynamicFace } from "../../provider/resources/propertyChanges";

/** As the dynamic resources call it: `diff` answers `{ changes, replaces }`. */
const provider = dynamicFace(apiTokenProvider);
import { startProviderEnvironment, type ProviderEnvironment } from "./providerEnvironment";

let emulator: RunningEmulator;
let logs: string[];
let environment: ProviderEnvironment;

beforeEach(async () => {
  environment = await startProviderEnvironment({ maxRetries: 8 });
  ({ emulator, logs } = environment);
});

afterEach(async () => {
  await environment.close();
});

async function checked(news: Record<string, unknown>): Promise<Record<string, unknown>> {
  const result = await provider.check({}, news);
  expect(result.failures ?? []).toEqual([]);
  return result.inputs as Record<string, unknown>;
}

async function listTokens(): Promise<Array<{ id: string; name: string; enabled: boolean; scopes: string[] }>> {
  const res = await fetch(`${emulator.url}/api/v2/apiTokens?fields=id,name,enabled,scopes&pageSize=1000`, {
    headers: { authorization: `Api-Token ${emulator.adminToken}` },
  });
  const { apiTokens } = (await res.json()) as { apiTokens: Array<{ id: string; name: string; enabled: boolean; scopes: string[] }> };
  // Names as requested: created tokens carry the create marker in Dynatrace (provider/client/createMarker.ts).
  return apiTokens.map((t) => ({ ...t, name: withoutMarker(t.name) }));
}

function count(route: string): number {
  return emulator.requests().byRoute[route] ?? 0;
}

describe("ApiToken provider against the emulator", () => {
  it("creates an enabled token and returns its secret and metadata", async () => {
    const inputs = await checked({ name: "ingest", scopes: ["metrics.ingest", "logs.ingest"], expirationDate: "now+90d" });
    const { id, outs } = await provider.create(inputs);
    expect(id).toMatch(/^dt0c01\.[A-Z0-9]{24}$/);
    expect(outs.token).toMatch(new RegExp(`^${id.replace(".", "\\.")}\\.[A-Z0-9]{64}$`));
    expect(outs).toMatchObject({ name: "ingest", enabled: true, scopes: ["logs.ingest", "metrics.ingest"], requestedExpirationDate: "now+90d" });
    const days = (Date.parse(outs.expirationDate) - emulator.clock.now().getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    expect((await listTokens()).find((t) => t.id === id)?.enabled).toBe(true);
  });

  it("shows no diff for reordered scopes or a relative expiration on a later run", async () => {
    const inputs = await checked({ name: "ingest", scopes: ["metrics.ingest", "logs.ingest"], expirationDate: "now+90d" });
    const { id, outs } = await provider.create(inputs);
    emulator.clock.advance(3 * 86_400_000);
    const again = await checked({ name: "ingest", scopes: ["logs.ingest", "metrics.ingest"], expirationDate: "now+90d" });
    expect(await provider.diff(id, outs, again)).toMatchObject({ changes: false, replaces: [] });
  });

  it("updates scopes, name and enabled in place with exactly one PUT", async () => {
    const { id, outs } = await provider.create(await checked({ name: "ingest", scopes: ["metrics.ingest"] }));
    const news = await checked({ name: "renamed", scopes: ["metrics.ingest", "logs.ingest"], enabled: false });
    const diff = await provider.diff(id, outs, news);
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    emulator.resetRequests();
    const { outs: updated } = await provider.update(id, outs, news);
    expect(count("PUT /api/v2/apiTokens/{id}")).toBe(1);
    expect(updated).toMatchObject({ name: "renamed", enabled: false, scopes: ["logs.ingest", "metrics.ingest"], token: outs.token });
  });

  it("replaces on expiration, personal-access or trigger changes, creating before deleting", async () => {
    const { id, outs } = await provider.create(await checked({ name: "t", scopes: ["metrics.read"], expirationDate: "now+90d", rotationTrigger: 1 }));
    expect((await provider.diff(id, outs, await checked({ name: "t", scopes: ["metrics.read"], expirationDate: "now+30d", rotationTrigger: 1 }))).replaces).toEqual([
      "expirationDate",
    ]);
    expect((await provider.diff(id, outs, await checked({ name: "t", scopes: ["metrics.read"], expirationDate: "now+90d", rotationTrigger: 2 }))).replaces).toEqual([
      "rotationTrigger",
    ]);
    const diff = await provider.diff(id, outs, await checked({ name: "t", scopes: ["metrics.read"], expirationDate: "now+90d", rotationTrigger: 1, personalAccessToken: true }));
    expect(diff).toMatchObject({ changes: true, replaces: ["personalAccessToken"], deleteBeforeReplace: false });
  });

  it("reads drift, keeps the secret, and reports a token deleted by hand as gone", async () => {
    const { id, outs } = await provider.create(await checked({ name: "t", scopes: ["metrics.read"] }));
    await fetch(`${emulator.url}/api/v2/apiTokens/${id}`, {
      method: "PUT",
      headers: { authorization: `Api-Token ${emulator.adminToken}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "hand-renamed", scopes: ["entities.read"], enabled: false }),
    });
    const read = await provider.read(id, outs);
    expect(read.props).toMatchObject({ name: "hand-renamed", scopes: ["entities.read"], enabled: false, token: outs.token });
    const diff = await provider.diff(id, read.props, await checked({ name: "t", scopes: ["metrics.read"] }));
    expect(diff).toMatchObject({ changes: true, replaces: [] });

    await provider.delete(id, outs);
    expect(await provider.read(id, outs)).toEqual({});
    await expect(provider.delete(id, outs)).resolves.toBeUndefined();
  });

  it("adopts an existing token by value with one PUT and keeps its secret", async () => {
    const seeded = emulator.seedToken({ name: "legacy", scopes: ["metrics.read"] });
    emulator.resetRequests();
    const { id, outs } = await provider.create(await checked({ name: "adopted", scopes: ["metrics.read", "logs.ingest"], adopt: { token: seeded.token } }));
    expect(id).toBe(seeded.id);
    expect(outs).toMatchObject({ name: "adopted", adopted: "token", token: seeded.token, scopes: ["logs.ingest", "metrics.read"] });
    expect(count("POST /api/v2/apiTokens")).toBe(0);
    expect(count("PUT /api/v2/apiTokens/{id}")).toBe(1);
    expect(logs.join("\n")).not.toContain(seeded.token);
  });

  it("adopts by id without a secret, and refuses to replace while adopt is still set", async () => {
    const seeded = emulator.seedToken({ name: "legacy", scopes: ["metrics.read"] });
    const inputs = await checked({ name: "legacy", scopes: ["metrics.read"], adopt: { id: seeded.id } });
    const { id, outs } = await provider.create(inputs);
    expect(outs.token).toBeUndefined();
    await expect(provider.diff(id, outs, { ...inputs, rotationTrigger: "x" })).rejects.toThrow(/Remove `adopt`/);
  });

  it("rotates when the server clock enters the rotateBefore window, saying why", async () => {
    const inputs = await checked({ name: "r", scopes: ["metrics.read"], expirationDate: "now+30d", rotateBefore: "14d" });
    const { id, outs } = await provider.create(inputs);
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: false });
    emulator.clock.advance(17 * 86_400_000);
    // The clock is read once per environment per process; each pulumi command is a new process.
    await closeConnections();
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: true, replaces: ["rotateBefore"] });
    expect(logs.join("\n")).toMatch(/will be rotated: expires .*, within rotateBefore 14d/);
  });

  it("converges without duplicates when creates hit 429s, 5xx after effect and dropped connections", async () => {
    emulator.setFaults([
      { route: "POST /api/v2/apiTokens", rateLimitRate: 1, retryAfterSeconds: 0, count: 2 },
      { route: "POST /api/v2/apiTokens", errorRate: 1, errorStatus: 502, afterEffect: true, count: 1 },
      { route: "POST /api/v2/apiTokens", dropRate: 1, afterEffect: true, count: 1 },
      { route: "GET /api/v2/apiTokens/{id}", errorRate: 1, errorStatus: 503, count: 2 },
    ]);
    const { id, outs } = await provider.create(await checked({ name: "flaky", scopes: ["metrics.read"] }));
    expect(outs.token).toBeDefined();
    const flaky = (await listTokens()).filter((t) => t.name === "flaky");
    expect(flaky.map((t) => t.id)).toEqual([id]);
    expect(logs.filter((l) => l.includes("answer was lost"))).toHaveLength(2);
  });

  it("leaves no orphan when every create attempt's answer is lost, so the next up cannot duplicate it", async () => {
    emulator.setFaults([{ route: "POST /api/v2/apiTokens", errorRate: 1, errorStatus: 502, afterEffect: true, count: 4 }]);
    const inputs = await checked({ name: "unlucky", scopes: ["metrics.read"] });
    await expect(provider.create(inputs)).rejects.toMatchObject({ code: "UNKNOWN_OUTCOME" });
    expect(count("POST /api/v2/apiTokens")).toBe(4);
    expect((await listTokens()).filter((t) => t.name === "unlucky")).toEqual([]);

    const { id } = await provider.create(inputs);
    expect((await listTokens()).filter((t) => t.name === "unlucky").map((t) => t.id)).toEqual([id]);
  });
});
