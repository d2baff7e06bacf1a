/**
 * The `ActiveGateToken` resource: the token an ActiveGate authenticates with.
 *
 * @module ActiveGateToken
 */
import * as pulumi from "@pulumi/pulumi";
import { DYNAMIC_MODULE, stackInput } from "../provider/resourceKinds";
import { ACTIVE_GATE_TOKEN_PROPERTIES } from "../provider/properties/activeGateToken";
import { registeredInputs } from "../provider/properties/names";
import { adoptInstead, refuseImportOption, refuseUnknownArguments } from "./declaration";
import { DynatraceResource } from "./dynamicResource";
import { outputPlaceholdersOf, withSecretOutputs } from "./registration";
import type { ActiveGateTokenArgs, ActiveGateTokenOutputs } from "./generated/activeGateToken";
import { resolveTokenId } from "./previousToken";
import { installedProvider, providerStub } from "./providerStub";

export type { ActiveGateAdoptArgs, ActiveGateTokenArgs } from "./generated/activeGateToken";

const provider = providerStub("ActiveGateToken");


// The outputs, declared from the property table (sdk/generated/activeGateToken.ts) and merged into the class.
export interface ActiveGateToken extends ActiveGateTokenOutputs {}

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
  constructor(name: string, args: ActiveGateTokenArgs = {}, opts?: pulumi.CustomResourceOptions) {
    refuseImportOption("ActiveGateToken", name, opts, adoptInstead("ActiveGateToken", name));
    // In `adopt`, `token` passes, for check to say why an ActiveGate token can't be adopted by its secret.
    refuseUnknownArguments("ActiveGateToken", name, args);
    // A secret put in adopt.token by an untyped program (ActiveGate tokens are adopted by id) stays a Pulumi secret
    // on its way to check, which refuses it.
    const adopt = args.adopt as Record<string, unknown> | undefined;
    const adoptInput = adopt !== null && typeof adopt === "object" && "token" in adopt ? { ...adopt, token: pulumi.secret(adopt.token) } : adopt;
    super(
      installedProvider(provider),
      name,
      {
        // Every output, so that it exists on the object; then the inputs.
        ...outputPlaceholdersOf("ActiveGateToken"),
        ...registeredInputs(ACTIVE_GATE_TOKEN_PROPERTIES, args),
        name: args.name ?? name,
        adopt: adoptInput,
        // Which stack creates the token: its tag goes into the create marker (docs/recovery.md).
        ...stackInput(pulumi.getProject(), pulumi.getStack()),
      },
      withSecretOutputs("ActiveGateToken", opts),
      DYNAMIC_MODULE,
      "ActiveGateToken",
    );
    resolveTokenId(this);
  }
}
