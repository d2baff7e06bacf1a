// Pulumi's names for resources in a state: URNs (`urn:pulumi:<stack>::<project>::<qualified type>::<name>`, where the
// qualified type is the parent's qualified type and the resource's own type joined by `$`) and provider references
// (`<provider urn>::<provider id>`). Parsing a URN is provider/native/urn.ts's `tryParseUrn`.
import { tryParseUrn } from "../../provider/native/urn";

export function makeUrn(stack: string, project: string, qualifiedType: string, name: string): string {
  return `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
}

/** The same resource under another type: the last part of the qualified type replaced, parents kept. */
export function urnWithType(urn: string, type: string): string {
  const parsed = tryParseUrn(urn);
  if (!parsed) return urn;
  const parents = parsed.qualifiedType.slice(0, parsed.qualifiedType.length - parsed.type.length);
  return makeUrn(parsed.stack, parsed.project, `${parents}${type}`, parsed.name);
}

export interface ProviderReference {
  readonly urn: string;
  readonly id: string;
}

/** `<urn>::<id>`: the id is what follows the last `::` (a URN's name may itself contain `::`; an id never does). */
export function parseProviderReference(reference: string): ProviderReference {
  const at = reference.lastIndexOf("::");
  return { urn: reference.slice(0, at), id: reference.slice(at + 2) };
}

export function providerReference(urn: string, id: string): string {
  return `${urn}::${id}`;
}
