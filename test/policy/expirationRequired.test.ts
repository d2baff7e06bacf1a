import { describe, expect, it } from "vitest";
import { expirationRequiredPolicy } from "../../policy";
import { ACTIVEGATE_TOKEN, API_TOKEN, PAAS_TOKEN, violations } from "./validate";

describe("dynatrace-token-expiration-required", () => {
  it("blocks a token without expirationDate", async () => {
    const found = await violations(expirationRequiredPolicy(), { type: API_TOKEN, name: "forever", props: { scopes: ["metrics.read"] } });
    expect(found).toEqual(['ApiToken "forever" never expires — set expirationDate, e.g. "now+90d".']);
  });

  it("applies to every token kind", async () => {
    for (const type of [PAAS_TOKEN, ACTIVEGATE_TOKEN]) {
      expect(await violations(expirationRequiredPolicy(), { type, props: {} })).toHaveLength(1);
    }
  });

  it("passes a token with an expirationDate in any form", async () => {
    for (const expirationDate of ["now+90d", "2027-01-31T00:00:00Z", 1800000000000]) {
      expect(await violations(expirationRequiredPolicy(), { type: API_TOKEN, props: { expirationDate } })).toEqual([]);
    }
  });

  it("defaults to mandatory, configurable in code", () => {
    expect(expirationRequiredPolicy().enforcementLevel).toBe("mandatory");
    expect(expirationRequiredPolicy({ enforcementLevel: "advisory" }).enforcementLevel).toBe("advisory");
  });
});
