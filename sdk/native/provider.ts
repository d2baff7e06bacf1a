// The native plugin's explicit provider: one Dynatrace environment (or a set of them) per provider resource, for
// programs that manage several. Resources take it with the `provider` resource option.
import * as pulumi from "@pulumi/pulumi";
import { PROVIDER_INPUTS } from "../../provider/properties/config";
import { PACKAGE } from "../../provider/resourceKinds";
import { unknownPropertiesMessage } from "../../provider/validation/unknownProperties";
import { DeclarationError } from "../declaration";

/** One entry of `environments`. */
export interface ProviderEnvironmentArgs {
  /** The environment's address, e.g. `https://abc12345.live.dynatrace.com`. */
  envUrl: pulumi.Input<string>;
  /** An access token with `apiTokens.read` and `apiTokens.write` (and `activeGateTokenManagement.*`). A Pulumi secret. */
  apiToken: pulumi.Input<string>;
}

/** The inputs of a {@link Provider}; each defaults as the stack config `dynatrace-tokens:<key>` would. */
export interface ProviderArgs {
  /** The environment's address, e.g. `https://abc12345.live.dynatrace.com`. Default: `DYNATRACE_ENV_URL`. */
  envUrl?: pulumi.Input<string>;
  /**
   * An access token with `apiTokens.read` and `apiTokens.write` (and `activeGateTokenManagement.*` for ActiveGate
   * tokens). Made a Pulumi secret, whatever you pass: encrypted in the state like any provider secret. Default:
   * `DYNATRACE_API_TOKEN`.
   */
  apiToken?: pulumi.Input<string>;
  /** Named environments, for resources' `environment` argument. Made a Pulumi secret as a whole (it holds tokens). */
  environments?: pulumi.Input<Record<string, pulumi.Input<ProviderEnvironmentArgs>>>;
}

/**
 * The native plugin's provider, for an environment other than the stack config's.
 *
 * @example
 * ```ts
 * import * as dt from "pulumi-dynatrace-tokens/native";
 *
 * const prod = new dt.Provider("prod", { envUrl: "https://abc12345.live.dynatrace.com", apiToken: config.requireSecret("prodToken") });
 * new dt.ApiToken("ingest", { scopes: ["metrics.ingest"] }, { provider: prod });
 * ```
 */
export class Provider extends pulumi.ProviderResource {
  constructor(name: string, args: ProviderArgs = {}, opts?: pulumi.ResourceOptions) {
    const refused = unknownPropertiesMessage("Provider", name, args as Record<string, unknown>, PROVIDER_INPUTS);
    if (refused) throw new DeclarationError(refused.message);
    super(
      PACKAGE,
      name,
      {
        envUrl: args.envUrl,
        apiToken: args.apiToken === undefined ? undefined : pulumi.secret(args.apiToken),
        environments: args.environments === undefined ? undefined : pulumi.secret(args.environments),
      },
      opts,
    );
  }
}
