/**
 * The `PersonalAccessToken` resource: an API token bound to its owner's permissions.
 *
 * @module PersonalAccessToken
 */
import type * as pulumi from "@pulumi/pulumi";
import { personalAccessTokenOf } from "../provider/resourceKinds";
import { ApiTokenResource, refuseBadDeclaration } from "./apiTokenBase";
import type { PersonalAccessTokenArgs } from "./generated/apiToken";

export type { PersonalAccessTokenScope } from "../provider/properties/enums";
export type { PersonalAccessTokenArgs } from "./generated/apiToken";

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
    refuseBadDeclaration("PersonalAccessToken", name, args, opts);
    super("PersonalAccessToken", name, { ...args, personalAccessToken: personalAccessTokenOf("PersonalAccessToken")! }, opts);
  }
}
