// Issue #11, requests at the floor, on the real CLI: the exact requests of each phase, counted at the emulator's request
// log — update one PUT per changed token, a no-change preview none, a refresh one list per token kind whatever the
// number of tokens (drift and tokens deleted by hand included), destroy one DELETE per token.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { adminRequest, TokensStack, type TokenSpec } from "./tokensSupport";

const API_TOKENS = 6;
const SPECS: TokenSpec[] = [
  ...Array.from({ length: API_TOKENS }, (_, i): TokenSpec => ({ resource: `t${i}`, kind: "api", name: `t${i}`, scopes: ["metrics.read"] })),
  { resource: "ag", kind: "activeGate", name: "ag" },
];

/**
 * What creating one token costs: the POST alone. The create answer and the inputs give the outputs; the name carries
 * the create marker (provider/client/createMarker.ts), so no rename and no read follow.
 */
const CREATE_API_TOKEN = { "POST /api/v2/apiTokens": 1 };
const CREATE_ACTIVE_GATE_TOKEN = { "POST /api/v2/activeGateTokens": 1 };

function times(counts: Record<string, number>, n: number): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).map(([route, c]) => [route, c * n]));
}

describe("request floor on the real CLI (issue #11)", () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;

  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await TokensStack.create(emulator);
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  /** The requests `run` made, by route. */
  async function counted(run: () => Promise<unknown>): Promise<Record<string, number>> {
    emulator.resetRequests();
    await run();
    return emulator.requests().byRoute;
  }

  it("costs exactly the floor in every phase: up, no-change preview, update, refresh, destroy", async () => {
    await stack.setSpecs(SPECS);
    expect(await counted(() => stack.project.up())).toEqual({ ...times(CREATE_API_TOKEN, API_TOKENS), ...CREATE_ACTIVE_GATE_TOKEN });
    const ids = await stack.ids();

    // No change: not a single request.
    const unchanged = await counted(() => stack.project.preview());
    expect(unchanged).toEqual({});

    // Rename one, rescope one, disable one: one PUT each, nothing else, and the outputs it leaves match the inputs,
    // so the next preview is clean without any request.
    const changed = SPECS.map((s) =>
      s.resource === "t0" ? { ...s, name: "t0-renamed" } : s.resource === "t1" ? { ...s, scopes: ["metrics.read", "logs.ingest"] } : s.resource === "t2" ? { ...s, enabled: false } : s,
    );
    await stack.setSpecs(changed);
    expect(await counted(() => stack.project.up())).toEqual({ "PUT /api/v2/apiTokens/{id}": 3 });
    let after: Awaited<ReturnType<typeof stack.project.preview>> | undefined;
    expect(await counted(async () => (after = await stack.project.preview()))).toEqual({});
    expect(after!.steps.filter((s) => s.op !== "same")).toEqual([]);

    // Drift by hand, and a token deleted by hand: one list per kind serves the whole refresh.
    expect((await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${ids.t3}`, { name: "renamed-by-hand" })).status).toBe(204);
    expect((await adminRequest(emulator, "DELETE", `/api/v2/apiTokens/${ids.t4}`)).status).toBe(204);
    expect(await counted(() => stack.project.refresh())).toEqual({ "GET /api/v2/apiTokens": 1, "GET /api/v2/activeGateTokens": 1 });
    const state = await stack.project.resources();
    expect(state.find((r) => r.id === ids.t3)?.outputs?.name).toBe("renamed-by-hand");
    expect(state.find((r) => r.id === ids.t4)).toBeUndefined();
    expect(state.find((r) => r.id === ids.ag)?.outputs?.name).toBe("ag");

    // Destroy: one DELETE per token still there.
    expect(await counted(() => stack.project.destroy())).toEqual({
      "DELETE /api/v2/apiTokens/{id}": API_TOKENS - 1,
      "DELETE /api/v2/activeGateTokens/{activeGateTokenIdentifier}": 1,
    });
    await stack.expectNoSecretsPrinted(Object.values(await stack.secrets().catch(() => ({}))));
  });
});
