// The native ActiveGateToken class, with the default import's arguments.
import * as pulumi from "@pulumi/pulumi";
import type { ActiveGateTokenArgs, ActiveGateTokenOutputs } from "../generated/activeGateToken";
import { resolveTokenId } from "../previousToken";
import { nativeRegistration, withSecretAdoptToken } from "./nativeResource";

/** A Dynatrace ActiveGate token, served by the native plugin; see the default import's `ActiveGateToken`. */
export interface ActiveGateToken extends ActiveGateTokenOutputs {}
export class ActiveGateToken extends pulumi.CustomResource {
  constructor(name: string, args: ActiveGateTokenArgs = {}, opts?: pulumi.CustomResourceOptions) {
    // A secret an untyped program puts in adopt.token stays a Pulumi secret on its way to check, which refuses it.
    const registration = nativeRegistration("ActiveGateToken", name, withSecretAdoptToken(args), opts);
    try {
      super(registration.type, name, registration.props, registration.opts);
    } finally {
      Error.stackTraceLimit = registration.stackTraceLimit;
    }
    resolveTokenId(this);
  }
}
