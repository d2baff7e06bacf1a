/**
 * The `TenantTokenRotation` resource: an environment's tenant token rotation, run by `pulumi up`.
 *
 * @module TenantTokenRotation
 */
import * as pulumi from "@pulumi/pulumi";
import type { RotationPhase } from "../provider/schemas/rotationPhase";
import { registeredInputs } from "../provider/properties/names";
import { TENANT_TOKEN_ROTATION_PROPERTIES } from "../provider/properties/tenantTokenRotation";
import { DYNAMIC_MODULE } from "../provider/resourceKinds";
import { refuseImportOption, refuseUnknownArguments } from "./declaration";
import { DynatraceResource } from "./dynamicResource";
import { outputPlaceholdersOf, withSecretOutputs } from "./registration";
import type { TenantTokenRotationArgs, TenantTokenRotationOutputs } from "./generated/tenantTokenRotation";
import { installedProvider, providerStub } from "./providerStub";

export type { RotationPhase };
export type { TenantTokenRotationArgs } from "./generated/tenantTokenRotation";

const provider = providerStub("TenantTokenRotation");


/** A rotation is not a thing to import: declaring the resource is all it takes. */
const NOTHING_TO_IMPORT =
  () =>
    "There is nothing to import either: remove `import`. The resource starts a rotation when declared with " +
    '`phase: "rotating"`; one that someone else started is reported at preview, to be finished or cancelled by them first.';

// The outputs, declared from the property table (sdk/generated/tenantTokenRotation.ts) and merged into the class.
export interface TenantTokenRotation extends TenantTokenRotationOutputs {}

/**
 * The tenant token rotation of a Dynatrace environment, declared by phase and run by `pulumi up`: declare
 * `phase: "rotating"`, hand `activeToken` to every ActiveGate and OneAgent (see `activeGateAuthorizationLine`,
 * `oneAgentSetTenantTokenCommand`, `tenantTokenSecret`), then declare `phase: "finished"`. The configured API
 * token needs `tenantTokenRotation.write` and `InstallerDownload`.
 *
 * Deleting the resource never finishes or cancels a rotation: the environment is left as it is, with a warning
 * when a rotation was still running. `pulumi refresh` records a rotation finished or cancelled by hand as a
 * changed `phase`.
 *
 * @example
 * ```ts
 * import * as dt from "pulumi-dynatrace-tokens";
 *
 * const rotation = new dt.TenantTokenRotation("tenant-token", { phase: "rotating", generation: 1 });
 * export const newTenantToken = rotation.activeToken; // a Pulumi secret
 * ```
 */
export class TenantTokenRotation extends DynatraceResource {
  constructor(name: string, args: TenantTokenRotationArgs, opts?: pulumi.CustomResourceOptions) {
    refuseImportOption("TenantTokenRotation", name, opts, NOTHING_TO_IMPORT);
    refuseUnknownArguments("TenantTokenRotation", name, args);
    super(
      installedProvider(provider),
      name,
      // Every output, so that it exists on the object; then the inputs.
      { ...outputPlaceholdersOf("TenantTokenRotation"), ...registeredInputs(TENANT_TOKEN_ROTATION_PROPERTIES, args) },
      withSecretOutputs("TenantTokenRotation", opts),
      DYNAMIC_MODULE,
      "TenantTokenRotation",
    );
  }
}
