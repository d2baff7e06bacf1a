// What ApiToken and ActiveGateToken share for rotation with an overlap (`keepPreviousFor`): the doc of the input and
// the outputs, and `tokenId`, which the provider stores only once it differs from the resource's id.
import * as pulumi from "@pulumi/pulumi";
import { outputPlaceholders } from "../provider/properties/names";
import { PREVIOUS_TOKEN_PROPERTIES } from "../provider/properties/previousToken";

/** The output names the resource classes register for the overlap; `previousToken` is a secret. */
export const PREVIOUS_TOKEN_OUTPUTS = outputPlaceholders(PREVIOUS_TOKEN_PROPERTIES);

/**
 * Makes `resource.tokenId` the identifier of the token in use: the stored `tokenId` after a rotation in place, else
 * the resource's id (a resource that never rotated in place stores none, so its state stays as earlier releases wrote it).
 */
export function resolveTokenId(resource: { id: pulumi.Output<string>; tokenId: pulumi.Output<string> }): void {
  const stored = resource.tokenId as pulumi.Output<string | undefined>;
  (resource as { tokenId: pulumi.Output<string> }).tokenId = pulumi.all([resource.id, stored]).apply(([id, tokenId]) => tokenId ?? id);
}

