import { describe, expect, it } from "vitest";
import { dynatraceTokenPolicies } from "../../policy";

describe("dynatraceTokenPolicies", () => {
  it("returns the four rules under stable names, mandatory by default", () => {
    const policies = dynatraceTokenPolicies();
    expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
      ["dynatrace-token-forbidden-scopes", "mandatory"],
      ["dynatrace-token-maximum-lifetime", "mandatory"],
      ["dynatrace-token-expiration-required", "mandatory"],
      ["dynatrace-no-personal-access-tokens", "mandatory"],
    ]);
  });

  it("passes each rule its settings from code as the config defaults", () => {
    const policies = dynatraceTokenPolicies({
      forbiddenScopes: { scopes: ["settings.write"] },
      maximumLifetime: { maximumDays: 30, enforcementLevel: "advisory" },
      expirationRequired: { enforcementLevel: "disabled" },
      noPersonalAccessTokens: { stacks: ["prod"] },
    });
    const byName = Object.fromEntries(policies.map((p) => [p.name, p]));
    expect(byName["dynatrace-token-forbidden-scopes"]?.configSchema?.properties.scopes?.default).toEqual(["settings.write"]);
    expect(byName["dynatrace-token-maximum-lifetime"]?.configSchema?.properties.maximumDays?.default).toBe(30);
    expect(byName["dynatrace-token-maximum-lifetime"]?.enforcementLevel).toBe("advisory");
    expect(byName["dynatrace-token-expiration-required"]?.enforcementLevel).toBe("disabled");
    expect(byName["dynatrace-no-personal-access-tokens"]?.configSchema?.properties.stacks?.default).toEqual(["prod"]);
  });
});
