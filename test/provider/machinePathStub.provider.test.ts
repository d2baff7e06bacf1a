// State written by 0.1.0 carries a provider stub that names a path of the machine that wrote it (see
// test/golden/README.md). Pulumi's dynamic provider runs the stub stored in the outputs for read and delete, and an
// unchanged resource keeps its outputs, so diff must turn it into an update — one without any change in Dynatrace —
// that records the current stub. Found by test/e2e/day-two-life.test.ts (0.1.0 → nested install → moved project).
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { configure, resetConfiguration } from "../../provider/config";
import { closeConnections } from "../../provider/connection";
import { setLogSink } from "../../provider/log";
import { activeGateTokenProvider as activeGateTokens } from "../../provider/resources/activeGateToken";
import { apiTokenProvider as apiTokens } from "../../provider/resources/apiToken";
import { dynamicFace } from "../../provider/resources/propertyChanges";

// As the dynamic resources call them: `diff` answers `{ changes, replaces }`.
const apiTokenProvider = dynamicFace(apiTokens);
const activeGateTokenProvider = dynamicFace(activeGateTokens);
import { repoRoot } from "../harness/paths";

const golden = JSON.parse(fs.readFileSync(path.join(repoRoot, "test", "golden", "provider-stub-0.1.0.json"), "utf8")) as Record<string, string>;
/** Stands for the stub this release serializes: any other text without a machine path. */
const CURRENT_STUB = "exports.handler = __f0; /* this release's stub */";

let emulator: RunningEmulator;
let logged: string[];
let restoreLog: () => void;

beforeEach(async () => {
  emulator = await startEmulator();
  configure({ get: (k) => ({ "dynatrace-tokens:envUrl": emulator.url, "dynatrace-tokens:apiToken": emulator.adminToken })[k] });
  logged = [];
  restoreLog = setLogSink((line) => logged.push(line));
});

afterEach(async () => {
  restoreLog();
  await closeConnections();
  resetConfiguration();
  await emulator.close();
});

describe("a resource whose state holds 0.1.0's machine-path stub", () => {
  it("API token: diff asks for an update (no replacement), which makes no request and changes nothing", async () => {
    const inputs = (await apiTokenProvider.check({}, { name: "old", scopes: ["metrics.read"], personalAccessToken: false })).inputs as Record<string, unknown>;
    const { id, outs } = await apiTokenProvider.create(inputs);
    const stored = { ...outs, __provider: golden.ApiToken };
    const news = { ...inputs, __provider: CURRENT_STUB };

    expect(await apiTokenProvider.diff(id, stored, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect(logged.join("\n")).toContain(`API token "old" (${id}): the state holds the provider stub written by pulumi-dynatrace-tokens 0.1.0`);
    // The current stub stored, or 0.1.0's still running the program: no change.
    expect((await apiTokenProvider.diff(id, { ...outs, __provider: CURRENT_STUB }, news)).changes).toBe(false);
    expect((await apiTokenProvider.diff(id, stored, { ...inputs, __provider: golden.ApiToken })).changes).toBe(false);

    emulator.resetRequests();
    const updated = await apiTokenProvider.update!(id, stored, news);
    // An update is one PUT of what changed; nothing changed, so no request at all.
    expect(emulator.requests().byRoute).toEqual({});
    expect(updated.outs).toMatchObject({ name: "old", scopes: ["metrics.read"], token: outs.token });
  });

  it("ActiveGate token: diff asks for an update, which needs no request", async () => {
    const inputs = (await activeGateTokenProvider.check({}, { name: "gate" })).inputs as Record<string, unknown>;
    const { id, outs } = await activeGateTokenProvider.create(inputs);
    const stored = { ...outs, __provider: golden.ActiveGateToken };
    const news = { ...inputs, __provider: CURRENT_STUB };

    expect(await activeGateTokenProvider.diff(id, stored, news)).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
    expect((await activeGateTokenProvider.diff(id, { ...outs, __provider: CURRENT_STUB }, news)).changes).toBe(false);
    emulator.resetRequests();
    expect((await activeGateTokenProvider.update!(id, stored, news)).outs).toMatchObject({ name: "gate", token: outs.token });
    expect(emulator.requests().total).toBe(0);
  });
});
