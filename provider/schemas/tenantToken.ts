// The properties of a tenant token rotation resource. The inputs declare where the rotation should be; the outputs
// record where it is, and the two tenant tokens, so that `read` can tell this resource's rotation from anyone else's.
import { z } from "zod";
import { ROTATION_PHASES, type RotationPhase } from "./rotationPhase";

export { ROTATION_PHASES, type RotationPhase };
export const rotationPhaseSchema = z.enum(ROTATION_PHASES);

export const tenantTokenRotationInputsSchema = z.object({
  phase: rotationPhaseSchema,
  generation: z.number().int().nonnegative().default(0),
  environment: z.string().optional(),
});
export type TenantTokenRotationInputs = z.infer<typeof tenantTokenRotationInputsSchema>;

export const tenantTokenRotationOutputsSchema = z.object({
  phase: rotationPhaseSchema,
  generation: z.number().int().nonnegative(),
  environment: z.string().optional(),
  /** The environment's rotation status as last seen: `ACTIVE` while two tenant tokens are valid. */
  status: z.string(),
  /** The tenant token agents should use: the new one from `start` (the original one again after a cancel). */
  activeToken: z.string(),
  /** The token being replaced, valid until the rotation is finished; null when only one token is valid. */
  oldToken: z.string().nullable(),
  /** The new token this generation's `start` returned; how `read` recognises this resource's rotation. */
  startedToken: z.string(),
  tenantUUID: z.string().optional(),
});
export type TenantTokenRotationOutputs = z.infer<typeof tenantTokenRotationOutputsSchema>;
/**
 * Stored state as `diff` and `delete` may find it (older versions stored fewer outputs). Built once: a zod schema
 * built per call costs about a millisecond, which a preview of a thousand resources pays a thousand times.
 */
export const tenantTokenRotationStateSchema = tenantTokenRotationOutputsSchema.partial();
