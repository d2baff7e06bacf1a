// Deciding what an audit says about each token of an environment. Nothing here talks to the API or prints.
import { highestLevel, labelsOf, riskOf, type RiskLabel, type RiskLevel } from "../../provider/catalog/risk";
import type { ApiTokenMetadata } from "../../provider/client/apiTokens";

export type AuditFlag =
  /** Not a resource of the given stack. */
  | "unmanaged"
  /** Not used for `unusedDays` (never used and older than that counts too). */
  | "unused"
  | "expired"
  /** Expires within `expiringDays`. */
  | "expiring"
  | "never-expires"
  /** Holds a token-admin or config-write scope. */
  | "over-privileged"
  | "disabled";

export const AUDIT_FLAGS: readonly AuditFlag[] = ["over-privileged", "unmanaged", "never-expires", "expired", "expiring", "unused", "disabled"];

export interface AuditedToken {
  readonly id: string;
  readonly name?: string;
  readonly owner?: string;
  readonly enabled: boolean;
  readonly personalAccessToken: boolean;
  readonly scopes: readonly string[];
  readonly creationDate?: string;
  readonly lastUsedDate?: string;
  readonly expirationDate?: string;
  /** `undefined` when no stack was given to compare with. */
  readonly managed?: boolean;
  /** The Pulumi resource name, for a managed token. */
  readonly resource?: string;
  /** For the previous token a resource keeps after a rotation (`keepPreviousFor`): when the next `pulumi up` deletes it. */
  readonly previousUntil?: string;
  readonly riskLabels: readonly RiskLabel[];
  readonly riskLevel?: RiskLevel;
  readonly flags: readonly AuditFlag[];
}

export interface AuditPolicy {
  readonly unusedDays: number;
  readonly expiringDays: number;
  readonly now: Date;
  /** Token id → the resource holding it; `undefined` when no stack was given. */
  readonly managed?: ReadonlyMap<string, ManagedToken>;
}

/** How a stack holds a token: as the token in use of `resource`, or as its previous token kept until `previousUntil`. */
export interface ManagedToken {
  readonly resource: string;
  readonly previousUntil?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const OVER_PRIVILEGED: ReadonlySet<RiskLabel> = new Set(["token-admin", "config-write"]);

function time(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

export function classifyToken(token: ApiTokenMetadata, policy: AuditPolicy): AuditedToken {
  const now = policy.now.getTime();
  const scopes = [...(token.scopes ?? [])].sort();
  const labels = labelsOf(scopes);
  const flags = new Set<AuditFlag>();

  const holder = policy.managed?.get(token.id);
  const resource = holder?.resource;
  if (policy.managed && resource === undefined) flags.add("unmanaged");

  const expires = time(token.expirationDate);
  if (expires === undefined) flags.add("never-expires");
  else if (expires <= now) flags.add("expired");
  else if (expires - now <= policy.expiringDays * DAY_MS) flags.add("expiring");

  const lastActive = time(token.lastUsedDate) ?? time(token.creationDate);
  if (lastActive !== undefined && now - lastActive > policy.unusedDays * DAY_MS) flags.add("unused");

  if (labels.some((l) => OVER_PRIVILEGED.has(l))) flags.add("over-privileged");
  if (token.enabled === false) flags.add("disabled");

  const level = highestLevel(scopes.map((s) => riskOf(s).level));
  return {
    id: token.id,
    ...(token.name ? { name: token.name } : {}),
    ...(token.owner ? { owner: token.owner } : {}),
    enabled: token.enabled !== false,
    personalAccessToken: token.personalAccessToken === true,
    scopes,
    ...(token.creationDate ? { creationDate: token.creationDate } : {}),
    ...(token.lastUsedDate ? { lastUsedDate: token.lastUsedDate } : {}),
    ...(token.expirationDate ? { expirationDate: token.expirationDate } : {}),
    ...(policy.managed ? { managed: resource !== undefined } : {}),
    ...(resource ? { resource } : {}),
    ...(holder?.previousUntil !== undefined ? { previousUntil: holder.previousUntil } : {}),
    riskLabels: labels,
    ...(level ? { riskLevel: level } : {}),
    flags: AUDIT_FLAGS.filter((f) => flags.has(f)),
  };
}

export interface AuditSummary {
  readonly total: number;
  readonly flagged: number;
  readonly byFlag: Readonly<Record<AuditFlag, number>>;
}

export function summarize(tokens: readonly AuditedToken[]): AuditSummary {
  const byFlag = Object.fromEntries(AUDIT_FLAGS.map((f) => [f, tokens.filter((t) => t.flags.includes(f)).length])) as Record<AuditFlag, number>;
  return { total: tokens.length, flagged: tokens.filter((t) => t.flags.length > 0).length, byFlag };
}

/** Most flags first (in `AUDIT_FLAGS` order of weight), then by name and id, so the report reads top-down. */
export function auditOrder(a: AuditedToken, b: AuditedToken): number {
  const weight = (t: AuditedToken) => t.flags.reduce((sum, f) => sum + 2 ** (AUDIT_FLAGS.length - AUDIT_FLAGS.indexOf(f)), 0);
  return weight(b) - weight(a) || (a.name ?? "").localeCompare(b.name ?? "") || a.id.localeCompare(b.id);
}
