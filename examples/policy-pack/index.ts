// A team's own policy pack: the package's rules with stricter defaults. `--policy-pack-config` can
// still change any of them per run (see policy-config.json).
import { PolicyPack } from "@pulumi/policy";
import { DEFAULT_FORBIDDEN_SCOPES, dynatraceTokenPolicies } from "pulumi-dynatrace-tokens/policy";

new PolicyPack("dynatrace-tokens-strict", {
  policies: dynatraceTokenPolicies({
    // Besides token administration, nobody changes settings from a token created in code.
    forbiddenScopes: { scopes: [...DEFAULT_FORBIDDEN_SCOPES, "settings.write", "WriteConfig"] },
    maximumLifetime: { maximumDays: 90 },
    // Personal access tokens are fine for a developer's own stack, never in production.
    noPersonalAccessTokens: { stacks: ["prod", "production"] },
  }),
});
