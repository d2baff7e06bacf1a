import * as pulumi from "@pulumi/pulumi";
import { DynatraceResource } from "./dynamicResource";
import { installedProvider, providerStub } from "./providerStub";

const provider = providerStub("ActiveGateToken");

export interface ActiveGateTokenArgs {
  /** Token name shown in Dynatrace. Default: the resource name. **Changing it replaces the token.** */
  name?: pulumi.Input<string>;
  /** `"ENVIRONMENT"` or `"CLUSTER"` ActiveGate. Default: `"ENVIRONMENT"`. **Changing it replaces the token.** */
  activeGateType?: pulumi.Input<"ENVIRONMENT" | "CLUSTER">;
  /** A seed token (shared by many ActiveGates) instead of an individual one. Default: `false` (recommended). **Changing it replaces the token.** */
  seedToken?: pulumi.Input<boolean>;
  /**
   * When the token expires — at most two years ahead: `"now+6M"`, an ISO date, or Unix milliseconds. Recommended,
   * since Dynatrace also deletes tokens unused for two years. Default: never. **Changing it replaces the token.**
   */
  expirationDate?: pulumi.Input<string | number>;
  /**
   * Replace the token automatically once it expires within this window, e.g. `"30d"`, judged on the Dynatrace
   * server's clock. Needs a relative `expirationDate` such as `"now+6M"` (an absolute one would give the new token the
   * same expiry, so that combination is refused).
   */
  rotateBefore?: pulumi.Input<string>;
  /** Any value; **changing it replaces the token**. */
  rotationTrigger?: pulumi.Input<unknown>;
  /** Name of an entry in the `dynatrace-tokens:environments` stack config. Default: `dynatrace-tokens:envUrl`. **Changing it replaces the token.** */
  environment?: pulumi.Input<string>;
}

/**
 * A Dynatrace ActiveGate token (`/api/v2/activeGateTokens`). ActiveGate tokens cannot be modified, so any change
 * (other than `rotateBefore`) creates a new token before deleting the old one.
 *
 * @example
 * ```ts
 * import * as dt from "pulumi-dynatrace-tokens";
 *
 * const ag = new dt.ActiveGateToken("ag", {
 *   activeGateType: "ENVIRONMENT",
 *   seedToken: false,
 *   expirationDate: "now+6M",
 *   rotateBefore: "30d",
 * });
 * export const activeGateToken = ag.token;
 * ```
 */
export class ActiveGateToken extends DynatraceResource {
  /** The token's name, as requested. */
  declare readonly name: pulumi.Output<string>;
  /**
   * The name as Dynatrace shows it: `name` followed by the create marker ` ⟨pulumi <stack tag>.<nonce>⟩` that lets
   * lost creates and a killed `pulumi up` be recovered exactly (docs/recovery.md). Set by create and refresh.
   */
  declare readonly dynatraceName: pulumi.Output<string | undefined>;
  /** `"ENVIRONMENT"` or `"CLUSTER"`. */
  declare readonly activeGateType: pulumi.Output<"ENVIRONMENT" | "CLUSTER">;
  /** Whether this is a seed token. */
  declare readonly seedToken: pulumi.Output<boolean>;
  /** The token's secret value (`dt0g02.….…`). A Pulumi secret. */
  declare readonly token: pulumi.Output<string>;
  /** Owner of the token. */
  declare readonly owner: pulumi.Output<string | undefined>;
  /** When the token was created (ISO 8601, UTC). */
  declare readonly creationDate: pulumi.Output<string | undefined>;
  /** When the token expires (ISO 8601, UTC); undefined = never. */
  declare readonly expirationDate: pulumi.Output<string | undefined>;
  /** `expirationDate` exactly as requested, e.g. `"now+6M"`. */
  declare readonly requestedExpirationDate: pulumi.Output<string | number | undefined>;
  /**
   * True once `expirationDate` has passed on the Dynatrace server's clock: the token no longer authenticates. Set at
   * create and refresh, and by the first `up` after it expired (which also prints a warning saying how to get a new
   * token); an expired token is never an error, so the rest of the stack still deploys. Use `rotateBefore` with a
   * relative `expirationDate` to replace tokens before this happens.
   */
  declare readonly expired: pulumi.Output<boolean | undefined>;
  /** When the token was last used (ISO 8601, UTC), as of the last create or refresh. */
  declare readonly lastUsedDate: pulumi.Output<string | undefined>;
  /** The rotation window, as given. */
  declare readonly rotateBefore: pulumi.Output<string | undefined>;
  /** The rotation trigger, as given. */
  declare readonly rotationTrigger: pulumi.Output<unknown>;
  /** The `dynatrace-tokens:environments` entry the token lives in. */
  declare readonly environment: pulumi.Output<string | undefined>;

  constructor(name: string, args: ActiveGateTokenArgs = {}, opts?: pulumi.CustomResourceOptions) {
    super(
      installedProvider(provider),
      name,
      {
        name: args.name ?? name,
        activeGateType: args.activeGateType,
        seedToken: args.seedToken,
        expirationDate: args.expirationDate,
        rotateBefore: args.rotateBefore,
        rotationTrigger: args.rotationTrigger,
        environment: args.environment,
        // Which stack creates the token: its tag goes into the create marker (docs/recovery.md).
        pulumiStack: `${pulumi.getProject()}/${pulumi.getStack()}`,
        token: undefined,
        dynatraceName: undefined,
        owner: undefined,
        creationDate: undefined,
        requestedExpirationDate: undefined,
        expired: undefined,
        lastUsedDate: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: ["token"] }),
      "dynatrace",
      "ActiveGateToken",
    );
  }
}
