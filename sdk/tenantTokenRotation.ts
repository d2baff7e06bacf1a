import * as pulumi from "@pulumi/pulumi";
import { TENANT_TOKEN_SECRET_OUTPUTS, type RotationPhase } from "../provider/schemas/tenantToken";
import { DynatraceResource } from "./dynamicResource";
import { installedProvider, providerStub } from "./providerStub";

const provider = providerStub("TenantTokenRotation");

export type { RotationPhase };

export interface TenantTokenRotationArgs {
  /**
   * Where the environment's tenant token rotation should be. `"rotating"` starts a rotation (a new tenant token
   * appears; the old one stays valid); `"finished"` finishes it (the old token stops working — only once every
   * ActiveGate and OneAgent has the new one); `"cancelled"` discards the new token. Moves that make no sense
   * (finishing what was never started, going back) fail at preview with what to do instead.
   */
  phase: pulumi.Input<RotationPhase>;
  /**
   * Which rotation this is. Default: `0`. Raise it (with `phase: "rotating"`) to start the next rotation once the
   * previous one is finished or cancelled; it never goes down.
   */
  generation?: pulumi.Input<number>;
  /** Name of an entry in the `dynatrace-tokens:environments` stack config. Default: `dynatrace-tokens:envUrl`. **Changing it starts a rotation there; the old environment is left as it is.** */
  environment?: pulumi.Input<string>;
}

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
  /** The tenant token agents should use: the new one while rotating and once finished, the original one after a cancel. A Pulumi secret. */
  declare readonly activeToken: pulumi.Output<string>;
  /** The token being replaced, still valid while rotating; `null` once finished or cancelled. A Pulumi secret. */
  declare readonly oldToken: pulumi.Output<string | null>;
  /** The environment's ID. */
  declare readonly tenantUUID: pulumi.Output<string | undefined>;

  constructor(name: string, args: TenantTokenRotationArgs, opts?: pulumi.CustomResourceOptions) {
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
      pulumi.mergeOptions(opts, { additionalSecretOutputs: [...TENANT_TOKEN_SECRET_OUTPUTS] }),
      "dynatrace",
      "TenantTokenRotation",
    );
  }
}
