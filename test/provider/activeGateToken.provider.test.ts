import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { RunningEmulator } from "../../emulator";
import { closeConnections } from "../../provider/connection";
import { activeGateTokenProvider as provider } from "../../provider/resources/activeGateToken";
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
});
