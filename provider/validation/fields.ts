// Checks for single properties, shared by every token kind. Each returns `CheckFailure`s whose reason names the
// field, the value and the fix. Values that are unknown during preview are skipped.
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { RESERVED_NAME_TEXT } from "../client/createMarker";
import { SCOPE_NAMES, isAssignableScope, isResponseOnlyScope, isV1ScopeName } from "../catalog/scopes";
import { DATE_FORMS_HELP, DateFormatError, describeDuration, parseDateInput, parseDuration, shift, type Duration } from "../dates";
import { isTokenId, isTokenSecret } from "../tokenFormat";
import { closestMatch } from "./didYouMean";
import { isUnknown } from "./unknown";

/** Longest token name accepted. Dynatrace documents no limit; 200 characters keeps names readable in its UI. */
export const MAX_NAME_LENGTH = 200;

const REMOVED_SCOPES: Readonly<Record<string, string>> = {
  "analyzers.read": "was removed in Dynatrace 1.330",
  "analyzers.write": "was removed in Dynatrace 1.330",
  AppMonIntegration: "was removed from Dynatrace",
  MaintenanceWindows: "is no longer assignable",
  LogImport: "is no longer assignable (use logs.ingest)",
};

export function checkName(value: unknown): CheckFailure[] {
  if (isUnknown(value)) return [];
  if (typeof value !== "string") {
    return [{ property: "name", reason: `name must be a string, got ${describe(value)}` }];
  }
  if (value.trim() === "") {
    return [{ property: "name", reason: 'name must not be empty — give the token a name such as "otel-ingest", or leave it out to use the resource name' }];
  }
  if (value.length > MAX_NAME_LENGTH) {
    return [{ property: "name", reason: `name is ${value.length} characters long; use at most ${MAX_NAME_LENGTH}` }];
  }
  if (value.includes(RESERVED_NAME_TEXT)) {
    return [{ property: "name", reason: `name ${JSON.stringify(value)} contains "${RESERVED_NAME_TEXT}", which marks tokens whose create is in flight (see docs/recovery.md); remove it` }];
  }
  if (/[\u0000-\u001f\u007f]/.test(value)) {
    return [{ property: "name", reason: `name ${JSON.stringify(value)} contains control characters (newline, tab, …); remove them` }];
  }
  return [];
}

export function checkBoolean(property: string, value: unknown): CheckFailure[] {
  if (value === undefined || isUnknown(value) || typeof value === "boolean") return [];
  return [{ property, reason: `${property} must be true or false, got ${describe(value)}` }];
}

export interface ScopeRules {
  /** Personal access tokens take only v2 (dotted) scopes. */
  readonly personalAccessToken: boolean;
}

export function checkScopes(value: unknown, rules: ScopeRules): CheckFailure[] {
  if (isUnknown(value)) return [];
  if (!Array.isArray(value)) {
    return [{ property: "scopes", reason: `scopes must be a list of scope names such as ["metrics.read"], got ${describe(value)}` }];
  }
  if (value.length === 0) {
    return [{ property: "scopes", reason: 'scopes must not be empty — a token needs at least one scope, e.g. ["metrics.read"]' }];
  }
  const failures: CheckFailure[] = [];
  const seen = new Map<string, number>();
  value.forEach((scope: unknown, index) => {
    const at = `scopes[${index}]`;
    if (isUnknown(scope)) return;
    if (typeof scope !== "string") {
      failures.push({ property: "scopes", reason: `${at}: must be a scope name, got ${describe(scope)}` });
      return;
    }
    const first = seen.get(scope);
    if (first !== undefined) {
      failures.push({ property: "scopes", reason: `${at}: "${scope}" is listed twice (also scopes[${first}]) — remove one` });
      return;
    }
    seen.set(scope, index);
    if (isAssignableScope(scope)) {
      if (rules.personalAccessToken && isV1ScopeName(scope)) {
        failures.push({
          property: "scopes",
          reason: `${at}: "${scope}" is a v1 scope, and personal access tokens only take v2 scopes (dotted names such as "metrics.read") — replace it, or use an ApiToken instead`,
        });
      }
      return;
    }
    if (isResponseOnlyScope(scope)) {
      failures.push({
        property: "scopes",
        reason: `${at}: "${scope}" is a legacy scope that Dynatrace only reports on old tokens and no longer assigns — remove it`,
      });
      return;
    }
    const removed = REMOVED_SCOPES[scope];
    if (removed) {
      failures.push({ property: "scopes", reason: `${at}: "${scope}" ${removed} — remove it` });
      return;
    }
    const suggestion = closestMatch(scope, rules.personalAccessToken ? SCOPE_NAMES.filter((s) => !isV1ScopeName(s)) : SCOPE_NAMES);
    failures.push({
      property: "scopes",
      reason:
        `${at}: "${scope}" is not a Dynatrace scope` +
        (suggestion ? ` — did you mean "${suggestion}"?` : " — see the Scope type for the assignable scopes"),
    });
  });
  return failures;
}

export interface ExpirationRules {
  readonly now: Date;
  /** Longest lifetime allowed from `now` (ActiveGate tokens: 2 years). */
  readonly maxLifetime?: Duration;
}

/** Checks `expirationDate`; returns the resolved date when it is valid. */
export function checkExpiration(value: unknown, rules: ExpirationRules): { failures: CheckFailure[]; resolved?: Date } {
  if (value === undefined || isUnknown(value)) return { failures: [] };
  if (typeof value !== "string" && typeof value !== "number") {
    return { failures: [{ property: "expirationDate", reason: `expirationDate must be a string or a number, got ${describe(value)} — ${DATE_FORMS_HELP}` }] };
  }
  let resolved: Date;
  try {
    resolved = parseDateInput(value, rules.now);
  } catch (error) {
    if (error instanceof DateFormatError) return { failures: [{ property: "expirationDate", reason: `expirationDate: ${error.message}` }] };
    throw error;
  }
  if (resolved.getTime() <= rules.now.getTime()) {
    return {
      failures: [{
        property: "expirationDate",
        reason: `expirationDate "${value}" is in the past (${resolved.toISOString()}, now is ${rules.now.toISOString()}) — use a future date such as "now+90d"`,
      }],
    };
  }
  if (rules.maxLifetime) {
    const limit = shift(rules.now, rules.maxLifetime.amount, rules.maxLifetime.unit);
    if (resolved.getTime() > limit.getTime()) {
      return {
        failures: [{
          property: "expirationDate",
          reason: `expirationDate "${value}" (${resolved.toISOString()}) is more than ${describeDuration(rules.maxLifetime)} away; Dynatrace allows at most that — use e.g. "now+1y"`,
        }],
      };
    }
  }
  return { failures: [], resolved };
}

/** Checks `rotateBefore` against the (resolved) expiration it refers to. */
export function checkRotateBefore(value: unknown, expirationInput: unknown, expiration: Date | undefined, now: Date): CheckFailure[] {
  if (value === undefined || isUnknown(value)) return [];
  if (typeof value !== "string") {
    return [{ property: "rotateBefore", reason: `rotateBefore must be a duration string such as "14d", got ${describe(value)}` }];
  }
  let duration: Duration;
  try {
    duration = parseDuration(value);
  } catch (error) {
    if (error instanceof DateFormatError) return [{ property: "rotateBefore", reason: `rotateBefore: ${error.message}` }];
    throw error;
  }
  if (expirationInput === undefined) {
    return [{
      property: "rotateBefore",
      reason: `rotateBefore "${value}" needs an expirationDate: a token that never expires is never rotated — add e.g. expirationDate: "now+90d"`,
    }];
  }
  if (expiration === undefined) return []; // expirationDate unknown or already reported
  const rotationStart = shift(expiration, -duration.amount, duration.unit);
  if (rotationStart.getTime() <= now.getTime()) {
    return [{
      property: "rotateBefore",
      reason:
        `rotateBefore "${value}" is at least as long as the token's remaining lifetime (expirationDate "${String(expirationInput)}" = ${expiration.toISOString()}), ` +
        `so every run would replace the token — use a shorter rotateBefore or a later (relative) expirationDate such as "now+90d"`,
    }];
  }
  return [];
}

export function checkEnvironment(value: unknown): CheckFailure[] {
  if (value === undefined || isUnknown(value)) return [];
  if (typeof value !== "string" || value.trim() === "") {
    return [{ property: "environment", reason: `environment must be the name of an entry in dynatrace:environments, got ${describe(value)}` }];
  }
  return [];
}

export function checkAdopt(value: unknown): CheckFailure[] {
  if (value === undefined || isUnknown(value)) return [];
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [{ property: "adopt", reason: "adopt must be an object: { id: \"dt0c01.…\" } or { token: <secret> }" }];
  }
  const { id, token } = value as { id?: unknown; token?: unknown };
  const failures: CheckFailure[] = [];
  if (id === undefined && token === undefined) {
    failures.push({ property: "adopt", reason: 'adopt needs an id ("dt0c01.…") or a token (its secret) of the existing token to take over' });
  }
  if (id !== undefined && !isUnknown(id) && (typeof id !== "string" || !isTokenId(id))) {
    failures.push({ property: "adopt", reason: `adopt.id ${JSON.stringify(id)} is not a token identifier — use the "dt0c01.XXXXXXXX…" id shown in Dynatrace under Access tokens` });
  }
  // Never echo the value: it is a secret.
  if (token !== undefined && !isUnknown(token) && (typeof token !== "string" || !isTokenSecret(token))) {
    failures.push({ property: "adopt", reason: "adopt.token is not a Dynatrace token secret (dt0c01.<public>.<secret>) — pass the full token value" });
  }
  return failures;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${JSON.stringify(value)}`;
}

