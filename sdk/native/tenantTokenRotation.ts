// The native TenantTokenRotation class, with the default import's arguments.
import type * as pulumi from "@pulumi/pulumi";
import type { TenantTokenRotationArgs, TenantTokenRotationOutputs } from "../generated/tenantTokenRotation";
import { NativeResource } from "./nativeResource";

/** The tenant token rotation of a Dynatrace environment, served by the native plugin; see the default import's `TenantTokenRotation`. */
export interface TenantTokenRotation extends TenantTokenRotationOutputs {}
export class TenantTokenRotation extends NativeResource {
  constructor(name: string, args: TenantTokenRotationArgs, opts?: pulumi.CustomResourceOptions) {
    super("TenantTokenRotation", name, args, opts);
  }
}
