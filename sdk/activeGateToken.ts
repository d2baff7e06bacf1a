/**
 * The `ActiveGateToken` resource: the token an ActiveGate authenticates with.
 *
 * @module ActiveGateToken
 */
import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_KINDS, stackInput } from "../provider/resourceKinds";
import { PREVIOUS_TOKEN_OUTPUTS, resolveTokenId } from "./previousToken";
import { adoptInstead, argNames, refuseImportOption, refuseUnknownArgs } from "./declaration";
import { DynatraceResource } from "./dynamicResource";
import { installedProvider, providerStub } from "./providerStub";

const provider = providerStub("ActiveGateToken");

/** Takes over an existing ActiveGate token instead of creating one (`pulumi import` does not work for dynamic resources). */
export interface ActiveGateAdoptArgs {
  /**
   * Identifier of the ActiveGate token to take over (`dt0g02.…`). The `token` output stays empty: Dynatrace never
   * returns a secret again, and has no lookup by secret for ActiveGate tokens.
   * @defaultValue none (required in `adopt`)
   * @onChange nothing: only read on the first `up`
   */
  id: pulumi.Input<string>;
}

/** The inputs of an {@link ActiveGateToken}. */
export interface ActiveGateTokenArgs {
  /**
   * Token name shown in Dynatrace.
   * @defaultValue the resource name
   * @onChange replaces the token (the new one is created before the old one is deleted); with `keepPreviousFor`,
   * rotates it in place and keeps the old one
   */
  name?: pulumi.Input<string>;
  /**
   * `"ENVIRONMENT"` or `"CLUSTER"` ActiveGate.
   * @defaultValue "ENVIRONMENT"
   * @onChange replaces the token (the new one is created before the old one is deleted); with `keepPreviousFor`,
   * rotates it in place and keeps the old one
   */
  activeGateType?: pulumi.Input<"ENVIRONMENT" | "CLUSTER">;
  /**
   * A seed token (shared by many ActiveGates) instead of an individual one (recommended).
   * @defaultValue false
   * @onChange replaces the token (the new one is created before the old one is deleted); with `keepPreviousFor`,
   * rotates it in place and keeps the old one
   */
  seedToken?: pulumi.Input<boolean>;
  /**
   * When the token expires — at most two years ahead: `"now+6M"`, an ISO date, or Unix milliseconds. Recommended,
   * since Dynatrace also deletes tokens unused for two years.
   * @defaultValue never expires
   * @onChange replaces the token (the new one is created before the old one is deleted); with `keepPreviousFor`,
   * rotates it in place and keeps the old one
   */
  expirationDate?: pulumi.Input<string | number>;
  /**
   * Replace the token automatically once it expires within this window, e.g. `"30d"`, judged on the Dynatrace
   * server's clock; a token inside the window shows as a replacement. Needs a relative `expirationDate` such as
   * `"now+6M"` (an absolute one would give the new token the same expiry, so that combination is refused).
   * @defaultValue no rotation
   * @onChange updates in place (kept in the state, no request)
   */
  rotateBefore?: pulumi.Input<string>;
  /**
   * Any value, e.g. a `@pulumi/random` `RandomId` or a date stamp: a new value rotates the token.
   * @defaultValue none
   * @onChange replaces the token (the new one is created before the old one is deleted); with `keepPreviousFor`,
   * rotates it in place and keeps the old one
   */
  rotationTrigger?: pulumi.Input<unknown>;
  /**
   * Keep the previous token valid for this long after a rotation, e.g. `"7d"` (units m h d w M y), so that ActiveGates
   * still configured with it keep their connection until they are restarted with the new one. A rotation — a due
   * `rotateBefore`, or a change of any input but `environment` — then issues the new token **in place** (an update,
   * not a replacement; the resource's `id` stays the first token's, the token in use is `tokenId`) and keeps the old
   * one as `previousToken` until `previousTokenRemovalDate`; the first `pulumi up` after that (on the Dynatrace
   * server's clock) deletes it. Refresh and a failed or killed `up` never delete it; `destroy` deletes both. A second
   * rotation while a previous token is kept is refused (a due `rotateBefore` waits).
   * @defaultValue none: a rotation deletes the old token in the same `up`
   * @onChange updates in place (kept in the state); removing it deletes a kept previous token at the next `up`
   */
  keepPreviousFor?: pulumi.Input<string>;
  /**
   * Name of an entry in the `dynatrace-tokens:environments` stack config to create the token in.
   * @defaultValue the environment of `dynatrace-tokens:envUrl`
   * @onChange replaces the token (the new one is created before the old one is deleted)
   */
  environment?: pulumi.Input<string>;
  /**
   * Take over an existing ActiveGate token by its `id` instead of creating a new one (no token is created). Nothing of
   * an ActiveGate token can be changed, so `name` (default: the resource name), `activeGateType` and `seedToken` must
   * match the token — the first `up` refuses to adopt it otherwise, saying what to write; `expirationDate` is kept as
   * requested, for a replacement (the `expirationDate` output is the adopted token's). Only read on the first `up`:
   * remove it afterwards (a replacement is refused at preview while it is set). The adopted token is deleted on
   * `destroy` and when replaced, like any other (use the `retainOnDelete` resource option to keep it).
   * @defaultValue create a new token
   * @onChange nothing: only read on the first `up`
   */
  adopt?: ActiveGateAdoptArgs;
}

/** What the class takes; anything else is refused (see declaration.ts). */
const ARGS = argNames<ActiveGateTokenArgs>()(RESOURCE_KINDS.ActiveGateToken.inputs);
const ADOPT_ARGS = Object.keys(RESOURCE_KINDS.ActiveGateToken.adoptInputs);

/**
 * A Dynatrace ActiveGate token (`/api/v2/activeGateTokens`). ActiveGate tokens cannot be modified, so any change
 * (other than `rotateBefore`) creates a new token before deleting the old one — or, with `keepPreviousFor`, creates
 * it in place and keeps the old one valid for that long (`previousToken`), while ActiveGates move to the new
 * `authToken` line (`activeGateAuthorizationLine`).
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
  /**
   * The token's secret value (`dt0g02.….…`). A Pulumi secret. Absent for a token adopted by id: Dynatrace returns a
   * secret only when it creates the token (a replacement has one again).
   * @secret
   */
  declare readonly token: pulumi.Output<string | undefined>;
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
  /** `"id"` when the token was adopted rather than created. */
  declare readonly adopted: pulumi.Output<"id" | undefined>;
  /** The overlap, as given. */
  declare readonly keepPreviousFor: pulumi.Output<string | undefined>;
  /** The identifier of the token in use (`dt0g02.…`): `id` until a rotation in place (with `keepPreviousFor`) issues a new one. */
  declare readonly tokenId: pulumi.Output<string>;
  /** The token in use before the last rotation in place, still valid until `previousTokenRemovalDate`; undefined when none is kept. */
  declare readonly previousTokenId: pulumi.Output<string | undefined>;
  /**
   * The previous token's secret, for ActiveGates not yet restarted with the new one; undefined when none is kept.
   * @secret
   */
  declare readonly previousToken: pulumi.Output<string | undefined>;
  /** When the first `pulumi up` deletes the previous token (ISO 8601 UTC, on the Dynatrace server's clock). */
  declare readonly previousTokenRemovalDate: pulumi.Output<string | undefined>;

  constructor(name: string, args: ActiveGateTokenArgs = {}, opts?: pulumi.CustomResourceOptions) {
    refuseImportOption("ActiveGateToken", name, opts, adoptInstead("ActiveGateToken", name));
    refuseUnknownArgs("ActiveGateToken", name, args, ARGS);
    // `token` passes, for check to say why an ActiveGate token can't be adopted by its secret.
    refuseUnknownArgs("ActiveGateToken", name, args.adopt, ADOPT_ARGS, "adopt");
    // A secret put in adopt.token by an untyped program (ActiveGate tokens are adopted by id) stays a Pulumi secret
    // on its way to check, which refuses it.
    const adopt = args.adopt as Record<string, unknown> | undefined;
    const adoptInput = adopt !== null && typeof adopt === "object" && "token" in adopt ? { ...adopt, token: pulumi.secret(adopt.token) } : adopt;
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
        adopt: adoptInput,
        ...PREVIOUS_TOKEN_OUTPUTS,
        keepPreviousFor: args.keepPreviousFor,
        // Which stack creates the token: its tag goes into the create marker (docs/recovery.md).
        ...stackInput(pulumi.getProject(), pulumi.getStack()),
        token: undefined,
        dynatraceName: undefined,
        owner: undefined,
        creationDate: undefined,
        requestedExpirationDate: undefined,
        expired: undefined,
        lastUsedDate: undefined,
        adopted: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: [...RESOURCE_KINDS.ActiveGateToken.secretOutputs] }),
      "dynatrace",
      "ActiveGateToken",
    );
    resolveTokenId(this);
  }
}
