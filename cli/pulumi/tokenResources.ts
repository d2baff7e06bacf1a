// Which Pulumi resources are Dynatrace tokens, and the few of their properties the reports read.
import { RESOURCE_KINDS, STACK_INPUT, type ResourceClass } from "../../provider/resourceKinds";
import type { ResourceState } from "./schemas";

export type TokenResourceClass = ResourceClass;

/** The two ways a program declares these resources (DESIGN: "faces"). */
export type Face = "dynamic" | "native";

export const FACES: readonly Face[] = ["dynamic", "native"];

/** The npm module a program imports each face's classes from. */
export const FACE_MODULE: Readonly<Record<Face, string>> = { dynamic: "pulumi-dynatrace-tokens", native: "pulumi-dynatrace-tokens/native" };

/** The serialized provider (sdk/providerStub.ts) @pulumi/pulumi stores in a dynamic resource's inputs and outputs. */
export const PROVIDER_STUB = "__provider";

/**
 * Inputs that carry no meaning for the token and that only the dynamic face has: its serialized provider, and the stack
 * its creates are marked for (the native plugin reads that from the URN).
 */
export const DYNAMIC_ONLY_INPUTS: readonly string[] = [PROVIDER_STUB, STACK_INPUT];

/** What the reports call each class. */
const KINDS: Readonly<Record<TokenResourceClass, TokenResourceKind>> = {
  ApiToken: "API token",
  PersonalAccessToken: "personal access token",
  PaasToken: "PaaS token",
  ActiveGateToken: "ActiveGate token",
  TenantTokenRotation: "tenant token rotation",
};

/**
 * The type token of a class in a face: `dynamic` is the default import (`pulumi-dynatrace-tokens`,
 * `pulumi-nodejs:dynamic/dynatrace:<class>`), `native` the provider plugin (`pulumi-dynatrace-tokens/native`, and every
 * other language), both as the resource kinds name them (provider/resourceKinds.ts). Both faces have the same inputs
 * and outputs, so everything the reports read works for either; the CLI names a type token nowhere else.
 */
export function typeTokenOf(resourceClass: TokenResourceClass, face: Face): string {
  const kind = RESOURCE_KINDS[resourceClass];
  return face === "native" ? kind.token : kind.dynamicToken;
}

export interface TypeOwner {
  readonly resourceClass: TokenResourceClass;
  readonly face: Face;
}

const BY_TYPE: ReadonlyMap<string, TypeOwner> = new Map(
  (Object.keys(RESOURCE_KINDS) as TokenResourceClass[]).flatMap((resourceClass): Array<[string, TypeOwner]> =>
    FACES.map((face) => [typeTokenOf(resourceClass, face), { resourceClass, face }]),
  ),
);

/** The class and face of a resource type, or undefined for a type that is not one of this release's classes. */
export function typeOwner(type: string): TypeOwner | undefined {
  return BY_TYPE.get(type);
}

/** Before the resources had types of their own, every dynamic resource was `pulumi-nodejs:dynamic:Resource`. */
const GENERIC_DYNAMIC_TYPE = "pulumi-nodejs:dynamic:Resource";

export type TokenResourceKind =
  | "API token"
  | "personal access token"
  | "PaaS token"
  | "ActiveGate token"
  | "tenant token rotation"
  | "token";

/** The kind of token `state` is, or `undefined` when it isn't one of this package's token resources. */
export function tokenResourceKind(state: Pick<ResourceState, "type" | "inputs"> | null | undefined): TokenResourceKind | undefined {
  if (!state) return undefined;
  const known = typeOwner(state.type);
  if (known) return KINDS[known.resourceClass];
  if (state.type === GENERIC_DYNAMIC_TYPE && Array.isArray(state.inputs?.scopes)) {
    return state.inputs?.personalAccessToken === true ? "personal access token" : "token";
  }
  return undefined;
}

/** The resource name at the end of a URN (`urn:pulumi:dev::proj::type::ci-token` → `ci-token`). */
export function resourceName(urn: string): string {
  const at = urn.lastIndexOf("::");
  return at === -1 ? urn : urn.slice(at + 2);
}

/** A Dynatrace token a token resource's state holds. */
export interface StateToken {
  readonly id: string;
  /** `current`: the token in use; `previous`: one kept after a rotation with `keepPreviousFor`. */
  readonly role: "current" | "previous";
  /** For a previous token: when the first `pulumi up` deletes it (ISO 8601, the Dynatrace server's clock). */
  readonly removalDate?: string;
}

/**
 * The tokens a resource's state holds: the token in use — its id, or the `tokenId` output after a rotation in place —
 * and the previous token kept for an overlap (`previousTokenId`), if any.
 */
export function stateTokens(resource: { id?: string | null | undefined; outputs?: Record<string, unknown> | null | undefined }): StateToken[] {
  const outputs = resource.outputs ?? {};
  const current = str(outputs.tokenId) ?? str(resource.id ?? undefined);
  const previous = str(outputs.previousTokenId);
  const removalDate = str(outputs.previousTokenRemovalDate);
  return [
    ...(current ? [{ id: current, role: "current" as const }] : []),
    ...(previous ? [{ id: previous, role: "previous" as const, ...(removalDate ? { removalDate } : {}) }] : []),
  ];
}

/** Every property the reports may show. `token` is deliberately absent: no code path can read it from here. */
export interface TokenProperties {
  readonly name?: string;
  /** `undefined` when unknown (computed during preview) or absent. */
  readonly scopes?: readonly string[];
  readonly enabled?: boolean;
  readonly personalAccessToken?: boolean;
  readonly expirationDate?: string;
  readonly requestedExpirationDate?: string;
  readonly creationDate?: string;
  readonly lastUsedDate?: string;
  readonly owner?: string;
  readonly activeGateType?: string;
}

/** How a value that is only known after apply appears in a preview's inputs, whatever the field's type. */
export const UNKNOWN_VALUE = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && value !== UNKNOWN_VALUE ? value : undefined;
}

/** True when `bag[key]` is a value Pulumi will only know after apply. */
export function isUnknown(bag: Record<string, unknown> | null | undefined, key: string): boolean {
  return bag?.[key] === UNKNOWN_VALUE;
}

function bool(value: unknown): boolean | undefined {
  return typeof value === "boolean" ? value : undefined;
}

/** The token properties of an input or output bag; anything of the wrong type (e.g. an unknown) is left out. */
export function tokenProperties(bag: Record<string, unknown> | null | undefined): TokenProperties {
  if (!bag) return {};
  const scopes = Array.isArray(bag.scopes) && bag.scopes.every((s) => typeof s === "string") ? (bag.scopes as string[]) : undefined;
  const props: Record<string, unknown> = {
    name: str(bag.name),
    scopes,
    enabled: bool(bag.enabled),
    personalAccessToken: bool(bag.personalAccessToken),
    expirationDate: str(bag.expirationDate),
    requestedExpirationDate: str(bag.requestedExpirationDate),
    creationDate: str(bag.creationDate),
    lastUsedDate: str(bag.lastUsedDate),
    owner: str(bag.owner),
    activeGateType: str(bag.activeGateType),
  };
  for (const key of Object.keys(props)) if (props[key] === undefined) delete props[key];
  return props as TokenProperties;
}

/** Scopes as a set comparison: order and duplicates don't matter. */
export function scopeChanges(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } {
  const old = new Set(before);
  const now = new Set(after);
  return {
    added: [...now].filter((s) => !old.has(s)).sort(),
    removed: [...old].filter((s) => !now.has(s)).sort(),
  };
}
