// Deciding what an audit says about each token of an environment. Nothing here talks to the API or prints.
import { highestLevel, labelsOf, riskOf, type RiskLabel, type RiskLevel } from "../../provider/catalog/risk";
import type { ActiveGateTokenMetadata } from "../../provider/client/activeGateTokens";
import type { ApiTokenMetadata } from "../../provider/client/apiTokens";

export const AUDIT_FLAGS = [
  /** Holds a token-admin or config-write scope. */
  "over-privileged",
  /** Not a resource of the given stack. */
  "unmanaged",
  "never-expires",
  "expired",
  /** Expires within `expiringDays`. */
  "expiring",
  /** An ActiveGate token Dynatrace's automatic cleanup (two years without use) deletes within `expiringDays`. */
  "cleanup-due",
  /** Not used for `unusedDays` (never used and older than that counts too). */
  "unused",
  /** An ActiveGate seed token: one token for many ActiveGates, where Dynatrace recommends one each. */
  "seed-token",
  "disabled",
] as const;
/** Ordered by weight: a token's place in the report follows its heaviest flags. */
export type AuditFlag = (typeof AUDIT_FLAGS)[number];

export type AuditedTokenKind = "API token" | "ActiveGate token";

export interface AuditedToken {
  readonly kind: AuditedTokenKind;
  readonly id: string;
  readonly name?: string;
  readonly owner?: string;
  /** API tokens only: ActiveGate tokens can't be disabled. */
  readonly enabled?: boolean;
  readonly personalAccessToken: boolean;
  /** Empty for an ActiveGate token, which has no scopes. */
  readonly scopes: readonly string[];
  readonly creationDate?: string;
  readonly lastUsedDate?: string;
  readonly expirationDate?: string;
  /** ActiveGate tokens only (older servers; a 2026 API change drops it). */
  readonly seedToken?: boolean;
  /** ActiveGate tokens only (older servers; a 2026 API change drops it). */
  readonly activeGateType?: string;
  /** `undefined` when no stack was given to compare with. */
  readonly managed?: boolean;
  /** The Pulumi resource name, for a managed token. */
  readonly resource?: string;
  readonly riskLabels: readonly RiskLabel[];
  readonly riskLevel?: RiskLevel;
  readonly flags: readonly AuditFlag[];
}

export interface AuditPolicy {
  readonly unusedDays: number;
  readonly expiringDays: number;
  readonly now: Date;
  /** Token id → Pulumi resource name; `undefined` when no stack was given. */
  readonly managed?: ReadonlyMap<string, string>;
}

const DAY_MS = 24 * 60 * 60 * 1000;
/** Dynatrace deletes an ActiveGate token two years after its last use (seed 002). */
const ACTIVE_GATE_CLEANUP_DAYS = 2 * 365;
const OVER_PRIVILEGED: ReadonlySet<RiskLabel> = new Set(["token-admin", "config-write"]);

function time(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

type DatedToken = Pick<ApiTokenMetadata, "id" | "creationDate" | "expirationDate" | "lastUsedDate">;

/** The flags every kind of token can get: unmanaged, expiry and use. */
function commonFlags(token: DatedToken, policy: AuditPolicy, flags: Set<AuditFlag>): string | undefined {
  const now = policy.now.getTime();
  const resource = policy.managed?.get(token.id);
  if (policy.managed && resource === undefined) flags.add("unmanaged");

  const expires = time(token.expirationDate);
  if (expires === undefined) flags.add("never-expires");
  else if (expires <= now) flags.add("expired");
  else if (expires - now <= policy.expiringDays * DAY_MS) flags.add("expiring");

  const lastActive = lastActiveAt(token);
  if (lastActive !== undefined && now - lastActive > policy.unusedDays * DAY_MS) flags.add("unused");
  return resource;
}

/** When the token was last used, or created if it never was. */
function lastActiveAt(token: DatedToken): number | undefined {
  return time(token.lastUsedDate) ?? time(token.creationDate);
}

function dates(token: DatedToken): Pick<AuditedToken, "creationDate" | "lastUsedDate" | "expirationDate"> {
  return {
    ...(token.creationDate ? { creationDate: token.creationDate } : {}),
    ...(token.lastUsedDate ? { lastUsedDate: token.lastUsedDate } : {}),
    ...(token.expirationDate ? { expirationDate: token.expirationDate } : {}),
  };
}

function management(policy: AuditPolicy, resource: string | undefined): Pick<AuditedToken, "managed" | "resource"> {
  return { ...(policy.managed ? { managed: resource !== undefined } : {}), ...(resource ? { resource } : {}) };
}

export function classifyToken(token: ApiTokenMetadata, policy: AuditPolicy): AuditedToken {
  const scopes = [...(token.scopes ?? [])].sort();
  const labels = labelsOf(scopes);
  const flags = new Set<AuditFlag>();
  const resource = commonFlags(token, policy, flags);
  if (labels.some((l) => OVER_PRIVILEGED.has(l))) flags.add("over-privileged");
  if (token.enabled === false) flags.add("disabled");

  const level = highestLevel(scopes.map((s) => riskOf(s).level));
  return {
    kind: "API token",
    id: token.id,
    ...(token.name ? { name: token.name } : {}),
    ...(token.owner ? { owner: token.owner } : {}),
    enabled: token.enabled !== false,
    personalAccessToken: token.personalAccessToken === true,
    scopes,
    ...dates(token),
    ...management(policy, resource),
    riskLabels: labels,
    ...(level ? { riskLevel: level } : {}),
    flags: AUDIT_FLAGS.filter((f) => flags.has(f)),
  };
}

/**
 * An ActiveGate token has no scopes; what matters is what Dynatrace itself watches (seed 002): its expiry ("expires in
 * 30 or fewer days" is a status the ActiveGate page shows), whether it is a seed token, and its last use, since
 * Dynatrace deletes tokens unused for two years — counted here from creation for a token never used.
 */
export function classifyActiveGateToken(token: ActiveGateTokenMetadata, policy: AuditPolicy): AuditedToken {
  const flags = new Set<AuditFlag>();
  const resource = commonFlags(token, policy, flags);
  const lastActive = lastActiveAt(token);
  if (lastActive !== undefined && lastActive + ACTIVE_GATE_CLEANUP_DAYS * DAY_MS - policy.now.getTime() <= policy.expiringDays * DAY_MS) {
    flags.add("cleanup-due");
  }
  if (token.seedToken === true) flags.add("seed-token");
  return {
    kind: "ActiveGate token",
    id: token.id,
    ...(token.name ? { name: token.name } : {}),
    ...(token.owner ? { owner: token.owner } : {}),
    personalAccessToken: false,
    scopes: [],
    ...dates(token),
    ...(typeof token.seedToken === "boolean" ? { seedToken: token.seedToken } : {}),
    ...(token.activeGateType ? { activeGateType: token.activeGateType } : {}),
    ...management(policy, resource),
    riskLabels: [],
    flags: AUDIT_FLAGS.filter((f) => flags.has(f)),
  };
}

export interface AuditSummary {
  readonly total: number;
  readonly apiTokens: number;
  readonly activeGateTokens: number;
  readonly flagged: number;
  readonly byFlag: Readonly<Record<AuditFlag, number>>;
}

export function summarize(tokens: readonly AuditedToken[]): AuditSummary {
  const byFlag = Object.fromEntries(AUDIT_FLAGS.map((f) => [f, tokens.filter((t) => t.flags.includes(f)).length])) as Record<AuditFlag, number>;
  const activeGateTokens = tokens.filter((t) => t.kind === "ActiveGate token").length;
  return {
    total: tokens.length,
    apiTokens: tokens.length - activeGateTokens,
    activeGateTokens,
    flagged: tokens.filter((t) => t.flags.length > 0).length,
    byFlag,
  };
}

/** API tokens before ActiveGate tokens; then most flags first (by weight), then by name and id, so the report reads top-down. */
export function auditOrder(a: AuditedToken, b: AuditedToken): number {
  const weight = (t: AuditedToken) => t.flags.reduce((sum, f) => sum + 2 ** (AUDIT_FLAGS.length - AUDIT_FLAGS.indexOf(f)), 0);
  const kind = (t: AuditedToken) => (t.kind === "API token" ? 0 : 1);
  return kind(a) - kind(b) || weight(b) - weight(a) || (a.name ?? "").localeCompare(b.name ?? "") || a.id.localeCompare(b.id);
}

/** The `--fail-on` flags some token has. */
export function flagsHit(tokens: readonly AuditedToken[], failOn: readonly AuditFlag[]): AuditFlag[] {
  return failOn.filter((flag) => tokens.some((t) => t.flags.includes(flag)));
}
