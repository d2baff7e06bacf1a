import type { EnforcementLevel, ResourceValidationPolicy } from "@pulumi/policy";
import { DateFormatError, parseDateInput } from "../provider/dates";
import { describeToken, tokenInputs } from "./tokenResources";

export const MAXIMUM_LIFETIME_POLICY = "dynatrace-token-maximum-lifetime";

/** One year: the longest a token may live unless configured otherwise. */
export const DEFAULT_MAXIMUM_LIFETIME_DAYS = 365;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface MaximumLifetimeConfig {
  /** Default `mandatory`. */
  enforcementLevel?: EnforcementLevel;
  /** The longest a token may live, in days from now. Default 365. */
  maximumDays?: number;
}

/**
 * Blocks tokens that expire more than `maximumDays` from now. `expirationDate` is read in every form the
 * provider accepts (`now+90d`, ISO dates, Unix milliseconds); a token without one is left to
 * `dynatrace-token-expiration-required`, and a date the provider would reject to the provider's own check.
 */
export function maximumLifetimePolicy(
  config: MaximumLifetimeConfig = {},
  now: () => Date = () => new Date(),
): ResourceValidationPolicy {
  return {
    name: MAXIMUM_LIFETIME_POLICY,
    description: "Dynatrace tokens must expire within a maximum lifetime (by default 365 days).",
    enforcementLevel: config.enforcementLevel ?? "mandatory",
    configSchema: {
      properties: {
        maximumDays: { type: "number", exclusiveMinimum: 0, default: config.maximumDays ?? DEFAULT_MAXIMUM_LIFETIME_DAYS },
      },
    },
    validateResource: (args, reportViolation) => {
      const token = tokenInputs(args);
      if (token?.expirationDate === undefined) return;
      const { maximumDays } = args.getConfig<{ maximumDays: number }>();
      const at = now();
      let expires: Date;
      try {
        expires = parseDateInput(token.expirationDate, at);
      } catch (error) {
        if (error instanceof DateFormatError) return;
        throw error;
      }
      const days = (expires.getTime() - at.getTime()) / DAY_MS;
      if (days > maximumDays) {
        reportViolation(
          `${describeToken(token)} expires in ${Math.round(days)} days (expirationDate ${JSON.stringify(token.expirationDate)}), ` +
            `more than the maximum of ${maximumDays} days.`,
        );
      }
    },
  };
}
