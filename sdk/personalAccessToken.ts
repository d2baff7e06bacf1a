/**
 * The `PersonalAccessToken` resource: an API token bound to its owner's permissions.
 *
 * @module PersonalAccessToken
 */
import type * as pulumi from "@pulumi/pulumi";
import type { Scope } from "../provider/catalog/scopes";
import { personalAccessTokenOf, RESOURCE_KINDS } from "../provider/resourceKinds";
import { ApiTokenResource, refuseBadDeclaration, type CommonApiTokenArgs } from "./apiTokenBase";
import { argNames } from "./declaration";

/** The v2 (dotted) scopes, the only ones a personal access token can carry. */
export type PersonalAccessTokenScope = Extract<Scope, `${string}.${string}`>;

/** The inputs of a {@link PersonalAccessToken}. */
export interface PersonalAccessTokenArgs extends CommonApiTokenArgs {
  /**
   * What the token may do, bounded by the owner's permissions; v2 (dotted) scopes only. Compared as a set: order never
   * causes a diff.
   * @defaultValue required
   * @onChange updates in place (one request that sends the whole set)
   */
  scopes: pulumi.Input<pulumi.Input<PersonalAccessTokenScope>[]>;
}

/** What the class takes; anything else is refused (see declaration.ts). */
const ARGS = argNames<PersonalAccessTokenArgs>()(RESOURCE_KINDS.PersonalAccessToken.inputs);

/**
 * A Dynatrace personal access token: an API token bound to its owner's permissions.
 *
 * @example
 * ```ts
 * import * as dt from "pulumi-dynatrace-tokens";
 *
 * const mine = new dt.PersonalAccessToken("my-readonly", {
 *   scopes: ["metrics.read", "entities.read"],
 *   expirationDate: "now+30d",
 * });
 * export const myToken = mine.token;
 * ```
 */
export class PersonalAccessToken extends ApiTokenResource {
  constructor(name: string, args: PersonalAccessTokenArgs, opts?: pulumi.CustomResourceOptions) {
    refuseBadDeclaration("PersonalAccessToken", name, args, opts, ARGS);
    super("PersonalAccessToken", name, { ...args, personalAccessToken: personalAccessTokenOf("PersonalAccessToken")! }, opts);
  }
}
