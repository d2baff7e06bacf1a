// Property values between the engine's protobuf `Struct`s and the provider code's plain objects.
//
// The plugin tells the engine it accepts secrets (Configure), so a secret arrives wrapped in Pulumi's secret envelope
// `{ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value }` and must leave wrapped the same
// way: the engine then keeps it secret in the state and the CLI's output, and re-annotates nothing itself
// (sdk/go/common/resource/plugin/provider_plugin.go: `annotateSecrets` runs only for plugins that don't accept
// secrets). Values not known during a preview arrive as the string `04da6b54-80e4-46f7-96ec-b56ff0331ba9` whatever
// their type, which the provider code already understands (provider/validation/unknown.ts); they pass unchanged.
//
// Decoded values are a `Value` tree whose secrets are `Secret` objects: `reveal` gives the provider code the plain
// values, and `carrySecrets` puts the wrappers back on what it answers.
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { structClass } from "./protocol";

/** The signature key of Pulumi's special values, and its value for a secret. */
export const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
export const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

/** A value the engine handed over as a secret, or the plugin hands back as one. */
export class Secret {
  constructor(readonly value: Value) {}
}

export type Value = null | boolean | number | string | Secret | Value[] | { [key: string]: Value };
export type Properties = Record<string, Value>;

/** The properties of a `Struct` (empty when there is none), with secrets as `Secret`. */
export function decode(struct: Struct | undefined): Properties {
  if (!struct) return {};
  return decodeValue(struct.toJavaScript()) as Properties;
}

function decodeValue(value: unknown): Value {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === "object") {
    const object = value as Record<string, unknown>;
    if (object[SIGNATURE_KEY] === SECRET_SIGNATURE) return new Secret(decodeValue(object.value));
    return Object.fromEntries(Object.entries(object).map(([key, inner]) => [key, decodeValue(inner)]));
  }
  return value as Value;
}

/**
 * `properties` as a `Struct`, with each `Secret` in the envelope. `undefined` (which the provider code uses for "no
 * such output") is left out: protobuf has no way to say it.
 */
export function encode(properties: Readonly<Record<string, unknown>>): Struct {
  return structClass().fromJavaScript(encodeValue(properties) as Record<string, never>);
}

function encodeValue(value: unknown): unknown {
  if (value instanceof Secret) return { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: encodeValue(value.value) };
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : encodeValue(item)));
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([, inner]) => inner !== undefined)
        .map(([key, inner]) => [key, encodeValue(inner)]),
    );
  }
  return value;
}

/** `value` with every `Secret` replaced by what it holds: what the provider code works with. */
export function reveal<T = Record<string, unknown>>(value: Value | Properties): T {
  return revealValue(value as Value) as T;
}

function revealValue(value: Value): unknown {
  if (value instanceof Secret) return revealValue(value.value);
  if (Array.isArray(value)) return value.map(revealValue);
  if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revealValue(inner)]));
  return value;
}

export function containsSecret(value: unknown): boolean {
  if (value instanceof Secret) return true;
  if (Array.isArray(value)) return value.some(containsSecret);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsSecret);
  return false;
}

/**
 * `outputs` (plain) with the secrets of `from` carried over, as the engine does for plugins that don't accept
 * secrets: a property whose counterpart in `from` holds a secret becomes a secret as a whole, except that two objects
 * are compared property by property (a secret inside an object doesn't hide the rest of it). `alsoSecret` names
 * properties that are secrets whatever `from` says (a token); `sources` maps an output to the input it is made from
 * when the names differ (`requestedExpirationDate` ← `expirationDate`).
 */
export function carrySecrets(
  outputs: Readonly<Record<string, unknown>>,
  from: Properties,
  alsoSecret: readonly string[] = [],
  sources: Readonly<Record<string, string>> = {},
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(outputs)) {
    if (value === undefined) continue;
    const source = from[key] ?? (sources[key] === undefined ? undefined : from[sources[key]]);
    result[key] = alsoSecret.includes(key) ? new Secret(value as Value) : carryInto(value, source);
  }
  return result;
}

function carryInto(value: unknown, source: Value | undefined): unknown {
  if (value instanceof Secret || source === undefined || !containsSecret(source)) return value;
  const plainSource = source instanceof Secret ? undefined : source;
  if (isObject(value) && isObject(plainSource)) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, carryInto(inner, plainSource[key])]));
  }
  return new Secret(value as Value);
}

function isObject(value: unknown): value is Record<string, Value> {
  return value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Secret);
}
