// Lists taken from a table: which properties a change replaces or updates (for `diff`), which outputs a resource
// registers and which of them are secret (for the SDK's classes), which arguments a class takes.
import type { OnChange, PropertySpec, PropertyTable, ResourceSpec } from "./types";
import type { ChangedBy, OutputName } from "./values";

/** The inputs whose change does one of `kinds`, in table order. */
export function changedBy<T extends PropertyTable, K extends OnChange>(table: T, kinds: readonly K[]): readonly ChangedBy<T, K>[] {
  return Object.keys(table).filter((name) => (kinds as readonly OnChange[]).includes(table[name]!.onChange as OnChange)) as ChangedBy<T, K>[];
}

/** Every stored output, internal ones included: what a resource registers, and what state may hold. */
export function outputNames<T extends PropertyTable>(table: T): readonly OutputName<T>[] {
  return Object.keys(table).filter((name) => table[name]!.output !== undefined) as OutputName<T>[];
}

/** The outputs registered as secrets (`additionalSecretOutputs`). */
export function secretOutputNames<T extends PropertyTable>(table: T): readonly OutputName<T>[] {
  return outputNames(table).filter((name) => table[name]!.secret === true);
}

/** The public arguments of a resource (what a program may write), in table order. */
export function publicArguments(resource: ResourceSpec): Array<[string, PropertySpec]> {
  return Object.entries(resource.properties).filter(([, p]) => p.input !== undefined && p.internal !== "input");
}

/** The public outputs of a resource (what a program may read), in table order. */
export function publicOutputs(resource: ResourceSpec): Array<[string, PropertySpec]> {
  return Object.entries(resource.properties).filter(([, p]) => p.output !== undefined && p.internal !== "output");
}

/** The arguments a program may write: the public inputs. */
export function argumentNames(resource: ResourceSpec): readonly string[] {
  return publicArguments(resource).map(([name]) => name);
}

/** Every output name set to `undefined`: what a resource registers so that its outputs exist on the object. */
export function outputPlaceholders<T extends PropertyTable>(table: T): { readonly [K in OutputName<T>]: undefined } {
  return Object.fromEntries(outputNames(table).map((name) => [name, undefined])) as { [K in OutputName<T>]: undefined };
}

/**
 * Every input of the table (internal ones included) taken from `args`, `undefined` where not given: what a resource
 * registers as its inputs, before the few the class sets itself (`name`'s default, a secret made of `adopt.token`).
 */
export function registeredInputs(table: PropertyTable, args: object): Record<string, unknown> {
  const given = args as Record<string, unknown>;
  return Object.fromEntries(Object.keys(table).filter((name) => table[name]!.input !== undefined).map((name) => [name, given[name]]));
}
