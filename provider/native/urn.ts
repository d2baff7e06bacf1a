// A resource's URN, `urn:pulumi:<stack>::<project>::<qualified type>::<name>`: which resource a call is about, of which
// type (the last `$`-separated part of the qualified type), in which stack.
import { stackInput } from "../resourceKinds";

export interface ResourceUrn {
  readonly stack: string;
  readonly project: string;
  readonly type: string;
  readonly name: string;
}

const URN = /^urn:pulumi:(.*?)::(.*?)::(.*?)::(.*)$/s;

export function parseUrn(urn: string): ResourceUrn {
  const match = URN.exec(urn);
  if (!match) return { stack: "", project: "", type: "", name: "" };
  const [, stack = "", project = "", qualifiedType = "", name = ""] = match;
  return { stack, project, type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1), name };
}

/** The inputs a create or update needs besides the resource's own: the stack of the create marker, from the URN. */
export function withStackOf(urn: ResourceUrn, props: Record<string, unknown>): Record<string, unknown> {
  return { ...props, ...stackInput(urn.project, urn.stack) };
}
