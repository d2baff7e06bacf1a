// `check` for ActiveGate tokens: validation plus defaults.
import type { CheckFailure, CheckResult } from "@pulumi/pulumi/dynamic";
import { checkCredentials } from "./credentials";
import { checkBoolean, checkEnvironment, checkExpiration, checkName, checkRotateBefore } from "./fields";
import { isUnknown } from "./unknown";

/** Dynatrace rejects ActiveGate tokens that would live longer than two years. */
export const ACTIVE_GATE_MAX_LIFETIME = { amount: 2, unit: "y" } as const;

export function checkActiveGateToken(news: Record<string, unknown>, now: Date): CheckResult<Record<string, unknown>> {
  const expiration = checkExpiration(news.expirationDate, { now, maxLifetime: ACTIVE_GATE_MAX_LIFETIME });
  const failures: CheckFailure[] = [
    ...checkName(news.name),
    ...checkActiveGateType(news.activeGateType),
    ...checkBoolean("seedToken", news.seedToken),
    ...expiration.failures,
    ...checkRotateBefore(news.rotateBefore, news.expirationDate, expiration.resolved, now),
    ...checkEnvironment(news.environment),
  ];
  if (!failures.some((f) => f.property === "environment")) failures.push(...checkCredentials(news.environment));

  const inputs: Record<string, unknown> = {
    ...news,
    activeGateType: news.activeGateType ?? "ENVIRONMENT",
    seedToken: news.seedToken ?? false,
  };
  return failures.length > 0 ? { inputs, failures } : { inputs };
}

function checkActiveGateType(value: unknown): CheckFailure[] {
  if (value === undefined || isUnknown(value) || value === "ENVIRONMENT" || value === "CLUSTER") return [];
  const upper = typeof value === "string" ? value.toUpperCase() : undefined;
  const hint = upper === "ENVIRONMENT" || upper === "CLUSTER" ? ` — did you mean "${upper}"?` : "";
  return [{ property: "activeGateType", reason: `activeGateType must be "ENVIRONMENT" or "CLUSTER", got ${JSON.stringify(value)}${hint}` }];
}
