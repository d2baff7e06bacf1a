// The native ActiveGateToken class, with the default import's arguments.
import * as pulumi from "@pulumi/pulumi";
import type { ActiveGateTokenArgs, ActiveGateTokenOutputs } from "../generated/activeGateToken";
import { resolveTokenId } from "../previousToken";
import { nativeRegistration } from "./nativeResource";

/** A Dynatrace ActiveGate token, served by the native plugin; see the default import's `ActiveGateToken`. */
export interface ActiveGateToken extends ActiveGateTokenOutputs {}
export class ActiveGateToken extends pulumi.CustomResource {
  constructor(name: string, args: ActiveGateTokenArgs = {}, opts?: pulumi.CustomResourceOptions) {
    // A secret put in adopt.token by an untyped program (ActiveGate tokens are adopted by id) stays a Pulumi secret on
    // its way to check, which refuses it.
    const adopt = args.adopt as Record<string, unknown> | undefined;
    const safe = adopt !== null && typeof adopt === "object" && "token" in adopt ? { ...args, adopt: { ...adopt, token: pulumi.secret(adopt.token) } } : args;
    const registration = nativeRegistration("ActiveGateToken", name, safe, opts);
    try {
      super(registration.type, name, registration.props, registration.opts);
    } finally {
      Error.stackTraceLimit = registration.stackTraceLimit;
    }
    resolveTokenId(this);
  }
}
