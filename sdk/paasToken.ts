/**
 * The `PaasToken` resource: an API token for downloading OneAgent installers.
 *
 * @module PaasToken
 */
import * as pulumi from "@pulumi/pulumi";
import type { Scope } from "../provider/catalog/scopes";
import { ApiTokenResource, COMMON_API_TOKEN_ARGS, refuseBadDeclaration, type CommonApiTokenArgs } from "./apiTokenBase";
import { argNames } from "./declaration";

/** The inputs of a {@link PaasToken}. */
export interface PaasTokenArgs extends CommonApiTokenArgs {
  /**
   * Also grant `SupportAlert` (PaaS support alerts).
   * @defaultValue false
   * @onChange updates in place (one request that changes the scopes)
   */
  supportAlert?: pulumi.Input<boolean>;
}

/** What the class takes; anything else is refused (see declaration.ts). */
const ARGS = argNames<PaasTokenArgs>({ ...COMMON_API_TOKEN_ARGS, supportAlert: true });

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
