// Issue 5: the tenant token rotation provider, called directly against the emulator (each test starts its own).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import { dynamicFace } from "../../provider/resources/propertyChanges";
import { resetCheckedInputs, tenantTokenRotationProvider } from "../../provider/resources/tenantTokenRotation";

/** As the dynamic resources call it: `diff` answers `{ changes, replaces }`. */
const provider = dynamicFace(tenantTokenRotationProvider);
import { planTransition } from "../../provider/validation/tenantTokenRotation";
import { startProviderEnvironment, type ProviderEnvironment } from "./providerEnvironment";

type Props = Record<string, unknown>;

let emulator: RunningEmulator;
let logs: string[];
let environment: ProviderEnvironment;

beforeEach(async () => {
  environment = await startProviderEnvironment();
  ({ emulator, logs } = environment);
});

afterEach(async () => {
  resetCheckedInputs();
  await environment.close();
});

interface EmulatorTenantTokens {
  valid: string[];
  active: string;
  old: string | null;
}

/** The tenant tokens agents may connect with right now, from the emulator's admin surface. */
async function tenantTokens(): Promise<EmulatorTenantTokens> {
  const res = await fetch(`${emulator.url}/_emulator/tenant-tokens`, { headers: { authorization: `Api-Token ${emulator.adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as EmulatorTenantTokens;
}

async function api(method: "GET" | "POST", path: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulator.url}/api${path}`, { method, headers: { authorization: `Api-Token ${emulator.adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function checked(olds: Props, news: Props): Promise<Props> {
  const result = await provider.check(olds, news);
  expect(result.failures ?? []).toEqual([]);
  return result.inputs as Props;
}

/** Creates a rotation in `rotating` the way the engine does: check, then create. */
async function started(generation = 0): Promise<{ id: string; inputs: Props; outs: Props }> {
  const inputs = await checked({}, { phase: "rotating", generation });
  const { id, outs } = await provider.create(inputs);
  return { id, inputs, outs };
}

describe("TenantTokenRotation provider against the emulator", () => {
  it("starts a rotation: status ACTIVE, connectioninfo reports the new token, both tokens valid", async () => {
    const original = (await tenantTokens()).active;
    const { id, outs } = await started();

    expect(id).toBe("emulator");
    expect(outs).toMatchObject({ phase: "rotating", generation: 0, status: "ACTIVE", oldToken: original, tenantUUID: "emulator" });
    expect(outs.activeToken).not.toBe(original);
    expect(await api("GET", "/v2/tenantTokenRotation/status")).toEqual({ status: "ACTIVE" });
    expect((await api("GET", "/v1/deployment/installer/agent/connectioninfo")).tenantToken).toBe(outs.activeToken);
    expect((await tenantTokens()).valid.sort()).toEqual([original, outs.activeToken].sort());
    expect(emulator.requests().byRoute["POST /api/v2/tenantTokenRotation/start"]).toBe(1);
  });

  it("finishes: the old token becomes invalid and oldToken is null", async () => {
    const { id, inputs, outs } = await started();
    const news = await checked(inputs, { phase: "finished", generation: 0 });
    expect(await provider.diff(id, outs, news)).toMatchObject({ changes: true, replaces: [] });

    const { outs: finished } = await provider.update(id, outs, news);
    expect(finished).toMatchObject({ phase: "finished", status: "INACTIVE", oldToken: null, activeToken: outs.activeToken });
    const live = await tenantTokens();
    expect(live.valid).toEqual([outs.activeToken]);
    expect(live.valid).not.toContain(outs.oldToken);
  });

  it("cancels: the new token is discarded and the old one stays valid", async () => {
    const { id, inputs, outs } = await started();
    const news = await checked(inputs, { phase: "cancelled", generation: 0 });
    const { outs: cancelled } = await provider.update(id, outs, news);
    expect(cancelled).toMatchObject({ phase: "cancelled", status: "INACTIVE", oldToken: null, activeToken: outs.oldToken });
    expect((await tenantTokens()).valid).toEqual([outs.oldToken]);
    expect(emulator.requests().byRoute["POST /api/v2/tenantTokenRotation/cancel"]).toBe(1);
  });

  it("starts a second cycle when the generation is raised after a finish, without new state", async () => {
    const { id, inputs, outs } = await started(1);
    const { outs: finished } = await provider.update(id, outs, await checked(inputs, { phase: "finished", generation: 1 }));
    const next = await checked({ phase: "finished", generation: 1 }, { phase: "rotating", generation: 2 });
    expect(await provider.diff(id, finished, next)).toMatchObject({ changes: true, replaces: [] });

    const { outs: rotating } = await provider.update(id, finished, next);
    expect(rotating).toMatchObject({ phase: "rotating", generation: 2, status: "ACTIVE", oldToken: finished.activeToken });
    expect((await tenantTokens()).valid.sort()).toEqual([finished.activeToken, rotating.activeToken].sort());
  });

  it("shows no change when the declared phase is the recorded one", async () => {
    const { id, inputs, outs } = await started();
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: false });
  });

  describe("refuses moves that make no sense, with no API call", () => {
    it("refuses creating in finished or cancelled at check", async () => {
      emulator.resetRequests();
      for (const phase of ["finished", "cancelled"]) {
        const result = await provider.check({}, { phase });
        expect(result.failures).toHaveLength(1);
        expect(result.failures?.[0]?.property).toBe("phase");
        expect(result.failures?.[0]?.reason).toContain('phase: "rotating"');
      }
      expect((await provider.check({}, { phase: "finished" })).failures?.[0]?.reason).toMatch(/cut them off/);
      expect(emulator.requests().total).toBe(0);
    });

    it("refuses a bad phase or generation with a hint", async () => {
      const result = await provider.check({}, { phase: "Finished", generation: -1 });
      expect(result.failures?.map((f) => f.property).sort()).toEqual(["generation", "phase"]);
      expect(result.failures?.find((f) => f.property === "phase")?.reason).toContain('did you mean "finished"?');
    });

    // Issue 10: refused in `check` (a failure the CLI prints as the sentence alone), not thrown from `diff`.
    it("refuses going from finished back to rotating without a generation bump, saying what to do", async () => {
      const { id, inputs, outs } = await started(3);
      await provider.update(id, outs, await checked(inputs, { phase: "finished", generation: 3 }));
      emulator.resetRequests();

      const olds = { phase: "finished", generation: 3 };
      const refusal = async (news: Props) => {
        const result = await provider.check(olds, news);
        expect(result.failures).toHaveLength(1);
        expect(result.failures?.[0]?.property).toBe("phase");
        return result.failures?.[0]?.reason;
      };
      expect(await refusal({ phase: "rotating", generation: 3 })).toMatch(/is finished .* set generation: 4 with phase: "rotating"/);
      expect(await refusal({ phase: "cancelled", generation: 3 })).toMatch(/cannot be cancelled/);
      expect(await refusal({ phase: "rotating", generation: 2 })).toMatch(/generation can only grow/);
      expect(await refusal({ phase: "finished", generation: 4 })).toMatch(/generation 4 has no rotation yet/);
      expect(emulator.requests().total).toBe(0);
    });

    it("refuses starting the next generation while this one is still rotating", async () => {
      const { inputs } = await started();
      emulator.resetRequests();
      const result = await provider.check(inputs, { phase: "rotating", generation: 1 });
      expect(result.failures).toEqual([{ property: "phase", reason: expect.stringMatching(/generation 0 is still running .* phase: "cancelled"/) }]);
      expect(emulator.requests().total).toBe(0);
    });

    it("refuses moving to another environment in any phase but rotating", async () => {
      const { inputs } = await started();
      const result = await provider.check(inputs, { phase: "finished", generation: 0, environment: "other" });
      expect(result.failures?.find((f) => f.property === "phase")?.reason).toMatch(/^environment changed, .* starts with phase: "rotating" \(got "finished"\)/);
    });

    it("still refuses in diff a move that check did not see refused (a state written before refresh recorded the phase)", async () => {
      const { id, inputs, outs } = await started();
      // As a new resource (no previous inputs) check has nothing to compare with; diff has the state.
      const next = (await provider.check({}, { phase: "rotating", generation: 1 })).inputs as Props;
      expect(inputs.generation).toBe(0);
      await expect(provider.diff(id, outs, next)).rejects.toThrow(/generation 0 is still running .* phase: "cancelled"/);
    });

    it("refuses starting a rotation while another one, not started by this resource, is running", async () => {
      await api("POST", "/v2/tenantTokenRotation/start");
      emulator.resetRequests();
      const result = await provider.check({}, { phase: "rotating" });
      expect(result.failures?.[0]?.reason).toMatch(/already running .* this resource did not start it/);
      // Only the status read that tells; nothing was started or ended.
      expect(emulator.requests()).toEqual({ total: 1, byRoute: { "GET /api/v2/tenantTokenRotation/status": 1 } });
      await expect(provider.create({ phase: "rotating", generation: 0 })).rejects.toThrow(/already running/);
      expect(emulator.requests().byRoute["POST /api/v2/tenantTokenRotation/start"]).toBeUndefined();
    });
  });

  it("never ends a rotation it did not start: finishing after a hand cancel and restart is refused", async () => {
    const { id, inputs, outs } = await started();
    await api("POST", "/v2/tenantTokenRotation/cancel");
    await api("POST", "/v2/tenantTokenRotation/start");
    const before = await tenantTokens();
    await expect(provider.update(id, outs, await checked(inputs, { phase: "finished", generation: 0 }))).rejects.toThrow(
      /did not start is running there/,
    );
    expect(await tenantTokens()).toEqual(before);
    expect(emulator.requests().byRoute["POST /api/v2/tenantTokenRotation/finish"]).toBeUndefined();
  });

  it("reconciles a start and a finish whose answers were lost, without sending them twice", async () => {
    emulator.setFaults([
      { route: "POST /api/v2/tenantTokenRotation/start", dropRate: 1, afterEffect: true, count: 1 },
      { route: "POST /api/v2/tenantTokenRotation/finish", dropRate: 1, afterEffect: true, count: 1 },
    ]);
    const original = (await tenantTokens()).active;
    const { id, inputs, outs } = await started();
    const live = await tenantTokens();
    expect(outs).toMatchObject({ phase: "rotating", activeToken: live.active, oldToken: original });
    expect(emulator.requests().byRoute["POST /api/v2/tenantTokenRotation/start"]).toBe(1);

    const { outs: finished } = await provider.update(id, outs, await checked(inputs, { phase: "finished", generation: 0 }));
    expect(finished).toMatchObject({ phase: "finished", oldToken: null, activeToken: live.active });
    expect((await tenantTokens()).valid).toEqual([live.active]);
    expect(emulator.requests().byRoute["POST /api/v2/tenantTokenRotation/finish"]).toBe(1);
    expect(logs.join("\n")).toMatch(/answer to start was lost/);
  });

  describe("refresh", () => {
    it("detects a rotation finished by hand as a phase change, and the next move is explained", async () => {
      const { id, inputs, outs } = await started();
      await api("POST", "/v2/tenantTokenRotation/finish");

      const read = await provider.read(id, outs);
      expect(read.props).toMatchObject({ phase: "finished", status: "INACTIVE", oldToken: null, activeToken: outs.activeToken });
      expect(logs.join("\n")).toContain("was finished outside Pulumi");
      // The phase found is recorded in the inputs, so the next check refuses "rotating" with what to do.
      expect(read.inputs).toEqual({ phase: "finished", generation: 0 });
      const again = await provider.check(read.inputs as Props, inputs);
      expect(again.failures?.[0]?.reason).toMatch(/set phase: "finished"/);
      await expect(provider.diff(id, read.props as Props, inputs)).rejects.toThrow(/set phase: "finished"/);
      expect(await provider.diff(id, read.props as Props, { phase: "finished", generation: 0 })).toMatchObject({ changes: false });
    });

    it("lets the refresh itself succeed: its diff, with the recorded inputs and no check, reports a change", async () => {
      const { id, inputs, outs } = await started();
      await api("POST", "/v2/tenantTokenRotation/finish");
      const read = await provider.read(id, outs);
      resetCheckedInputs(); // a refresh runs no check
      expect(await provider.diff(id, read.props as Props, inputs)).toMatchObject({ changes: true, replaces: [] });
      // `update` refuses the move all the same, without an API call.
      emulator.resetRequests();
      await expect(provider.update(id, read.props as Props, inputs)).rejects.toThrow(/is finished/);
      expect(emulator.requests().total).toBe(0);
    });

    it("detects a rotation cancelled by hand", async () => {
      const { id, outs } = await started();
      await api("POST", "/v2/tenantTokenRotation/cancel");
      const read = await provider.read(id, outs);
      expect(read.props).toMatchObject({ phase: "cancelled", status: "INACTIVE", oldToken: null, activeToken: outs.oldToken });
    });

    it("reports no drift while the rotation runs", async () => {
      const { id, outs } = await started();
      expect((await provider.read(id, outs)).props).toEqual(outs);
    });
  });

  it("delete leaves a running rotation alone and says so", async () => {
    const { id, outs } = await started();
    emulator.resetRequests();
    await provider.delete(id, outs);
    expect(emulator.requests().total).toBe(0);
    expect((await tenantTokens()).old).toBe(outs.oldToken);
    expect(logs.join("\n")).toMatch(/left the environment as it is/);
  });

  it("never writes a tenant token into a message", async () => {
    const { id, inputs, outs } = await started();
    await api("POST", "/v2/tenantTokenRotation/finish");
    await provider.read(id, outs);
    await provider.update(id, outs, await checked(inputs, { phase: "cancelled", generation: 0 })).catch((error: Error) => logs.push(error.message));
    await provider.delete(id, outs);
    const text = logs.join("\n");
    expect(logs.length).toBeGreaterThan(2);
    expect(text).not.toContain(outs.activeToken as string);
    expect(text).not.toContain(outs.oldToken as string);
  });
});

describe("planTransition", () => {
  it("implements the documented table", () => {
    const plan = (from: [string, number] | undefined, to: [string, number]) => {
      const result = planTransition(
        from && { phase: from[0] as "rotating", generation: from[1] },
        { phase: to[0] as "rotating", generation: to[1] },
      );
      return "refused" in result ? "refused" : result.action;
    };
    expect(plan(undefined, ["rotating", 0])).toBe("start");
    expect(plan(undefined, ["finished", 0])).toBe("refused");
    expect(plan(undefined, ["cancelled", 0])).toBe("refused");
    expect(plan(["rotating", 0], ["rotating", 0])).toBe("none");
    expect(plan(["rotating", 0], ["finished", 0])).toBe("finish");
    expect(plan(["rotating", 0], ["cancelled", 0])).toBe("cancel");
    expect(plan(["finished", 0], ["rotating", 0])).toBe("refused");
    expect(plan(["finished", 0], ["cancelled", 0])).toBe("refused");
    expect(plan(["cancelled", 0], ["finished", 0])).toBe("refused");
    expect(plan(["cancelled", 0], ["rotating", 0])).toBe("refused");
    expect(plan(["rotating", 0], ["rotating", 1])).toBe("refused");
    expect(plan(["finished", 0], ["rotating", 1])).toBe("start");
    expect(plan(["cancelled", 0], ["rotating", 5])).toBe("start");
    expect(plan(["finished", 0], ["finished", 1])).toBe("refused");
    expect(plan(["finished", 2], ["rotating", 1])).toBe("refused");
  });
});
