/**
 * What deployments consume, made from a tenant token. Every helper returns a Pulumi secret, whatever the input.
 *
 * @module Agent configuration
 */
import * as pulumi from "@pulumi/pulumi";

/**
 * The `tenantToken=<token>` line of an ActiveGate's `authorization.properties` (in the entry of the environment).
 *
 * @example
 * ```ts
 * const line = dt.activeGateAuthorizationLine(rotation.activeToken); // "tenantToken=…", secret
 * ```
 */
export function activeGateAuthorizationLine(token: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.secret(token).apply((value) => `tenantToken=${value}`);
}

/** The `oneagentctl` command that puts a new tenant token on a OneAgent and restarts it. */
export function oneAgentSetTenantTokenCommand(token: pulumi.Input<string>): pulumi.Output<string> {
  return pulumi.secret(token).apply((value) => `oneagentctl --set-tenant-token=${value} --restart-service`);
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
  return pulumi.secret(token).apply((value) => ({
    apiVersion: "v1" as const,
    kind: "Secret" as const,
    metadata: metadata.namespace === undefined ? { name: metadata.name } : { name: metadata.name, namespace: metadata.namespace },
    type: "Opaque" as const,
    stringData: { tenantToken: value },
  }));
}
