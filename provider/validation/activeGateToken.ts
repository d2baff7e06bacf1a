// `check` for ActiveGate tokens: validation plus defaults.
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import type { CheckOutcome } from "./apiToken";
import { anyChanged, changed, isNewResource } from "./changes";
import { checkCredentials } from "./credentials";
import { checkActiveGateAdopt, checkBoolean, checkEnvironment, checkExpiration, checkName, checkRotateBefore } from "./fields";
import { isUnknown } from "./unknown";

/** Dynatrace rejects ActiveGate tokens that would live longer than two years. */
export const ACTIVE_GATE_MAX_LIFETIME = { amount: 2, unit: "y" } as const;

/** Every input but rotateBefore replaces an ActiveGate token; the replacement gets the (unchanged) expirationDate. */
const RECREATING_INPUTS = ["name", ["activeGateType", "ENVIRONMENT"], ["seedToken", false], "rotationTrigger", "environment"] as const;

/**
 * `olds` are the inputs of the previous run (empty for a new resource). The date (not in the past, at most two years
 * away) is judged only when the token is new, the date changed, or the token is about to be re-created with it.
 */
export function checkActiveGateToken(news: Record<string, unknown>, now: Date, olds: Record<string, unknown> = {}): CheckOutcome {
  const dateChanged = isNewResource(olds) || changed(olds, news, "expirationDate");
  const recreated = dateChanged || anyChanged(olds, news, RECREATING_INPUTS);
  const expiration = checkExpiration(news.expirationDate, { now, maxLifetime: ACTIVE_GATE_MAX_LIFETIME, judgeTime: recreated });
  const rotation = checkRotateBefore(news.rotateBefore, news.expirationDate, expiration.resolved, {
    now,
    declared: dateChanged || changed(olds, news, "rotateBefore"),
  });
  const failures: CheckFailure[] = [
    ...checkName(news.name),
    ...checkActiveGateType(news.activeGateType),
    ...checkBoolean("seedToken", news.seedToken),
    ...expiration.failures,
    ...rotation.failures,
    ...checkEnvironment(news.environment),
    ...checkActiveGateAdopt(news.adopt),
  ];
  if (!failures.some((f) => f.property === "environment")) failures.push(...checkCredentials(news.environment));

  const inputs: Record<string, unknown> = {
    ...news,
    activeGateType: news.activeGateType ?? "ENVIRONMENT",
    seedToken: news.seedToken ?? false,
  };
  return failures.length > 0 ? { inputs, failures, warnings: rotation.warnings } : { inputs, warnings: rotation.warnings };
}

function checkActiveGateType(value: unknown): CheckFailure[] {
  if (value === undefined || isUnknown(value) || value === "ENVIRONMENT" || value === "CLUSTER") return [];
  const upper = typeof value === "string" ? value.toUpperCase() : undefined;
  const hint = upper === "ENVIRONMENT" || upper === "CLUSTER" ? ` — did you mean "${upper}"?` : "";
  return [{ property: "activeGateType", reason: `activeGateType must be "ENVIRONMENT" or "CLUSTER", got ${JSON.stringify(value)}${hint}` }];
}
