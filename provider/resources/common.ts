// Small rules shared by the token resources.
import { stackTag } from "../client/createMarker";
import { isUnknown } from "../validation/unknown";

/** Drops undefined values: Pulumi's wire format cannot carry them. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** `expirationDate` as requested, compared as text so that `now+90d` equals itself on every run. */
export function sameRequestedDate(previous: unknown, next: unknown): boolean {
  if (isUnknown(next)) return false;
  if (previous === undefined || previous === null) return next === undefined || next === null;
  if (next === undefined || next === null) return false;
  return String(previous).trim() === String(next).trim();
}

export function sameScopeSet(a: readonly unknown[] | undefined, b: unknown): boolean {
  if (!Array.isArray(b) || b.some(isUnknown)) return false;
  const left = new Set(a ?? []);
  const right = new Set(b);
  return left.size === right.size && [...left].every((s) => right.has(s));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return ka.length === kb.length && ka.every((k) => deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/**
 * An error that tells the engine the token exists (so it is kept in state) although a later step failed. The engine
 * stores `properties` as they are: the dynamic-provider host adds its `__provider` (the serialized provider that
 * refresh, destroy and the next up run) only to successful answers, so it is carried over from the create's inputs
 * here — without it every later step on the resource fails with "code must be a string, not undefined".
 */
export function initError(message: string, id: string, properties: Record<string, unknown>, inputs: Record<string, unknown>): Error {
  return Object.assign(new Error(message), { id, properties: { ...properties, __provider: inputs.__provider }, reasons: [message] });
}

/**
 * The tag of the stack a create is for, from the `pulumiStack` input (`<project>/<stack>`) the SDK sets. A program
 * using the provider without the SDK gets the tag of its project with an empty stack name.
 */
export function stackTagOf(props: Record<string, unknown>): string {
  const value = typeof props.pulumiStack === "string" ? props.pulumiStack : `${process.env.PULUMI_PROJECT ?? ""}/`;
  const slash = value.indexOf("/");
  return stackTag(value.slice(0, slash), value.slice(slash + 1));
}
