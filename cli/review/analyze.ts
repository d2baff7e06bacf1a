// Deciding what a `pulumi preview --json` means for tokens: which change, how their scopes move (as sets), when they
// expire, and which findings a reviewer must see. Nothing here prints; nothing here can see a token secret.
import { isRelativeDate, parseDateInput } from "../../provider/dates";
import { compareLevels, highestLevel, labelsOf, riskOf, type RiskLabel, type RiskLevel } from "../../provider/catalog/risk";
import type { PreviewJson, PreviewStep } from "../pulumi/schemas";
import {
  DYNAMIC_ONLY_INPUTS,
  isUnknown,
  resourceName,
  scopeChanges,
  stateTokens,
  tokenProperties,
  tokenResourceKind,
  type TokenProperties,
  type TokenResourceKind,
} from "../pulumi/tokenResources";

export type ReviewAction = "create" | "update" | "replace" | "delete";

export type FindingRule =
  | "privilege-escalation"
  | "risky-scope"
  | "unknown-scope"
  | "never-expires"
  | "lifetime-over-limit"
  | "personal-access-token";

export interface Finding {
  readonly level: RiskLevel;
  readonly rule: FindingRule;
  /** The Pulumi resource name. */
  readonly resource: string;
  readonly message: string;
}

export interface Expiry {
  /** What the code asks for (`now+90d`, an ISO date); absent when the token never expires. */
  readonly requested?: string;
  /**
   * The resolved date, ISO 8601: for an existing token the date it has (from the state), for a new token the request
   * resolved against the time of the review.
   */
  readonly date?: string;
  readonly never: boolean;
  /** Whole days from creation (or now, for a new token) to expiry. */
  readonly lifetimeDays?: number;
  /** The expiration date is only known after apply. */
  readonly unknown?: boolean;
}

export interface TokenChange {
  readonly urn: string;
  /** The Pulumi resource name. */
  readonly resource: string;
  readonly kind: TokenResourceKind;
  readonly action: ReviewAction;
  /** The token identifier of the existing token (not of one yet to be created). */
  readonly id?: string;
  /** The Dynatrace token name after the change (before it, for a delete). */
  readonly name?: string;
  /** The scopes after the change (before it, for a delete); `undefined` when only known after apply. */
  readonly scopes?: readonly string[];
  readonly scopesAdded: readonly string[];
  readonly scopesRemoved: readonly string[];
  /** The inputs that change (besides a mere reordering of scopes). */
  readonly changedFields: readonly string[];
  readonly replaceReasons: readonly string[];
  /**
   * Set when the update is a rotation in place (`keepPreviousFor` and a change that needs a new token): a new token is
   * issued and the current one kept this long. Judged like a create for findings.
   */
  readonly rotatesInPlaceKeeping?: string;
  readonly expiry: Expiry;
  readonly personalAccessToken: boolean;
  readonly riskLabels: readonly RiskLabel[];
  readonly riskLevel?: RiskLevel;
}

export interface ReviewSummary {
  readonly create: number;
  readonly update: number;
  readonly replace: number;
  readonly delete: number;
  /** Updates that change nothing a token holder would notice, such as reordered scopes; not listed as changes. */
  readonly noEffect: number;
}

/** A previous token a resource keeps after a rotation with `keepPreviousFor`, and when it goes. */
export interface PreviousToken {
  /** The Pulumi resource name. */
  readonly resource: string;
  readonly id: string;
  /** When the first `pulumi up` deletes it (ISO 8601, the Dynatrace server's clock). */
  readonly removalDate?: string;
  /** True when this preview's `up` deletes it (the provider judged the removal date passed, or the overlap removed). */
  readonly removedByThisUp: boolean;
}

export interface Review {
  readonly changes: readonly TokenChange[];
  /** Previous tokens kept for an overlap: their pending removal. */
  readonly previousTokens: readonly PreviousToken[];
  readonly findings: readonly Finding[];
  readonly summary: ReviewSummary;
  readonly highestFinding?: RiskLevel;
}

export interface ReviewPolicy {
  /** Tokens living longer than this many days are a finding. */
  readonly maxLifetimeDays: number;
  readonly now: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Inputs that carry no meaning for the token (the dynamic face's own; the native face has neither). */
const IGNORED_FIELDS = new Set(DYNAMIC_ONLY_INPUTS);

const REPLACE_OPS = new Set(["replace", "create-replacement", "delete-replaced"]);

/** Inputs whose change needs a new token, which `keepPreviousFor` turns from a replacement into a rotation in place. */
const NEW_TOKEN_FIELDS: Readonly<Record<string, readonly string[]>> = {
  "ActiveGate token": ["name", "activeGateType", "seedToken", "expirationDate", "rotationTrigger"],
  other: ["expirationDate", "rotationTrigger", "personalAccessToken"],
};

export function analyzePreview(preview: PreviewJson, policy: ReviewPolicy): Review {
  const byUrn = new Map<string, PreviewStep[]>();
  for (const step of preview.steps ?? []) {
    if (!tokenResourceKind(step.newState ?? step.oldState)) continue;
    byUrn.set(step.urn, [...(byUrn.get(step.urn) ?? []), step]);
  }

  const changes: TokenChange[] = [];
  const previousTokens: PreviousToken[] = [];
  let noEffect = 0;
  for (const [urn, steps] of byUrn) {
    const kept = previousTokenOf(urn, steps, policy.now);
    if (kept) previousTokens.push(kept);
    const action = actionOf(steps);
    if (!action) continue;
    // With --show-replacement-steps a replacement is three steps; the `replace` (or `create-replacement`) one has both states.
    const step = steps.find((s) => s.op === "replace") ?? steps.find((s) => s.op === "create-replacement") ?? (steps[0] as PreviewStep);
    const described = describeChange(urn, action, step, policy.now);
    // An update that only deletes the kept previous token changes nothing else, but is worth a line. (The native
    // plugin's diff names `previousToken` itself.)
    const withRemoval = () => [...new Set([...described.changedFields, "previousToken"])].sort();
    const change = kept?.removedByThisUp && action === "update" ? { ...described, changedFields: withRemoval() } : described;
    if (action === "update" && change.changedFields.length === 0) {
      noEffect++;
      continue;
    }
    changes.push(change);
  }
  changes.sort((a, b) => ACTION_ORDER.indexOf(a.action) - ACTION_ORDER.indexOf(b.action) || a.resource.localeCompare(b.resource));

  const findings = changes.flatMap((change) => findingsFor(change, policy));
  findings.sort((a, b) => compareLevels(b.level, a.level) || a.resource.localeCompare(b.resource));
  const count = (action: ReviewAction) => changes.filter((c) => c.action === action).length;
  const highestFinding = highestLevel(findings.map((f) => f.level));
  previousTokens.sort((a, b) => a.resource.localeCompare(b.resource));
  return {
    changes,
    previousTokens,
    findings,
    summary: { create: count("create"), update: count("update"), replace: count("replace"), delete: count("delete"), noEffect },
    ...(highestFinding ? { highestFinding } : {}),
  };
}

const ACTION_ORDER: readonly ReviewAction[] = ["create", "replace", "update", "delete"];

/**
 * The previous token the resource's state keeps, if any; a resource without changes shows only in a preview made with
 * `--show-sames`. Pulumi shows the removal as an update: the provider asks for one once the removal date has passed on
 * the Dynatrace server's clock (which the review can't read, so an update that changes no input counts too) or when
 * `keepPreviousFor` was removed; a deleted or replaced resource takes it along.
 */
function previousTokenOf(urn: string, steps: readonly PreviewStep[], now: Date): PreviousToken | undefined {
  const oldState = steps.find((s) => s.oldState)?.oldState;
  const previous = oldState ? stateTokens(oldState).find((t) => t.role === "previous") : undefined;
  if (!previous) return undefined;
  const ops = new Set(steps.map((s) => s.op));
  const update = steps.find((s) => s.op === "update");
  const due = previous.removalDate !== undefined && Date.parse(previous.removalDate) <= now.getTime();
  const overlapRemoved = update !== undefined && update.newState?.inputs?.keepPreviousFor === undefined;
  const inputsUnchanged = update !== undefined && inputDifferences(update.oldState?.inputs, update.newState?.inputs).every((k) => IGNORED_FIELDS.has(k));
  const removedByThisUp =
    ops.has("delete") || [...ops].some((op) => REPLACE_OPS.has(op)) || (update !== undefined && (due || overlapRemoved || inputsUnchanged));
  return { resource: resourceName(urn), id: previous.id, ...(previous.removalDate ? { removalDate: previous.removalDate } : {}), removedByThisUp };
}

function actionOf(steps: readonly PreviewStep[]): ReviewAction | undefined {
  if (steps.some((s) => REPLACE_OPS.has(s.op))) return "replace";
  const ops = new Set(steps.map((s) => s.op));
  if (ops.has("create")) return "create";
  if (ops.has("update")) return "update";
  if (ops.has("delete")) return "delete";
  return undefined;
}

function describeChange(urn: string, action: ReviewAction, step: PreviewStep, now: Date): TokenChange {
  const oldInputs = step.oldState?.inputs;
  const newInputs = step.newState?.inputs;
  const stored = tokenProperties(step.oldState?.outputs);
  // What the code last asked for wins over what the state read back (a name, the scopes); dates are the exception,
  // see expiryOf.
  const before = { ...stored, ...tokenProperties(oldInputs) };
  const after: TokenProperties = action === "delete" ? before : tokenProperties(newInputs);
  const kind = tokenResourceKind(step.newState ?? step.oldState) ?? "token";

  const scopesUnknown = action !== "delete" && isUnknown(newInputs, "scopes");
  const scopes = scopesUnknown ? undefined : (after.scopes ?? []);
  const moved =
    action === "create" ? { added: [...new Set(scopes ?? [])].sort(), removed: [] }
    : action === "delete" ? { added: [], removed: [...new Set(before.scopes ?? [])].sort() }
    : scopeChanges(before.scopes ?? [], scopes ?? before.scopes ?? []);
  const fields = action === "update" || action === "replace" ? changedFields(step, moved.added.length + moved.removed.length > 0 || scopesUnknown) : [];
  const overlap = newInputs?.keepPreviousFor;
  const keeping =
    action === "update" && typeof overlap === "string" && !isUnknown(newInputs, "keepPreviousFor") &&
    fields.some((f) => (NEW_TOKEN_FIELDS[kind] ?? NEW_TOKEN_FIELDS.other!).includes(f))
      ? overlap
      : undefined;

  return {
    urn,
    resource: resourceName(urn),
    kind,
    action,
    // The token in use: after a rotation in place (keepPreviousFor) that is `tokenId`, not the resource's id.
    ...(step.oldState?.id ? { id: stateTokens(step.oldState).find((t) => t.role === "current")?.id ?? step.oldState.id } : {}),
    ...(after.name ? { name: after.name } : {}),
    ...(scopes ? { scopes: [...scopes] } : {}),
    scopesAdded: moved.added,
    scopesRemoved: moved.removed,
    changedFields: fields,
    replaceReasons: replacingFields(step),
    ...optional("rotatesInPlaceKeeping", keeping),
    expiry: expiryOf(action === "create" || action === "replace" || keeping !== undefined, action, stored, before, after, newInputs, now),
    personalAccessToken: after.personalAccessToken === true || kind === "personal access token",
    riskLabels: labelsOf(scopes ?? []),
    ...optional("riskLevel", highestLevel((scopes ?? []).map((s) => riskOf(s).level))),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** The fields an update or replace changes, with `scopes` only when the set of scopes changes. */
function changedFields(step: PreviewStep, scopeSetChanges: boolean): string[] {
  const detailed = propertyDiffs(step);
  const reasons = step.diffReasons?.length
    ? step.diffReasons
    : detailed.length > 0
      ? detailed.map((d) => d.path)
      : inputDifferences(step.oldState?.inputs, step.newState?.inputs);
  const fields = new Set(reasons.map(topLevelProperty).filter((f) => !IGNORED_FIELDS.has(f)));
  if (!scopeSetChanges) fields.delete("scopes");
  return [...fields].sort();
}

/**
 * The fields that force the replacement. The dynamic face only has `replaceReasons` (the engine computes its
 * `detailedDiff` from the inputs, always as in-place kinds); the native provider also says it per property in
 * `detailedDiff` (`update-replace`, `add-replace`, `delete-replace`), which counts as well, so that both faces read
 * the same for the same change.
 */
function replacingFields(step: PreviewStep): string[] {
  const fields = new Set([
    ...(step.replaceReasons ?? []).map(topLevelProperty),
    ...propertyDiffs(step).filter((d) => d.replaces).map((d) => topLevelProperty(d.path)),
  ]);
  return [...fields].filter((f) => !IGNORED_FIELDS.has(f)).sort();
}

/** A step's `detailedDiff` (`{ "scopes[2]": { kind: "add", inputDiff: true } }`): each path and whether it replaces. */
function propertyDiffs(step: PreviewStep): Array<{ path: string; replaces: boolean }> {
  return Object.entries(step.detailedDiff ?? {}).map(([path, diff]) => {
    const kind = (diff as { kind?: unknown } | null)?.kind;
    return { path, replaces: typeof kind === "string" && kind.endsWith("-replace") };
  });
}

/** `scopes[2]` → `scopes`, `adopt.id` → `adopt`. */
function topLevelProperty(path: string): string {
  return path.replace(/[[.].*$/, "");
}

function inputDifferences(olds: Record<string, unknown> | null | undefined, news: Record<string, unknown> | null | undefined): string[] {
  const keys = new Set([...Object.keys(olds ?? {}), ...Object.keys(news ?? {})]);
  return [...keys].filter((k) => JSON.stringify(olds?.[k]) !== JSON.stringify(news?.[k]));
}

function expiryOf(
  issuesNewToken: boolean,
  action: ReviewAction,
  stored: TokenProperties,
  before: TokenProperties,
  after: TokenProperties,
  newInputs: Record<string, unknown> | null | undefined,
  now: Date,
): Expiry {
  if (!issuesNewToken) return existingExpiry(stored, before, now);
  if (isUnknown(newInputs, "expirationDate")) return { never: false, unknown: true };
  const requested = after.expirationDate;
  if (!requested) return { never: true };
  const date = validDate(requested, now);
  if (!date) return { requested, never: false };
  return { requested, date: date.toISOString(), never: false, lifetimeDays: Math.round((date.getTime() - now.getTime()) / DAY_MS) };
}

/**
 * An existing token (updated or deleted) keeps the expiry it was created with. The state's outputs hold the date that
 * was resolved then; the inputs only hold what was asked for, and a relative `now+90d` resolved at review time would
 * be a different date (issue 12, item 3). An absolute request is the date itself, so it stands in for a state
 * without a resolved date.
 */
function existingExpiry(stored: TokenProperties, before: TokenProperties, now: Date): Expiry {
  const requested = stored.requestedExpirationDate ?? before.expirationDate;
  const date =
    validDate(stored.expirationDate, now) ?? (requested !== undefined && !isRelativeDate(requested) ? validDate(requested, now) : undefined);
  if (!date) return requested ? { requested, never: false } : { never: true };
  const created = validDate(stored.creationDate, now);
  return {
    ...(requested ? { requested } : {}),
    date: date.toISOString(),
    never: false,
    ...(created ? { lifetimeDays: Math.round((date.getTime() - created.getTime()) / DAY_MS) } : {}),
  };
}

function validDate(value: string | undefined, now: Date): Date | undefined {
  if (!value) return undefined;
  try {
    return parseDateInput(value, now);
  } catch {
    // Shown as written; a date the provider will reject is its `check`'s to report, not the review's.
    return undefined;
  }
}

function findingsFor(change: TokenChange, policy: ReviewPolicy): Finding[] {
  const findings: Finding[] = [];
  const add = (level: RiskLevel, rule: FindingRule, message: string) => findings.push({ level, rule, resource: change.resource, message });
  if (change.action === "delete") return findings;

  for (const scope of change.scopesAdded) {
    const risk = riskOf(scope);
    if (!risk.known) add("high", "unknown-scope", `\`${scope}\` is not a scope this catalog knows; treated as able to change configuration`);
    else if (risk.label === "token-admin") {
      add(risk.level, "privilege-escalation", `grants \`${scope}\` (token-admin): a token that manages tokens can give itself or others any scope`);
    } else if (compareLevels(risk.level, "medium") >= 0) {
      add(risk.level, "risky-scope", `grants \`${scope}\` (${risk.label})`);
    }
  }

  const issuesNewToken = change.action === "create" || change.action === "replace" || change.rotatesInPlaceKeeping !== undefined;
  if (change.kind === "tenant token rotation") return findings;
  if (change.expiry.never) {
    add(issuesNewToken ? "high" : "low", "never-expires", issuesNewToken ? "never expires: set `expirationDate` (and `rotateBefore`)" : "never expires");
  } else if (issuesNewToken && change.expiry.lifetimeDays !== undefined && change.expiry.lifetimeDays > policy.maxLifetimeDays) {
    add("medium", "lifetime-over-limit", `lives ${change.expiry.lifetimeDays} days, over the limit of ${policy.maxLifetimeDays}`);
  }
  if (issuesNewToken && change.personalAccessToken) {
    add("medium", "personal-access-token", "is a personal access token: it acts as the person who owns it and leaves with them");
  }
  return findings;
}

/** True when a finding is at or above `level`. */
export function failsGate(review: Review, level: RiskLevel | undefined): boolean {
  return level !== undefined && review.findings.some((f) => compareLevels(f.level, level) >= 0);
}
