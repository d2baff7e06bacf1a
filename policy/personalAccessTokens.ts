import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { describeToken, stackOfUrn, tokenInputs } from "./tokenResources";

export const NO_PERSONAL_ACCESS_TOKENS_POLICY = "dynatrace-no-personal-access-tokens";

/** Every stack: a personal access token acts as the person who owns the provider's credentials. */
export const DEFAULT_PERSONAL_ACCESS_TOKEN_STACKS: readonly string[] = ["*"];

export interface NoPersonalAccessTokensConfig {
  /** Default `mandatory`. */
  enforcementLevel?: EnforcementLevel;
  /** The stacks in which personal access tokens are forbidden, by name; `"*"` is every stack. Default `["*"]`. */
  stacks?: string[];
}

/** Blocks `PersonalAccessToken` resources in the configured stacks (the stack is read from the URN). */
export function noPersonalAccessTokensPolicy(config: NoPersonalAccessTokensConfig = {}): ResourceValidationPolicy {
  return {
    name: NO_PERSONAL_ACCESS_TOKENS_POLICY,
    description: "No Dynatrace personal access tokens in the configured stacks (by default, in any stack).",
    enforcementLevel: config.enforcementLevel ?? "mandatory",
    configSchema: {
      properties: {
        stacks: {
          type: "array",
          items: { type: "string" },
          default: [...(config.stacks ?? DEFAULT_PERSONAL_ACCESS_TOKEN_STACKS)],
        },
      },
    },
    validateResource: (args, reportViolation) => {
      const token = tokenInputs(args);
      if (token === undefined || !token.personalAccessToken) return;
      const { stacks } = args.getConfig<{ stacks: string[] }>();
      const stack = stackOfUrn(args.urn);
      if (!stacks.includes("*") && (stack === undefined || !stacks.includes(stack))) return;
      reportViolation(
        `${describeToken(token)} is a personal access token, which stack "${stack ?? "?"}" forbids — ` +
          "use an ApiToken, which belongs to the environment rather than to a person.",
      );
    },
  };
}
