// The properties of a tenant token rotation resource, parsed with schemas derived from its property table
// (provider/properties/tenantTokenRotation.ts) once, at module load.
import type { z } from "zod";
import { TENANT_TOKEN_ROTATION_PROPERTIES } from "../properties/tenantTokenRotation";
import { inputSchema, outputSchema, stateSchema } from "../properties/zod";
import { ROTATION_PHASES, type RotationPhase } from "./rotationPhase";

export { ROTATION_PHASES, type RotationPhase };

export const tenantTokenRotationInputsSchema = inputSchema(TENANT_TOKEN_ROTATION_PROPERTIES);
export type TenantTokenRotationInputs = z.infer<typeof tenantTokenRotationInputsSchema>;

export const tenantTokenRotationOutputsSchema = outputSchema(TENANT_TOKEN_ROTATION_PROPERTIES);
export type TenantTokenRotationOutputs = z.infer<typeof tenantTokenRotationOutputsSchema>;

/** Stored state as `diff` and `delete` may find it (older versions stored fewer outputs). */
export const tenantTokenRotationStateSchema = stateSchema(TENANT_TOKEN_ROTATION_PROPERTIES);
