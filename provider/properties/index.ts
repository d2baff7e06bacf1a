// Every table of the package, for what is generated from all of them (the package schema, the SDK's declarations).
import { ACTIVE_GATE_TOKEN } from "./activeGateToken";
import { API_TOKEN } from "./apiToken";
import { PAAS_TOKEN } from "./paasToken";
import { PERSONAL_ACCESS_TOKEN } from "./personalAccessToken";
import { TENANT_TOKEN_ROTATION } from "./tenantTokenRotation";
import type { ResourceSpec } from "./types";

export { ACTIVE_GATE_TOKEN, API_TOKEN, PAAS_TOKEN, PERSONAL_ACCESS_TOKEN, TENANT_TOKEN_ROTATION };
export { API_TOKEN_PROPERTIES } from "./apiTokens";
export { ACTIVE_GATE_TOKEN_PROPERTIES } from "./activeGateToken";
export { TENANT_TOKEN_ROTATION_PROPERTIES } from "./tenantTokenRotation";
export { PROVIDER_CONFIG } from "./config";
export { FUNCTIONS } from "./functions";
export type * from "./types";

/** The resources, in the order the docs and the package schema list them. */
export const RESOURCES: readonly ResourceSpec[] = [API_TOKEN, PERSONAL_ACCESS_TOKEN, PAAS_TOKEN, ACTIVE_GATE_TOKEN, TENANT_TOKEN_ROTATION];
