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

/**
 * Whether the state holds the provider stub of 0.1.0, which names a path of the machine that wrote it: when
 * `pulumi-dynatrace-tokens/provider` didn't resolve from @pulumi/pulumi's folder, it required its `fallbackPath`, the
 * package's absolute path at that time. Pulumi's dynamic provider runs the stub stored in the resource's OUTPUTS for
 * `read` and `delete`, and a resource without changes keeps its outputs, so that stub would stay for good; where the
 * package isn't at the top of node_modules (a wrapper package's own node_modules, pnpm) or once the project moved,
 * refresh and destroy then fail with "Cannot find module '/old/path/…'". `diff` asks for an update instead — one
 * without any change in Dynatrace — which records the current stub (no machine path) in the outputs.
 */
export function storesMachinePathStub(oldState: Record<string, unknown>, news: Record<string, unknown>): boolean {
  const stored = oldState.__provider;
  const current = news.__provider;
  return (
    typeof stored === "string" &&
    typeof current === "string" &&
    !isUnknown(current) &&
    stored !== current &&
    /\bfallbackPath\b/.test(stored)
  );
}

/** What the person running Pulumi reads when `storesMachinePathStub` turns an unchanged resource into an update. */
export function machinePathStubNotice(what: string): string {
  return (
    `${what}: the state holds the provider stub written by pulumi-dynatrace-tokens 0.1.0, which loads the package ` +
    "from a path of the machine that created it; this update records the current one (nothing changes in Dynatrace), " +
    "so that refresh and destroy find the package installed in the project."
  );
}
