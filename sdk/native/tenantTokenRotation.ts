// The native TenantTokenRotation class, with the default import's arguments.
import * as pulumi from "@pulumi/pulumi";
import type { TenantTokenRotationArgs, TenantTokenRotationOutputs } from "../generated/tenantTokenRotation";
import { nativeRegistration } from "./nativeResource";

/** The tenant token rotation of a Dynatrace environment, served by the native plugin; see the default import's `TenantTokenRotation`. */
export interface TenantTokenRotation extends TenantTokenRotationOutputs {}
export class TenantTokenRotation extends pulumi.CustomResource {
  constructor(name: string, args: TenantTokenRotationArgs, opts?: pulumi.CustomResourceOptions) {
    const registration = nativeRegistration("TenantTokenRotation", name, args, opts);
    try {
      super(registration.type, name, registration.props, registration.opts);
    } finally {
      Error.stackTraceLimit = registration.stackTraceLimit;
    }
  }
}
