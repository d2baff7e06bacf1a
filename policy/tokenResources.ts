// What the policies know about this package's resources: their Pulumi types and the inputs a
// policy reads, exactly as the program wrote them (a policy sees inputs, not the provider's state).
import type { ResourceValidationArgs } from "@pulumi/policy";
import { RESOURCE_KINDS } from "../provider/resourceKinds";

/** The classes that make tokens, which the policies check (a TenantTokenRotation makes none). */
const TOKEN_CLASSES = ["ApiToken", "PersonalAccessToken", "PaasToken", "ActiveGateToken"] as const;

export type TokenClass = (typeof TOKEN_CLASSES)[number];

/**
 * The token resources by their Pulumi type — the dynamic resource's and the native plugin's
 * (`dynatrace-tokens:index:…`); the class name is what violation messages show.
 */
export const TOKEN_TYPES: Readonly<Record<string, TokenClass>> = Object.fromEntries(
  TOKEN_CLASSES.flatMap((className) => [
    [RESOURCE_KINDS[className].dynamicToken, className],
    [RESOURCE_KINDS[className].token, className],
  ]),
);

/** The inputs the policies read; any of them may be missing (or unknown during a preview). */
export interface TokenInputs {
  readonly kind: TokenClass;
  /** The resource's Pulumi name, for messages. */
  readonly resourceName: string;
  readonly scopes: readonly string[];
  readonly expirationDate: string | number | undefined;
  readonly personalAccessToken: boolean;
}

/** The token inputs of `args`, or undefined when the resource isn't one of this package's tokens. */
export function tokenInputs(args: Pick<ResourceValidationArgs, "type" | "name" | "props">): TokenInputs | undefined {
  const kind = (TOKEN_TYPES as Record<string, TokenClass | undefined>)[args.type];
  if (kind === undefined) return undefined;
  const props = args.props;
  const scopes = Array.isArray(props.scopes) ? props.scopes.filter((s): s is string => typeof s === "string") : [];
  const expiration = props.expirationDate;
  return {
    kind,
    resourceName: args.name,
    scopes,
    expirationDate: typeof expiration === "string" || typeof expiration === "number" ? expiration : undefined,
    personalAccessToken: kind === "PersonalAccessToken" || props.personalAccessToken === true,
  };
}

/** The stack a resource belongs to, read from its URN (`urn:pulumi:<stack>::<project>::<type>::<name>`). */
export function stackOfUrn(urn: string): string | undefined {
  const match = /^urn:pulumi:([^:]+)::/.exec(urn);
  return match?.[1];
}

export function describeToken(token: TokenInputs): string {
  return `${token.kind} "${token.resourceName}"`;
}
