// The native API token classes: ApiToken, PersonalAccessToken and PaasToken, with the default import's arguments.
import * as pulumi from "@pulumi/pulumi";
import type { ApiTokenArgs, ApiTokenOutputs, CommonApiTokenArgs, PaasTokenArgs, PersonalAccessTokenArgs } from "../generated/apiToken";
import { resolveTokenId } from "../previousToken";
import { nativeRegistration } from "./nativeResource";

/** The arguments as the plugin gets them: an adopted token's secret made a Pulumi secret, whatever was passed. */
function withSecretAdopt<A extends CommonApiTokenArgs>(args: A): A {
  const adopt = args.adopt;
  if (adopt === undefined || adopt === null || typeof adopt !== "object" || adopt.token === undefined) return args;
  return { ...args, adopt: { ...adopt, token: pulumi.secret(adopt.token) } };
}

/** A Dynatrace API access token, served by the native plugin; see the default import's `ApiToken`. */
export interface ApiToken extends ApiTokenOutputs {}
export class ApiToken extends pulumi.CustomResource {
  constructor(name: string, args: ApiTokenArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = nativeRegistration("ApiToken", name, withSecretAdopt(args), opts);
    try {
      super(registration.type, name, registration.props, registration.opts);
    } finally {
      Error.stackTraceLimit = registration.stackTraceLimit;
    }
    resolveTokenId(this);
  }
}

/** A Dynatrace personal access token, served by the native plugin; see the default import's `PersonalAccessToken`. */
export interface PersonalAccessToken extends ApiTokenOutputs {}
export class PersonalAccessToken extends pulumi.CustomResource {
  constructor(name: string, args: PersonalAccessTokenArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = nativeRegistration("PersonalAccessToken", name, withSecretAdopt(args), opts);
    try {
      super(registration.type, name, registration.props, registration.opts);
    } finally {
      Error.stackTraceLimit = registration.stackTraceLimit;
    }
    resolveTokenId(this);
  }
}

/** A PaaS token, served by the native plugin; see the default import's `PaasToken`. */
export interface PaasToken extends ApiTokenOutputs {}
export class PaasToken extends pulumi.CustomResource {
  constructor(name: string, args: PaasTokenArgs = {}, opts?: pulumi.CustomResourceOptions) {
    const registration = nativeRegistration("PaasToken", name, withSecretAdopt(args), opts);
    try {
      super(registration.type, name, registration.props, registration.opts);
    } finally {
      Error.stackTraceLimit = registration.stackTraceLimit;
    }
    resolveTokenId(this);
  }
}
