// The properties of an API token resource — what the SDK sends (inputs) and what the provider keeps (outputs) —
// parsed with schemas derived from its property table (provider/properties/apiTokens.ts) once, at module load.
import type { z } from "zod";
import { API_TOKEN_PROPERTIES } from "../properties/apiTokens";
import { inputSchema, outputSchema, stateSchema } from "../properties/zod";

export const apiTokenInputsSchema = inputSchema(API_TOKEN_PROPERTIES);
export type ApiTokenInputs = z.infer<typeof apiTokenInputsSchema>;

export const apiTokenOutputsSchema = outputSchema(API_TOKEN_PROPERTIES);
export type ApiTokenOutputs = z.infer<typeof apiTokenOutputsSchema>;

/** Stored state as `diff` and `delete` may find it (older versions stored fewer outputs). */
export const apiTokenStateSchema = stateSchema(API_TOKEN_PROPERTIES);
