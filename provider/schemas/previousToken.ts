// The outputs of a token resource that keeps its previous token for an overlap (`keepPreviousFor`), shared by every
// token kind. None of them is written for a resource without `keepPreviousFor` that never rotated in place: its state
// stays exactly what earlier releases wrote.
import { z } from "zod";

export const previousTokenOutputsShape = {
  /** The overlap, as given (`"24h"`). */
  keepPreviousFor: z.string().optional(),
  /**
   * The identifier of the token in use. A rotation in place (with `keepPreviousFor`) issues a new token under the same
   * resource, whose Pulumi id stays the first token's; absent means the token is the resource's id.
   */
  tokenId: z.string().optional(),
  /** The token in use before the last rotation, kept valid until `previousTokenRemovalDate`. */
  previousTokenId: z.string().optional(),
  /** Its secret (a Pulumi secret); absent when it was never known (a token adopted by id). */
  previousToken: z.string().optional(),
  /** When the first `pulumi up` deletes the previous token (ISO 8601 UTC, on the Dynatrace server's clock). */
  previousTokenRemovalDate: z.string().optional(),
  /** False when `pulumi refresh` found the previous token disabled by hand (reported, never re-enabled). */
  previousTokenEnabled: z.boolean().optional(),
};

/** Every overlap output set to `undefined`: spread over older outputs, it drops what an earlier overlap left there. */
export const NO_PREVIOUS_TOKEN_OUTPUTS = Object.fromEntries(Object.keys(previousTokenOutputsShape).map((key) => [key, undefined])) as {
  [K in keyof typeof previousTokenOutputsShape]: undefined;
};
