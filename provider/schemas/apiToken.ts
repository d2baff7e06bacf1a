// The properties of an API token resource: what the SDK sends (inputs) and what the provider keeps (outputs).
import { z } from "zod";
import { previousTokenOutputsShape } from "./previousToken";

export const dateInputSchema = z.union([z.string(), z.number()]);

export const adoptSchema = z.object({
  /** Identifier of an existing token to take over (`dt0c01.…`). */
  id: z.string().optional(),
  /** Secret of an existing token to take over, resolved through the lookup endpoint. */
  token: z.string().optional(),
});
export type Adopt = z.infer<typeof adoptSchema>;

export const apiTokenInputsSchema = z.object({
  name: z.string(),
  scopes: z.array(z.string()),
  enabled: z.boolean().default(true),
  personalAccessToken: z.boolean().default(false),
  expirationDate: dateInputSchema.optional(),
  rotateBefore: z.string().optional(),
  rotationTrigger: z.unknown().optional(),
  keepPreviousFor: z.string().optional(),
  environment: z.string().optional(),
  adopt: adoptSchema.optional(),
  /** PaasToken only: whether its scopes include SupportAlert (already reflected in `scopes`). */
  supportAlert: z.boolean().optional(),
});
export type ApiTokenInputs = z.infer<typeof apiTokenInputsSchema>;

export const apiTokenOutputsSchema = z.object({
  name: z.string(),
  /** The name as Dynatrace shows it: `name` with the create marker (see provider/client/createMarker.ts). */
  dynatraceName: z.string().optional(),
  scopes: z.array(z.string()),
  enabled: z.boolean(),
  personalAccessToken: z.boolean(),
  owner: z.string().optional(),
  creationDate: z.string().optional(),
  /** Resolved expiration (ISO 8601 UTC); absent = never expires. */
  expirationDate: z.string().optional(),
  lastUsedDate: z.string().optional(),
  lastUsedIpAddress: z.string().optional(),
  modifiedDate: z.string().optional(),
  /** The secret; only known for tokens this stack created or adopted by value. */
  token: z.string().optional(),
  /** `expirationDate` exactly as requested (`now+90d`), so that relative dates compare stably. */
  requestedExpirationDate: dateInputSchema.optional(),
  rotateBefore: z.string().optional(),
  rotationTrigger: z.unknown().optional(),
  environment: z.string().optional(),
  /** How the token came under management, when it was adopted rather than created. */
  adopted: z.enum(["id", "token"]).optional(),
  /** True once the token's expirationDate has passed on the server's clock (it no longer authenticates). */
  expired: z.boolean().optional(),
  ...previousTokenOutputsShape,
});
export type ApiTokenOutputs = z.infer<typeof apiTokenOutputsSchema>;
/**
 * Stored state as `diff` and `delete` may find it (older versions stored fewer outputs). Built once: a zod schema
 * built per call costs about a millisecond, which a preview of a thousand resources pays a thousand times.
 */
export const apiTokenStateSchema = apiTokenOutputsSchema.partial();
