import { describe, expect, it } from "vitest";
import { DEFAULT_MAXIMUM_LIFETIME_DAYS, maximumLifetimePolicy } from "../../policy";
import { ACTIVEGATE_TOKEN, API_TOKEN, violations } from "./validate";

const now = new Date("2026-01-01T00:00:00Z");
const policy = maximumLifetimePolicy({}, () => now);
const token = (expirationDate: unknown) => ({ type: API_TOKEN, name: "ingest", props: { scopes: ["metrics.ingest"], expirationDate } });

describe("dynatrace-token-maximum-lifetime", () => {
  it("allows up to 365 days by default", async () => {
    expect(DEFAULT_MAXIMUM_LIFETIME_DAYS).toBe(365);
    expect(await violations(policy, token("now+90d"))).toEqual([]);
    expect(await violations(policy, token("now+365d"))).toEqual([]);
  });

  it("blocks a relative date beyond the limit, saying by how much", async () => {
    expect(await violations(policy, token("now+2y"))).toEqual([
      'ApiToken "ingest" expires in 730 days (expirationDate "now+2y"), more than the maximum of 365 days.',
    ]);
  });

  it("reads ISO dates and Unix milliseconds, as number or string", async () => {
    const far = Date.parse("2028-01-01T00:00:00Z");
    expect(await violations(policy, token("2028-01-01T00:00:00Z"))).toHaveLength(1);
    expect(await violations(policy, token("2028-01-01"))).toHaveLength(1);
    expect(await violations(policy, token(far))).toHaveLength(1);
    expect(await violations(policy, token(String(far)))).toHaveLength(1);
    expect(await violations(policy, token("2026-06-30T00:00:00+02:00"))).toEqual([]);
  });

  it("takes maximumDays from code, and policy config overrides it", async () => {
    const strict = maximumLifetimePolicy({ maximumDays: 30 }, () => now);
    expect(await violations(strict, token("now+90d"))).toEqual([expect.stringContaining("more than the maximum of 30 days")]);
    expect(await violations(strict, token("now+90d"), { maximumDays: 120 })).toEqual([]);
  });

  it("applies to ActiveGate tokens too", async () => {
    const found = await violations(policy, { type: ACTIVEGATE_TOKEN, name: "ag", props: { expirationDate: "now+2y" } });
    expect(found).toEqual([expect.stringContaining('ActiveGateToken "ag" expires in 730 days')]);
  });

  it("leaves a missing or unparseable date to the other checks", async () => {
    expect(await violations(policy, token(undefined))).toEqual([]);
    expect(await violations(policy, token("next tuesday"))).toEqual([]);
  });
});
