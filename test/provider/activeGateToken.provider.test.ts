import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import { closeConnections } from "../../provider/connection";
import { InputError } from "../../provider/sentenceErrors";
import { activeGateTokenProvider } from "../../provider/resources/activeGateToken";
import { dynamicFace } from "../../provider/resources/propertyChanges";

/** As the dynamic resources call it: `diff` answers `{ changes, replaces }`. */
const provider = dynamicFace(activeGateTokenProvider);
import { startProviderEnvironment, type ProviderEnvironment } from "./providerEnvironment";

let emulator: RunningEmulator;
let environment: ProviderEnvironment;

beforeEach(async () => {
  environment = await startProviderEnvironment();
  ({ emulator } = environment);
});

afterEach(async () => {
  await environment.close();
});

describe("ActiveGateToken provider against the emulator", () => {
  it("creates, replaces on any change, rotates, and deletes", async () => {
    const checked = await provider.check({}, { name: "ag", expirationDate: "now+6M", rotateBefore: "30d" });
    expect(checked.failures).toBeUndefined();
    const inputs = checked.inputs as Record<string, unknown>;
    const { id, outs } = await provider.create(inputs);
    expect(id).toMatch(/^dt0g02\.[A-Z0-9]{8}$/);
    expect(outs).toMatchObject({ name: "ag", activeGateType: "ENVIRONMENT", seedToken: false, requestedExpirationDate: "now+6M" });
    expect(outs.token).toMatch(/^dt0g02\./);

    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: false, replaces: [] });
    expect((await provider.diff(id, outs, { ...inputs, name: "ag2" })).replaces).toEqual(["name"]);
    expect((await provider.diff(id, outs, { ...inputs, seedToken: true })).replaces).toEqual(["seedToken"]);
    expect(await provider.diff(id, outs, { ...inputs, rotateBefore: "20d" })).toMatchObject({ changes: true, replaces: [] });

    emulator.clock.advance(160 * 86_400_000);
    // The clock is read once per environment per process; each pulumi command is a new process.
    await closeConnections();
    expect((await provider.diff(id, outs, inputs)).replaces).toEqual(["rotateBefore"]);

    await provider.delete(id, outs);
    expect(await provider.read(id, outs)).toEqual({});
  });

  it("adopts a token by id without creating one, keeps no secret, and deletes it on destroy", async () => {
    const seeded = emulator.seedToken({ kind: "activeGate", name: "edge-ag", activeGateType: "CLUSTER", expirationDate: "now+30d" });
    const checked = await provider.check({}, { name: "edge-ag", activeGateType: "CLUSTER", expirationDate: "now+6M", adopt: { id: seeded.id } });
    expect(checked.failures).toBeUndefined();
    emulator.resetRequests();
    const { id, outs } = await provider.create(checked.inputs as Record<string, unknown>);
    expect(emulator.requests().byRoute).toEqual({ "GET /api/v2/activeGateTokens/{activeGateTokenIdentifier}": 1 });
    expect(id).toBe(seeded.id);
    expect(outs).toMatchObject({ name: "edge-ag", activeGateType: "CLUSTER", seedToken: false, adopted: "id", requestedExpirationDate: "now+6M" });
    expect(outs.token).toBeUndefined();
    // The adopted token's own expiry, not the one requested for a replacement.
    expect(Date.parse(outs.expirationDate as string)).toBeLessThan(Date.now() + 31 * 86_400_000);

    const read = await provider.read(id, outs);
    expect(read.props).toMatchObject({ adopted: "id" });
    expect(read.props?.token).toBeUndefined();
    await provider.delete(id, outs);
    expect(await provider.read(id, outs)).toEqual({});
  });

  it("refuses to adopt a token that differs from the program, saying what to write, and changes nothing", async () => {
    const seeded = emulator.seedToken({ kind: "activeGate", name: "edge-ag", seedToken: true });
    const checked = await provider.check({}, { name: "ag", adopt: { id: seeded.id } });
    const error = await provider.create(checked.inputs as Record<string, unknown>).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe(
      `Could not adopt ActiveGate token ${seeded.id}: an ActiveGate token can't be changed, and this one differs from the program in ` +
        'name (it has "edge-ag", the program "ag"), seedToken (it has true, the program false). Write name: "edge-ag", seedToken: true ' +
        "to adopt it as it is; nothing was changed in Dynatrace.",
    );
    expect(emulator.requests().byRoute["POST /api/v2/activeGateTokens"]).toBeUndefined();
  });

  it("refuses a replacement at preview while adopt is still set", async () => {
    const seeded = emulator.seedToken({ kind: "activeGate", name: "edge-ag" });
    const inputs = (await provider.check({}, { name: "edge-ag", adopt: { id: seeded.id } })).inputs as Record<string, unknown>;
    const { id, outs } = await provider.create(inputs);
    expect(await provider.diff(id, outs, inputs)).toMatchObject({ changes: false });
    await expect(provider.diff(id, outs, { ...inputs, name: "renamed" })).rejects.toThrow(
      `ActiveGate token ${seeded.id} must be replaced (name changed), but \`adopt\` is still set`,
    );
    const { adopt: _adopt, ...withoutAdopt } = inputs;
    expect((await provider.diff(id, outs, { ...withoutAdopt, name: "renamed" })).replaces).toEqual(["name"]);
  });

  it("refuses adoption by secret or by an API token's id at check", async () => {
    const secret = emulator.seedToken({ kind: "activeGate", name: "x" }).token;
    const bySecret = await provider.check({}, { name: "x", adopt: { token: secret } });
    expect(bySecret.failures?.map((f) => f.reason).join("\n")).toMatch(/an ActiveGate token can only be adopted by its id/);
    expect(JSON.stringify(bySecret.failures)).not.toContain(secret.split(".")[2]);
    const byApiId = await provider.check({}, { name: "x", adopt: { id: "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX" } });
    expect(byApiId.failures?.map((f) => f.reason)).toEqual([
      'adopt.id "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX" is not an ActiveGate token\'s id (those start with "dt0g02.") — adopt an API token with ApiToken, or use the ActiveGate token\'s id',
    ]);
  });
});
