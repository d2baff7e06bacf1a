// `check` for API tokens (and the personal-access and PaaS presets): validation plus normalisation of the inputs.
import type { CheckFailure, CheckResult } from "@pulumi/pulumi/dynamic";
import { anyChanged, changed, isNewResource } from "./changes";
import { checkCredentials } from "./credentials";
import { checkAdopt, checkBoolean, checkEnvironment, checkExpiration, checkKeepPreviousFor, checkName, checkRotateBefore, checkScopes } from "./fields";
import { containsUnknown, isUnknown } from "./unknown";

/** Inputs that replace the token when they change: a replacement is created with the (unchanged) expirationDate. */
const RECREATING_INPUTS = [["personalAccessToken", false], "rotationTrigger", "environment"] as const;

export type CheckOutcome = CheckResult<Record<string, unknown>> & {
  /** Sentences for the CLI output; they never fail the preview. */
  readonly warnings: string[];
};

/**
 * `olds` are the inputs of the previous run (empty for a new resource). Dates are judged against `now` only when the
 * token is new, the date changed, or the token is about to be re-created with it.
 */
export function checkApiToken(news: Record<string, unknown>, now: Date, olds: Record<string, unknown> = {}): CheckOutcome {
  const personalAccessToken = news.personalAccessToken === true;
  const isNew = isNewResource(olds);
  const dateChanged = isNew || changed(olds, news, "expirationDate");
  const recreated = dateChanged || anyChanged(olds, news, RECREATING_INPUTS);
  const expiration = checkExpiration(news.expirationDate, { now, judgeTime: recreated });
  const scopes = checkScopes(news.scopes, { personalAccessToken });
  const rotation = checkRotateBefore(news.rotateBefore, news.expirationDate, expiration.resolved, {
    now,
    declared: dateChanged || changed(olds, news, "rotateBefore"),
  });
  const overlap = checkKeepPreviousFor(news.keepPreviousFor, news.rotateBefore);
  const failures: CheckFailure[] = [
    ...checkName(news.name),
    ...scopes.failures,
    ...checkBoolean("enabled", news.enabled),
    ...checkBoolean("personalAccessToken", news.personalAccessToken),
    // PaasToken's switch; its scopes are already derived from it (only `true` adds SupportAlert).
    ...checkBoolean("supportAlert", news.supportAlert),
    ...expiration.failures,
    ...rotation.failures,
    ...overlap.failures,
    ...checkEnvironment(news.environment),
    ...checkAdopt(news.adopt),
  ];
  if (!failures.some((f) => f.property === "environment")) failures.push(...checkCredentials(news.environment));

  const inputs: Record<string, unknown> = { ...news };
  inputs.enabled = news.enabled ?? true;
  inputs.personalAccessToken = news.personalAccessToken ?? false;
  // Scopes are a set: store them sorted so that reordering them in the program never shows as a change.
  if (Array.isArray(news.scopes) && !containsUnknown(news.scopes) && !isUnknown(news.scopes)) {
    inputs.scopes = [...(news.scopes as string[])].sort();
  }
  const warnings = [...scopes.warnings, ...rotation.warnings, ...overlap.warnings];
  return failures.length > 0 ? { inputs, failures, warnings } : { inputs, warnings };
}
