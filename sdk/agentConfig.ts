/**
 * What deployments consume, made from a tenant token or an ActiveGate token. Every helper returns a Pulumi secret,
 * whatever the input.
 *
 * @module Agent configuration
 */
import * as pulumi from "@pulumi/pulumi";
import * as handOff from "../provider/agentConfig";
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
  return pulumi.secret(token).apply(handOff.activeGateAuthorizationLine);
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
  return pulumi.secret(token).apply(handOff.oneAgentSetTenantTokenCommand);
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
  return pulumi.secret(token).apply((value): TenantTokenSecretManifest => handOff.tenantTokenSecret(value, metadata));
}
