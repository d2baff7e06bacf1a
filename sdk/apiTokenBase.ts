/**
 * What `ApiToken`, `PersonalAccessToken` and `PaasToken` share: they are all Dynatrace API tokens, managed by one
 * provider. Their common inputs are here; each resource's page lists them again with its own.
 *
 * @module Common API token inputs
 */
import * as pulumi from "@pulumi/pulumi";
import type { Scope } from "../provider/catalog/scopes";
import { PREVIOUS_TOKEN_OUTPUTS, resolveTokenId } from "./previousToken";
import { API_TOKEN_ADOPT_INPUTS, COMMON_API_TOKEN_INPUTS, RESOURCE_KINDS, stackInput } from "../provider/resourceKinds";
import { adoptInstead, argNames, refuseImportOption, refuseUnknownArgs, type ResourceClass } from "./declaration";
import { DynatraceResource } from "./dynamicResource";
import { installedProvider, providerStub } from "./providerStub";

const provider = providerStub("ApiToken");

/** Takes over an existing token instead of creating one (`pulumi import` does not work for dynamic resources). */
export interface AdoptArgs {
  /**
   * Identifier of the token to take over (`dt0c01.…`). The `token` output stays empty: Dynatrace never returns a secret
   * again.
   * @defaultValue none
   * @onChange nothing: only read on the first `up`
   */
  id?: pulumi.Input<string>;
  /**
   * The secret of the token to take over, resolved through the lookup endpoint; kept as the `token` output. Made a
   * Pulumi secret by the resource, whatever you pass.
   * @secret
   * @defaultValue none
   * @onChange nothing: only read on the first `up`
   */
  token?: pulumi.Input<string>;
}

/** Inputs every API-token kind accepts. */
export interface CommonApiTokenArgs {
  /**
   * Token name shown in Dynatrace (names need not be unique).
   * @defaultValue the resource name
   * @onChange updates in place (one request)
   */
  name?: pulumi.Input<string>;
  /**
   * Whether the token can be used.
   * @defaultValue true
   * @onChange updates in place (one request)
   */
  enabled?: pulumi.Input<boolean>;
  /**
   * When the token expires: a relative date such as `"now+90d"` or `"now+6M"` (units m h d w M y), an ISO date such as
   * `"2027-01-31T00:00:00Z"`, or Unix milliseconds. A relative date is resolved once, at creation, and does not cause a
   * diff afterwards.
   * @defaultValue never expires
   * @onChange replaces the token (the new one is created before the old one is deleted); with `keepPreviousFor`,
   * rotates it in place and keeps the old one
   */
  expirationDate?: pulumi.Input<string | number>;
  /**
   * Replace the token automatically once it expires within this window, e.g. `"14d"` (units m h d w M y). Evaluated at
   * every preview on the Dynatrace server's clock, from the stored expiration (one clock reading per environment, no
   * request per token); a token inside the window shows as a replacement. Needs a relative `expirationDate` such as
   * `"now+90d"`: with an absolute date the new token would get the same expiry, so that combination is refused.
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
   * Keep the previous token valid for this long after a rotation, e.g. `"24h"` (units m h d w M y), so that consumers
   * that pick up the new secret later (an agent restarted with it, a secret synced by another pipeline) lose nothing.
   * A rotation — a due `rotateBefore`, a changed `rotationTrigger`, `expirationDate` or `personalAccessToken` — then
   * issues the new token **in place** (an update, not a replacement; the resource's `id` stays the first token's, the
   * token in use is `tokenId`) and keeps the old one as `previousToken` until `previousTokenRemovalDate`; the first
   * `pulumi up` after that (on the Dynatrace server's clock) deletes it. Refresh and a failed or killed `up` never
   * delete it; `destroy` deletes both. A second rotation while a previous token is kept is refused (a due
   * `rotateBefore` waits). A change of `environment` still replaces the resource.
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
   * Take over an existing token, by `id` or by its secret `token`, instead of creating a new one; `name`, `scopes`
   * and `enabled` are then applied to it. Remove it after the first `up`. The adopted token is deleted on `destroy`
   * like any other (use the `retainOnDelete` resource option to keep it).
   * @defaultValue create a new token
   * @onChange nothing: only read on the first `up`
   */
  adopt?: AdoptArgs;
}

// The compiler checks the lists of provider/resourceKinds.ts against the interfaces above.
argNames<CommonApiTokenArgs>()(COMMON_API_TOKEN_INPUTS);
const ADOPT_ARGS = argNames<AdoptArgs>()(API_TOKEN_ADOPT_INPUTS);

/**
 * @internal
 * Refuses, when the resource is declared, properties `kind` doesn't have and the `import` option (see declaration.ts).
 * Called by each class with the arguments exactly as the program passed them.
 */
export function refuseBadDeclaration(
  kind: ResourceClass,
  name: string,
  args: object | undefined,
  opts: pulumi.CustomResourceOptions | undefined,
  known: readonly string[],
): void {
  refuseImportOption(kind, name, opts, adoptInstead(kind, name));
  refuseUnknownArgs(kind, name, args, known);
  refuseUnknownArgs(kind, name, (args as CommonApiTokenArgs | undefined)?.adopt, ADOPT_ARGS, "adopt");
}

/** @internal What the SDK classes hand to the provider. */
export interface ApiTokenProps extends CommonApiTokenArgs {
  scopes: pulumi.Input<pulumi.Input<Scope>[]>;
  personalAccessToken: boolean;
  /** PaasToken only: passed along so that the provider can refuse a value that is not a boolean. */
  supportAlert?: pulumi.Input<boolean>;
}

/** @internal The shared resource class; use ApiToken, PersonalAccessToken or PaasToken. */
export abstract class ApiTokenResource extends DynatraceResource {
  /** The token's name, as requested. */
  declare readonly name: pulumi.Output<string>;
  /**
   * The name as Dynatrace shows it: `name` followed by the create marker ` ⟨pulumi <stack tag>.<nonce>⟩` that lets
   * lost creates and a killed `pulumi up` be recovered exactly (docs/recovery.md). Set by create and refresh.
   */
  declare readonly dynatraceName: pulumi.Output<string | undefined>;
  /** The token's scopes, sorted. */
  declare readonly scopes: pulumi.Output<Scope[]>;
  /** Whether the token can be used. */
  declare readonly enabled: pulumi.Output<boolean>;
  /** Whether this is a personal access token. */
  declare readonly personalAccessToken: pulumi.Output<boolean>;
  /**
   * The token's secret value (`dt0c01.….…`). Empty for a token adopted by id.
   * @secret
   */
  declare readonly token: pulumi.Output<string | undefined>;
  /** Owner of the token (the owner of the token the provider is configured with). */
  declare readonly owner: pulumi.Output<string | undefined>;
  /** When the token was created (ISO 8601, UTC). */
  declare readonly creationDate: pulumi.Output<string | undefined>;
  /** When the token expires (ISO 8601, UTC); undefined = never. */
  declare readonly expirationDate: pulumi.Output<string | undefined>;
  /** `expirationDate` exactly as requested, e.g. `"now+90d"`. */
  declare readonly requestedExpirationDate: pulumi.Output<string | number | undefined>;
  /**
   * True once `expirationDate` has passed on the Dynatrace server's clock: the token no longer authenticates. Set at
   * create and refresh, and by the first `up` after it expired (which also prints a warning saying how to get a new
   * token); an expired token is never an error, so the rest of the stack still deploys. Use `rotateBefore` with a
   * relative `expirationDate` to replace tokens before this happens.
   */
  declare readonly expired: pulumi.Output<boolean | undefined>;
  /** When the token was last used (ISO 8601, UTC), as of the last create, update or refresh. */
  declare readonly lastUsedDate: pulumi.Output<string | undefined>;
  /** The IP address that last used the token, as of the last create, update or refresh. */
  declare readonly lastUsedIpAddress: pulumi.Output<string | undefined>;
  /** When the token's name or scopes last changed (ISO 8601, UTC). */
  declare readonly modifiedDate: pulumi.Output<string | undefined>;
  /** The rotation window, as given. */
  declare readonly rotateBefore: pulumi.Output<string | undefined>;
  /** The rotation trigger, as given. */
  declare readonly rotationTrigger: pulumi.Output<unknown>;
  /** The `dynatrace-tokens:environments` entry the token lives in; undefined = the default environment. */
  declare readonly environment: pulumi.Output<string | undefined>;
  /** `"id"` or `"token"` when the token was adopted rather than created. */
  declare readonly adopted: pulumi.Output<"id" | "token" | undefined>;
  /** The overlap, as given. */
  declare readonly keepPreviousFor: pulumi.Output<string | undefined>;
  /** The identifier of the token in use (`dt0c01.…`): `id` until a rotation in place (with `keepPreviousFor`) issues a new one. */
  declare readonly tokenId: pulumi.Output<string>;
  /** The token in use before the last rotation in place, still valid until `previousTokenRemovalDate`; undefined when none is kept. */
  declare readonly previousTokenId: pulumi.Output<string | undefined>;
  /**
   * The previous token's secret, for consumers that haven't moved yet; undefined when none is kept.
   * @secret
   */
  declare readonly previousToken: pulumi.Output<string | undefined>;
  /** When the first `pulumi up` deletes the previous token (ISO 8601 UTC, on the Dynatrace server's clock). */
  declare readonly previousTokenRemovalDate: pulumi.Output<string | undefined>;
  /** `false` when `pulumi refresh` found the previous token disabled by hand (reported with a warning, never undone). */
  declare readonly previousTokenEnabled: pulumi.Output<boolean | undefined>;

  protected constructor(type: "ApiToken" | "PersonalAccessToken" | "PaasToken", name: string, args: ApiTokenProps, opts?: pulumi.CustomResourceOptions) {
    const adopt = args.adopt
      ? { id: args.adopt.id, token: args.adopt.token === undefined ? undefined : pulumi.secret(args.adopt.token) }
      : undefined;
    super(
      installedProvider(provider),
      name,
      {
        name: args.name ?? name,
        scopes: args.scopes,
        enabled: args.enabled,
        personalAccessToken: args.personalAccessToken,
        expirationDate: args.expirationDate,
        rotateBefore: args.rotateBefore,
        rotationTrigger: args.rotationTrigger,
        environment: args.environment,
        adopt,
        ...PREVIOUS_TOKEN_OUTPUTS,
        keepPreviousFor: args.keepPreviousFor,
        supportAlert: args.supportAlert,
        // Which stack creates the token: its tag goes into the create marker (docs/recovery.md).
        ...stackInput(pulumi.getProject(), pulumi.getStack()),
        token: undefined,
        dynatraceName: undefined,
        owner: undefined,
        creationDate: undefined,
        requestedExpirationDate: undefined,
        expired: undefined,
        lastUsedDate: undefined,
        lastUsedIpAddress: undefined,
        modifiedDate: undefined,
        adopted: undefined,
      },
      pulumi.mergeOptions(opts, { additionalSecretOutputs: [...RESOURCE_KINDS[type].secretOutputs] }),
      "dynatrace",
      type,
    );
    resolveTokenId(this);
  }
}
