// `check` for API tokens (and the personal-access and PaaS presets): validation plus normalisation of the inputs.
import type { CheckFailure, CheckResult } from "@pulumi/pulumi/dynamic";
import { checkCredentials } from "./credentials";
import { checkAdopt, checkBoolean, checkEnvironment, checkExpiration, checkName, checkRotateBefore, checkScopes } from "./fields";
import { containsUnknown, isUnknown } from "./unknown";

export function checkApiToken(news: Record<string, unknown>, now: Date): CheckResult<Record<string, unknown>> {
  const personalAccessToken = news.personalAccessToken === true;
  const expiration = checkExpiration(news.expirationDate, { now });
  const failures: CheckFailure[] = [
    ...checkName(news.name),
    ...checkScopes(news.scopes, { personalAccessToken }),
    ...checkBoolean("enabled", news.enabled),
    ...checkBoolean("personalAccessToken", news.personalAccessToken),
    // PaasToken's switch; its scopes are already derived from it (only `true` adds SupportAlert).
    ...checkBoolean("supportAlert", news.supportAlert),
    ...expiration.failures,
    ...checkRotateBefore(news.rotateBefore, news.expirationDate, expiration.resolved, now),
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
  return failures.length > 0 ? { inputs, failures } : { inputs };
}
