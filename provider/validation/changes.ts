// What changed between the inputs a resource was last checked with (`olds`) and the new ones. `check` judges values
// against the clock only when they are new or changed: an input nobody touched must never start failing as time passes.
import { isUnknown } from "./unknown";

type Props = Record<string, unknown>;

/** True when there are no previous inputs: the resource is being created. */
export function isNewResource(olds: Props | undefined): boolean {
  return olds === undefined || Object.keys(olds).every((key) => key === "__provider");
}

/** Equal inputs, comparing strings without surrounding space (as the API does) and lists and objects by value. */
export function sameInput(a: unknown, b: unknown): boolean {
  if (typeof a === "string" && typeof b === "string") return a.trim() === b.trim();
  if (typeof a === "number" || typeof b === "number") return a === b || (a !== undefined && b !== undefined && String(a).trim() === String(b).trim());
  if (a === b) return true;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return (a ?? undefined) === (b ?? undefined);
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameInput((a as Props)[k], (b as Props)[k]));
}

/** Whether `key` is known to change (an unknown new value is not: preview must not fail on a guess). */
export function changed(olds: Props, news: Props, key: string, defaultValue?: unknown): boolean {
  const next = news[key];
  if (isUnknown(next)) return false;
  return !sameInput(olds[key] ?? defaultValue, next ?? defaultValue);
}

/** Whether any of `keys` is known to change. */
export function anyChanged(olds: Props, news: Props, keys: readonly (string | readonly [string, unknown])[]): boolean {
  return keys.some((key) => (typeof key === "string" ? changed(olds, news, key) : changed(olds, news, key[0], key[1])));
}
