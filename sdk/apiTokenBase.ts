/**
 * What `ApiToken`, `PersonalAccessToken` and `PaasToken` share: they are all Dynatrace API tokens, managed by one
 * provider. Their common inputs are here; each resource's page lists them again with its own.
 *
 * @module Common API token inputs
 */
import * as pulumi from "@pulumi/pulumi";
import { DYNAMIC_MODULE, stackInput } from "../provider/resourceKinds";
import { API_TOKEN_PROPERTIES } from "../provider/properties/apiTokens";
import { registeredInputs } from "../provider/properties/names";
import { adoptInstead, refuseImportOption, refuseUnknownArguments, type ResourceClass } from "./declaration";
import { DynatraceResource } from "./dynamicResource";
import { outputPlaceholdersOf, withSecretOutputs } from "./registration";
import type { ApiTokenOutputs, CommonApiTokenArgs } from "./generated/apiToken";
import { installedProvider, providerStub } from "./providerStub";
import { resolveTokenId } from "./previousToken";

const provider = providerStub("ApiToken");

export type { AdoptArgs, CommonApiTokenArgs } from "./generated/apiToken";

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
): void {
  refuseImportOption(kind, name, opts, adoptInstead(kind, name));
  refuseUnknownArguments(kind, name, args);
}

/** @internal What the SDK classes hand to the provider. */
export interface ApiTokenProps extends CommonApiTokenArgs {
  scopes: pulumi.Input<pulumi.Input<string>[]>;
  personalAccessToken: boolean;
  /** PaasToken only: passed along so that the provider can refuse a value that is not a boolean. */
  supportAlert?: pulumi.Input<boolean>;
}

// The outputs, declared from the property table (sdk/generated/apiToken.ts) and merged into the class.
export interface ApiTokenResource extends ApiTokenOutputs {}

/** @internal The shared resource class; use ApiToken, PersonalAccessToken or PaasToken. */
export abstract class ApiTokenResource extends DynatraceResource {
  protected constructor(type: ResourceClass, name: string, args: ApiTokenProps, opts?: pulumi.CustomResourceOptions) {
    const adopt = args.adopt
      ? { id: args.adopt.id, token: args.adopt.token === undefined ? undefined : pulumi.secret(args.adopt.token) }
      : undefined;
    super(
      installedProvider(provider),
      name,
      {
        // Every output, so that it exists on the object; then the inputs.
        ...outputPlaceholdersOf(type),
        ...registeredInputs(API_TOKEN_PROPERTIES, args),
        name: args.name ?? name,
        adopt,
        // Which stack creates the token: its tag goes into the create marker (docs/recovery.md).
        ...stackInput(pulumi.getProject(), pulumi.getStack()),
      },
      withSecretOutputs(type, opts),
      DYNAMIC_MODULE,
      type,
    );
    resolveTokenId(this);
  }
}
