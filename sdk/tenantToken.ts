/**
 * Reading the environment's tenant token and communication endpoints from a Pulumi program.
 *
 * @module getTenantToken
 */
// It runs in the Pulumi program (not in the provider), so it reads the credentials from the stack config there, with
// the same resolution and checks the provider uses.
import * as pulumi from "@pulumi/pulumi";
import { TenantTokenClient, type ConnectionInfo } from "../provider/client/tenantToken";
import { DynatraceHttpClient } from "../provider/client/http";
import { configure, resolveCredentials } from "../provider/config";
import type { GetTenantTokenArgs, GetTenantTokenOutputArgs, GetTenantTokenResult, TenantTokenInfo } from "./generated/tenantToken";

export type { GetTenantTokenArgs, GetTenantTokenOutputArgs, GetTenantTokenResult, TenantTokenInfo } from "./generated/tenantToken";

/** The credentials for `environment`, from this stack's config (or DYNATRACE_ENV_URL / DYNATRACE_API_TOKEN). */
function programCredentials(environment: string | undefined) {
  // The same keys, in the same order, as the provider's `configure` sees them; `key` is `namespace:name`.
  configure({
    get: (key) => {
      const separator = key.indexOf(":");
      return new pulumi.Config(key.slice(0, separator)).get(key.slice(separator + 1));
    },
  });
  return resolveCredentials(environment);
}

async function fetchConnectionInfo(environment: string | undefined, networkZone: string | undefined): Promise<ConnectionInfo> {
  const { envUrl, apiToken, source, configKey } = programCredentials(environment);
  const http = new DynatraceHttpClient({ envUrl, apiToken, credentialSource: { description: source, configKey } });
  try {
    return await new TenantTokenClient(http).connectionInfo({ networkZone });
  } finally {
    await http.close();
  }
}

/**
 * Reads the environment's tenant token and communication endpoints (`GET /api/v1/deployment/installer/agent/connectioninfo`).
 * The configured API token needs the `InstallerDownload` scope. During a rotation this is the new token.
 *
 * @example
 * ```ts
 * import * as dt from "pulumi-dynatrace-tokens";
 *
 * const info = await dt.getTenantToken();
 * export const tenantToken = info.tenantToken; // a Pulumi secret
 * export const endpoints = info.formattedCommunicationEndpoints;
 * ```
 */
export async function getTenantToken(args: GetTenantTokenArgs = {}): Promise<GetTenantTokenResult> {
  const info = await fetchConnectionInfo(args.environment, args.networkZone);
  return { ...info, tenantToken: pulumi.secret(info.tenantToken) };
}

/**
 * `getTenantToken` in Output form, for inputs that are Outputs. The whole result is a Pulumi secret, because it
 * holds the tenant token; take the other fields out with `.apply` (they stay marked secret).
 *
 * @example
 * ```ts
 * const info = dt.getTenantTokenOutput({ environment: "prod" });
 * export const tenantToken = info.tenantToken;
 * ```
 */
export function getTenantTokenOutput(args: GetTenantTokenOutputArgs = {}): pulumi.Output<TenantTokenInfo> {
  // Secret before the value exists, so the token is never held by an Output that is not marked secret.
  return pulumi
    .secret({ environment: args.environment, networkZone: args.networkZone })
    .apply(({ environment, networkZone }) => fetchConnectionInfo(environment ?? undefined, networkZone ?? undefined));
}
