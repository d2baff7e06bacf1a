// What ApiToken and ActiveGateToken share for rotation with an overlap (`keepPreviousFor`): `tokenId`, which the
// provider stores only once it differs from the resource's id.
import * as pulumi from "@pulumi/pulumi";

/**
 * Makes `resource.tokenId` the identifier of the token in use: the stored `tokenId` after a rotation in place, else
 * the resource's id (a resource that never rotated in place stores none, so its state stays as earlier releases wrote it).
 */
export function resolveTokenId(resource: { id: pulumi.Output<string>; tokenId: pulumi.Output<string> }): void {
  const stored = resource.tokenId as pulumi.Output<string | undefined>;
  (resource as { tokenId: pulumi.Output<string> }).tokenId = pulumi.all([resource.id, stored]).apply(([id, tokenId]) => tokenId ?? id);
}
