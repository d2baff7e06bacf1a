// Pulumi policies (CrossGuard, `@pulumi/policy`) for this package's tokens, run by
// `pulumi preview --policy-pack <dir>` before anything reaches Dynatrace. docs/policy.md shows how.
import type { ResourceValidationPolicy } from "@pulumi/policy";
import { expirationRequiredPolicy, type ExpirationRequiredConfig } from "./expirationRequired";
import { forbiddenScopesPolicy, type ForbiddenScopesConfig } from "./forbiddenScopes";
import { maximumLifetimePolicy, type MaximumLifetimeConfig } from "./maximumLifetime";
import { noPersonalAccessTokensPolicy, type NoPersonalAccessTokensConfig } from "./personalAccessTokens";

export * from "./expirationRequired";
export * from "./forbiddenScopes";
export * from "./maximumLifetime";
export * from "./personalAccessTokens";
export { TOKEN_TYPES, stackOfUrn, type TokenClass } from "./tokenResources";

/**
 * The defaults of each rule, set in code. `--policy-pack-config` (or the Pulumi Cloud policy group)
 * overrides them per policy, by the policy's name, e.g.
 * `{ "dynatrace-token-maximum-lifetime": { "maximumDays": 30 } }`.
 */
export interface DynatraceTokenPolicyConfig {
  forbiddenScopes?: ForbiddenScopesConfig;
  maximumLifetime?: MaximumLifetimeConfig;
  expirationRequired?: ExpirationRequiredConfig;
  noPersonalAccessTokens?: NoPersonalAccessTokensConfig;
}

/**
 * Every policy of the package, for `new PolicyPack(name, { policies: dynatraceTokenPolicies() })`:
 * forbidden scopes, maximum lifetime, expiration required and no personal access tokens, all `mandatory`
 * unless configured otherwise.
 *
 * @example
 * ```ts
 * import { PolicyPack } from "@pulumi/policy";
 * import { dynatraceTokenPolicies } from "pulumi-dynatrace-tokens/policy";
 *
 * new PolicyPack("dynatrace-tokens", {
 *   policies: dynatraceTokenPolicies({
 *     maximumLifetime: { maximumDays: 90 },
 *     noPersonalAccessTokens: { stacks: ["prod"] },
 *   }),
 * });
 * ```
 */
export function dynatraceTokenPolicies(config: DynatraceTokenPolicyConfig = {}): ResourceValidationPolicy[] {
  return [
    forbiddenScopesPolicy(config.forbiddenScopes),
    maximumLifetimePolicy(config.maximumLifetime),
    expirationRequiredPolicy(config.expirationRequired),
    noPersonalAccessTokensPolicy(config.noPersonalAccessTokens),
  ];
}
