// The native API token classes: ApiToken, PersonalAccessToken and PaasToken, with the default import's arguments.
import * as pulumi from "@pulumi/pulumi";
import type { ApiTokenArgs, ApiTokenOutputs, CommonApiTokenArgs, PaasTokenArgs, PersonalAccessTokenArgs } from "../generated/apiToken";
import { resolveTokenId } from "../previousToken";
import { NativeResource } from "./nativeResource";

/** The arguments as the plugin gets them: an adopted token's secret made a Pulumi secret, whatever was passed. */
function withSecretAdopt<A extends CommonApiTokenArgs>(args: A): A {
  const adopt = args.adopt;
  if (adopt === undefined || adopt === null || typeof adopt !== "object" || adopt.token === undefined) return args;
  return { ...args, adopt: { ...adopt, token: pulumi.secret(adopt.token) } };
}

/** A Dynatrace API access token, served by the native plugin; see the default import's `ApiToken`. */
export interface ApiToken extends ApiTokenOutputs {}
export class ApiToken extends NativeResource {
  constructor(name: string, args: ApiTokenArgs, opts?: pulumi.CustomResourceOptions) {
    super("ApiToken", name, withSecretAdopt(args), opts);
    resolveTokenId(this);
  }
}

/** A Dynatrace personal access token, served by the native plugin; see the default import's `PersonalAccessToken`. */
export interface PersonalAccessToken extends ApiTokenOutputs {}
export class PersonalAccessToken extends NativeResource {
  constructor(name: string, args: PersonalAccessTokenArgs, opts?: pulumi.CustomResourceOptions) {
    super("PersonalAccessToken", name, withSecretAdopt(args), opts);
    resolveTokenId(this);
  }
}

/** A PaaS token, served by the native plugin; see the default import's `PaasToken`. */
export interface PaasToken extends ApiTokenOutputs {}
export class PaasToken extends NativeResource {
  constructor(name: string, args: PaasTokenArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super("PaasToken", name, withSecretAdopt(args), opts);
    resolveTokenId(this);
  }
}
