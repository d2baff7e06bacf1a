// Issue 4, drift: tokens changed by hand through the API — deleted, revoked, re-scoped, renamed — are detected by
// `pulumi preview --refresh` and `pulumi refresh`, and `pulumi up` puts them back (recreating the deleted ones). The
// secrets from creation survive the refresh, and none is ever printed or exported.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { adminRequest, getApiToken, listActiveGateTokens, stepsFor, TokensStack, type TokenSpec } from "./tokensSupport";

const SPECS: TokenSpec[] = [
  { resource: "gone", kind: "api", name: "gone", scopes: ["metrics.read"] },
  { resource: "revoked", kind: "personal", name: "revoked", scopes: ["logs.read"] },
  { resource: "rescoped", kind: "api", name: "rescoped", scopes: ["metrics.ingest", "logs.ingest"] },
  { resource: "renamed", kind: "paas", name: "renamed" },
  { resource: "ag-gone", kind: "activeGate", name: "ag-gone", expirationDate: "now+6M" },
];

describe("token resources on the real CLI: drift", () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let ids: Record<string, string> = {};
  let secrets: Record<string, string | undefined> = {};

  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await TokensStack.create(emulator);
    await stack.setSpecs(SPECS);
    await stack.project.up();
    ids = await stack.ids();
    secrets = await stack.secrets();
    expect(Object.keys(secrets)).toHaveLength(SPECS.length);

    // Someone edits the tokens by hand, through the API.
    const byHand = [
      await adminRequest(emulator, "DELETE", `/api/v2/apiTokens/${ids.gone}`),
      await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${ids.revoked}`, { enabled: false }),
      await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${ids.rescoped}`, { scopes: ["metrics.ingest", "entities.write"] }),
      await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${ids.renamed}`, { name: "renamed-by-hand" }),
      await adminRequest(emulator, "DELETE", `/api/v2/activeGateTokens/${ids["ag-gone"]}`),
    ];
    expect(byHand.map((r) => r.status)).toEqual([204, 204, 204, 204, 204]);
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  it("detects every kind of drift in a refresh preview", async () => {
    const preview = await stack.project.preview({ refresh: true });
    // With --refresh, each resource also lists a refresh step; the steps after it say what up would do.
    const planned = (resource: string) => stepsFor(preview.steps, resource).filter((s) => s.op !== "refresh");
    const ops = (resource: string) => planned(resource).map((s) => s.op);
    expect(ops("gone")).toEqual(["create"]);
    expect(ops("ag-gone")).toEqual(["create"]);
    // A dynamic provider can't send per-property diffs (diffReasons stay empty), so read the drift from the step:
    // the refreshed state holds what was changed by hand, the program what up will put back.
    for (const [resource, field, live, wanted] of [
      ["revoked", "enabled", false, true],
      ["rescoped", "scopes", ["entities.write", "metrics.ingest"], ["logs.ingest", "metrics.ingest"]],
      ["renamed", "name", "renamed-by-hand", "renamed"],
    ] as const) {
      const steps = planned(resource);
      expect(steps.map((s) => s.op)).toEqual(["update"]);
      expect(steps[0]?.oldState?.outputs?.[field]).toEqual(live);
      expect(steps[0]?.newState?.inputs?.[field]).toEqual(wanted);
    }
  });

  it("records the drift in state on refresh, keeping the secrets", async () => {
    await stack.project.refresh();
    const state = await stack.project.resources();
    const byName = (resource: string) => state.find((r) => r.urn.endsWith(`::${resource}`));
    expect(byName("gone")).toBeUndefined();
    expect(byName("ag-gone")).toBeUndefined();
    expect(byName("revoked")?.outputs?.enabled).toBe(false);
    expect(byName("rescoped")?.outputs?.scopes).toEqual(["entities.write", "metrics.ingest"]);
    expect(byName("renamed")?.outputs?.name).toBe("renamed-by-hand");

    const after = await stack.secrets();
    for (const resource of ["revoked", "rescoped", "renamed"]) {
      expect(after[resource]).toBe(secrets[resource]);
    }
  });

  it("repairs the drift on up, recreating the deleted tokens", async () => {
    emulator.resetRequests();
    await stack.project.up();
    const byRoute = emulator.requests().byRoute;
    expect(byRoute["PUT /api/v2/apiTokens/{id}"]).toBe(3);
    expect(byRoute["POST /api/v2/apiTokens"]).toBe(1);
    expect(byRoute["POST /api/v2/activeGateTokens"]).toBe(1);

    const now = await stack.ids();
    expect(now.gone).not.toBe(ids.gone);
    expect(now.gone).toMatch(/^dt0c01\./);
    expect(await getApiToken(emulator, now.gone!)).toMatchObject({ name: "gone", scopes: ["metrics.read"], enabled: true });
    expect(await listActiveGateTokens(emulator)).toEqual([expect.objectContaining({ id: now["ag-gone"], name: "ag-gone" })]);
    for (const resource of ["revoked", "rescoped", "renamed"]) expect(now[resource]).toBe(ids[resource]);
    expect(await getApiToken(emulator, ids.revoked!)).toMatchObject({ enabled: true });
    expect([...(await getApiToken(emulator, ids.rescoped!))!.scopes].sort()).toEqual(["logs.ingest", "metrics.ingest"]);
    expect(await getApiToken(emulator, ids.renamed!)).toMatchObject({ name: "renamed" });

    const after = await stack.secrets();
    for (const resource of ["revoked", "rescoped", "renamed"]) expect(after[resource]).toBe(secrets[resource]);
    expect(after.gone).toMatch(/^dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}$/);
    secrets = { ...secrets, newGone: after.gone, newAg: after["ag-gone"] };
  });

  it("previews no changes once repaired, even with a refresh", async () => {
    const preview = await stack.project.preview({ refresh: true });
    expect(preview.steps.filter((s) => s.op !== "same" && s.op !== "refresh")).toEqual([]);
  });

  it("never prints or exports a token secret", async () => {
    await stack.expectNoSecretsPrinted(Object.values(secrets));
  });
});
