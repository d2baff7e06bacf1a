// Issue 10, crash safety on the real CLI: a lost create answer is recovered exactly (same-named siblings survive),
// and a partly created token (POST answered, the PUT after it failed) can be refreshed, destroyed and completed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { adminRequest, listActiveGateTokens, listApiTokens, requestLog, TokensStack, type TokenSpec } from "./tokensSupport";

const siblings: TokenSpec[] = [
  ...Array.from({ length: 6 }, (_, i) => ({ resource: `shared-${i}`, kind: "api" as const, name: "shared-name", scopes: ["metrics.read"] })),
  ...Array.from({ length: 3 }, (_, i) => ({ resource: `shared-ag-${i}`, kind: "activeGate" as const, name: "shared-ag" })),
];

/** The id Dynatrace reports for a secret, or undefined when it does not know the secret. */
async function lookupId(emulator: RunningEmulator, secret: string): Promise<string | undefined> {
  const { status, body } = await adminRequest<{ id: string }>(emulator, "POST", "/api/v2/apiTokens/lookup", { token: secret });
  return status === 200 ? body.id : undefined;
}

describe("token resources on the real CLI: crash safety (issue 10)", () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  const secrets: Array<string | undefined> = [];

  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await TokensStack.create(emulator);
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  it("recovers a lost create answer exactly: every same-named sibling keeps its own working token (issue 10)", async () => {
    await stack.setSpecs(siblings);
    emulator.setFaults([
      { route: "POST /api/v2/apiTokens", errorRate: 1, errorStatus: 502, afterEffect: true, count: 1 },
      { route: "POST /api/v2/activeGateTokens", errorRate: 1, errorStatus: 502, afterEffect: true, count: 1 },
    ]);
    emulator.resetRequests();
    const up = await stack.project.up();
    emulator.clearFaults();
    // The stack itself and the nine tokens.
    expect(up.stdout).toContain("10 created");
    expect(up.stdout + up.stderr).toMatch(/deleted dt0c01\.[A-Z0-9]+, created by an earlier attempt whose answer was lost/);
    expect(up.stdout + up.stderr).toMatch(/deleted dt0g02\.[A-Z0-9]+, created by an earlier attempt whose answer was lost/);

    const ids = await stack.ids();
    const tokens = await stack.secrets();
    secrets.push(...Object.values(tokens));
    const apiLive = (await listApiTokens(emulator)).filter((t) => t.name === "shared-name");
    const agLive = (await listActiveGateTokens(emulator)).filter((t) => t.name === "shared-ag");
    expect(apiLive.map((t) => t.id).sort()).toEqual(siblings.filter((s) => s.kind === "api").map((s) => ids[s.resource]).sort());
    expect(agLive.map((t) => t.id).sort()).toEqual(siblings.filter((s) => s.kind === "activeGate").map((s) => ids[s.resource]).sort());
    for (const spec of siblings.filter((s) => s.kind === "api")) expect(await lookupId(emulator, tokens[spec.resource]!)).toBe(ids[spec.resource]);
    for (const spec of siblings.filter((s) => s.kind === "activeGate")) expect(tokens[spec.resource]).toMatch(new RegExp(`^${ids[spec.resource]}\\.`));

    // Each token carries the stack's tag and its own create attempt's nonce; nothing else tells the siblings apart.
    const markers = [...apiLive, ...agLive].map((t) => /^shared-(name|ag) ⟨pulumi ([a-z2-7]{8})\.([a-z2-7]{12})⟩$/u.exec(t.dynatraceName));
    expect(markers.every((m) => m !== null)).toBe(true);
    expect(new Set(markers.map((m) => m![2])).size).toBe(1);
    expect(new Set(markers.map((m) => m![3])).size).toBe(siblings.length);

    // One request per create (the POST; no read after it), plus the lost attempt's POST, list and DELETE per kind.
    const log = await requestLog(emulator);
    const count = (method: string, pattern: RegExp) => log.filter((e) => e.method === method && pattern.test(e.path)).length;
    expect(count("POST", /\/v2\/apiTokens$/)).toBe(7);
    expect(count("POST", /\/v2\/activeGateTokens$/)).toBe(4);
    expect(count("PUT", /\/v2\/apiTokens\//)).toBe(0);
    expect(count("GET", /\/v2\/(apiTokens|activeGateTokens)\/dt0/)).toBe(0);
    expect(count("DELETE", /\/v2\/(apiTokens|activeGateTokens)\//)).toBe(2);

    const preview = await stack.project.preview();
    expect(preview.changeSummary).toEqual({ same: siblings.length + 1 });
  });

  it("refreshes, completes and destroys a partly created token (the PUT after the POST failed) (issue 10)", async () => {
    const partial: TokenSpec = { resource: "partial", kind: "api", name: "partial", scopes: ["logs.read"], enabled: false };
    await stack.setSpecs([...siblings, partial]);
    emulator.setFaults([{ route: "PUT /api/v2/apiTokens/{id}", errorRate: 1, errorStatus: 500, count: 1 }]);
    const failed = await stack.project.up({ allowFailure: true });
    emulator.clearFaults();
    expect(failed.code).not.toBe(0);
    expect(failed.stdout + failed.stderr).toContain("was created, but finishing it failed");
    const [created] = (await listApiTokens(emulator)).filter((t) => t.name === "partial");
    expect(created?.enabled).toBe(true);

    const refreshed = await stack.project.refresh({ allowFailure: true });
    expect(refreshed.stdout + refreshed.stderr).not.toContain("code must be a string");
    expect(refreshed.code).toBe(0);

    await stack.project.up();
    const ids = await stack.ids();
    expect(ids.partial).toBe(created!.id);
    const live = (await listApiTokens(emulator)).find((t) => t.id === created!.id);
    expect(live).toMatchObject({ name: "partial", enabled: false, scopes: ["logs.read"] });
    const tokens = await stack.secrets();
    secrets.push(...Object.values(tokens));
    expect(await lookupId(emulator, tokens.partial!)).toBe(created!.id);
    expect((await stack.project.preview()).changeSummary).toEqual({ same: siblings.length + 2 });

    // A second partial create, then destroy straight from that state.
    await stack.setSpecs([...siblings, partial, { ...partial, resource: "partial-2", name: "partial-2" }]);
    emulator.setFaults([{ route: "PUT /api/v2/apiTokens/{id}", errorRate: 1, errorStatus: 500, count: 1 }]);
    expect((await stack.project.up({ allowFailure: true })).code).not.toBe(0);
    emulator.clearFaults();
    const destroyed = await stack.project.destroy({ allowFailure: true });
    expect(destroyed.stdout + destroyed.stderr).not.toContain("code must be a string");
    expect(destroyed.code).toBe(0);
    expect((await listApiTokens(emulator)).map((t) => t.name)).toEqual(["emulator-admin"]);
    expect(await listActiveGateTokens(emulator)).toEqual([]);
  });

  it("never prints or exports a token secret", async () => {
    await stack.expectNoSecretsPrinted(secrets);
  });
});
