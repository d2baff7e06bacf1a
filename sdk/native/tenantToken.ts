// getTenantToken through the native plugin: the program asks the provider (the stack's default one, or the one in
// `opts.provider`), which reads the connection info with its own credentials.
import * as pulumi from "@pulumi/pulumi";
import { PACKAGE } from "../../provider/resourceKinds";
import type { GetTenantTokenArgs, GetTenantTokenOutputArgs, GetTenantTokenResult, TenantTokenInfo } from "../tenantToken";

const GET_TENANT_TOKEN = `${PACKAGE}:index:getTenantToken`;

async function invokeGetTenantToken(args: GetTenantTokenArgs, opts: pulumi.InvokeOptions | undefined): Promise<TenantTokenInfo> {
  return (await pulumi.runtime.invoke(GET_TENANT_TOKEN, { environment: args.environment, networkZone: args.networkZone }, opts)) as TenantTokenInfo;
}

/** Reads the environment's tenant token and communication endpoints; see the default import's `getTenantToken`. */
export async function getTenantToken(args: GetTenantTokenArgs = {}, opts?: pulumi.InvokeOptions): Promise<GetTenantTokenResult> {
  const info = await invokeGetTenantToken(args, opts);
  return { ...info, tenantToken: pulumi.secret(info.tenantToken) };
}

/** `getTenantToken` in Output form; the whole result is a Pulumi secret (see the default import's `getTenantTokenOutput`). */
export function getTenantTokenOutput(args: GetTenantTokenOutputArgs = {}, opts?: pulumi.InvokeOptions): pulumi.Output<TenantTokenInfo> {
  return pulumi
    .secret({ environment: args.environment, networkZone: args.networkZone })
    .apply(({ environment, networkZone }) => invokeGetTenantToken({ environment: environment ?? undefined, networkZone: networkZone ?? undefined }, opts));
}
