// Issue #11: request counts at the floor — a refresh's reads come from one shared list, update is one PUT, delete one
// DELETE. Counted at the emulator's request log; each test starts its own emulator.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { CONFIG_KEYS, configure, resetConfiguration } from "../../provider/config";
import { closeConnections, connect, setConnectionDefaults } from "../../provider/connection";
import { activeGateTokenProvider } from "../../provider/resources/activeGateToken";
import { apiTokenProvider as provider } from "../../provider/resources/apiToken";

let emulator: RunningEmulator;

beforeEach(async () => {
  emulator = await startEmulator();
  configure({ get: (k) => ({ [CONFIG_KEYS.envUrl]: emulator.url, [CONFIG_KEYS.apiToken]: emulator.adminToken })[k] });
  setConnectionDefaults({ retry: { minDelayMs: 10, maxDelayMs: 200 } });
});

afterEach(async () => {
  await closeConnections();
  resetConfiguration();
  await emulator.close();
});

type Outs = Record<string, unknown>;

async function createTokens(count: number): Promise<Array<{ id: string; outs: Outs }>> {
  const made: Array<{ id: string; outs: Outs }> = [];
  for (let i = 0; i < count; i++) {
    const { inputs } = await provider.check({}, { name: `t${i}`, scopes: ["metrics.read"] });
    const { id, outs } = await provider.create(inputs as Outs);
    made.push({ id, outs: outs as Outs });
  }
  // A new provider process: what a `pulumi refresh` after the `up` starts with.
  await closeConnections();
  emulator.resetRequests();
  return made;
}

function byRoute(): Record<string, number> {
  return emulator.requests().byRoute;
}

async function handPut(id: string, body: unknown): Promise<void> {
  const res = await fetch(`${emulator.url}/api/v2/apiTokens/${id}`, {
    method: "PUT",
    headers: { authorization: `Api-Token ${emulator.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(204);
}

describe("request floor (issue #11)", () => {
  it("serves every read of a refresh from one list: drift shows, a token missing from the list is gone", async () => {
    const tokens = await createTokens(6);
    await handPut(tokens[1]!.id, { name: "hand-renamed", scopes: ["entities.read"], enabled: false });
    await fetch(`${emulator.url}/api/v2/apiTokens/${tokens[2]!.id}`, { method: "DELETE", headers: { authorization: `Api-Token ${emulator.adminToken}` } });
    emulator.resetRequests();

    const reads = await Promise.all(tokens.map((t) => provider.read(t.id, t.outs)));
    expect(byRoute()).toEqual({ "GET /api/v2/apiTokens": 1 });
    expect(reads[0]).toEqual({ id: tokens[0]!.id, props: expect.objectContaining({ name: "t0", scopes: ["metrics.read"], enabled: true, token: tokens[0]!.outs.token }) });
    expect(reads[1]!.props).toMatchObject({ name: "hand-renamed", scopes: ["entities.read"], enabled: false, token: tokens[1]!.outs.token });
    expect(reads[2]).toEqual({});
    // The list carries every field a GET does, so a listed read equals what a GET would have given.
    const listed = reads[0]!.props as Outs;
    await closeConnections();
    const viaGet = await connect().apiTokens.get(tokens[0]!.id);
    for (const key of ["owner", "creationDate", "modifiedDate", "personalAccessToken", "lastUsedDate", "lastUsedIpAddress", "expirationDate"] as const) {
      expect(listed[key]).toEqual(viaGet[key] ?? undefined);
    }

    // A later read in the same process does not list again.
    emulator.resetRequests();
    await provider.read(tokens[3]!.id, tokens[3]!.outs);
    expect(byRoute()).toEqual({ "GET /api/v2/apiTokens": 1 });
  });

  it("pages through a large environment (1,203 tokens) once, however many reads wait, and finds tokens on any page", async () => {
    const tokens = await createTokens(2);
    for (let i = 0; i < 1_200; i++) emulator.seedToken({ name: `other-${i}`, scopes: ["metrics.read"] });
    emulator.resetRequests();
    // The two tokens were created first, so the newest-first list shows them on its second page.
    const reads = await Promise.all([...tokens, ...tokens].map((t) => provider.read(t.id, t.outs)));
    expect(reads.map((r) => r.id)).toEqual([tokens[0]!.id, tokens[1]!.id, tokens[0]!.id, tokens[1]!.id]);
    expect(byRoute()).toEqual({ "GET /api/v2/apiTokens": 2 });
  });

  it("never serves a read from the list after this process changed the token", async () => {
    const tokens = await createTokens(3);
    await provider.read(tokens[0]!.id, tokens[0]!.outs); // fetches the list
    const { inputs } = await provider.check({}, { name: "renamed", scopes: ["metrics.read", "logs.ingest"] });
    emulator.resetRequests();
    const { outs } = await provider.update(tokens[0]!.id, tokens[0]!.outs, inputs as Outs);
    expect(byRoute()).toEqual({ "PUT /api/v2/apiTokens/{id}": 1 });

    const read = await provider.read(tokens[0]!.id, outs);
    expect(read.props).toMatchObject({ name: "renamed", scopes: ["logs.ingest", "metrics.read"] });
    expect(byRoute()).toEqual({ "PUT /api/v2/apiTokens/{id}": 1, "GET /api/v2/apiTokens/{id}": 1 });

    await provider.delete(tokens[1]!.id, tokens[1]!.outs);
    expect(await provider.read(tokens[1]!.id, tokens[1]!.outs)).toEqual({});
    // A write that races the list: the read waits for the list, then sees the write and asks the API instead.
    await closeConnections();
    const raced = (await provider.check({}, { name: "raced", scopes: ["metrics.read"] })).inputs as Outs;
    emulator.resetRequests();
    const pending = provider.read(tokens[2]!.id, tokens[2]!.outs);
    await provider.update(tokens[2]!.id, tokens[2]!.outs, raced);
    await pending;
    expect(byRoute()).toEqual({ "GET /api/v2/apiTokens": 1, "PUT /api/v2/apiTokens/{id}": 1, "GET /api/v2/apiTokens/{id}": 1 });
    expect((await provider.read(tokens[2]!.id, tokens[2]!.outs)).props).toMatchObject({ name: "raced" });
  });

  it("updates with exactly one PUT whose outputs equal what a read gives, and deletes with one DELETE", async () => {
    const [token] = await createTokens(1);
    const { inputs } = await provider.check({}, { name: "renamed", scopes: ["logs.ingest", "metrics.read"], enabled: false });
    const { outs } = await provider.update(token!.id, token!.outs, inputs as Outs);
    expect(byRoute()).toEqual({ "PUT /api/v2/apiTokens/{id}": 1 });
    await closeConnections();
    const read = await provider.read(token!.id, outs);
    const { modifiedDate: updatedAt, ...rest } = outs as Outs;
    const { modifiedDate: readAt, ...readRest } = read.props as Outs;
    expect(rest).toEqual(readRest);
    // The PUT's Date header has whole seconds; the stored modification time is within that second.
    expect(Math.abs(Date.parse(String(updatedAt)) - Date.parse(String(readAt)))).toBeLessThan(1000);

    // Only rotateBefore changed: no request at all.
    emulator.resetRequests();
    await provider.update(token!.id, outs, { ...(inputs as Outs), rotateBefore: "7d" });
    expect(emulator.requests().total).toBe(0);

    await provider.delete(token!.id, outs);
    expect(byRoute()).toEqual({ "DELETE /api/v2/apiTokens/{id}": 1 });
  });

  it("fails the reads waiting for a list that failed once, then lists again", async () => {
    const tokens = await createTokens(2);
    emulator.setFaults([{ route: "GET /api/v2/apiTokens", errorRate: 1, errorStatus: 500, count: 1 }]);
    const results = await Promise.allSettled(tokens.map((t) => provider.read(t.id, t.outs)));
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect((await provider.read(tokens[0]!.id, tokens[0]!.outs)).id).toBe(tokens[0]!.id);
    expect(byRoute()).toEqual({ "GET /api/v2/apiTokens": 2 });
  });

  it("serves ActiveGate token reads from one list too", async () => {
    const made: Array<{ id: string; outs: Outs }> = [];
    for (const name of ["ag1", "ag2", "ag3"]) {
      const { inputs } = await activeGateTokenProvider.check({}, { name });
      const { id, outs } = await activeGateTokenProvider.create(inputs as Outs);
      made.push({ id, outs: outs as Outs });
    }
    await closeConnections();
    await fetch(`${emulator.url}/api/v2/activeGateTokens/${made[1]!.id}`, { method: "DELETE", headers: { authorization: `Api-Token ${emulator.adminToken}` } });
    emulator.resetRequests();
    const reads = await Promise.all(made.map((t) => activeGateTokenProvider.read(t.id, t.outs)));
    expect(byRoute()).toEqual({ "GET /api/v2/activeGateTokens": 1 });
    expect(reads[0]!.props).toMatchObject({ name: "ag1", token: made[0]!.outs.token });
    expect(reads[1]).toEqual({});
  });
});
