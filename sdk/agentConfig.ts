/**
 * What deployments consume, made from a tenant token or an ActiveGate token. Every helper returns a Pulumi secret,
 * whatever the input.
 *
 * @module Agent configuration
 */
import * as pulumi from "@pulumi/pulumi";
import { isActiveGateToken } from "../provider/tokenFormat";
import type { TenantTokenSecretManifest, TenantTokenSecretMetadata } from "./generated/agentConfig";

/**
 * The line of an ActiveGate's `authorization.properties` (in the entry of the environment) that holds `token`:
 * `authToken=<token>` for an ActiveGate token (`dt0g02.…`), `tenantToken=<token>` for a tenant token.
 *
 * @example
 * ```ts
 * const line = dt.activeGateAuthorizationLine(rotation.activeToken); // "tenantToken=…", secret
 * const auth = dt.activeGateAuthorizationLine(activeGateToken.token); // "authToken=dt0g02.…", secret
 * ```
 */
export function activeGateAuthorizationLine(token: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.secret(token).apply((value) => (isActiveGateToken(value) ? `authToken=${value}` : `tenantToken=${value}`));
}

/**
 * The `oneagentctl` command that puts a new tenant token on a OneAgent and restarts it.
 *
 * @example
 * ```ts
 * const command = dt.oneAgentSetTenantTokenCommand(rotation.activeToken); // a secret
 * ```
 */
export function oneAgentSetTenantTokenCommand(token: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.secret(token).apply((value) => `oneagentctl --set-tenant-token=${value} --restart-service`);
}

export type { TenantTokenSecretData, TenantTokenSecretManifest, TenantTokenSecretMetadata } from "./generated/agentConfig";

/**
 * A Kubernetes-Secret-shaped object with the tenant token as `stringData.tenantToken`, e.g. for
 * `new k8s.core.v1.Secret(name, manifest)` or `k8s.yaml.ConfigGroup`.
 *
 * @example
 * ```ts
 * const secret = dt.tenantTokenSecret(rotation.activeToken, { name: "dynatrace-tenant-token", namespace: "dynatrace" });
 * ```
 */
export function tenantTokenSecret(
  token: pulumi.Input<string>,
  metadata: TenantTokenSecretMetadata,
): pulumi.Output<TenantTokenSecretManifest> {
  return pulumi.secret(token).apply((value) => ({
    apiVersion: "v1" as const,
    kind: "Secret" as const,
    metadata: metadata.namespace === undefined ? { name: metadata.name } : { name: metadata.name, namespace: metadata.namespace },
    type: "Opaque" as const,
    stringData: { tenantToken: value },
  }));
}
