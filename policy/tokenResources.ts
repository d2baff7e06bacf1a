// What the policies know about this package's resources: their Pulumi types and the inputs a
// policy reads, exactly as the program wrote them (a policy sees inputs, not the provider's state).
import type { ResourceValidationArgs } from "@pulumi/policy";

/** The token resources by their Pulumi type; the class name is what violation messages show. */
export const TOKEN_TYPES = {
  "pulumi-nodejs:dynamic/dynatrace:ApiToken": "ApiToken",
  "pulumi-nodejs:dynamic/dynatrace:PersonalAccessToken": "PersonalAccessToken",
  "pulumi-nodejs:dynamic/dynatrace:PaasToken": "PaasToken",
  "pulumi-nodejs:dynamic/dynatrace:ActiveGateToken": "ActiveGateToken",
} as const;

export type TokenClass = (typeof TOKEN_TYPES)[keyof typeof TOKEN_TYPES];

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
