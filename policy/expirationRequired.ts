import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { describeToken, tokenInputs } from "./tokenResources";

export const EXPIRATION_REQUIRED_POLICY = "dynatrace-token-expiration-required";

export interface ExpirationRequiredConfig {
  /** Default `mandatory`. */
  enforcementLevel?: EnforcementLevel;
}

/** Blocks tokens without an `expirationDate`: a token that never expires outlives whoever remembers it. */
export function expirationRequiredPolicy(config: ExpirationRequiredConfig = {}): ResourceValidationPolicy {
  return {
    name: EXPIRATION_REQUIRED_POLICY,
    description: "Dynatrace tokens must have an expirationDate.",
    enforcementLevel: config.enforcementLevel ?? "mandatory",
    validateResource: (args, reportViolation) => {
      const token = tokenInputs(args);
      if (token === undefined || token.expirationDate !== undefined) return;
      reportViolation(`${describeToken(token)} never expires — set expirationDate, e.g. "now+90d".`);
    },
  };
}
