/**
 * The `ApiToken` resource: a scoped Dynatrace API token.
 *
 * @module ApiToken
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Scope } from "../provider/catalog/scopes";
import { personalAccessTokenOf, RESOURCE_KINDS } from "../provider/resourceKinds";
import { ApiTokenResource, refuseBadDeclaration, type CommonApiTokenArgs } from "./apiTokenBase";
import { argNames } from "./declaration";

/** The inputs of an {@link ApiToken}. */
export interface ApiTokenArgs extends CommonApiTokenArgs {
  /**
   * What the token may do, e.g. `["metrics.ingest", "logs.ingest"]`. Compared as a set: order never causes a diff.
   * @defaultValue required
   * @onChange updates in place (one request that sends the whole set)
   */
  scopes: pulumi.Input<pulumi.Input<Scope>[]>;
}

/** What the class takes; anything else is refused (see declaration.ts). */
const ARGS = argNames<ApiTokenArgs>()(RESOURCE_KINDS.ApiToken.inputs);

/**
 * A Dynatrace API access token (`/api/v2/apiTokens`).
 *
 * Credentials come from the stack config (`dynatrace-tokens:envUrl`, `dynatrace-tokens:apiToken`, or the
 * `@pulumiverse/dynatrace` bridge's `dynatrace:dtEnvUrl`, `dynatrace:dtApiToken`) or `DYNATRACE_ENV_URL` /
 * `DYNATRACE_API_TOKEN`, never from resource inputs.
 * `name`, `scopes` and `enabled` update in place; `expirationDate`, `rotationTrigger` and `environment` replace the
 * token, creating the new one before the old one is deleted. With `keepPreviousFor`, a rotation issues the new token
 * in place and keeps the old one valid for that long (`previousToken`).
 *
 * @example
 * ```ts
 * import * as dt from "pulumi-dynatrace-tokens";
 *
 * const ingest = new dt.ApiToken("otel-ingest", {
 *   scopes: ["metrics.ingest", "logs.ingest", "openTelemetryTrace.ingest"],
 *   expirationDate: "now+90d",
 *   rotateBefore: "14d",
 * });
 * export const ingestToken = ingest.token; // a secret
 * ```
 */
export class ApiToken extends ApiTokenResource {
  constructor(name: string, args: ApiTokenArgs, opts?: pulumi.CustomResourceOptions) {
    refuseBadDeclaration("ApiToken", name, args, opts, ARGS);
    super("ApiToken", name, { ...args, personalAccessToken: personalAccessTokenOf("ApiToken")! }, opts);
  }
}
