/**
 * The `ApiToken` resource: a scoped Dynatrace API token.
 *
 * @module ApiToken
 */
import type * as pulumi from "@pulumi/pulumi";
import { personalAccessTokenOf } from "../provider/resourceKinds";
import { ApiTokenResource, refuseBadDeclaration } from "./apiTokenBase";
import type { ApiTokenArgs } from "./generated/apiToken";

export type { ApiTokenArgs } from "./generated/apiToken";

/**
 * A Dynatrace API access token (`/api/v2/apiTokens`).
 *
 * `name`, `scopes` and `enabled` update in place; `expirationDate`, `rotationTrigger` and `environment` replace the
 * token, creating the new one before the old one is deleted. With `keepPreviousFor`, a rotation issues the new token
 * in place and keeps the old one valid for that long (`previousToken`). Credentials come from the provider's
 * configuration, never from resource inputs.
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
    refuseBadDeclaration("ApiToken", name, args, opts);
    super("ApiToken", name, { ...args, personalAccessToken: personalAccessTokenOf("ApiToken")! }, opts);
  }
}
