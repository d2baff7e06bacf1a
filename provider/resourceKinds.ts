// The package's resource classes, as both faces know them: the type token the native plugin answers for, the provider
// implementation behind each (three classes are API tokens), the arguments a program may write, the outputs that are
// secrets, and the presets a class implies (a personal access token is an API token with `personalAccessToken`, a
// PaaS token one whose scopes follow from `supportAlert`). The lists come from the property tables
// (provider/properties/); the native plugin reads them here, with the presets both faces share.
import { ACTIVE_GATE_TOKEN, API_TOKEN, PAAS_TOKEN, PERSONAL_ACCESS_TOKEN, TENANT_TOKEN_ROTATION } from "./properties";
import { ACTIVE_GATE_ADOPT } from "./properties/activeGateToken";
import { ADOPT } from "./properties/apiTokens";
import { argumentNames, secretOutputNames } from "./properties/names";
import type { ResourceSpec } from "./properties/types";
import { isUnknown, UNKNOWN } from "./validation/unknown";

/** The package name in Pulumi type tokens and config keys. */
export const PACKAGE = "dynatrace-tokens";

/**
 * The module the SDK's dynamic classes register under; @pulumi/pulumi types a dynamic resource
 * `pulumi-nodejs:dynamic/<module>:<type>`, so an ApiToken of the default import is `pulumi-nodejs:dynamic/dynatrace:ApiToken`.
 */
export const DYNAMIC_MODULE = "dynatrace";

/**
 * The implementations in provider/resources/ (provider/index.ts `resourceProviders`). Named here rather than imported
 * from there: the SDK's public declarations lead here, and must not lead into zod's (see test/e2e/package.test.ts).
 */
export type ProviderKind = "ApiToken" | "ActiveGateToken" | "TenantTokenRotation";

/** The class names of the resources, as a program writes them. */
export type ResourceClass = ResourceSpec["name"];

/** What the native plugin needs to know of one resource class. */
export interface ResourceKind {
  readonly className: ResourceClass;
  /** The native plugin's type token, `dynatrace-tokens:index:<class>`. */
  readonly token: string;
  /** The type of the default import's dynamic resource, `pulumi-nodejs:dynamic/dynatrace:<class>`. */
  readonly dynamicToken: string;
  /** The implementation in provider/resources/ (see provider/index.ts). */
  readonly provider: ProviderKind;
  /** The arguments a program may write. */
  readonly inputs: readonly string[];
  /** The properties `adopt` takes, when the class has it (ActiveGate tokens pass `token` so that check can explain). */
  readonly adoptInputs?: readonly string[];
  /** The outputs that hold secrets. */
  readonly secretOutputs: readonly string[];
}

function kind(spec: ResourceSpec, provider: ProviderKind, adoptInputs?: readonly string[]): ResourceKind {
  return {
    className: spec.name,
    token: spec.token,
    dynamicToken: `pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:${spec.name}`,
    provider,
    inputs: argumentNames(spec),
    ...(adoptInputs === undefined ? {} : { adoptInputs }),
    secretOutputs: secretOutputNames(spec.properties),
  };
}

const API_TOKEN_ADOPT = Object.keys(ADOPT.fields);
// `token` passes too, for check to say why an ActiveGate token can't be adopted by its secret.
const ACTIVE_GATE_TOKEN_ADOPT = [...Object.keys(ACTIVE_GATE_ADOPT.fields), "token"];

export const RESOURCE_KINDS: Readonly<Record<ResourceClass, ResourceKind>> = {
  ApiToken: kind(API_TOKEN, "ApiToken", API_TOKEN_ADOPT),
  PersonalAccessToken: kind(PERSONAL_ACCESS_TOKEN, "ApiToken", API_TOKEN_ADOPT),
  PaasToken: kind(PAAS_TOKEN, "ApiToken", API_TOKEN_ADOPT),
  ActiveGateToken: kind(ACTIVE_GATE_TOKEN, "ActiveGateToken", ACTIVE_GATE_TOKEN_ADOPT),
  TenantTokenRotation: kind(TENANT_TOKEN_ROTATION, "TenantTokenRotation"),
};

/** The class a native type token names, or undefined for a type this package doesn't have. */
export function kindOfToken(token: string): ResourceKind | undefined {
  return Object.values(RESOURCE_KINDS).find((kind) => kind.token === token);
}

/** The scopes of a PaaS token: `InstallerDownload`, and `SupportAlert` only when `supportAlert` is `true` itself. */
export function paasTokenScopes(supportAlert: unknown): string[] {
  // From untyped programs or config, "false" and 1 arrive too; check refuses anything but a boolean, naming supportAlert.
  return supportAlert === true ? ["InstallerDownload", "SupportAlert"] : ["InstallerDownload"];
}

/** The `supportAlert` whose PaaS token scopes (paasTokenScopes) are exactly `scopes`, in any order; undefined when none is. */
export function supportAlertOfScopes(scopes: readonly string[]): boolean | undefined {
  const granted = [...scopes].sort();
  return [false, true].find((alert) => {
    const made = paasTokenScopes(alert).sort();
    return made.length === granted.length && made.every((scope, i) => scope === granted[i]);
  });
}

/** Whether the class makes personal access tokens; undefined for classes that aren't API tokens. */
export function personalAccessTokenOf(className: ResourceClass): boolean | undefined {
  if (className === "PersonalAccessToken") return true;
  return className === "ApiToken" || className === "PaasToken" ? false : undefined;
}

/** The name of the input `stackInput` sets. */
export const STACK_INPUT = "pulumiStack";

/**
 * The input naming the stack a token is created for, whose tag goes into the create marker (provider/client/
 * createMarker.ts, read by `stackTagOf`): the dynamic SDK sets it from the program's project and stack, the native
 * plugin from the resource's URN, for each create and update.
 */
export function stackInput(project: string, stack: string): { pulumiStack: string } {
  return { [STACK_INPUT]: `${project}/${stack}` };
}

/**
 * What a resource of class `className` named `resourceName` hands its provider, given the arguments as the program
 * wrote them: the name defaults to the resource name, and the class's presets are added.
 */
export function presetInputs(className: ResourceClass, resourceName: string, args: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (className === "TenantTokenRotation") return { ...args };
  const inputs: Record<string, unknown> = { ...args, name: args.name ?? resourceName };
  const personalAccessToken = personalAccessTokenOf(className);
  if (personalAccessToken !== undefined) inputs.personalAccessToken = personalAccessToken;
  if (className === "PaasToken") inputs.scopes = isUnknown(args.supportAlert) ? UNKNOWN : paasTokenScopes(args.supportAlert);
  return inputs;
}

/**
 * The arguments a program of class `className` writes for an API token whose inputs (as the provider names them,
 * presets included) are `inputs`: what `pulumi import` records. `refused` says which class takes the token instead,
 * when this one can't describe it (a personal access token imported as an ApiToken, say).
 */
export function argumentsOf(
  className: ResourceClass,
  id: string,
  inputs: Readonly<Record<string, unknown>>,
): { readonly args: Record<string, unknown> } | { readonly refused: string } {
  const { personalAccessToken, scopes, ...rest } = inputs;
  const personal = personalAccessTokenOf(className);
  if (personal === undefined) return { args: { ...inputs } };
  const importAs = (other: ResourceClass, why: string) => ({
    refused: `${id} ${why}: import it as ${RESOURCE_KINDS[other].token} (\`pulumi import ${RESOURCE_KINDS[other].token} <name> ${id}\`).`,
  });
  if (personalAccessToken === true && !personal) return importAs("PersonalAccessToken", "is a personal access token");
  if (personalAccessToken !== true && personal) return importAs("ApiToken", "is not a personal access token");
  if (className !== "PaasToken") return { args: { ...rest, scopes } };
  const granted = [...((scopes as string[] | undefined) ?? [])].sort().join(", ");
  const supportAlert = supportAlertOfScopes((scopes as string[] | undefined) ?? []);
  if (supportAlert === undefined) {
    return importAs("ApiToken", `has the scopes ${granted || "(none)"}, and a PaaS token has InstallerDownload (and SupportAlert) only`);
  }
  return { args: supportAlert ? { ...rest, supportAlert } : rest };
}
