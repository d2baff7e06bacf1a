// Issue 9 (items 1 and 5) and issue 11 (rotateBefore at zero requests per token), on the real CLI: ONE stack lives
// through time and a changing Dynatrace.
//   created (relative + absolute expiry, rotateBefore on the relative one, a token without expiry, an ActiveGate token)
//   → the server clock enters the rotateBefore window: preview shows the replacement with one clock reading and no
//     per-token request; up rotates it
//   → the absolute expiry passes, on the server's clock and on this machine's: preview and up succeed, the expired
//     token is reported (warning + `expired` output), the others are untouched
//   → a scope the catalog doesn't know: preview passes with a warning; Dynatrace's 400 names it; once Dynatrace
//     accepts it (emulator switch) up creates the token
//   → Dynatrace answers with an unknown enum value: refresh still works, and nothing is replaced.
//
// This machine's clock: `check` judges a new date on the clock it has (the local one until the provider has heard
// from the server). So the absolute date is created 30 seconds ahead of real time, and the emulator starts 30 days in
// the past; by the expiry step the date has passed on both clocks, which is what made 0.1.0 fail every preview. No
// faketime needed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, UNKNOWN_ENUM_VALUES, type RunningEmulator } from "../../emulator";
import { adminRequest, getApiToken, requestLog, stepsFor, TokensStack, type TokenSpec } from "./tokensSupport";

const DAY_MS = 24 * 60 * 60 * 1000;
const NEW_SCOPE = "hub.catalog.subscribe";

describe("day two on the real CLI: time passes and Dynatrace changes", () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let ids: Record<string, string> = {};
  let absoluteExpiry: string;
  const secrets: Array<string | undefined> = [];
  let specs: TokenSpec[];

  /** Everything a `preview --json` showed a person: provider warnings arrive as diagnostics or on stderr. */
  function printedBy(preview: { diagnostics?: Array<{ message: string }>; result: { stdout: string; stderr: string } }): string {
    return [...(preview.diagnostics ?? []).map((d) => d.message), preview.result.stderr].join("\n");
  }

  async function outputsOf(resource: string): Promise<Record<string, unknown>> {
    const found = (await stack.project.resources()).find((r) => r.urn.endsWith(`::${resource}`));
    expect(found, `resource ${resource} in state`).toBeDefined();
    return found!.outputs ?? {};
  }

  beforeAll(async () => {
    emulator = await startEmulator({ now: new Date(Date.now() - 30 * DAY_MS) });
    stack = await TokensStack.create(emulator);
    // 30 seconds ahead of this machine's clock (time enough for the first up's check), 30 days ahead of the server's.
    absoluteExpiry = new Date(Math.ceil((Date.now() + 30_000) / 1000) * 1000).toISOString();
    specs = [
      { resource: "relative", kind: "api", scopes: ["metrics.ingest"], expirationDate: "now+30d", rotateBefore: "14d" },
      { resource: "absolute", kind: "api", scopes: ["logs.ingest"], expirationDate: absoluteExpiry },
      { resource: "forever", kind: "api", scopes: ["metrics.read"] },
      { resource: "gate", kind: "activeGate", activeGateType: "CLUSTER" },
    ];
    await stack.setSpecs(specs);
    await stack.project.up();
    ids = await stack.ids();
    secrets.push(...Object.values(await stack.secrets()));
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  it("starts with every token created and none expired", async () => {
    expect(Object.keys(ids).sort()).toEqual(["absolute", "forever", "gate", "relative"]);
    expect(await outputsOf("absolute")).toMatchObject({ expired: false, expirationDate: absoluteExpiry.replace(".000Z", ".000Z") });
  });

  it("previews the rotation with one clock reading and no per-token request, then rotates on up", async () => {
    emulator.clock.advance(20 * DAY_MS); // "relative": 10 days left, inside its 14-day window; "absolute": 10 days left
    emulator.resetRequests();
    const preview = await stack.project.preview();
    expect(stepsFor(preview.steps, "relative").map((s) => s.op)).toEqual(["replace"]);
    expect(stepsFor(preview.steps, "relative")[0]?.replaceReasons).toEqual(["rotateBefore"]);
    expect(preview.changeSummary).toEqual({ same: 4, replace: 1 });
    // Four tokens, one environment: one clock reading, nothing per token.
    expect((await requestLog(emulator)).map((e) => e.route)).toEqual(["POST /api/v2/apiTokens/lookup"]);
    expect(printedBy(preview)).toMatch(/API token "relative" \(dt0c01\.[A-Z0-9]{24}\) will be rotated: expires \S+, within rotateBefore 14d/);

    const up = await stack.project.up();
    expect(up.stdout + up.stderr).toMatch(new RegExp(`API token "relative" \\(${ids.relative!.replace(".", "\\.")}\\) will be rotated: expires \\S+, within rotateBefore 14d`));
    const now = await stack.ids();
    expect(now.relative).not.toBe(ids.relative);
    expect({ ...now, relative: undefined }).toEqual({ ...ids, relative: undefined });
    expect(await getApiToken(emulator, ids.relative!)).toBeUndefined();
    secrets.push(...Object.values(await stack.secrets()));
    ids = now;
  });

  it("reports a token whose absolute expiry passed — a warning and the expired output — and still deploys the rest", async () => {
    emulator.clock.advance(11 * DAY_MS); // "absolute" expired a day ago; the rotated "relative" has 19 days left
    // Let this machine's clock pass the date too (0.1.0's check then failed every preview with "is in the past").
    const wait = Date.parse(absoluteExpiry) + 1000 - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));

    const preview = await stack.project.preview();
    expect(stepsFor(preview.steps, "absolute").map((s) => s.op)).toEqual(["update"]);
    expect(preview.changeSummary).toEqual({ same: 4, update: 1 });
    expect(printedBy(preview)).toContain(`API token "absolute" (${ids.absolute}) expired at ${absoluteExpiry}`);

    const up = await stack.project.up();
    const printed = up.stdout + up.stderr;
    expect(printed).toMatch(
      new RegExp(`API token "absolute" \\(${ids.absolute!.replace(".", "\\.")}\\) expired at ${absoluteExpiry.replace(/\./g, "\\.")} \\(server time [^)]*\\): it no longer authenticates`),
    );
    expect(printed).toContain('set a new expirationDate (best a relative one such as "now+90d"');
    expect(await outputsOf("absolute")).toMatchObject({ expired: true, expirationDate: absoluteExpiry });
    expect(await outputsOf("relative")).toMatchObject({ expired: false });
    // Reported, not replaced: the same token, kept in Dynatrace.
    expect((await stack.ids()).absolute).toBe(ids.absolute);
    expect(await getApiToken(emulator, ids.absolute!)).toMatchObject({ expirationDate: absoluteExpiry });
  });

  it("keeps preview output bounded when a token lists 1000 bad scopes (0.1.0 printed ~38 MB)", async () => {
    const bad = Array.from({ length: 1000 }, (_, i) => `bad scope ${i}`);
    await stack.setSpecs([...specs, { resource: "typos", kind: "api", scopes: bad }]);
    const preview = await stack.project.pulumi(["preview"], { allowFailure: true });
    expect(preview.code).not.toBe(0);
    const printed = preview.stdout + preview.stderr;
    expect(printed).toContain('scopes[0]: "bad scope 0" is not a scope name');
    expect(printed).toMatch(/scopes: and 990 more problems like these/);
    // Ten failures and a count, none of which reprints the 1000-entry list.
    expect(printed).not.toContain("bad scope 999");
    expect(printed.length).toBeLessThan(20_000);
    await stack.setSpecs(specs);
  });

  it("passes a scope the catalog doesn't know with a warning; Dynatrace's 400 names it until Dynatrace accepts it", async () => {
    specs = [...specs, { resource: "newscope", kind: "api", scopes: ["metrics.read", NEW_SCOPE] }];
    await stack.setSpecs(specs);
    const preview = await stack.project.preview();
    // The expired token stays quiet once reported; only the new one is created.
    expect(preview.changeSummary).toEqual({ same: 5, create: 1 });

    const refused = await stack.project.up({ allowFailure: true });
    expect(refused.code).not.toBe(0);
    const printed = refused.stdout + refused.stderr;
    expect(printed).toContain(`scopes[1] "${NEW_SCOPE}" is not in this release's scope catalog`);
    expect(printed).toMatch(new RegExp(`Dynatrace does not accept the scope "${NEW_SCOPE.replace(/\./g, "\\.")}" \\(scopes\\[0\\]`));
    expect((await stack.ids()).newscope).toBeUndefined();

    expect((await adminRequest(emulator, "PUT", "/_emulator/api-changes", { extraScopes: [NEW_SCOPE] })).status).toBe(200);
    await stack.project.up();
    const created = await getApiToken(emulator, (await stack.ids()).newscope!);
    expect(created?.scopes).toEqual([NEW_SCOPE, "metrics.read"]);
    secrets.push(...Object.values(await stack.secrets()));
  });

  it("refreshes while Dynatrace answers with an enum value no release knows, and replaces nothing", async () => {
    expect((await adminRequest(emulator, "PUT", "/_emulator/api-changes", { extraScopes: [NEW_SCOPE], unknownEnums: true })).status).toBe(200);
    const live = await adminRequest<{ activeGateType: string }>(emulator, "GET", `/api/v2/activeGateTokens/${ids.gate}`);
    expect(live.body.activeGateType).toBe(UNKNOWN_ENUM_VALUES.activeGateType);
    await stack.project.refresh();
    expect(await outputsOf("gate")).toMatchObject({ activeGateType: "CLUSTER", expired: false });
    const preview = await stack.project.preview();
    expect(preview.changeSummary).toEqual({ same: 6 });
  });

  it("never prints or exports a token secret", async () => {
    await stack.expectNoSecretsPrinted(secrets);
  });
});
