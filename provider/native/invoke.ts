// The package's functions, for programs in any language: `getTenantToken`, and the agent hand-off helpers the
// TypeScript SDK has as local functions (provider/agentConfig.ts makes the text for both). Every result that holds a
// token is a secret.
import * as handOff from "../agentConfig";
import { TenantTokenClient } from "../client/tenantToken";
import { connect } from "../connection";
import { FUNCTIONS as FUNCTION_SPECS } from "../properties";
import type { FunctionSpec } from "../properties/types";
import { checkEnvironment } from "../validation/fields";
import { carrySecrets } from "./marshal";

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

/** What each function does with its (checked) arguments: its result, as plain values. */
const IMPLEMENTATIONS: Readonly<Record<string, (args: Readonly<Record<string, unknown>>) => InvokeFailure[] | Promise<Record<string, unknown>>>> = {
  getTenantToken: (args) => {
    const failures = [...checkEnvironment(args.environment), ...stringArg(args, "networkZone", "the name of a network zone", true)];
    if (failures.length > 0) return failures;
    const client = new TenantTokenClient(connect(args.environment as string | undefined).http);
    return client.connectionInfo({ networkZone: args.networkZone as string | undefined }).then((info) => ({ ...info }));
  },
  activeGateAuthorizationLine: (args) => {
    const failures = stringArg(args, "token", TOKEN);
    return failures.length > 0 ? failures : Promise.resolve({ line: handOff.activeGateAuthorizationLine(args.token as string) });
  },
  oneAgentSetTenantTokenCommand: (args) => {
    const failures = stringArg(args, "token", "the tenant token");
    return failures.length > 0 ? failures : Promise.resolve({ command: handOff.oneAgentSetTenantTokenCommand(args.token as string) });
  },
  tenantTokenSecret: (args) => {
    const metadata = (args.metadata ?? {}) as Record<string, unknown>;
    const failures = [
      ...stringArg(args, "token", "the tenant token"),
      ...stringArg(metadata, "name", "the name of the Kubernetes Secret").map((f) => ({ ...f, property: "metadata.name" })),
      ...stringArg(metadata, "namespace", "a Kubernetes namespace", true).map((f) => ({ ...f, property: "metadata.namespace" })),
    ];
    if (failures.length > 0) return failures;
    return Promise.resolve(handOff.tenantTokenSecret(args.token as string, { name: metadata.name as string, namespace: metadata.namespace as string | undefined }));
  },
};

/** `spec`'s function: its implementation, with the results its table marks secret made secrets. */
function invokeOf(spec: FunctionSpec): Invoke {
  const implementation = IMPLEMENTATIONS[spec.name];
  if (!implementation) throw new Error(`function ${spec.name} has no implementation in provider/native/invoke.ts`);
  const secretResults = Object.keys(spec.outputs).filter((name) => spec.outputs[name]!.secret === true);
  return async (args) => {
    const outcome = await implementation(args);
    if (Array.isArray(outcome)) return { failures: outcome };
    return { result: carrySecrets(outcome, {}, secretResults) };
  };
}

/** The package's functions by type token (provider/properties/functions.ts). */
export const FUNCTIONS: Readonly<Record<string, Invoke>> = Object.fromEntries(FUNCTION_SPECS.map((spec) => [spec.token, invokeOf(spec)]));
