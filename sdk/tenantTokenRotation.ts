/**
 * The `TenantTokenRotation` resource: an environment's tenant token rotation, run by `pulumi up`.
 *
 * @module TenantTokenRotation
 */
import * as pulumi from "@pulumi/pulumi";
import type { RotationPhase } from "../provider/schemas/rotationPhase";
import { RESOURCE_KINDS } from "../provider/resourceKinds";
import { argNames, refuseImportOption, refuseUnknownArgs } from "./declaration";
import { DynatraceResource } from "./dynamicResource";
import { installedProvider, providerStub } from "./providerStub";

const provider = providerStub("TenantTokenRotation");

export type { RotationPhase };

/** The inputs of a {@link TenantTokenRotation}. */
export interface TenantTokenRotationArgs {
  /**
   * Where the environment's tenant token rotation should be. `"rotating"` starts a rotation (a new tenant token
   * appears; the old one stays valid); `"finished"` finishes it (the old token stops working — only once every
   * ActiveGate and OneAgent has the new one); `"cancelled"` discards the new token. Moves that make no sense
   * (finishing what was never started, going back) fail at preview with what to do instead.
   * @defaultValue required
   * @onChange updates in place (one rotation step per `up`)
   */
  phase: pulumi.Input<RotationPhase>;
  /**
   * Which rotation this is. Raise it (with `phase: "rotating"`) to start the next rotation once the previous one is
   * finished or cancelled; it never goes down.
   * @defaultValue 0
   * @onChange updates in place (starts the next rotation)
   */
  generation?: pulumi.Input<number>;
  /**
   * Name of an entry in the `dynatrace-tokens:environments` stack config to rotate the tenant token of.
   * @defaultValue the environment of `dynatrace-tokens:envUrl`
   * @onChange replaces the resource: starts a rotation in the new environment; the old one is left as it is
   */
  environment?: pulumi.Input<string>;
}

/** What the class takes; anything else is refused (see declaration.ts). */
const ARGS = argNames<TenantTokenRotationArgs>()(RESOURCE_KINDS.TenantTokenRotation.inputs);

/** A rotation is not a thing to import: declaring the resource is all it takes. */
const NOTHING_TO_IMPORT =
  () =>
    "There is nothing to import either: remove `import`. The resource starts a rotation when declared with " +
    '`phase: "rotating"`; one that someone else started is reported at preview, to be finished or cancelled by them first.';

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
  /** The phase the rotation is in, as of the last `up` or `refresh`. */
  declare readonly phase: pulumi.Output<RotationPhase>;
  /** Which rotation this is. */
  declare readonly generation: pulumi.Output<number>;
  /** The `dynatrace-tokens:environments` entry the rotation runs in. */
  declare readonly environment: pulumi.Output<string | undefined>;
  /** The environment's rotation status as last seen: `"ACTIVE"` while two tenant tokens are valid. */
  declare readonly status: pulumi.Output<"ACTIVE" | "INACTIVE">;
  /**
   * The tenant token agents should use: the new one while rotating and once finished, the original one after a cancel.
   * @secret
   */
  declare readonly activeToken: pulumi.Output<string>;
  /**
   * The token being replaced, still valid while rotating; `null` once finished or cancelled.
   * @secret
   */
  declare readonly oldToken: pulumi.Output<string | null>;
  /** The environment's ID. */
  declare readonly tenantUUID: pulumi.Output<string | undefined>;

  constructor(name: string, args: TenantTokenRotationArgs, opts?: pulumi.CustomResourceOptions) {
    refuseImportOption("TenantTokenRotation", name, opts, NOTHING_TO_IMPORT);
    refuseUnknownArgs("TenantTokenRotation", name, args, ARGS);
    super(
      installedProvider(provider),
      name,
      {
        phase: args.phase,
        generation: args.generation,
        environment: args.environment,
        status: undefined,
        activeToken: undefined,
        oldToken: undefined,
        startedToken: undefined,
        tenantUUID: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: [...RESOURCE_KINDS.TenantTokenRotation.secretOutputs] }),
      "dynatrace",
      "TenantTokenRotation",
    );
  }
}
