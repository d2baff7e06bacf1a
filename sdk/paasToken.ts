/**
 * The `PaasToken` resource: an API token for downloading OneAgent installers.
 *
 * @module PaasToken
 */
import * as pulumi from "@pulumi/pulumi";
import type { Scope } from "../provider/catalog/scopes";
import { argumentNames } from "../provider/properties/names";
import { PAAS_TOKEN } from "../provider/properties/paasToken";
import { ApiTokenResource, refuseBadDeclaration } from "./apiTokenBase";
import type { PaasTokenArgs } from "./generated/apiToken";

export type { PaasTokenArgs } from "./generated/apiToken";

/** What the class takes; anything else is refused (see declaration.ts). */
const ARGS = argumentNames(PAAS_TOKEN);

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
    refuseBadDeclaration("PaasToken", name, args, opts, ARGS);
    const { supportAlert, ...rest } = args;
    // Only `true` grants SupportAlert: from untyped programs or config, "false" and 1 arrive too. The provider's
    // check refuses anything but a boolean, naming supportAlert, so it is passed along for that.
    const scopes = pulumi
      .output(supportAlert)
      .apply((alert): Scope[] => (alert === true ? ["InstallerDownload", "SupportAlert"] : ["InstallerDownload"]));
    super("PaasToken", name, { ...rest, scopes, supportAlert, personalAccessToken: false }, opts);
  }
}
