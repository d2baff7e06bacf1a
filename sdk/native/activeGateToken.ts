// The native ActiveGateToken class, with the default import's arguments.
import * as pulumi from "@pulumi/pulumi";
import type { ActiveGateTokenArgs, ActiveGateTokenOutputs } from "../generated/activeGateToken";
import { resolveTokenId } from "../previousToken";
import { NativeResource } from "./nativeResource";

/** A Dynatrace ActiveGate token, served by the native plugin; see the default import's `ActiveGateToken`. */
export interface ActiveGateToken extends ActiveGateTokenOutputs {}
export class ActiveGateToken extends NativeResource {
  constructor(name: string, args: ActiveGateTokenArgs = {}, opts?: pulumi.CustomResourceOptions) {
    // A secret put in adopt.token by an untyped program (ActiveGate tokens are adopted by id) stays a Pulumi secret on
    // its way to check, which refuses it.
    const adopt = args.adopt as Record<string, unknown> | undefined;
    const safe = adopt !== null && typeof adopt === "object" && "token" in adopt ? { ...args, adopt: { ...adopt, token: pulumi.secret(adopt.token) } } : args;
    super("ActiveGateToken", name, safe, opts);
    resolveTokenId(this);
  }
}
