// The package's functions, for programs in any language: `getTenantToken`, and the agent hand-off helpers the
// TypeScript SDK has as local functions (provider/agentConfig.ts makes the text for both). Every result that holds a
// token is a secret.
import * as handOff from "../agentConfig";
import { TenantTokenClient } from "../client/tenantToken";
import { connect } from "../connection";
import { PACKAGE } from "../resourceKinds";
import { checkEnvironment } from "../validation/fields";
import { Secret } from "./marshal";

export interface InvokeFailure {
  readonly property: string;
  readonly reason: string;
}

/** A function's answer: its result, or why its arguments were refused. */
export type InvokeResult = { readonly result: Record<string, unknown> } | { readonly failures: InvokeFailure[] };

type Invoke = (args: Readonly<Record<string, unknown>>) => Promise<InvokeResult>;

/** Refuses `args[property]` unless it is a string (or absent, when `optional`). */
function stringArg(args: Readonly<Record<string, unknown>>, property: string, what: string, optional = false): InvokeFailure[] {
  const value = args[property];
  if (typeof value === "string" && value !== "") return [];
  if (optional && value === undefined) return [];
  return [{ property, reason: `${property} must be ${what}, got ${JSON.stringify(value) ?? "nothing"}` }];
}

const TOKEN = "a token (the tenant token, e.g. a TenantTokenRotation's activeToken, or an ActiveGate token)";

export const FUNCTIONS: Readonly<Record<string, Invoke>> = {
  /** The environment's tenant token and communication endpoints (`GET /api/v1/deployment/installer/agent/connectioninfo`). */
  [`${PACKAGE}:index:getTenantToken`]: async (args) => {
    const failures = [...checkEnvironment(args.environment), ...stringArg(args, "networkZone", "the name of a network zone", true)];
    if (failures.length > 0) return { failures };
    const environment = args.environment as string | undefined;
    const info = await new TenantTokenClient(connect(environment).http).connectionInfo({ networkZone: args.networkZone as string | undefined });
    return { result: { ...info, tenantToken: new Secret(info.tenantToken) } };
  },
  [`${PACKAGE}:index:activeGateAuthorizationLine`]: async (args) => {
    const failures = stringArg(args, "token", TOKEN);
    if (failures.length > 0) return { failures };
    return { result: { result: new Secret(handOff.activeGateAuthorizationLine(args.token as string)) } };
  },
  [`${PACKAGE}:index:oneAgentSetTenantTokenCommand`]: async (args) => {
    const failures = stringArg(args, "token", "the tenant token");
    if (failures.length > 0) return { failures };
    return { result: { result: new Secret(handOff.oneAgentSetTenantTokenCommand(args.token as string)) } };
  },
  [`${PACKAGE}:index:tenantTokenSecret`]: async (args) => {
    const metadata = (args.metadata ?? {}) as Record<string, unknown>;
    const failures = [
      ...stringArg(args, "token", "the tenant token"),
      ...stringArg(metadata, "name", "the name of the Kubernetes Secret").map((f) => ({ ...f, property: "metadata.name" })),
      ...stringArg(metadata, "namespace", "a Kubernetes namespace", true).map((f) => ({ ...f, property: "metadata.namespace" })),
    ];
    if (failures.length > 0) return { failures };
    const manifest = handOff.tenantTokenSecret(args.token as string, { name: metadata.name as string, namespace: metadata.namespace as string | undefined });
    return { result: { result: new Secret(manifest as never) } };
  },
};
