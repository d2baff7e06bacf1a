// Issue 4, rotation: a token with `rotateBefore` is replaced once the emulator's clock (the Dynatrace server's clock)
// enters the window — preview shows the replacement and the provider's warning says why, and up rotates it: a new
// token first, then the old one deleted. Both faces: the dynamic resources and the native plugin's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { FACES, type Face } from "../harness/faces";
import { getApiToken, listActiveGateTokens, requestLog, stepsFor, TokensStack, type TokenSpec } from "./tokensSupport";

const DAY_MS = 24 * 60 * 60 * 1000;

const SPECS: TokenSpec[] = [
  { resource: "rotating", kind: "api", name: "rotating", scopes: ["metrics.ingest"], expirationDate: "now+30d", rotateBefore: "14d" },
  { resource: "ag-rotating", kind: "activeGate", name: "ag-rotating", expirationDate: "now+45d", rotateBefore: "30d" },
  { resource: "steady", kind: "api", name: "steady", scopes: ["metrics.read"], expirationDate: "now+90d", rotateBefore: "14d" },
];

describe.each(FACES)("token resources on the real CLI: rotation (%s)", (face: Face) => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let ids: Record<string, string> = {};
  const secrets: Array<string | undefined> = [];

  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await TokensStack.create(emulator, { face });
    await stack.setSpecs(SPECS);
    await stack.project.up();
    ids = await stack.ids();
    secrets.push(...Object.values(await stack.secrets()));
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  it("previews no change while the tokens are outside their windows", async () => {
    emulator.clock.advance(10 * DAY_MS);
    const preview = await stack.project.preview();
    expect(preview.changeSummary).toEqual({ same: 4 });
  });

  it("previews a replacement, with the reason, once the server clock enters the window", async () => {
    emulator.clock.advance(10 * DAY_MS); // 20 days in: "rotating" expires in 10 days, "ag-rotating" in 25
    const preview = await stack.project.preview();
    const [step] = stepsFor(preview.steps, "rotating");
    expect(step?.op).toBe("replace");
    expect(step?.replaceReasons).toEqual(["rotateBefore"]);
    expect(stepsFor(preview.steps, "ag-rotating").map((s) => s.op)).toEqual(["replace"]);
    expect(preview.changeSummary).toEqual({ same: 2, replace: 2 });

    // The provider's warning (a line on its stderr, or the native plugin's message to the engine) reaches the CLI's
    // text output, naming the token, the expiry, the window and the server time.
    const text = await stack.project.pulumi(["preview"]);
    const printed = text.stdout + text.stderr;
    expect(printed).toMatch(new RegExp(`API token "rotating" \\(${ids.rotating!.replace(".", "\\.")}\\) will be rotated: expires \\S+, within rotateBefore 14d`));
    expect(printed).toContain(`server time ${emulator.clock.now().toISOString().slice(0, 13)}`);
    expect(printed).toMatch(/ActiveGate token "ag-rotating" \(dt0g02\.[A-Z0-9]{8}\) will be rotated/);
    expect(printed).toMatch(/rotating\s+replace|replace.*rotating/);
  });

  it("rotates on up: a new token first, then the old one deleted", async () => {
    emulator.resetRequests();
    await stack.project.up();
    const now = await stack.ids();
    expect(now.rotating).not.toBe(ids.rotating);
    expect(now["ag-rotating"]).not.toBe(ids["ag-rotating"]);
    expect(now.steady).toBe(ids.steady);

    const log = (await requestLog(emulator)).filter((e) => e.route === "POST /api/v2/apiTokens" || e.route === "DELETE /api/v2/apiTokens/{id}");
    expect(log.map((e) => e.route)).toEqual(["POST /api/v2/apiTokens", "DELETE /api/v2/apiTokens/{id}"]);
    expect(log[1]!.path).toContain(ids.rotating);
    expect(await getApiToken(emulator, ids.rotating!)).toBeUndefined();

    const rotated = await getApiToken(emulator, now.rotating!);
    expect(rotated).toMatchObject({ name: "rotating", scopes: ["metrics.ingest"], enabled: true });
    // The new token's relative expiration is resolved on the server's (advanced) clock.
    expect(Date.parse(rotated!.expirationDate!)).toBeGreaterThan(emulator.clock.now().getTime() + 29 * DAY_MS);
    expect((await listActiveGateTokens(emulator)).map((t) => t.id)).toEqual([now["ag-rotating"]]);
    secrets.push(...Object.values(await stack.secrets()));
    ids = now;
  });

  it("previews no change after rotating", async () => {
    const preview = await stack.project.preview();
    expect(preview.changeSummary).toEqual({ same: 4 });
  });

  it("never prints or exports a token secret", async () => {
    await stack.expectNoSecretsPrinted(secrets);
  });
});
