// A resource's URN, `urn:pulumi:<stack>::<project>::<qualified type>::<name>`: which resource a call is about, of which
// type (the last `$`-separated part of the qualified type), in which stack.
import { stackInput } from "../resourceKinds";

export interface ResourceUrn {
  readonly stack: string;
  readonly project: string;
  /** The parent types and the resource's type, `$`-joined. */
  readonly qualifiedType: string;
  readonly type: string;
  readonly name: string;
}

const URN = /^urn:pulumi:(.*?)::(.*?)::(.*?)::(.*)$/s;

/** The parts of `urn`, or undefined when it is not a URN. */
export function tryParseUrn(urn: string): ResourceUrn | undefined {
  const match = URN.exec(urn);
  if (!match) return undefined;
  const [, stack = "", project = "", qualifiedType = "", name = ""] = match;
  return { stack, project, qualifiedType, type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1), name };
}

/** The parts of `urn`, all empty when it is not a URN. */
export function parseUrn(urn: string): ResourceUrn {
  return tryParseUrn(urn) ?? { stack: "", project: "", qualifiedType: "", type: "", name: "" };
}

/** The name Pulumi gives a default provider resource: `default`, or `default_<version>` when resources ask for a plugin version. */
export const DEFAULT_PROVIDER_NAME = "default";

/** Whether a provider resource's name is one Pulumi gives a default provider (`default`, `default_0_4_0`). */
export function isDefaultProviderName(name: string): boolean {
  return name === DEFAULT_PROVIDER_NAME || name.startsWith(`${DEFAULT_PROVIDER_NAME}_`);
}

/** The inputs a create or update needs besides the resource's own: the stack of the create marker, from the URN. */
export function withStackOf(urn: ResourceUrn, props: Record<string, unknown>): Record<string, unknown> {
  return { ...props, ...stackInput(urn.project, urn.stack) };
}
