import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configure, resetConfiguration } from "../../provider/config";
import { checkActiveGateToken } from "../../provider/validation/activeGateToken";
import { checkApiToken } from "../../provider/validation/apiToken";
import { UNKNOWN } from "../../provider/validation/unknown";

const now = new Date("2026-03-15T10:00:00Z");
const admin = "dt0c01.ST2EY72KQINMH574WMNVI7YN.G3DFPBEJYMODIDAEX454M7YWBUVEFOWKPRVMWFASS64NFH52PX6BNDVFFM572RZM";

function reasons(result: { failures?: readonly { reason: string }[] }): string[] {
  return (result.failures ?? []).map((f) => f.reason);
}

beforeEach(() => {
  configure({ get: (key) => ({ "dynatrace-tokens:envUrl": "https://abc12345.live.dynatrace.com", "dynatrace-tokens:apiToken": admin })[key] });
});
afterEach(() => resetConfiguration());

describe("checkApiToken", () => {
  it("accepts good inputs, defaults enabled to true and sorts scopes", () => {
    const result = checkApiToken({ name: "ingest", scopes: ["logs.ingest", "metrics.ingest"], expirationDate: "now+90d", rotateBefore: "14d" }, now);
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ enabled: true, personalAccessToken: false, scopes: ["logs.ingest", "metrics.ingest"] });
  });

  it("suggests the scope that was meant", () => {
    expect(reasons(checkApiToken({ name: "x", scopes: ["logs.ingest", "entities.read", "metrics.reed"] }, now))).toEqual([
      'scopes[2]: "metrics.reed" is not a Dynatrace scope — did you mean "metrics.read"?',
    ]);
    expect(reasons(checkApiToken({ name: "x", scopes: ["Metrics.Read"] }, now))[0]).toContain('did you mean "metrics.read"?');
  });

  it("rejects legacy, removed, duplicate and empty scopes", () => {
    expect(reasons(checkApiToken({ name: "x", scopes: ["ViewDashboard"] }, now))[0]).toMatch(/legacy scope .* remove it/);
    expect(reasons(checkApiToken({ name: "x", scopes: ["analyzers.read"] }, now))[0]).toMatch(/removed in Dynatrace 1.330/);
    expect(reasons(checkApiToken({ name: "x", scopes: ["metrics.read", "metrics.read"] }, now))).toEqual([
      'scopes[1]: "metrics.read" is listed twice (also scopes[0]) — remove one',
    ]);
    expect(reasons(checkApiToken({ name: "x", scopes: [] }, now))[0]).toMatch(/must not be empty/);
  });

  it("rejects v1 scopes on a personal access token", () => {
    const result = checkApiToken({ name: "x", scopes: ["DataExport"], personalAccessToken: true }, now);
    expect(reasons(result)[0]).toMatch(/scopes\[0\]: "DataExport" is a v1 scope, and personal access tokens only take v2 scopes/);
  });

  it("rejects bad and past expiration dates", () => {
    expect(reasons(checkApiToken({ name: "x", scopes: ["metrics.read"], expirationDate: "tomorrow" }, now))[0]).toMatch(
      /expirationDate: "tomorrow" is not a date .*"now\+90d"/,
    );
    expect(reasons(checkApiToken({ name: "x", scopes: ["metrics.read"], expirationDate: "2020-01-01" }, now))[0]).toMatch(/is in the past/);
  });

  it("rejects bad names", () => {
    expect(reasons(checkApiToken({ name: " ", scopes: ["metrics.read"] }, now))[0]).toMatch(/name must not be empty/);
    expect(reasons(checkApiToken({ name: "x".repeat(201), scopes: ["metrics.read"] }, now))[0]).toMatch(/use at most 200/);
    expect(reasons(checkApiToken({ name: "a\nb", scopes: ["metrics.read"] }, now))[0]).toMatch(/control characters/);
  });

  it("rejects rotateBefore that is malformed, lacks an expiration or outlasts the lifetime", () => {
    expect(reasons(checkApiToken({ name: "x", scopes: ["metrics.read"], expirationDate: "now+90d", rotateBefore: "2 weeks" }, now))[0]).toMatch(
      /rotateBefore: "2 weeks" is not a duration/,
    );
    expect(reasons(checkApiToken({ name: "x", scopes: ["metrics.read"], rotateBefore: "14d" }, now))[0]).toMatch(/needs an expirationDate/);
    expect(reasons(checkApiToken({ name: "x", scopes: ["metrics.read"], expirationDate: "now+7d", rotateBefore: "14d" }, now))[0]).toMatch(
      /every run would replace the token/,
    );
  });

  it("skips values that are unknown during preview", () => {
    const result = checkApiToken({ name: UNKNOWN, scopes: UNKNOWN, enabled: UNKNOWN, expirationDate: UNKNOWN, rotateBefore: UNKNOWN }, now);
    expect(result.failures).toBeUndefined();
    expect(checkApiToken({ name: "x", scopes: ["metrics.read", UNKNOWN] }, now).failures).toBeUndefined();
  });

  it("never echoes an adopted token's secret", () => {
    const result = checkApiToken({ name: "x", scopes: ["metrics.read"], adopt: { token: "dt0c01.SECRETVALUE" } }, now);
    expect(reasons(result)[0]).toMatch(/adopt.token is not a Dynatrace token secret/);
    expect(JSON.stringify(result.failures)).not.toContain("SECRETVALUE");
  });

  it("issue 10: reports adopt failures on no property, so the engine never prints the adopt value (which holds the secret)", () => {
    const result = checkApiToken({ name: "x", scopes: ["metrics.read"], adopt: { id: "not-an-id", token: admin } }, now);
    expect(result.failures).toEqual([
      { property: "", reason: expect.stringMatching(/^adopt.id "not-an-id" is not a token identifier — use the "dt0c01/) },
    ]);
    const secretAsId = checkApiToken({ name: "x", scopes: ["metrics.read"], adopt: { id: admin } }, now);
    expect(reasons(secretAsId)[0]).toMatch(/adopt.id holds a token secret, not an identifier — move it to adopt.token/);
    expect(JSON.stringify(secretAsId.failures)).not.toContain(admin.split(".")[2]);
    const notObject = checkApiToken({ name: "x", scopes: ["metrics.read"], adopt: admin }, now);
    expect(reasons(notObject)[0]).toMatch(/^adopt must be an object, got a token secret \(not shown\)/);
    expect(JSON.stringify(notObject.failures)).not.toContain(admin.split(".")[2]);
  });

  it.each([
    ["supportAlert", "false", 'supportAlert must be true or false, got string "false" — write supportAlert: false (a boolean, without quotes)'],
    ["supportAlert", 1, "supportAlert must be true or false, got number 1 — write supportAlert: true (a boolean, without quotes)"],
    ["enabled", "yes", 'enabled must be true or false, got string "yes" — write enabled: true or enabled: false, or leave it out'],
    ["personalAccessToken", null, "personalAccessToken must be true or false, got null — write personalAccessToken: true or personalAccessToken: false, or leave it out"],
  ])("issue 10: refuses %s = %j, naming the field, the value and the fix", (field, value, reason) => {
    expect(checkApiToken({ name: "x", scopes: ["InstallerDownload"], [field]: value }, now).failures).toEqual([{ property: field, reason }]);
  });

  it("quotes at most 80 characters of a bad value", () => {
    const reason = reasons(checkApiToken({ name: "x", scopes: ["metrics.read"], enabled: "y".repeat(5000) }, now))[0]!;
    expect(reason.length).toBeLessThan(300);
    expect(reason).toContain("(5002 characters)");
  });

  it("issue 10: a malformed dynatrace-tokens:environments is a check failure (a sentence), not an error thrown from configure", () => {
    expect(() => configure({ get: (key) => (key === "dynatrace-tokens:environments" ? { prod: "x" } : undefined) })).not.toThrow();
    const result = checkApiToken({ name: "x", scopes: ["metrics.read"] }, now);
    expect(result.failures).toEqual([{ property: "", reason: expect.stringMatching(/^dynatrace-tokens:environments must map names to \{ envUrl, apiToken \}.*pulumi config set --path/) }]);
    configure({ get: (key) => ({ "dynatrace-tokens:envUrl": "https://abc12345.live.dynatrace.com", "dynatrace-tokens:apiToken": admin })[key] });
    expect(checkApiToken({ name: "x", scopes: ["metrics.read"] }, now).failures).toBeUndefined();
  });

  it("reports missing credentials with the command that sets them", () => {
    resetConfiguration();
    const result = checkApiToken({ name: "x", scopes: ["metrics.read"] }, now);
    expect(reasons(result).join("\n")).toMatch(/pulumi config set dynatrace-tokens:envUrl https:\/\/abc12345.live.dynatrace.com/);
  });

  it("reports an unknown environment name", () => {
    const result = checkApiToken({ name: "x", scopes: ["metrics.read"], environment: "prod" }, now);
    expect(result.failures?.[0]?.property).toBe("environment");
    expect(reasons(result)[0]).toMatch(/environment "prod" is not defined in dynatrace-tokens:environments/);
  });
});

describe("checkActiveGateToken", () => {
  it("defaults type and seed flag", () => {
    const result = checkActiveGateToken({ name: "ag", expirationDate: "now+6M", rotateBefore: "30d" }, now);
    expect(result.failures).toBeUndefined();
    expect(result.inputs).toMatchObject({ activeGateType: "ENVIRONMENT", seedToken: false });
  });

  it("rejects an expiration more than two years ahead", () => {
    expect(reasons(checkActiveGateToken({ name: "ag", expirationDate: "now+25M" }, now))[0]).toMatch(/more than 2 years away/);
  });

  it("rejects an unknown ActiveGate type with a suggestion", () => {
    expect(reasons(checkActiveGateToken({ name: "ag", activeGateType: "cluster" }, now))[0]).toMatch(/did you mean "CLUSTER"/);
  });
});
