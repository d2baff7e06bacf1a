// Issue 9 items 1 and 5 and issue 11's rotateBefore line, the providers called directly against the emulator:
// rotateBefore and expiry are decided from the stored expiration with one clock reading per environment (no request
// per token); an expired token is reported (warning + `expired` output), never an error; a stack written by 0.1.0
// with rotateBefore on an absolute date keeps working; unknown scopes reach Dynatrace, whose 400 names them; unknown
// enum values in answers parse.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UNKNOWN_ENUM_VALUES, type RunningEmulator } from "../../emulator";
import { TenantTokenClient } from "../../provider/client/tenantToken";
import { closeConnections, connect } from "../../provider/connection";
import { activeGateTokenProvider } from "../../provider/resources/activeGateToken";
import { apiTokenProvider } from "../../provider/resources/apiToken";
import { dynamicFace } from "../../provider/resources/propertyChanges";

// As the dynamic resources call them: `diff` answers `{ changes, replaces }`.
const provider = dynamicFace(apiTokenProvider);
const agProvider = dynamicFace(activeGateTokenProvider);
import { startProviderEnvironment, type ProviderEnvironment } from "./providerEnvironment";

type Props = Record<string, unknown>;
const DAY_MS = 86_400_000;

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

async function checked(news: Props, olds: Props = {}, p: { check(o: Props, n: Props): Promise<{ inputs?: Props; failures?: unknown[] }> } = provider): Promise<Props> {
  const result = await p.check(olds, news);
  expect(result.failures ?? []).toEqual([]);
  return result.inputs as Props;
}

/** A new pulumi command = a new provider process: connections (and what they learnt of the server clock) start afresh. */
async function newProcess(): Promise<void> {
  await closeConnections();
  emulator.resetRequests();
  logs.length = 0;
}

describe("time, judged on the server's clock without a request per token", () => {
  it("decides rotateBefore for many tokens with one clock reading per environment and zero per-token requests", async () => {
    const created: Array<{ id: string; outs: Props; inputs: Props; p: typeof provider | typeof agProvider }> = [];
    for (let i = 0; i < 5; i++) {
      const inputs = await checked({ name: `r${i}`, scopes: ["metrics.read"], expirationDate: "now+30d", rotateBefore: "14d" });
      const { id, outs } = await provider.create(inputs);
      created.push({ id, outs: outs as Props, inputs, p: provider });
    }
    const agInputs = await checked({ name: "ag", expirationDate: "now+45d", rotateBefore: "30d" }, {}, agProvider);
    const ag = await agProvider.create(agInputs);
    created.push({ id: ag.id, outs: ag.outs as Props, inputs: agInputs, p: agProvider });

    await newProcess();
    const before = await Promise.all(created.map((c) => c.p.diff(c.id, c.outs, c.inputs)));
    expect(before.map((d) => d.replaces)).toEqual(created.map(() => []));
    expect(emulator.requests()).toEqual({ total: 1, byRoute: { "POST /api/v2/apiTokens/lookup": 1 } });

    emulator.clock.advance(20 * DAY_MS); // r*: 10 days left (< 14d); ag: 25 days left (< 30d)
    await newProcess();
    const after = await Promise.all(created.map((c) => c.p.diff(c.id, c.outs, c.inputs)));
    expect(after.map((d) => d.replaces)).toEqual(created.map(() => ["rotateBefore"]));
    expect(emulator.requests()).toEqual({ total: 1, byRoute: { "POST /api/v2/apiTokens/lookup": 1 } });
    expect(logs.filter((l) => /will be rotated: expires .*, within rotateBefore/.test(l))).toHaveLength(6);
    expect(logs.join("\n")).toContain(`server time ${emulator.clock.now().toISOString().slice(0, 13)}`);
    // No expiration, no clock: a token that never expires needs no request at all.
    const forever = await checked({ name: "forever", scopes: ["metrics.read"] });
    const made = await provider.create(forever);
    await newProcess();
    expect((await provider.diff(made.id, made.outs, forever)).changes).toBe(false);
    expect(emulator.requests().total).toBe(0);
  });

  it("reports an expired token with a warning and the expired output, never an error; an unchanged past date passes check", async () => {
    const expiry = new Date(emulator.clock.now().getTime() + 10 * DAY_MS).toISOString();
    const apiInputs = await checked({ name: "short", scopes: ["metrics.read"], expirationDate: expiry });
    const api = await provider.create(apiInputs);
    expect(api.outs.expired).toBe(false);
    const agInputs = await checked({ name: "ag-short", expirationDate: "now+10d" }, {}, agProvider);
    const ag = await agProvider.create(agInputs);
    expect(ag.outs.expired).toBe(false);

    emulator.clock.advance(11 * DAY_MS);
    await newProcess();
    // The same absolute date, now in the past on the server's clock (which check has heard by now): no failure.
    await provider.diff(api.id, api.outs, apiInputs);
    expect(await checked({ name: "short", scopes: ["metrics.read"], expirationDate: expiry }, apiInputs)).toMatchObject({ expirationDate: expiry });
    // …but declaring it anew fails.
    expect((await provider.check({}, { name: "short2", scopes: ["metrics.read"], expirationDate: expiry })).failures?.[0]).toMatchObject({
      property: "expirationDate",
      reason: expect.stringMatching(/is in the past/),
    });

    logs.length = 0;
    expect(await provider.diff(api.id, api.outs, apiInputs)).toMatchObject({ changes: true, replaces: [] });
    expect(await agProvider.diff(ag.id, ag.outs, agInputs)).toMatchObject({ changes: true, replaces: [] });
    const text = logs.join("\n");
    expect(text).toMatch(new RegExp(`API token "short" \\(${api.id.replace(".", "\\.")}\\) expired at ${expiry.replace(/\./g, "\\.")} \\(server time .*\\): it no longer authenticates, and its \`expired\` output is true.*set a new expirationDate`));
    expect(text).toMatch(/ActiveGate token "ag-short" \(dt0g02\.[A-Z0-9]{8}\) expired at .*change rotationTrigger \(or expirationDate\) to create a new one, and add rotateBefore/);

    // up: the update records `expired` (no PUT: nothing to change in Dynatrace); the next diff is quiet but still warns.
    emulator.resetRequests();
    const updated = (await provider.update(api.id, api.outs, apiInputs)).outs as Props;
    const agUpdated = (await agProvider.update(ag.id, ag.outs, agInputs)).outs as Props;
    expect(updated.expired).toBe(true);
    expect(agUpdated.expired).toBe(true);
    expect(emulator.requests().byRoute["PUT /api/v2/apiTokens/{id}"]).toBeUndefined();
    logs.length = 0;
    expect(await provider.diff(api.id, updated, apiInputs)).toMatchObject({ changes: false, replaces: [] });
    expect(await agProvider.diff(ag.id, agUpdated, agInputs)).toMatchObject({ changes: false, replaces: [] });
    expect(logs.filter((l) => l.includes("expired at"))).toHaveLength(2);

    // refresh keeps it (Dynatrace still lists expired tokens) and reports it expired.
    expect((await provider.read(api.id, api.outs)).props).toMatchObject({ expired: true, expirationDate: expiry });
    expect((await agProvider.read(ag.id, ag.outs)).props).toMatchObject({ expired: true });
  });

  it("keeps a 0.1.0 stack with rotateBefore on an absolute date working: a warning, never a rotation or a failure", async () => {
    const expiry = new Date(emulator.clock.now().getTime() + 30 * DAY_MS).toISOString();
    const base = await checked({ name: "legacy", scopes: ["metrics.read"], expirationDate: expiry });
    const { id, outs } = await provider.create(base);
    // What 0.1.0 stored for `rotateBefore: "14d"` (it accepted the combination).
    const legacyInputs = { ...base, rotateBefore: "14d" };
    const legacyOuts = { ...outs, rotateBefore: "14d" };

    emulator.clock.advance(20 * DAY_MS); // inside the window
    await newProcess();
    expect(await provider.diff(id, legacyOuts, legacyInputs)).toMatchObject({ changes: false, replaces: [] });
    const result = await provider.check(legacyInputs, legacyInputs);
    expect(result.failures).toBeUndefined();
    expect(logs.join("\n")).toMatch(/API token "legacy": rotateBefore "14d" cannot work with an absolute expirationDate .*so it is ignored/);
    // Declaring it on a new token is refused at preview.
    expect((await provider.check({}, { name: "new", scopes: ["metrics.read"], expirationDate: "2099-01-01T00:00:00Z", rotateBefore: "14d" })).failures?.[0]?.reason).toMatch(
      /cannot work with an absolute expirationDate/,
    );
  });
});

describe("an unreachable server", () => {
  it("judges rotateBefore on this machine's clock with a warning instead of failing the preview", async () => {
    const inputs = await checked({ name: "r", scopes: ["metrics.read"], expirationDate: "now+30d", rotateBefore: "14d" });
    const { id, outs } = await provider.create(inputs);
    await newProcess();
    await emulator.close(); // afterEach closes it again: close() is idempotent
    // 30 days left on this machine's clock too: not due, and no error.
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: false, replaces: [] });
    expect(logs.join("\n")).toMatch(/could not read the Dynatrace server's clock at http:\/\/127\.0\.0\.1:\d+ .*judging rotateBefore and expiry on this machine's clock/);
  });
});

describe("Dynatrace changes under us", () => {
  it("passes an unknown scope to Dynatrace: its 400 names the scope; once Dynatrace has it, the token is created", async () => {
    const scope = "hub.catalog.subscribe";
    const result = await provider.check({}, { name: "new-scope", scopes: ["metrics.read", scope] });
    expect(result.failures).toBeUndefined();
    expect(logs.join("\n")).toMatch(/API token "new-scope": scopes: scopes\[1\] "hub.catalog.subscribe" is not in this release's scope catalog/);
    const inputs = result.inputs as Props;

    await expect(provider.create(inputs)).rejects.toThrow(
      /Could not create API token "new-scope": Dynatrace rejected the request \(400\): Constraints violated\. Dynatrace does not accept the scope "hub.catalog.subscribe" \(scopes\[0\]/,
    );
    emulator.setApiChanges({ extraScopes: [scope] });
    const { outs } = await provider.create(inputs);
    expect(outs.scopes).toEqual([scope, "metrics.read"]);
  });

  it("reads unknown enum values: refresh works and keeps the requested ActiveGate type; the rotation status parses", async () => {
    const inputs = await checked({ name: "ag", activeGateType: "CLUSTER" }, {}, agProvider);
    const { id, outs } = await agProvider.create(inputs);
    emulator.setApiChanges({ unknownEnums: true });
    const read = await agProvider.read(id, outs);
    expect(read.props).toMatchObject({ activeGateType: "CLUSTER", name: "ag" });
    expect(await agProvider.diff(id, read.props as Props, inputs)).toMatchObject({ changes: false, replaces: [] });
    expect(await new TenantTokenClient(connect().http).status()).toBe(UNKNOWN_ENUM_VALUES.tenantTokenRotationStatus);
  });
});
