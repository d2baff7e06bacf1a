import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { SCOPE_RISKS, type RiskLabel } from "../provider/catalog/risk";
import { describeToken, tokenInputs } from "./tokenResources";

export const FORBIDDEN_SCOPES_POLICY = "dynatrace-token-forbidden-scopes";

/**
 * The scopes forbidden unless configured otherwise: every token-administration scope of the catalog
 * (`apiTokens.write`, `TenantTokenManagement`, `activeGateTokenManagement.create`, …). A token that can
 * create or change tokens can give itself any other scope, so granting one from code deserves a decision.
 */
export const DEFAULT_FORBIDDEN_SCOPES: readonly string[] = Object.entries(SCOPE_RISKS)
  .filter(([, risk]) => risk.label === "token-admin")
  .map(([scope]) => scope)
  .sort();

export interface ForbiddenScopesConfig {
  /** Default `mandatory`. */
  enforcementLevel?: EnforcementLevel;
  /** Scopes no token may carry. Default: {@link DEFAULT_FORBIDDEN_SCOPES}; `[]` allows every scope. */
  scopes?: string[];
}

const LABEL_REASONS: Partial<Record<RiskLabel, string>> = {
  "token-admin": "it administers tokens, so its holder can widen its own privileges",
  "config-write": "it changes the environment's configuration",
  "data-privacy": "it changes privacy settings or exposes personal data",
};

/** Blocks tokens that carry a forbidden scope; the scopes are configurable as `scopes`. */
export function forbiddenScopesPolicy(config: ForbiddenScopesConfig = {}): ResourceValidationPolicy {
  return {
    name: FORBIDDEN_SCOPES_POLICY,
    description: "Dynatrace tokens must not carry a forbidden scope (by default, the token-administration scopes).",
    enforcementLevel: config.enforcementLevel ?? "mandatory",
    configSchema: {
      properties: {
        scopes: {
          type: "array",
          items: { type: "string" },
          default: [...(config.scopes ?? DEFAULT_FORBIDDEN_SCOPES)],
        },
      },
    },
    validateResource: (args, reportViolation) => {
      const token = tokenInputs(args);
      if (token === undefined) return;
      const forbidden = new Set(args.getConfig<{ scopes: string[] }>().scopes);
      for (const scope of token.scopes) {
        if (!forbidden.has(scope)) continue;
        const label = (SCOPE_RISKS as Record<string, { label: RiskLabel } | undefined>)[scope]?.label;
        const reason = label && LABEL_REASONS[label] ? ` — ${LABEL_REASONS[label]}` : "";
        reportViolation(`${describeToken(token)} has the forbidden scope "${scope}"${reason}.`);
      }
    },
  };
}
