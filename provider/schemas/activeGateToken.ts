// The properties of an ActiveGate token resource, parsed with schemas derived from its property table
// (provider/properties/activeGateToken.ts) once, at module load.
import type { z } from "zod";
import { ACTIVE_GATE_TOKEN_PROPERTIES } from "../properties/activeGateToken";
import { inputSchema, outputSchema, stateSchema } from "../properties/zod";

export const activeGateTokenInputsSchema = inputSchema(ACTIVE_GATE_TOKEN_PROPERTIES);
export type ActiveGateTokenInputs = z.infer<typeof activeGateTokenInputsSchema>;

export const activeGateTokenOutputsSchema = outputSchema(ACTIVE_GATE_TOKEN_PROPERTIES);
export type ActiveGateTokenOutputs = z.infer<typeof activeGateTokenOutputsSchema>;

/** Stored state as `diff` and `delete` may find it (older versions stored fewer outputs). */
export const activeGateTokenStateSchema = stateSchema(ACTIVE_GATE_TOKEN_PROPERTIES);
