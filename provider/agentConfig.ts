// What deployments consume, made from a tenant token or an ActiveGate token: the text of each hand-off, once. The SDK
// wraps them so that the result is a Pulumi secret (sdk/agentConfig.ts); the native plugin answers them as invokes,
// secret too, for programs in other languages.
import { isActiveGateToken } from "./tokenFormat";

/** The line of an ActiveGate's `authorization.properties` holding `token`: `authToken=` for an ActiveGate token, else `tenantToken=`. */
export function activeGateAuthorizationLine(token: string): string {
  return isActiveGateToken(token) ? `authToken=${token}` : `tenantToken=${token}`;
}

/** The `oneagentctl` command that puts a new tenant token on a OneAgent and restarts it. */
export function oneAgentSetTenantTokenCommand(token: string): string {
  return `oneagentctl --set-tenant-token=${token} --restart-service`;
}

/** A Kubernetes `Secret` manifest holding the tenant token under `tenantToken` (its type: sdk/agentConfig.ts). */
export function tenantTokenSecret(token: string, metadata: { name: string; namespace?: string | undefined }) {
  return {
    apiVersion: "v1" as const,
    kind: "Secret" as const,
    metadata: metadata.namespace === undefined ? { name: metadata.name } : { name: metadata.name, namespace: metadata.namespace },
    type: "Opaque" as const,
    stringData: { tenantToken: token },
  };
}
