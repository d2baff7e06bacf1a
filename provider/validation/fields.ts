// Checks for single properties, shared by every token kind. Each returns `CheckFailure`s whose reason names the
// field, the value and the fix. Values that are unknown during preview are skipped.
import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { RESERVED_NAME_TEXT } from "../client/createMarker";
import { SCOPE_NAMES, isAssignableScope, isResponseOnlyScope, isV1ScopeName } from "../catalog/scopes";
import { DATE_FORMS_HELP, DateFormatError, describeDuration, isRelativeDate, parseDateInput, parseDuration, shift, type Duration } from "../dates";
import { CONFIG_KEYS } from "../config";
import { isTokenId, isTokenSecret } from "../tokenFormat";
import { closestMatch, levenshtein } from "./didYouMean";
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
    return [{ property: "name", reason: `name must be a string, got ${describe(value)} — write it in quotes, e.g. name: "otel-ingest", or leave it out to use the resource name` }];
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

/** Checks a boolean input; the strings "true"/"false" and 0/1 are refused, since a truthy test would misread them. */
export function checkBoolean(property: string, value: unknown): CheckFailure[] {
  if (value === undefined || isUnknown(value) || typeof value === "boolean") return [];
  const meant = value === "true" || value === 1 || value === "1" ? "true" : value === "false" || value === 0 || value === "0" ? "false" : undefined;
  const fix = meant !== undefined ? `write ${property}: ${meant} (a boolean, without quotes)` : `write ${property}: true or ${property}: false, or leave it out`;
  return [{ property, reason: `${property} must be true or false, got ${describe(value)} — ${fix}` }];
}

export interface ScopeRules {
  /** Personal access tokens take only v2 (dotted) scopes. */
  readonly personalAccessToken: boolean;
}

/** Problems listed in one failure or warning before the rest are counted as "and N more" (keeps output bounded). */
export const MAX_LISTED_PROBLEMS = 10;
/** Longest excerpt of a user value quoted in a message. */
const MAX_QUOTED_LENGTH = 80;

/**
 * JSON text of a user value, cut to a readable length: the engine prints every reason in full, and a 1 MB scope name
 * must not make a 1 MB message.
 */
export function quote(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > MAX_QUOTED_LENGTH ? `${text.slice(0, MAX_QUOTED_LENGTH)}…" (${text.length} characters)` : text;
}

/** `a; b; c; and 7 more`: at most MAX_LISTED_PROBLEMS items. */
export function boundedList(items: readonly string[], separator = "; "): string {
  const shown = items.slice(0, MAX_LISTED_PROBLEMS);
  const more = items.length - shown.length;
  return shown.join(separator) + (more > 0 ? `${separator}and ${more} more` : "");
}

/**
 * The failures for the problems of one property: each on its own line, at most MAX_LISTED_PROBLEMS of them, then one
 * that counts the rest. Reported on property "": the engine prints a property's whole value with every failure, so a
 * list of 1000 bad scopes was printed 1000 times (38 MB); each reason names its field (`scopes[3]: …`) instead.
 */
export function groupFailures(property: string, problems: readonly string[]): CheckFailure[] {
  const failures: CheckFailure[] = problems.slice(0, MAX_LISTED_PROBLEMS).map((reason) => ({ property: "", reason }));
  const more = problems.length - failures.length;
  if (more > 0) {
    failures.push({ property: "", reason: `${property}: and ${more} more problems like these (${problems.length} in all) — fix the ones above and preview again` });
  }
  return failures;
}

export interface ScopeCheck {
  readonly failures: CheckFailure[];
  /** Sentences for the CLI output: scopes this release does not know, passed on for Dynatrace to judge. */
  readonly warnings: string[];
}

/**
 * How close an unknown scope must be to a known one to count as a typo of it. Tighter than `closestMatch`'s own
 * tolerance: a scope Dynatrace added after this release (`metrics.write` next to `metrics.read`) must not be
 * mistaken for a misspelling and refused.
 */
function likelyTypo(scope: string, candidates: readonly string[]): string | undefined {
  const lower = scope.toLowerCase();
  const sameLetters = candidates.find((c) => c.toLowerCase() === lower);
  if (sameLetters) return sameLetters;
  const tolerance = Math.min(2, Math.floor(scope.length / 5));
  // Only candidates of about the same length can be that close: skipping the rest keeps 1000 long names cheap.
  const near = candidates.filter((c) => Math.abs(c.length - scope.length) <= tolerance);
  const best = closestMatch(scope, near);
  if (best === undefined) return undefined;
  return levenshtein(lower, best.toLowerCase()) <= tolerance ? best : undefined;
}

export function checkScopes(value: unknown, rules: ScopeRules): ScopeCheck {
  if (isUnknown(value)) return { failures: [], warnings: [] };
  if (!Array.isArray(value)) {
    return { failures: [{ property: "scopes", reason: `scopes must be a list of scope names such as ["metrics.read"], got ${describe(value)}` }], warnings: [] };
  }
  if (value.length === 0) {
    return { failures: [{ property: "scopes", reason: 'scopes must not be empty — a token needs at least one scope, e.g. ["metrics.read"]' }], warnings: [] };
  }
  const problems: string[] = [];
  const unknownScopes: string[] = [];
  const seen = new Map<string, number>();
  const candidates = rules.personalAccessToken ? SCOPE_NAMES.filter((s) => !isV1ScopeName(s)) : SCOPE_NAMES;
  value.forEach((scope: unknown, index) => {
    const at = `scopes[${index}]`;
    if (isUnknown(scope)) return;
    if (typeof scope !== "string") {
      problems.push(`${at}: must be a scope name, got ${describe(scope)}`);
      return;
    }
    const first = seen.get(scope);
    if (first !== undefined) {
      problems.push(`${at}: ${quote(scope)} is listed twice (also scopes[${first}]) — remove one`);
      return;
    }
    seen.set(scope, index);
    if (isAssignableScope(scope)) {
      if (rules.personalAccessToken && isV1ScopeName(scope)) {
        problems.push(
          `${at}: "${scope}" is a v1 scope, and personal access tokens only take v2 scopes (dotted names such as "metrics.read") — replace it, or use an ApiToken instead`,
        );
      }
      return;
    }
    if (isResponseOnlyScope(scope)) {
      problems.push(`${at}: "${scope}" is a legacy scope that Dynatrace only reports on old tokens and no longer assigns — remove it`);
      return;
    }
    const removed = REMOVED_SCOPES[scope];
    if (removed) {
      problems.push(`${at}: "${scope}" ${removed} — remove it`);
      return;
    }
    const suggestion = likelyTypo(scope, candidates);
    if (suggestion) {
      problems.push(`${at}: ${quote(scope)} is not a Dynatrace scope — did you mean "${suggestion}"?`);
      return;
    }
    if (!/^[A-Za-z][A-Za-z0-9_.:-]*$/.test(scope)) {
      problems.push(`${at}: ${quote(scope)} is not a scope name (letters, digits, ".", "_", ":" and "-") — see the Scope type for the assignable scopes`);
      return;
    }
    if (rules.personalAccessToken && !scope.includes(".")) {
      problems.push(`${at}: ${quote(scope)} is not a v2 (dotted) scope, and personal access tokens only take those — see the PersonalAccessTokenScope type`);
      return;
    }
    // Dynatrace adds scopes without a new API version: a name this release does not know is passed on, and
    // Dynatrace (which knows its own scopes) accepts it or answers 400 naming it.
    unknownScopes.push(`${at} ${quote(scope)}`);
  });
  const warnings =
    unknownScopes.length === 0
      ? []
      : [
          `scopes: ${boundedList(unknownScopes, ", ")} ${unknownScopes.length === 1 ? "is" : "are"} not in this release's scope catalog. ` +
            "Passing them to Dynatrace as given: if Dynatrace has added them they work; if not, Dynatrace rejects them when the token is created. " +
            "Check the spelling, or update pulumi-dynatrace-tokens to have them checked at preview.",
        ];
  return { failures: groupFailures("scopes", problems), warnings };
}

export interface ExpirationRules {
  readonly now: Date;
  /** Longest lifetime allowed from `now` (ActiveGate tokens: 2 years). */
  readonly maxLifetime?: Duration;
  /**
   * Whether to judge the date against `now` (not in the past, within `maxLifetime`). Only for a date that is new or
   * changed, or a token about to be created with it: an unchanged date must never start failing as time passes.
   */
  readonly judgeTime?: boolean;
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
  if (rules.judgeTime === false) return { failures: [], resolved };
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

export interface RotateBeforeRules {
  readonly now: Date;
  /**
   * True when rotateBefore or expirationDate is new or changed (a new resource included): only then are combinations
   * that can never work refused. A stack that already has one (written by 0.1.0) gets a warning instead.
   */
  readonly declared: boolean;
}

export interface RotateBeforeCheck {
  readonly failures: CheckFailure[];
  readonly warnings: string[];
}

/** Checks `rotateBefore` against the (resolved) expiration it refers to. */
export function checkRotateBefore(value: unknown, expirationInput: unknown, expiration: Date | undefined, rules: RotateBeforeRules): RotateBeforeCheck {
  const fail = (reason: string): RotateBeforeCheck => ({ failures: [{ property: "rotateBefore", reason }], warnings: [] });
  const none: RotateBeforeCheck = { failures: [], warnings: [] };
  if (value === undefined || isUnknown(value)) return none;
  if (typeof value !== "string") return fail(`rotateBefore must be a duration string such as "14d", got ${describe(value)}`);
  let duration: Duration;
  try {
    duration = parseDuration(value);
  } catch (error) {
    if (error instanceof DateFormatError) return fail(`rotateBefore: ${error.message}`);
    throw error;
  }
  if (expirationInput === undefined) {
    return fail(`rotateBefore "${value}" needs an expirationDate: a token that never expires is never rotated — add e.g. expirationDate: "now+90d"`);
  }
  if (expiration === undefined) return none; // expirationDate unknown or already reported
  if (!isRelativeDate(expirationInput as string | number)) {
    // The replacement would be created with the same absolute date: same expiry, so it would be "due" again at once.
    const problem =
      `rotateBefore "${value}" cannot work with an absolute expirationDate (${JSON.stringify(expirationInput)}): a rotated token would get ` +
      "the same expiry";
    const fix = `use a relative expirationDate such as "now+90d" (each rotation then gets a fresh lifetime), or remove rotateBefore and set a new expirationDate when you want a new token`;
    if (rules.declared) return fail(`${problem} — ${fix}`);
    return { failures: [], warnings: [`${problem}, so it is ignored (the token is not rotated). To fix: ${fix}.`] };
  }
  if (!rules.declared) return none; // judged when it was declared; the diff evaluates the window on the server's clock
  const rotationStart = shift(expiration, -duration.amount, duration.unit);
  if (rotationStart.getTime() <= rules.now.getTime()) {
    return fail(
      `rotateBefore "${value}" is at least as long as the token's remaining lifetime (expirationDate "${String(expirationInput)}" = ${expiration.toISOString()}), ` +
        `so every run would replace the token — use a shorter rotateBefore or a later (relative) expirationDate such as "now+90d"`,
    );
  }
  return none;
}

export function checkEnvironment(value: unknown): CheckFailure[] {
  if (value === undefined || isUnknown(value)) return [];
  if (typeof value !== "string" || value.trim() === "") {
    return [{
      property: "environment",
      reason:
        `environment must be the name of an entry in ${CONFIG_KEYS.environments}, got ${describe(value)} — ` +
        `e.g. environment: "prod", defined with \`pulumi config set --path '${CONFIG_KEYS.environments}.prod.envUrl' https://…\`, or leave it out to use the default environment`,
    }];
  }
  return [];
}

/**
 * Checks `adopt`. Failures are reported without a property: the engine prints the value of a failure's property next
 * to the reason, and the value of `adopt` holds the token secret (or, by mistake, a secret put in `adopt.id`). A
 * nested path such as `adopt.id` prints as "value {<nil>}", so the reason names the field instead.
 */
export function checkAdopt(value: unknown): CheckFailure[] {
  if (value === undefined || isUnknown(value)) return [];
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [{ property: "", reason: `adopt must be an object, got ${describeSecretFree(value)} — write adopt: { id: "dt0c01.…" } or adopt: { token: <secret> }` }];
  }
  const { id, token } = value as { id?: unknown; token?: unknown };
  const failures: CheckFailure[] = [];
  if (id === undefined && token === undefined) {
    failures.push({ property: "", reason: 'adopt needs an id ("dt0c01.…") or a token (its secret) of the existing token to take over — add one, or remove adopt to create a new token' });
  }
  if (id !== undefined && !isUnknown(id) && (typeof id !== "string" || !isTokenId(id))) {
    failures.push({
      property: "",
      reason:
        typeof id === "string" && looksLikeSecret(id)
          ? "adopt.id holds a token secret, not an identifier — move it to adopt.token (as a Pulumi secret), or give the id alone (the part before the second dot)"
          : `adopt.id ${typeof id === "string" ? quote(id) : describe(id)} is not a token identifier — use the "dt0c01.XXXXXXXX…" id shown in Dynatrace under Access tokens`,
    });
  }
  // Never echo the value: it is a secret.
  if (token !== undefined && !isUnknown(token) && (typeof token !== "string" || !isTokenSecret(token))) {
    failures.push({ property: "", reason: "adopt.token is not a Dynatrace token secret (dt0c01.<public>.<secret>) — pass the full token value" });
  }
  return failures;
}

/** ActiveGate token identifiers: `dt0g02.` and an 8-character public part. */
const ACTIVE_GATE_TOKEN_ID = /^dt0g\d{2}\.[A-Za-z0-9]{8}$/;

/**
 * `adopt` of an ActiveGate token: by id only — Dynatrace has no lookup by secret for ActiveGate tokens. Reported
 * without a property, like checkAdopt, so that Pulumi never prints the value (a secret may have been put there).
 */
export function checkActiveGateAdopt(value: unknown): CheckFailure[] {
  if (value === undefined || isUnknown(value)) return [];
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return [{ property: "", reason: `adopt must be an object, got ${describeSecretFree(value)} — write adopt: { id: "dt0g02.…" }` }];
  }
  const { id, ...others } = value as Record<string, unknown>;
  const failures: CheckFailure[] = [];
  if ("token" in others) {
    failures.push({
      property: "",
      reason:
        "adopt.token: an ActiveGate token can only be adopted by its id — Dynatrace cannot look one up by its secret. " +
        'Write adopt: { id: "dt0g02.XXXXXXXX" } with the id shown in Dynatrace under Access tokens › ActiveGate tokens',
    });
  }
  const extra = Object.keys(others).filter((key) => key !== "token");
  if (extra.length > 0) {
    failures.push({ property: "", reason: `adopt has no ${extra.map((key) => JSON.stringify(key)).join(", ")} — an ActiveGate token is adopted with adopt: { id: "dt0g02.…" } alone` });
  }
  if (id === undefined) {
    if (!("token" in others)) failures.push({ property: "", reason: 'adopt needs the id ("dt0g02.…") of the ActiveGate token to take over — add it, or remove adopt to create a new token' });
  } else if (!isUnknown(id) && (typeof id !== "string" || !ACTIVE_GATE_TOKEN_ID.test(id.trim()))) {
    const text = typeof id === "string" ? id.trim() : undefined;
    failures.push({
      property: "",
      reason:
        text !== undefined && looksLikeSecret(text)
          ? "adopt.id holds a token secret, not an identifier — give the id alone (the part before the second dot)"
          : text !== undefined && isTokenId(text)
            ? `adopt.id ${quote(text)} is not an ActiveGate token's id (those start with "dt0g02.") — adopt an API token with ApiToken, or use the ActiveGate token's id`
            : `adopt.id ${text !== undefined ? quote(text) : describe(id)} is not an ActiveGate token identifier — use the "dt0g02.XXXXXXXX" id shown in Dynatrace under Access tokens › ActiveGate tokens`,
    });
  }
  return failures;
}

/** Three dot-separated parts like `dt0c01.<public>.<secret>`: treat as a secret even when malformed. */
function looksLikeSecret(text: string): boolean {
  return isTokenSecret(text) || /^dt0[a-z]\d{2}\.[^.]+\.[^.]+/i.test(text.trim());
}

/** `describe`, but a value shaped like a token secret is never shown. */
function describeSecretFree(value: unknown): string {
  return typeof value === "string" && looksLikeSecret(value) ? "a token secret (not shown)" : describe(value);
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  return `${typeof value} ${quote(value)}`;
}

