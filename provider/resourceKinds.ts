// The package's resource classes, as both faces know them: the type token the native plugin answers for, the provider
// implementation behind each (three classes are API tokens), the arguments a program may write, the outputs that are
// secrets, and the presets a class implies (a personal access token is an API token with `personalAccessToken`, a
// PaaS token one whose scopes follow from `supportAlert`). The dynamic SDK classes and the native plugin both read it.
//
// The argument lists and secret outputs are kept here by hand until the property tables (provider/properties/)
// declare them; then they are derived from those, in this one place.
import { isUnknown, UNKNOWN } from "./validation/unknown";

/** The package name in Pulumi type tokens and config keys. */
export const PACKAGE = "dynatrace-tokens";

/**
 * The implementations in provider/resources/ (provider/index.ts `resourceProviders`). Named here rather than imported
 * from there: the SDK's public declarations lead here, and must not lead into zod's (see test/e2e/package.test.ts).
 */
export type ProviderKind = "ApiToken" | "ActiveGateToken" | "TenantTokenRotation";

/** The class names of the resources, as a program writes them. */
export type ResourceClass = "ApiToken" | "PersonalAccessToken" | "PaasToken" | "ActiveGateToken" | "TenantTokenRotation";

type Names = Readonly<Record<string, true>>;

/** The arguments every API-token class takes; each class adds its own (`scopes`, `supportAlert`). */
export const COMMON_API_TOKEN_INPUTS = {
  name: true,
  enabled: true,
  expirationDate: true,
  rotateBefore: true,
  rotationTrigger: true,
  keepPreviousFor: true,
  environment: true,
  adopt: true,
} as const satisfies Names;

/** The properties of an API token's `adopt`. */
export const API_TOKEN_ADOPT_INPUTS = { id: true, token: true } as const satisfies Names;

/** What the native plugin and the SDK need to know of one resource class. */
export interface ResourceKind {
  readonly className: ResourceClass;
  /** The native plugin's type token, `dynatrace-tokens:index:<class>`. */
  readonly token: `${typeof PACKAGE}:index:${ResourceClass}`;
  /** The implementation in provider/resources/ (see provider/index.ts). */
  readonly provider: ProviderKind;
  /** The arguments a program may write. */
  readonly inputs: Names;
  /** The properties `adopt` takes, when the class has it (ActiveGate tokens pass `token` so that check can explain). */
  readonly adoptInputs?: Names;
  /** The outputs that hold secrets. */
  readonly secretOutputs: readonly string[];
}

const TOKEN_SECRET_OUTPUTS = ["token", "previousToken"] as const;

export const RESOURCE_KINDS = {
  ApiToken: {
    className: "ApiToken",
    token: "dynatrace-tokens:index:ApiToken",
    provider: "ApiToken",
    inputs: { ...COMMON_API_TOKEN_INPUTS, scopes: true },
    adoptInputs: API_TOKEN_ADOPT_INPUTS,
    secretOutputs: TOKEN_SECRET_OUTPUTS,
  },
  PersonalAccessToken: {
    className: "PersonalAccessToken",
    token: "dynatrace-tokens:index:PersonalAccessToken",
    provider: "ApiToken",
    inputs: { ...COMMON_API_TOKEN_INPUTS, scopes: true },
    adoptInputs: API_TOKEN_ADOPT_INPUTS,
    secretOutputs: TOKEN_SECRET_OUTPUTS,
  },
  PaasToken: {
    className: "PaasToken",
    token: "dynatrace-tokens:index:PaasToken",
    provider: "ApiToken",
    inputs: { ...COMMON_API_TOKEN_INPUTS, supportAlert: true },
    adoptInputs: API_TOKEN_ADOPT_INPUTS,
    secretOutputs: TOKEN_SECRET_OUTPUTS,
  },
  ActiveGateToken: {
    className: "ActiveGateToken",
    token: "dynatrace-tokens:index:ActiveGateToken",
    provider: "ActiveGateToken",
    inputs: {
      name: true,
      activeGateType: true,
      seedToken: true,
      expirationDate: true,
      rotateBefore: true,
      rotationTrigger: true,
      keepPreviousFor: true,
      environment: true,
      adopt: true,
    },
    adoptInputs: { id: true, token: true },
    secretOutputs: TOKEN_SECRET_OUTPUTS,
  },
  TenantTokenRotation: {
    className: "TenantTokenRotation",
    token: "dynatrace-tokens:index:TenantTokenRotation",
    provider: "TenantTokenRotation",
    inputs: { phase: true, generation: true, environment: true },
    secretOutputs: ["activeToken", "oldToken", "startedToken"],
  },
} as const satisfies Record<ResourceClass, ResourceKind>;

/** The class a native type token names, or undefined for a type this package doesn't have. */
export function kindOfToken(token: string): ResourceKind | undefined {
  return Object.values(RESOURCE_KINDS).find((kind) => kind.token === token);
}

/** The scopes of a PaaS token: `InstallerDownload`, and `SupportAlert` only when `supportAlert` is `true` itself. */
export function paasTokenScopes(supportAlert: unknown): string[] {
  // From untyped programs or config, "false" and 1 arrive too; check refuses anything but a boolean, naming supportAlert.
  return supportAlert === true ? ["InstallerDownload", "SupportAlert"] : ["InstallerDownload"];
}

/** Whether the class makes personal access tokens; undefined for classes that aren't API tokens. */
export function personalAccessTokenOf(className: ResourceClass): boolean | undefined {
  if (className === "PersonalAccessToken") return true;
  return className === "ApiToken" || className === "PaasToken" ? false : undefined;
}

/**
 * The input naming the stack a token is created for, whose tag goes into the create marker (provider/client/
 * createMarker.ts, read by `stackTagOf`): the dynamic SDK sets it from the program's project and stack, the native
 * plugin from the resource's URN, for each create and update.
 */
export function stackInput(project: string, stack: string): { pulumiStack: string } {
  return { pulumiStack: `${project}/${stack}` };
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
  const supportAlert = [true, false].find((alert) => paasTokenScopes(alert).sort().join(", ") === granted);
  if (supportAlert === undefined) {
    return importAs("ApiToken", `has the scopes ${granted || "(none)"}, and a PaaS token has InstallerDownload (and SupportAlert) only`);
  }
  return { args: supportAlert ? { ...rest, supportAlert } : rest };
}
