// The native TenantTokenRotation class, with the default import's arguments.
import type * as pulumi from "@pulumi/pulumi";
import type * as dynamicFace from "../index";
import type { TenantTokenRotationArgs } from "../tenantTokenRotation";
import { NativeResource, type OutputsOf } from "./nativeResource";

/** The tenant token rotation of a Dynatrace environment, served by the native plugin; see the default import's `TenantTokenRotation`. */
export interface TenantTokenRotation extends OutputsOf<dynamicFace.TenantTokenRotation> {}
export class TenantTokenRotation extends NativeResource {
  constructor(name: string, args: TenantTokenRotationArgs, opts?: pulumi.CustomResourceOptions) {
    super("TenantTokenRotation", name, args, opts);
  }
}
