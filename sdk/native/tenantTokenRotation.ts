// The native TenantTokenRotation class, with the default import's arguments.
import * as pulumi from "@pulumi/pulumi";
import type * as dynamicFace from "../index";
import type { TenantTokenRotationArgs } from "../tenantTokenRotation";
import { refuseUnknownArguments, registeredProperties, typeOf, withSecretOutputs, type OutputsOf } from "./nativeResource";

/** The tenant token rotation of a Dynatrace environment, served by the native plugin; see the default import's `TenantTokenRotation`. */
export interface TenantTokenRotation extends OutputsOf<dynamicFace.TenantTokenRotation> {}
export class TenantTokenRotation extends pulumi.CustomResource {
  constructor(name: string, args: TenantTokenRotationArgs, opts?: pulumi.CustomResourceOptions) {
    refuseUnknownArguments("TenantTokenRotation", name, args);
    super(typeOf("TenantTokenRotation"), name, registeredProperties("TenantTokenRotation", args), withSecretOutputs("TenantTokenRotation", opts));
  }
}
