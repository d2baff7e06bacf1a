/**
 * The `PaasToken` resource: an API token for downloading OneAgent installers.
 *
 * @module PaasToken
 */
import * as pulumi from "@pulumi/pulumi";
import type { Scope } from "../provider/catalog/scopes";
import { paasTokenScopes, personalAccessTokenOf } from "../provider/resourceKinds";
import { ApiTokenResource, refuseBadDeclaration } from "./apiTokenBase";
import type { PaasTokenArgs } from "./generated/apiToken";

export type { PaasTokenArgs } from "./generated/apiToken";

/**
 * A PaaS token: an API token with the `InstallerDownload` scope (and optionally `SupportAlert`), used to download
 * OneAgent installers.
 *
 * @example
 * ```ts
 * import * as dt from "pulumi-dynatrace-tokens";
 *
 * const paas = new dt.PaasToken("oneagent-installer", { expirationDate: "now+1y" });
 * export const paasToken = paas.token;
 * ```
 */
export class PaasToken extends ApiTokenResource {
  constructor(name: string, args: PaasTokenArgs = {}, opts?: pulumi.CustomResourceOptions) {
    // Its scopes follow from supportAlert, so `scopes` is refused here rather than silently replaced.
    refuseBadDeclaration("PaasToken", name, args, opts);
    const { supportAlert, ...rest } = args;
    // supportAlert is passed along too, for the provider's check to refuse a value that is not a boolean.
    const scopes = pulumi.output(supportAlert).apply((alert) => paasTokenScopes(alert) as Scope[]);
    super("PaasToken", name, { ...rest, scopes, supportAlert, personalAccessToken: personalAccessTokenOf("PaasToken")! }, opts);
  }
}
