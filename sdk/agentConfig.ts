/**
 * What deployments consume, made from a tenant token or an ActiveGate token. Every helper returns a Pulumi secret,
 * whatever the input.
 *
 * @module Agent configuration
 */
import * as pulumi from "@pulumi/pulumi";
import * as handOff from "../provider/agentConfig";

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

/** The `oneagentctl` command that puts a new tenant token on a OneAgent and restarts it. */
export function oneAgentSetTenantTokenCommand(token: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.secret(token).apply(handOff.oneAgentSetTenantTokenCommand);
}

/** A Kubernetes `Secret` manifest holding the tenant token under `tenantToken`. */
export interface TenantTokenSecretManifest {
  apiVersion: "v1";
  kind: "Secret";
  metadata: { name: string; namespace?: string };
  type: "Opaque";
  stringData: { tenantToken: string };
}

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
  metadata: { name: string; namespace?: string },
): pulumi.Output<TenantTokenSecretManifest> {
  return pulumi.secret(token).apply((value): TenantTokenSecretManifest => handOff.tenantTokenSecret(value, metadata));
}
