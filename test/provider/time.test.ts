// Issue 9 items 1 and 5, the rules without a server: `check` judges dates only when they are new or changed,
// refuses rotateBefore with an absolute date when it is declared (warns for stacks that already have it), lets
// unknown scopes through with a warning while typos still fail, keeps failure output bounded; the rotation and
// expiry verdicts; 400 answers naming the rejected scope.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { describeViolations, errorFromStatus } from "../../provider/client/errors";
import { configure, resetConfiguration } from "../../provider/config";
import { canRotate, isExpired, rotationVerdict } from "../../provider/resources/rotation";
import { checkActiveGateToken } from "../../provider/validation/activeGateToken";
import { checkApiToken } from "../../provider/validation/apiToken";
import { UNKNOWN } from "../../provider/validation/unknown";

const created = new Date("2026-03-15T10:00:00Z");
const later = new Date("2027-06-01T00:00:00Z"); // well past every date below
const admin = "dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM";

function reasons(result: { failures?: readonly { reason: string }[] }): string[] {
  return (result.failures ?? []).map((f) => f.reason);
}

/** The inputs as a previous run's check stored them (what the engine passes back as `olds`). */
function stored(news: Record<string, unknown>, now = created): Record<string, unknown> {
  const result = checkApiToken(news, now);
  expect(result.failures).toBeUndefined();
  return result.inputs as Record<string, unknown>;
}

beforeEach(() => {
  configure({ get: (key) => ({ "dynatrace-tokens:envUrl": "https://abc12345.live.dynatrace.com", "dynatrace-tokens:apiToken": admin })[key] });
});
afterEach(() => resetConfiguration());

describe("check: time passing never fails an unchanged resource", () => {
  const absolute = { name: "abs", scopes: ["metrics.read"], expirationDate: "2026-12-31T00:00:00Z" };

  it("an unchanged absolute expirationDate that has passed passes; a new or changed one still fails", () => {
    const olds = stored(absolute);
    expect(checkApiToken(absolute, later, olds).failures).toBeUndefined();
    // Same date, written differently (surrounding space): still unchanged.
    expect(checkApiToken({ ...absolute, expirationDate: " 2026-12-31T00:00:00Z " }, later, olds).failures).toBeUndefined();
    // New resource, or the date changed to another past one: judged.
    expect(reasons(checkApiToken(absolute, later))[0]).toMatch(/is in the past/);
    expect(reasons(checkApiToken({ ...absolute, expirationDate: "2027-01-01T00:00:00Z" }, later, olds))[0]).toMatch(/is in the past/);
    // Changes that update in place don't re-judge the date.
    expect(checkApiToken({ ...absolute, name: "renamed", scopes: ["logs.ingest"] }, later, olds).failures).toBeUndefined();
  });

  it("judges the date again when another change re-creates the token with it", () => {
    const olds = stored(absolute);
    expect(reasons(checkApiToken({ ...absolute, rotationTrigger: "2" }, later, olds))[0]).toMatch(/is in the past/);
    expect(reasons(checkApiToken({ ...absolute, personalAccessToken: true }, later, olds))[0]).toMatch(/is in the past/);
    // An unknown trigger (preview) is not known to change: no failure on a guess.
    expect(checkApiToken({ ...absolute, rotationTrigger: UNKNOWN }, later, olds).failures).toBeUndefined();
  });

  it("refuses rotateBefore with an absolute expirationDate when it is declared, warns for a stack that already has it", () => {
    const legacy = { ...absolute, expirationDate: "2026-06-01T00:00:00Z", rotateBefore: "14d" };
    const declared = checkApiToken(legacy, created);
    expect(reasons(declared)[0]).toMatch(/rotateBefore "14d" cannot work with an absolute expirationDate .*same expiry — use a relative expirationDate such as "now\+90d"/);
    // Added to an existing token: refused too.
    expect(reasons(checkApiToken(legacy, created, stored({ ...legacy, rotateBefore: undefined })))[0]).toMatch(/cannot work/);

    // Written by 0.1.0 (which accepted it): unchanged → a warning, before and after the window opens and the date passes.
    const olds = { ...stored({ ...legacy, rotateBefore: undefined }), rotateBefore: "14d" };
    for (const now of [created, new Date("2026-05-25T00:00:00Z"), later]) {
      const result = checkApiToken(legacy, now, olds);
      expect(result.failures).toBeUndefined();
      expect(result.warnings.join("\n")).toMatch(/cannot work with an absolute expirationDate .*so it is ignored \(the token is not rotated\)\. To fix: use a relative expirationDate/);
    }
  });

  it("judges a relative rotateBefore window only when declared", () => {
    expect(reasons(checkApiToken({ ...absolute, expirationDate: "now+7d", rotateBefore: "14d" }, created))[0]).toMatch(/every run would replace/);
    // "now+1M" with "30d" is fine in March but not in February; once declared, February must not start failing it.
    const monthly = { ...absolute, expirationDate: "now+1M", rotateBefore: "30d" };
    const olds = stored(monthly, new Date("2026-03-01T00:00:00Z"));
    expect(reasons(checkApiToken(monthly, new Date("2026-02-01T00:00:00Z")))[0]).toMatch(/every run would replace/);
    expect(checkApiToken(monthly, new Date("2027-02-01T00:00:00Z"), olds).failures).toBeUndefined();
  });

  it("ActiveGate tokens: past date and two-year limit judged only when the date is new or changed", () => {
    const ag = { name: "ag", expirationDate: "2027-03-01T00:00:00Z" };
    const olds = checkActiveGateToken(ag, created).inputs as Record<string, unknown>;
    expect(checkActiveGateToken(ag, created).failures).toBeUndefined();
    expect(checkActiveGateToken(ag, later, olds).failures).toBeUndefined();
    expect(reasons(checkActiveGateToken(ag, later))[0]).toMatch(/is in the past/);
    expect(reasons(checkActiveGateToken({ ...ag, name: "ag2" }, later, olds))[0]).toMatch(/is in the past/); // a rename re-creates it

    const far = { name: "far", expirationDate: "2028-03-01T00:00:00Z" };
    const farOlds = checkActiveGateToken(far, created).inputs as Record<string, unknown>;
    expect(reasons(checkActiveGateToken(far, new Date("2026-01-01T00:00:00Z")))[0]).toMatch(/more than 2 years away/);
    // Unchanged, evaluated on a clock that is behind (another machine): no failure.
    expect(checkActiveGateToken(far, new Date("2026-01-01T00:00:00Z"), farOlds).failures).toBeUndefined();

    const legacy = { name: "agl", expirationDate: "2026-12-01T00:00:00Z", rotateBefore: "30d" };
    expect(reasons(checkActiveGateToken(legacy, created))[0]).toMatch(/cannot work with an absolute expirationDate/);
    const legacyOlds = { ...(checkActiveGateToken({ ...legacy, rotateBefore: undefined }, created).inputs as Record<string, unknown>), rotateBefore: "30d" };
    const warned = checkActiveGateToken(legacy, later, legacyOlds);
    expect(warned.failures).toBeUndefined();
    expect(warned.warnings[0]).toMatch(/so it is ignored/);
  });
});

describe("check: scopes Dynatrace added after this release", () => {
  it("lets an unknown scope through with a warning; a likely typo still fails with did-you-mean", () => {
    const result = checkApiToken({ name: "x", scopes: ["metrics.read", "hub.catalog.subscribe"] }, created);
    expect(result.failures).toBeUndefined();
    expect(result.warnings).toHaveLength(1);
    expect(result.warnings[0]).toMatch(/scopes: scopes\[1\] "hub.catalog.subscribe" is not in this release's scope catalog\. Passing them to Dynatrace/);
    expect(reasons(checkApiToken({ name: "x", scopes: ["metrics.reed"] }, created))).toEqual([
      'scopes[0]: "metrics.reed" is not a Dynatrace scope — did you mean "metrics.read"?',
    ]);
    expect(reasons(checkApiToken({ name: "x", scopes: ["apiTokens.wirte"] }, created))[0]).toContain('did you mean "apiTokens.write"?');
    // A plausible new scope next to a known one is not a typo of it.
    expect(checkApiToken({ name: "x", scopes: ["logs.write"] }, created).failures).toBeUndefined();
    // Not a scope name at all, and v1-style names on personal access tokens, still fail.
    expect(reasons(checkApiToken({ name: "x", scopes: ["no such/scope"] }, created))[0]).toMatch(/is not a scope name/);
    expect(reasons(checkApiToken({ name: "x", scopes: ["BrandNewV1Scope"], personalAccessToken: true }, created))[0]).toMatch(/not a v2 \(dotted\) scope/);
  });

  it("keeps the output bounded: at most 10 scope failures and one that counts the rest, long names cut", () => {
    const typos = Array.from({ length: 1000 }, (_, i) => `${i % 2 ? "metrics.reed" : "metrics.raed"}`);
    const result = checkApiToken({ name: "x", scopes: typos.map((s, i) => (i < 2 ? s : `${"y".repeat(500)}${i} !`)) }, created);
    expect(result.failures).toHaveLength(11);
    expect(result.failures!.every((f) => f.property === "")).toBe(true);
    expect(result.failures![0]!.reason).toMatch(/^scopes\[0\]: "metrics.raed" is not a Dynatrace scope/);
    expect(result.failures![10]!.reason).toMatch(/^scopes: and 990 more problems like these \(1000 in all\)/);
    expect(result.failures!.map((f) => f.reason).join("\n").length).toBeLessThan(3000);

    const unknown = checkApiToken({ name: "x", scopes: Array.from({ length: 1000 }, (_, i) => `future.scope${i}.read`) }, created);
    expect(unknown.failures).toBeUndefined();
    expect(unknown.warnings).toHaveLength(1);
    expect(unknown.warnings[0]).toMatch(/, and 990 more are not in this release's scope catalog/);
    expect(unknown.warnings[0]!.length).toBeLessThan(1500);
  });

  it("names the scope Dynatrace rejected (400), bounded", () => {
    const violations = [{ path: "scopes[1]", message: '"hub.catalog.subscribe" is not a valid scope' }];
    const error = errorFromStatus({
      operation: 'create API token "x"',
      status: 400,
      body: JSON.stringify({ error: { code: 400, message: "Constraints violated.", constraintViolations: violations } }),
      envUrl: "https://abc12345.live.dynatrace.com",
      requestBody: { name: "x", scopes: ["metrics.read", "hub.catalog.subscribe"] },
    });
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.message).toBe(
      'Could not create API token "x": Dynatrace rejected the request (400): Constraints violated. Dynatrace does not accept the scope ' +
        '"hub.catalog.subscribe" (scopes[1]: "hub.catalog.subscribe" is not a valid scope) — check the spelling, or remove it if this ' +
        "Dynatrace environment does not offer it (yet).",
    );
    const many = Array.from({ length: 1000 }, (_, i) => ({ path: `scopes[${i}]`, message: "is not a valid scope" }));
    const text = describeViolations(many, { scopes: many.map((_, i) => `s${i}.read`) });
    expect(text).toMatch(/^Dynatrace does not accept the scopes "s0.read" \(scopes\[0\]: is not a valid scope\);/);
    expect(text).toMatch(/; and 990 more — check the spelling/);
    expect(describeViolations([{ path: "expirationDate", message: "must not be in the past" }], {})).toBe("expirationDate: must not be in the past");
  });
});

describe("rotation and expiry verdicts", () => {
  it("rotates only relative dates, once the window opens on the given clock", () => {
    expect(canRotate("now+90d")).toBe(true);
    expect(canRotate("2027-01-01T00:00:00Z")).toBe(false);
    expect(canRotate(1790000000000)).toBe(false);
    expect(canRotate(undefined)).toBe(false);
    const expiry = "2026-04-14T10:00:00.000Z";
    expect(rotationVerdict(expiry, "14d", new Date("2026-03-30T09:59:59Z")).due).toBe(false);
    expect(rotationVerdict(expiry, "14d", new Date("2026-03-31T10:00:00Z"))).toEqual({
      due: true,
      reason: "expires 2026-04-14T10:00:00.000Z, within rotateBefore 14d (14 days; server time 2026-03-31T10:00:00.000Z)",
    });
  });

  it("an expiry in the past is expired; no expiry never is", () => {
    expect(isExpired("2026-04-14T10:00:00.000Z", new Date("2026-04-14T10:00:00Z"))).toBe(true);
    expect(isExpired("2026-04-14T10:00:00.000Z", new Date("2026-04-14T09:59:59Z"))).toBe(false);
    expect(isExpired(undefined, later)).toBe(false);
  });
});
