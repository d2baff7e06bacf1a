// A native resource's properties as the plugin answers for them: which inputs and outputs exist (the provider's
// schemas), which outputs are secrets (provider/resourceKinds.ts), which output repeats which input under another
// name, and what a preview can say of the outputs before anything is asked of Dynatrace.
import type { ProviderKind, ResourceKind } from "../resourceKinds";
import type { PropertyChanges } from "../resources/propertyChanges";
import { ACTIVE_GATE_TOKEN_PROPERTIES, API_TOKEN_PROPERTIES, TENANT_TOKEN_ROTATION_PROPERTIES } from "../properties";
import { outputNames } from "../properties/names";
import type { PropertyTable } from "../properties/types";

/** Each provider's property table (provider/properties/), which every per-provider list below is made from. */
const PROVIDER_PROPERTIES: Readonly<Record<ProviderKind, PropertyTable>> = {
  ApiToken: API_TOKEN_PROPERTIES,
  ActiveGateToken: ACTIVE_GATE_TOKEN_PROPERTIES,
  TenantTokenRotation: TENANT_TOKEN_ROTATION_PROPERTIES,
};

/** `of` applied to each provider's table. */
function byProvider<T>(of: (table: PropertyTable) => T): Readonly<Record<ProviderKind, T>> {
  return Object.fromEntries(Object.entries(PROVIDER_PROPERTIES).map(([provider, table]) => [provider, of(table)])) as Record<ProviderKind, T>;
}

/** The inputs of each provider's resources, as `check` leaves them (presets included: `personalAccessToken`, PaaS `scopes`). */
export const INPUT_NAMES: Readonly<Record<ProviderKind, ReadonlySet<string>>> = byProvider(inputNames);

/** The outputs of each provider's resources. */
export const OUTPUT_NAMES: Readonly<Record<ProviderKind, readonly string[]>> = byProvider(outputNames);

/** Every input of a table, internal ones (`personalAccessToken`, a PaaS token's `scopes`) included. */
function inputNames(table: PropertyTable): ReadonlySet<string> {
  return new Set(Object.keys(table).filter((name) => table[name]!.input !== undefined));
}

/** The outputs of each provider's resources that are the resource's id when the provider leaves them out (`tokenId`). */
const ID_FALLBACKS: Readonly<Record<ProviderKind, readonly string[]>> = byProvider(idFallbacks);

function idFallbacks(table: PropertyTable): readonly string[] {
  return Object.keys(table).filter((name) => table[name]!.outputFallback === "id");
}

/**
 * `outputs` with the id filled in where the table says an absent output is the resource's id. The provider stores
 * `tokenId` only once a rotation in place makes it differ (state stays as older releases wrote it); the TypeScript
 * classes fill it in themselves, but a Python, Go or YAML program reads exactly what the plugin returns.
 */
export function withIdFallbacks(kind: ResourceKind, id: string, outputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const filled: Record<string, unknown> = { ...outputs };
  for (const name of ID_FALLBACKS[kind.provider]) filled[name] ??= id;
  return filled;
}

/** Outputs made from an input of another name: a secret input keeps them secret too. */
export const OUTPUT_SOURCES: Readonly<Record<string, string>> = { requestedExpirationDate: "expirationDate" };

/** Outputs named like an input that hold something else: the expiration Dynatrace resolved (`now+90d` → a date). */
const NOT_MIRRORED = new Set(["expirationDate"]);

/** The outputs that repeat an input (`name`, `scopes`, `requestedExpirationDate` …), taken from `inputs`. */
export function mirroredInputs(kind: ResourceKind, inputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const mirrored: Record<string, unknown> = {};
  for (const name of OUTPUT_NAMES[kind.provider]) {
    if (NOT_MIRRORED.has(name)) continue;
    const source = OUTPUT_SOURCES[name] ?? name;
    if (inputs[source] !== undefined) mirrored[name] = inputs[source];
  }
  return mirrored;
}

/** Outputs a rotation in place gives new values: everything about the token in use and the one kept. */
const REISSUED = [
  "token",
  "tokenId",
  "dynatraceName",
  "expirationDate",
  "creationDate",
  "modifiedDate",
  "owner",
  "lastUsedDate",
  "lastUsedIpAddress",
  "expired",
  "previousTokenId",
  "previousToken",
  "previousTokenRemovalDate",
  "previousTokenEnabled",
];
const PREVIOUS_TOKEN = ["previousTokenId", "previousToken", "previousTokenRemovalDate", "previousTokenEnabled"];
/** A tenant token rotation's outputs that a step changes. */
const ROTATION_STATE = ["status", "activeToken", "oldToken", "startedToken", "tenantUUID"];

/**
 * What a preview of a create says of the outputs: those that repeat an input. The rest is left out, which every
 * Pulumi SDK shows as not known until the create.
 */
export function previewCreateOutputs(kind: ResourceKind, inputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return mirroredInputs(kind, inputs);
}

/**
 * What a preview of an update says of the outputs: the stored ones, with the inputs' new values, and left out (not
 * known yet) what the update will find out — a new token's everything when it rotates in place.
 */
export function previewUpdateOutputs(
  kind: ResourceKind,
  olds: Readonly<Record<string, unknown>>,
  inputs: Readonly<Record<string, unknown>>,
  changes: PropertyChanges | undefined,
): Record<string, unknown> {
  const outputs: Record<string, unknown> = { ...olds };
  for (const name of OUTPUT_NAMES[kind.provider]) {
    const source = OUTPUT_SOURCES[name] ?? name;
    if (NOT_MIRRORED.has(name) || !INPUT_NAMES[kind.provider].has(source)) continue;
    outputs[name] = inputs[source];
  }
  const unknown = [
    ...(changes === undefined || changes.rotatesInPlace ? REISSUED : []),
    ...(changes?.updates.includes("previousToken") ? PREVIOUS_TOKEN : []),
    ...(kind.provider === "TenantTokenRotation" && (changes === undefined || changes.updates.length > 0) ? ROTATION_STATE : []),
  ];
  for (const name of unknown) delete outputs[name];
  if (changes?.updates.includes("expired")) outputs.expired = true;
  return outputs;
}
