// The properties of an ActiveGate token resource. ActiveGate tokens cannot be modified, so every input but
// `rotateBefore` replaces the token.
import { z } from "zod";
import { activeGateTypeSchema } from "../client/activeGateTokens";
import { dateInputSchema } from "./apiToken";

export const activeGateTokenInputsSchema = z.object({
  name: z.string(),
  activeGateType: activeGateTypeSchema.default("ENVIRONMENT"),
  seedToken: z.boolean().default(false),
  expirationDate: dateInputSchema.optional(),
  rotateBefore: z.string().optional(),
  rotationTrigger: z.unknown().optional(),
  environment: z.string().optional(),
  /** An existing token to take over instead of creating one: by id only (there is no lookup by secret). */
  adopt: z.object({ id: z.string() }).optional(),
});
export type ActiveGateTokenInputs = z.infer<typeof activeGateTokenInputsSchema>;

export const activeGateTokenOutputsSchema = z.object({
  name: z.string(),
  /** The name as Dynatrace shows it: `name` with the create marker (see provider/client/createMarker.ts). */
  dynatraceName: z.string().optional(),
  // Lenient, like the API responses: state must always load.
  activeGateType: z.string(),
  seedToken: z.boolean(),
  owner: z.string().optional(),
  creationDate: z.string().optional(),
  expirationDate: z.string().optional(),
  lastUsedDate: z.string().optional(),
  token: z.string().optional(),
  requestedExpirationDate: dateInputSchema.optional(),
  rotateBefore: z.string().optional(),
  rotationTrigger: z.unknown().optional(),
  environment: z.string().optional(),
  /** True once the token's expirationDate has passed on the server's clock (it no longer authenticates). */
  expired: z.boolean().optional(),
  /** `"id"` when the token was adopted rather than created (its secret is then unknown). */
  adopted: z.literal("id").optional(),
});
export type ActiveGateTokenOutputs = z.infer<typeof activeGateTokenOutputsSchema>;
/**
 * Stored state as `diff` and `delete` may find it (older versions stored fewer outputs). Built once: a zod schema
 * built per call costs about a millisecond, which a preview of a thousand resources pays a thousand times.
 */
export const activeGateTokenStateSchema = activeGateTokenOutputsSchema.partial();
