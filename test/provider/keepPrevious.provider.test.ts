// Issue 13, rotation without an outage: with `keepPreviousFor`, the providers (called directly against the emulator)
// rotate in place — the new token is issued by an update and the old one kept as `previousToken*` — delete the kept
// token with the first up past its removal date on the server's clock, report drift on it, delete both on destroy,
// and write nothing new for a resource without the input.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import { closeConnections } from "../../provider/connection";
import { activeGateTokenProvider } from "../../provider/resources/activeGateToken";
import { apiTokenProvider } from "../../provider/resources/apiToken";
import { dynamicFace } from "../../provider/resources/propertyChanges";

// As the dynamic resources call them: `diff` answers `{ changes, replaces }`.
const provider = dynamicFace(apiTokenProvider);
const agProvider = dynamicFace(activeGateTokenProvider);
import { startProviderEnvironment, type ProviderEnvironment } from "./providerEnvironment";

type Props = Record<string, unknown>;
const HOUR_MS = 3_600_000;

let emulator: RunningEmulator;
let logs: string[];
let environment: ProviderEnvironment;

beforeEach(async () => {
  environment = await startProviderEnvironment();
  ({ emulator, logs } = environment);
});

afterEach(async () => {
  await environment.close();
});

interface Checker {
  check(olds: Props, news: Props): Promise<{ inputs?: Props; failures?: unknown[] }>;
}

async function checked(news: Props, p: Checker = provider, olds: Props = {}): Promise<Props> {
  const result = await p.check(olds, news);
  expect(result.failures ?? []).toEqual([]);
  return result.inputs as Props;
}

/** A new pulumi command = a new provider process, which reads the server's clock afresh. */
async function newProcess(): Promise<void> {
  await closeConnections();
  emulator.resetRequests();
  logs.length = 0;
}

/** Whether `secret` authenticates at the emulator (a lookup any valid token may make). */
async function authenticates(secret: string): Promise<boolean> {
  const res = await fetch(`${emulator.url}/api/v2/apiTokens/lookup`, {
    method: "POST",
    headers: { authorization: `Api-Token ${secret}`, "content-type": "application/json" },
    body: JSON.stringify({ token: secret }),
  });
  return res.status === 200;
}

async function admin(method: string, path: string, body?: unknown): Promise<number> {
  const res = await fetch(`${emulator.url}${path}`, {
    method,
    headers: { authorization: `Api-Token ${emulator.adminToken}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

async function nameOf(id: string): Promise<string> {
  const res = await fetch(`${emulator.url}/api/v2/apiTokens/${id}`, { headers: { authorization: `Api-Token ${emulator.adminToken}` } });
  return ((await res.json()) as { name: string }).name;
}

const API = { name: "ingest", scopes: ["metrics.ingest"], expirationDate: "now+90d", keepPreviousFor: "24h", rotationTrigger: "1" };

describe("ApiToken with keepPreviousFor", () => {
  async function rotated() {
    const inputs = await checked(API);
    const { id, outs } = await provider.create(inputs);
    const news = await checked({ ...API, rotationTrigger: "2" }, provider, inputs);
    const diff = await provider.diff(id, outs, news);
    const { outs: after } = await provider.update(id, outs, news);
    return { id, outs: outs as Props, inputs, news, diff, after: after as Props };
  }

  it("creates with tokenId and the overlap recorded, and nothing kept yet", async () => {
    const { id, outs } = await provider.create(await checked(API));
    expect(outs).toMatchObject({ tokenId: id, keepPreviousFor: "24h" });
    expect(outs.previousTokenId).toBeUndefined();
  });

  it("rotates in place on a rotationTrigger change: an update, both tokens authenticate", async () => {
    const { id, outs, diff, after } = await rotated();
    expect(diff).toMatchObject({ changes: true, replaces: [] });
    expect(logs.join("\n")).toContain(`will be rotated in place (rotationTrigger): a new token is issued, and the current one, ${id}, stays valid`);
    expect(after.tokenId).not.toBe(id);
    expect(after).toMatchObject({ previousTokenId: id, previousToken: outs.token, rotationTrigger: "2", name: "ingest" });
    const removal = Date.parse(after.previousTokenRemovalDate as string) - emulator.clock.now().getTime();
    expect(Math.abs(removal - 24 * HOUR_MS)).toBeLessThan(60_000);
    expect(await authenticates(after.token as string)).toBe(true);
    expect(await authenticates(outs.token as string)).toBe(true);
  });

  it("keeps the previous token until its removal date on the server's clock, then the next update deletes it", async () => {
    const { id, news, after } = await rotated();
    await newProcess();
    emulator.clock.advance(23 * HOUR_MS);
    expect(await provider.diff(id, after, news)).toMatchObject({ changes: false, replaces: [] });
    expect(logs.join("\n")).toContain(`the previous token ${id} stays valid until ${String(after.previousTokenRemovalDate)}`);

    await newProcess();
    emulator.clock.advance(2 * HOUR_MS);
    expect(await provider.diff(id, after, news)).toMatchObject({ changes: true, replaces: [] });
    expect(logs.join("\n")).toContain(`the previous token ${id} was kept until`);
    expect(logs.join("\n")).toContain("this up deletes it");
    const { outs: settled } = await provider.update(id, after, news);
    expect(emulator.requests().byRoute["DELETE /api/v2/apiTokens/{id}"]).toBe(1);
    expect(settled.previousTokenId).toBeUndefined();
    expect(settled.previousToken).toBeUndefined();
    expect(settled.tokenId).toBe(after.tokenId);
    expect(await authenticates(after.previousToken as string)).toBe(false);
    expect(await authenticates(settled.token as string)).toBe(true);
    expect(await provider.diff(id, settled, news)).toMatchObject({ changes: false });
  });

  it("refuses a second rotation while a previous token is kept, naming it and its removal date", async () => {
    const { id, news, after } = await rotated();
    const again = await checked({ ...API, rotationTrigger: "3" }, provider, news);
    await expect(provider.diff(id, after, again)).rejects.toThrow(
      new RegExp(`must be rotated \\(rotationTrigger changed\\), but its previous token ${id.replace(".", "\\.")} is kept until ${String(after.previousTokenRemovalDate).replace(/\./g, "\\.")}`),
    );
  });

  it("lets a due rotateBefore wait while a previous token is kept, then rotates in place with its removal", async () => {
    const base = { name: "short", scopes: ["metrics.read"], expirationDate: "now+20d", rotateBefore: "7d", keepPreviousFor: "3d" };
    const inputs = await checked(base);
    const { id, outs } = await provider.create(inputs);
    const triggered = await checked({ ...base, rotationTrigger: "x" }, provider, inputs);
    const { outs: after } = await provider.update(id, outs, triggered);
    // 15 days on, the new token (20 days) is within rotateBefore; the kept one is long due: one update does both.
    await newProcess();
    emulator.clock.advance(15 * 24 * HOUR_MS);
    expect(await provider.diff(id, after, triggered)).toMatchObject({ changes: true, replaces: [] });
    const { outs: again } = await provider.update(id, after, triggered);
    expect(again.previousTokenId).toBe(after.tokenId);
    expect(await authenticates(after.previousToken as string)).toBe(false);

    // A day later the kept token still has 2 of its 3 days; a state whose token expires in 2 days (within rotateBefore)
    // must not fail the preview or delete the kept token early: rotateBefore waits, with a warning.
    await newProcess();
    emulator.clock.advance(24 * HOUR_MS);
    const rotatedAgainAt = Date.parse(again.previousTokenRemovalDate as string);
    expect(rotatedAgainAt).toBeGreaterThan(emulator.clock.now().getTime());
    const early = { ...again, expirationDate: new Date(emulator.clock.now().getTime() + 2 * 24 * HOUR_MS).toISOString() };
    expect(await provider.diff(id, early, triggered)).toMatchObject({ changes: false, replaces: [] });
    expect(logs.join("\n")).toContain("the rotation rotateBefore asks for waits until the previous token is removed");
  });

  it("updates name and scopes of the token in use, not of the first one", async () => {
    const { id, news, after } = await rotated();
    const renamed = await checked({ ...news, name: "renamed", scopes: ["metrics.ingest", "logs.ingest"] }, provider, news);
    expect(await provider.diff(id, after, renamed)).toMatchObject({ changes: true, replaces: [] });
    emulator.resetRequests();
    const { outs } = await provider.update(id, after, renamed);
    expect(emulator.requests().byRoute).toEqual({ "PUT /api/v2/apiTokens/{id}": 1 });
    expect(outs).toMatchObject({ name: "renamed", previousTokenId: id });
    expect(await nameOf(String(after.tokenId))).toMatch(/^renamed ⟨pulumi /);
    // The kept token stays as it was: its consumers see no change.
    expect(await nameOf(id)).toMatch(/^ingest ⟨pulumi /);
  });

  it("reports a previous token disabled or deleted by hand on refresh, without failing", async () => {
    const { id, after } = await rotated();
    expect(await admin("PUT", `/api/v2/apiTokens/${id}`, { enabled: false })).toBe(204);
    await newProcess();
    const disabled = await provider.read(id, after);
    expect(disabled.props).toMatchObject({ previousTokenId: id, previousTokenEnabled: false, tokenId: after.tokenId });
    expect(logs.join("\n")).toContain(`its previous token ${id} was disabled outside Pulumi`);

    expect(await admin("DELETE", `/api/v2/apiTokens/${id}`)).toBe(204);
    await newProcess();
    const deleted = await provider.read(id, disabled.props as Props);
    expect(deleted.id).toBe(id);
    expect(deleted.props?.previousTokenId).toBeUndefined();
    expect(deleted.props?.tokenId).toBe(after.tokenId);
    expect(logs.join("\n")).toContain(`its previous token ${id} was deleted outside Pulumi before its removal date`);
  });

  it("deletes both tokens on destroy", async () => {
    const { id, after } = await rotated();
    await provider.delete(id, after);
    expect(await authenticates(after.token as string)).toBe(false);
    expect(await authenticates(after.previousToken as string)).toBe(false);
    expect(await admin("GET", `/api/v2/apiTokens/${String(after.tokenId)}`)).toBe(404);
  });

  it("deletes the kept token at the next up when keepPreviousFor is removed", async () => {
    const { id, news, after } = await rotated();
    const { keepPreviousFor: _dropped, ...rest } = news;
    const without = await checked(rest, provider, news);
    expect(await provider.diff(id, after, without)).toMatchObject({ changes: true, replaces: [] });
    const { outs } = await provider.update(id, after, without);
    expect(await authenticates(after.previousToken as string)).toBe(false);
    // The token in use stays known by its own id.
    expect(outs).toMatchObject({ tokenId: after.tokenId });
    expect(outs.keepPreviousFor).toBeUndefined();
  });

  it("still replaces on a change of environment", async () => {
    const inputs = await checked(API);
    const { id, outs } = await provider.create(inputs);
    expect((await provider.diff(id, outs, { ...inputs, environment: "other" })).replaces).toEqual(["environment"]);
  });

  it("writes no new output for a token without keepPreviousFor", async () => {
    const { keepPreviousFor: _none, ...plain } = API;
    const { id, outs } = await provider.create(await checked(plain));
    for (const key of ["keepPreviousFor", "tokenId", "previousTokenId", "previousToken", "previousTokenRemovalDate"]) expect(outs).not.toHaveProperty(key);
    expect((await provider.diff(id, outs, await checked({ ...plain, rotationTrigger: "2" }))).replaces).toEqual(["rotationTrigger"]);
  });

  it("refuses a keepPreviousFor that is not a duration, naming the field, the value and the fix", async () => {
    const result = await provider.check({}, { ...API, keepPreviousFor: "1 day" });
    expect(result.failures).toEqual([{ property: "keepPreviousFor", reason: expect.stringMatching(/^keepPreviousFor: "1 day" is not a duration — use .*"14d"/) }]);
    const typed = await provider.check({}, { ...API, keepPreviousFor: 24 });
    expect(typed.failures).toEqual([{ property: "keepPreviousFor", reason: expect.stringContaining('keepPreviousFor must be a duration string, got number 24 — e.g. keepPreviousFor: "24h"') }]);
  });
});

describe("ActiveGateToken with keepPreviousFor", () => {
  it("rotates in place on a name change and when rotateBefore is due, keeping the previous token", async () => {
    const base = { name: "ag", expirationDate: "now+30d", rotateBefore: "7d", keepPreviousFor: "2d" };
    const inputs = await checked(base, agProvider);
    const { id, outs } = await agProvider.create(inputs);
    const renamed = await checked({ ...base, name: "ag-2" }, agProvider, inputs);
    expect(await agProvider.diff(id, outs, renamed)).toMatchObject({ changes: true, replaces: [] });
    const { outs: after } = await agProvider.update(id, outs, renamed);
    expect(after).toMatchObject({ name: "ag-2", previousTokenId: id, previousToken: outs.token });
    expect(after.tokenId).toMatch(/^dt0g02\./);
    expect(after.tokenId).not.toBe(id);

    // 24 days on: the kept token is long due, and the new token is within rotateBefore. One up removes the kept token
    // and rotates again.
    await newProcess();
    emulator.clock.advance(24 * 24 * HOUR_MS);
    expect(await agProvider.diff(id, after, renamed)).toMatchObject({ changes: true, replaces: [] });
    const { outs: again } = await agProvider.update(id, after, renamed);
    expect(again.previousTokenId).toBe(after.tokenId);
    const listed = await fetch(`${emulator.url}/api/v2/activeGateTokens`, { headers: { authorization: `Api-Token ${emulator.adminToken}` } });
    const ids = ((await listed.json()) as { activeGateTokens: Array<{ id: string }> }).activeGateTokens.map((t) => t.id).sort();
    expect(ids).toEqual([after.tokenId, again.tokenId].sort());

    await agProvider.delete(id, again);
    const empty = await fetch(`${emulator.url}/api/v2/activeGateTokens`, { headers: { authorization: `Api-Token ${emulator.adminToken}` } });
    expect(((await empty.json()) as { activeGateTokens: unknown[] }).activeGateTokens).toEqual([]);
  });
});
