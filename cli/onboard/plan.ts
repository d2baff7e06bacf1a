// Which of an environment's unmanaged tokens to bring under a stack, as which resource class, under which resource
// name, with which inputs describing it as it is. Nothing here talks to the API, writes a file or prints.
import { markerOf, withoutMarker } from "../../provider/client/createMarker";
import { supportAlertOfScopes } from "../../provider/resourceKinds";
import { checkName, checkScopes } from "../../provider/validation/fields";
import type { AuditedToken } from "../audit/classify";
import { resourceNames } from "./resourceNames";

/** What `--kind` names: the resource class a token is brought in as. */
export const ONBOARDING_KINDS = {
  api: "ApiToken",
  personal: "PersonalAccessToken",
  paas: "PaasToken",
  activegate: "ActiveGateToken",
} as const;
export type OnboardingKind = keyof typeof ONBOARDING_KINDS;
export type OnboardingClass = (typeof ONBOARDING_KINDS)[OnboardingKind];

/** The slug of a token whose name gives none (see resourceNames.ts). */
const FALLBACK_SLUGS: Readonly<Record<OnboardingClass, string>> = {
  ApiToken: "api-token",
  PersonalAccessToken: "personal-access-token",
  PaasToken: "paas-token",
  ActiveGateToken: "activegate-token",
};

/** The inputs that describe a token as it is: declared so, it previews without a change. Nothing secret. */
export interface DescribedInputs {
  readonly name: string;
  /** ApiToken and PersonalAccessToken; sorted. */
  readonly scopes?: readonly string[];
  /** PaasToken: whether it has `SupportAlert` besides `InstallerDownload`. */
  readonly supportAlert?: true;
  /** Only when disabled: `true` is the default. */
  readonly enabled?: false;
  /** The date Dynatrace has, as it reports it; absent for a token that never expires. */
  readonly expirationDate?: string;
  /** ActiveGate tokens, when the server reports it (a 2026 API change drops it). */
  readonly activeGateType?: string;
  /** ActiveGate tokens: only when it is one (`false` is the default). */
  readonly seedToken?: true;
}

export interface OnboardedToken {
  readonly id: string;
  /** The Pulumi resource name (resourceNames.ts). */
  readonly resource: string;
  readonly resourceClass: OnboardingClass;
  readonly inputs: DescribedInputs;
  /** Expired on the environment's clock: `check` refuses a past `expirationDate` on a new resource (`adopt`). */
  readonly expired: boolean;
}

export type LeftOutReason =
  /** Not selected by `--kind`, `--name`, `--exclude-name`, `--owner`, `--exclude-expired` or `--exclude-disabled`. */
  | "filtered"
  /** The token dt-tokens runs with (the provider's credential, most likely): a stack that manages it could delete it. */
  | "credential"
  /** Made by a Pulumi stack (its create marker): that stack's, or its orphan for `dt-tokens recover`. */
  | "marked"
  /** Its name or scopes are ones the provider refuses, so no program can declare it as it is. */
  | "refused";

/** The order the reports list left-out tokens in: those that need the user's action first. */
export const LEFT_OUT_ORDER: readonly LeftOutReason[] = ["refused", "marked", "credential", "filtered"];

/** The tokens of `leftOut` by reason, in LEFT_OUT_ORDER; a reason no token was left out for is not there. */
export function leftOutByReason(leftOut: readonly LeftOutToken[]): Array<readonly [LeftOutReason, LeftOutToken[]]> {
  return LEFT_OUT_ORDER.map((reason) => [reason, leftOut.filter((t) => t.reason === reason)] as const).filter(([, tokens]) => tokens.length > 0);
}

export interface LeftOutToken {
  readonly id: string;
  readonly name?: string;
  readonly reason: LeftOutReason;
  /** For `marked`: the stack tag; for `refused`: the provider's sentence. */
  readonly detail?: string;
}

export interface OnboardingFilters {
  /** Empty: every kind. */
  readonly kinds: readonly OnboardingKind[];
  /** Name patterns (see namePattern); empty: every name. */
  readonly names: readonly RegExp[];
  readonly excludeNames: readonly RegExp[];
  /** Owners, compared without case; empty: every owner. */
  readonly owners: readonly string[];
  readonly excludeExpired: boolean;
  readonly excludeDisabled: boolean;
  /** Bring in tokens another stack made (their create marker) too. */
  readonly includeMarked: boolean;
  /** Bring in PaaS-shaped tokens as PaasToken (else ApiToken). */
  readonly paas: boolean;
}

export interface OnboardingPlan {
  /** Sorted by resource name. */
  readonly tokens: readonly OnboardedToken[];
  readonly leftOut: readonly LeftOutToken[];
  /** Unmanaged tokens considered (selected + left out). */
  readonly unmanaged: number;
}

/**
 * The class a token is brought in as. A PaaS token is an API token whose scopes are exactly `InstallerDownload`, or
 * `InstallerDownload` and `SupportAlert` — what the PaasToken class makes; any other scope, or a personal access
 * token, keeps it an ApiToken (or a PersonalAccessToken), which names its scopes itself.
 */
export function onboardingClass(token: AuditedToken, paas: boolean): OnboardingClass {
  if (token.kind === "ActiveGate token") return "ActiveGateToken";
  if (token.personalAccessToken) return "PersonalAccessToken";
  return paas && paasSupportAlert(token.scopes) !== undefined ? "PaasToken" : "ApiToken";
}

/** The `supportAlert` that makes a PaasToken's scopes exactly `scopes`, duplicates aside; undefined when none does. */
function paasSupportAlert(scopes: readonly string[]): boolean | undefined {
  return supportAlertOfScopes([...new Set(scopes)]);
}

/**
 * The unmanaged tokens of an audit (`managed === false`) that `filters` select, named and described. `taken` holds
 * the names the stack's resources already use; `credentialId` the identifier of the token dt-tokens runs with.
 */
export function planOnboarding(
  audited: readonly AuditedToken[],
  filters: OnboardingFilters,
  context: { readonly taken: ReadonlySet<string>; readonly credentialId?: string | undefined },
): OnboardingPlan {
  const unmanaged = audited.filter((t) => t.managed === false);
  const leftOut: LeftOutToken[] = [];
  const chosen: Array<{ token: AuditedToken; resourceClass: OnboardingClass; inputs: DescribedInputs }> = [];
  for (const token of unmanaged) {
    const name = token.name ?? "";
    const withName = { id: token.id, ...(name ? { name } : {}) };
    const resourceClass = onboardingClass(token, filters.paas);
    if (token.id === context.credentialId) {
      leftOut.push({ ...withName, reason: "credential" });
      continue;
    }
    if (!selected(token, resourceClass, filters)) {
      leftOut.push({ ...withName, reason: "filtered" });
      continue;
    }
    const marker = markerOf(name);
    if (marker && !filters.includeMarked) {
      leftOut.push({ ...withName, reason: "marked", detail: marker.stackTag });
      continue;
    }
    const inputs = describe(token, resourceClass);
    const refusal = refusalOf(inputs, resourceClass);
    if (refusal) {
      leftOut.push({ ...withName, reason: "refused", detail: refusal });
      continue;
    }
    chosen.push({ token, resourceClass, inputs });
  }

  // Named among every unmanaged token the stack could take, not only the chosen ones: a token's name then doesn't
  // depend on the filters, so a file written with --kind api and code printed with --kind api,paas agree.
  const names = resourceNames(
    unmanaged
      .filter((t) => t.id !== context.credentialId)
      .map((t) => ({ id: t.id, name: t.name ?? "", fallback: FALLBACK_SLUGS[onboardingClass(t, filters.paas)] })),
    context.taken,
  );
  const tokens = chosen
    .map(({ token, resourceClass, inputs }) => ({
      id: token.id,
      resource: names.get(token.id)!,
      resourceClass,
      inputs,
      expired: token.flags.includes("expired"),
    }))
    .sort((a, b) => compare(a.resource, b.resource));
  leftOut.sort((a, b) => compare(a.reason, b.reason) || compare(a.id, b.id));
  return { tokens, leftOut, unmanaged: unmanaged.length };
}

/** Code-point order: the same on every machine, unlike localeCompare. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function selected(token: AuditedToken, resourceClass: OnboardingClass, filters: OnboardingFilters): boolean {
  const kinds = filters.kinds.map((k) => ONBOARDING_KINDS[k]);
  if (kinds.length > 0 && !kinds.includes(resourceClass)) return false;
  const name = withoutMarker(token.name ?? "");
  if (filters.names.length > 0 && !filters.names.some((p) => p.test(name))) return false;
  if (filters.excludeNames.some((p) => p.test(name))) return false;
  if (filters.owners.length > 0 && !filters.owners.some((o) => o.toLowerCase() === token.owner?.toLowerCase())) return false;
  if (filters.excludeExpired && token.flags.includes("expired")) return false;
  if (filters.excludeDisabled && token.flags.includes("disabled")) return false;
  return true;
}

function describe(token: AuditedToken, resourceClass: OnboardingClass): DescribedInputs {
  const common = {
    name: withoutMarker(token.name ?? ""),
    ...(token.expirationDate ? { expirationDate: token.expirationDate } : {}),
  };
  switch (resourceClass) {
    case "ActiveGateToken":
      return {
        ...common,
        ...(token.activeGateType ? { activeGateType: token.activeGateType } : {}),
        ...(token.seedToken === true ? { seedToken: true as const } : {}),
      };
    case "PaasToken":
      return { ...common, ...(paasSupportAlert(token.scopes) ? { supportAlert: true as const } : {}), ...enabled(token) };
    default:
      return { ...common, scopes: token.scopes, ...enabled(token) };
  }
}

function enabled(token: AuditedToken): { enabled?: false } {
  return token.enabled === false ? { enabled: false } : {};
}

/** The provider's own sentence when `check` would refuse the token's name or scopes as they are. */
function refusalOf(inputs: DescribedInputs, resourceClass: OnboardingClass): string | undefined {
  const failures = [
    ...checkName(inputs.name),
    ...(inputs.scopes ? checkScopes(inputs.scopes, { personalAccessToken: resourceClass === "PersonalAccessToken" }).failures : []),
  ];
  return failures[0]?.reason;
}

