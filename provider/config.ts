// Where the provider's credentials come from: this package's own stack config namespace, the keys the
// `@pulumiverse/dynatrace` bridge already reads, or the environment. `configure` receives the whole stack config,
// and Pulumi records that config (secrets encrypted) with the provider in the state, so `refresh`, `destroy` and
// `dt-tokens drift` use the copy taken at the last `pulumi up` — see docs/credentials.md.
import { z } from "zod";
import { EnvUrlError, normalizeEnvUrl } from "./envUrl";
import { ENVIRONMENT_ENTRY, PROVIDER_CONFIG } from "./properties/config";
import { fieldsSchema } from "./properties/zod";
import { isUnknown } from "./validation/unknown";

/** This package's stack config namespace (`dynatrace:` belongs to the `@pulumiverse/dynatrace` bridge). */
export const CONFIG_NAMESPACE = "dynatrace-tokens";

type ProviderConfigKey = keyof typeof PROVIDER_CONFIG.fields;

/** This package's stack config keys: `dynatrace-tokens:<key>` for each key of the provider's table (properties/config.ts). */
export const CONFIG_KEYS = Object.fromEntries(Object.keys(PROVIDER_CONFIG.fields).map((key) => [key, `${CONFIG_NAMESPACE}:${key}`])) as {
  readonly [K in ProviderConfigKey]: `${typeof CONFIG_NAMESPACE}:${K}`;
};

/** The `@pulumiverse/dynatrace` bridge's keys, read after ours so a stack configured for the bridge needs nothing more. */
export const BRIDGE_CONFIG_KEYS = { envUrl: "dynatrace:dtEnvUrl", apiToken: "dynatrace:dtApiToken" } as const;

/** Keys read by 0.1.0, which the bridge rejects; a stack that still sets them is told how to move. */
export const LEGACY_CONFIG_KEYS = {
  envUrl: "dynatrace:envUrl",
  apiToken: "dynatrace:apiToken",
  environments: "dynatrace:environments",
} as const;

export const ENV_VARS = { envUrl: "DYNATRACE_ENV_URL", apiToken: "DYNATRACE_API_TOKEN" } as const;

const SET_URL_HINT = `pulumi config set ${CONFIG_KEYS.envUrl} https://abc12345.live.dynatrace.com`;
const SET_TOKEN_HINT = `pulumi config set --secret ${CONFIG_KEYS.apiToken} <token>`;
const setEnvironmentHint = (name: string) =>
  `\`pulumi config set --path '${CONFIG_KEYS.environments}.${name}.envUrl' https://abc12345.live.dynatrace.com\` ` +
  `and \`pulumi config set --secret --path '${CONFIG_KEYS.environments}.${name}.apiToken' <token>\``;

/**
 * How messages name a setting and say how to fix it. The default provider and the dynamic resources read stack config,
 * so their messages name `dynatrace-tokens:<key>` and the `pulumi config set` command; an explicit native `Provider`
 * takes arguments in the program, so its messages name the argument of that provider (providerArgumentsWording).
 */
export interface SettingsWording {
  /** The setting `key` (`dynatrace-tokens:envUrl`, `dynatrace-tokens:environments.prod.apiToken`, an env var). */
  name(key: string): string;
  /** What to do about a bad environment URL at `key`. */
  urlFix(key: string): string;
  /** What to do about a bad API token at `key`. */
  tokenFix(key: string): string;
  /** What to do when no environment URL is configured. */
  missingUrl(): string;
  /** What to do when no API token is configured. */
  missingToken(): string;
  /** The fix for an entry `name` of `environments` that is missing. */
  environmentFix(name: string): string;
  /** Where `environments` is set. */
  environmentsName(): string;
}

export const STACK_CONFIG_WORDING: SettingsWording = {
  name: (key) => key,
  urlFix: () => `Use the environment's address, e.g. \`${SET_URL_HINT}\` (Managed: https://{your-domain}/e/{environment-id}).`,
  tokenFix: (key) => `Set it with \`${setTokenHint(key)}\`.`,
  missingUrl: () =>
    `No Dynatrace environment is configured. Set it with \`${SET_URL_HINT}\` (or ${BRIDGE_CONFIG_KEYS.envUrl}, ` +
    `or the ${ENV_VARS.envUrl} environment variable).`,
  missingToken: () =>
    `No Dynatrace API token is configured. Create one with the scopes apiTokens.read and apiTokens.write ` +
    `(and activeGateTokenManagement.* for ActiveGate tokens) and set it with \`${SET_TOKEN_HINT}\` ` +
    `(or ${BRIDGE_CONFIG_KEYS.apiToken}, or the ${ENV_VARS.apiToken} environment variable).`,
  environmentFix: (name) => `Add it with ${setEnvironmentHint(name)}.`,
  environmentsName: () => CONFIG_KEYS.environments,
};

/** The wording for an explicit native `Provider` named `provider`: its settings are the arguments the program passes. */
export function providerArgumentsWording(provider: string): SettingsWording {
  const prefix = `${CONFIG_NAMESPACE}:`;
  const argument = (key: string) => (key.startsWith(prefix) ? key.slice(prefix.length) : key);
  const owner = `Provider ${JSON.stringify(provider)}`;
  return {
    name: (key) => (key.startsWith(prefix) ? `${owner}'s ${argument(key)}` : key),
    urlFix: (key) =>
      `Pass the environment's address as ${owner}'s ${argument(key)} argument, e.g. "https://abc12345.live.dynatrace.com" ` +
      `(Managed: https://{your-domain}/e/{environment-id}).`,
    tokenFix: (key) => `Pass a Dynatrace access token as ${owner}'s ${argument(key)} argument, as a secret (e.g. \`config.requireSecret\`).`,
    missingUrl: () =>
      `${owner} has no Dynatrace environment. Pass the environment's address as its envUrl argument ` +
      `(or set the ${ENV_VARS.envUrl} environment variable).`,
    missingToken: () =>
      `${owner} has no Dynatrace API token. Create one with the scopes apiTokens.read and apiTokens.write ` +
      `(and activeGateTokenManagement.* for ActiveGate tokens) and pass it, as a secret, as its apiToken argument ` +
      `(or set the ${ENV_VARS.apiToken} environment variable).`,
    environmentFix: (name) => `Add an entry ${JSON.stringify(name)} with envUrl and apiToken to its environments argument.`,
    environmentsName: () => `${owner}'s environments`,
  };
}

const environmentEntrySchema = fieldsSchema(ENVIRONMENT_ENTRY.fields);
const environmentsSchema = z.record(z.string(), environmentEntrySchema);
export type EnvironmentEntry = z.infer<typeof environmentEntrySchema>;

/** What `configure` captured from the stack config. */
const stackConfigSchema = z.object({
  envUrl: z.string().optional(),
  apiToken: z.string().optional(),
  environments: environmentsSchema.optional(),
  bridgeEnvUrl: z.string().optional(),
  bridgeApiToken: z.string().optional(),
  /** Old keys the stack still sets, with the names of its old `environments` entries. */
  legacy: z.object({ keys: z.array(z.string()), environmentNames: z.array(z.string()) }).optional(),
});
export type StackConfig = z.infer<typeof stackConfigSchema>;

/** A resolved, validated connection target. */
export interface Credentials {
  /** Environment base URL without a trailing slash; the API is at `${envUrl}/api`. */
  readonly envUrl: string;
  readonly apiToken: string;
  /**
   * Where the API token came from, for messages (never the token itself): `stack config dynatrace-tokens:apiToken`,
   * `stack config dynatrace:dtApiToken`, `stack config dynatrace-tokens:environments.prod.apiToken` or
   * `the DYNATRACE_API_TOKEN environment variable`.
   */
  readonly source: string;
  /**
   * The stack config key (a `--path` for an environments entry) the token came from, or undefined for the environment
   * variable. Pulumi records the stack config with the provider at each `pulumi up`, and refresh/destroy use that copy.
   */
  readonly configKey: string | undefined;
}

export type ConfigErrorCode = "CONFIG_MISSING" | "CONFIG_INVALID" | "CONFIG_MOVED";

export class ConfigError extends Error {
  readonly code: ConfigErrorCode;
  /** The config key or input the user should fix. */
  readonly key: string;
  constructor(code: ConfigErrorCode, key: string, message: string) {
    super(message);
    this.name = "ConfigError";
    this.code = code;
    this.key = key;
  }
}

/** The part of `pulumi.dynamic.Config` we use; values of structured config may arrive as objects or JSON text. */
export interface ConfigSource {
  get(key: string): unknown;
}

let stackConfig: StackConfig = {};
/** How the messages about the captured config name its settings. */
let wording: SettingsWording = STACK_CONFIG_WORDING;
/** Why the stack config could not be read, reported by `resolveCredentials` (and so by every `check`). */
let configProblem: ConfigError | undefined;

/**
 * Captures the stack config handed to the dynamic provider's `configure`. A malformed config is kept as a problem
 * rather than thrown: Pulumi's dynamic-provider host prints the JavaScript stack of anything `configure` throws (it
 * runs inside `check`), while the `check` failure made from the problem prints the sentence alone.
 */
export function configure(source: ConfigSource, settingsWording: SettingsWording = STACK_CONFIG_WORDING): void {
  wording = settingsWording;
  try {
    stackConfig = readStackConfig(source);
    configProblem = undefined;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    stackConfig = {};
    configProblem = error;
  }
}

function readStackConfig(source: ConfigSource): StackConfig {
  const result = stackConfigSchema.safeParse({
    envUrl: optionalString(source.get(CONFIG_KEYS.envUrl)),
    apiToken: optionalString(source.get(CONFIG_KEYS.apiToken)),
    environments: parseEnvironments(source.get(CONFIG_KEYS.environments), CONFIG_KEYS.environments),
    bridgeEnvUrl: optionalString(source.get(BRIDGE_CONFIG_KEYS.envUrl)),
    bridgeApiToken: optionalString(source.get(BRIDGE_CONFIG_KEYS.apiToken)),
    legacy: legacySettings(source),
  });
  if (!result.success) {
    throw new ConfigError(
      "CONFIG_INVALID",
      CONFIG_KEYS.environments,
      `${CONFIG_KEYS.environments} must map names to { envUrl, apiToken } (${result.error.issues
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}). Set entries with ${setEnvironmentHint("prod")}.`,
    );
  }
  return result.data;
}

function parseEnvironments(value: unknown, key: string): unknown {
  // Unknown at preview (from another resource's outputs): nothing to check until it is known.
  if (value === undefined || value === null || isUnknown(value)) return undefined;
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new ConfigError(
      "CONFIG_INVALID",
      key,
      `${key} must be a map like { prod: { envUrl: "https://…", apiToken: "<secret>" } }; it is not valid JSON. ` +
        `Set it with ${setEnvironmentHint("prod")}.`,
    );
  }
}

function legacySettings(source: ConfigSource): StackConfig["legacy"] {
  const keys = Object.values(LEGACY_CONFIG_KEYS).filter((key) => source.get(key) !== undefined && source.get(key) !== null);
  if (keys.length === 0) return undefined;
  let environmentNames: string[] = [];
  try {
    const environments = parseEnvironments(source.get(LEGACY_CONFIG_KEYS.environments), LEGACY_CONFIG_KEYS.environments);
    if (environments && typeof environments === "object") environmentNames = Object.keys(environments);
  } catch {
    // Unreadable old entries: the move message then shows the commands for an entry named "prod".
  }
  return { keys, environmentNames };
}

/**
 * What is wrong with the config `source` holds, one error per key, without resolving anything: the native plugin's
 * CheckConfig refuses these at preview. (A missing value is no error here: the environment variables may supply it,
 * and each resource's `check` says which one it needs.)
 */
export function configProblems(source: ConfigSource, settingsWording: SettingsWording = STACK_CONFIG_WORDING): ConfigError[] {
  let config: StackConfig;
  try {
    config = readStackConfig(source);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return [error];
  }
  const problems: ConfigError[] = [];
  const validate = (check: () => unknown) => {
    try {
      check();
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(error);
    }
  };
  // A value not known until another resource is created (a preview of an explicit provider given an output) is
  // checked by Configure once known.
  const known = (value: string | undefined): value is string => value !== undefined && !isUnknown(value);
  if (known(config.envUrl)) validate(() => validateEnvUrl(config.envUrl!, CONFIG_KEYS.envUrl, settingsWording));
  if (known(config.apiToken)) validate(() => validateApiToken(config.apiToken!, CONFIG_KEYS.apiToken, settingsWording));
  for (const [name, entry] of Object.entries(config.environments ?? {})) {
    const key = `${CONFIG_KEYS.environments}.${name}`;
    if (known(entry.envUrl)) validate(() => validateEnvUrl(entry.envUrl, `${key}.envUrl`, settingsWording));
    if (known(entry.apiToken)) validate(() => validateApiToken(entry.apiToken, `${key}.apiToken`, settingsWording));
  }
  return problems;
}

/** Forgets the captured stack config (tests). */
export function resetConfiguration(): void {
  stackConfig = {};
  configProblem = undefined;
  wording = STACK_CONFIG_WORDING;
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** The command that sets the stack config key `to` to the value of `from` (`--secret` for a credential). */
export function copyConfigCommand(from: string, to: string, secret: boolean): string {
  return `pulumi config set ${secret ? "--secret " : ""}${to} "$(pulumi config get ${from})"`;
}

/**
 * The commands that move a stack from the 0.1.0 keys (`dynatrace:envUrl`, …) to this package's namespace; the
 * values stay where they are until the user runs them, so nothing secret passes through this message.
 */
export function legacyMoveCommands(legacyKeys: readonly string[], environmentNames: readonly string[] = []): string[] {
  const commands: string[] = [];
  if (legacyKeys.includes(LEGACY_CONFIG_KEYS.envUrl)) {
    commands.push(copyConfigCommand(LEGACY_CONFIG_KEYS.envUrl, CONFIG_KEYS.envUrl, false));
  }
  if (legacyKeys.includes(LEGACY_CONFIG_KEYS.apiToken)) {
    commands.push(copyConfigCommand(LEGACY_CONFIG_KEYS.apiToken, CONFIG_KEYS.apiToken, true));
  }
  if (legacyKeys.includes(LEGACY_CONFIG_KEYS.environments)) {
    for (const name of environmentNames.length > 0 ? environmentNames : ["prod"]) {
      for (const field of ["envUrl", "apiToken"] as const) {
        const secret = field === "apiToken" ? "--secret " : "";
        commands.push(
          `pulumi config set ${secret}--path '${CONFIG_KEYS.environments}.${name}.${field}' ` +
            `"$(pulumi config get --path '${LEGACY_CONFIG_KEYS.environments}.${name}.${field}')"`,
        );
      }
    }
  }
  for (const key of legacyKeys) commands.push(`pulumi config rm ${key}`);
  return commands;
}

/** Refuses a stack that sets the 0.1.0 keys for something our own keys don't set, naming the new keys and the move. */
function refuseLegacyKeys(environment: string | undefined): void {
  const legacy = stackConfig.legacy;
  if (!legacy) return;
  const unmoved = legacy.keys.filter((key) =>
    key === LEGACY_CONFIG_KEYS.environments
      ? environment !== undefined && stackConfig.environments === undefined
      : environment === undefined &&
        (key === LEGACY_CONFIG_KEYS.envUrl
          ? stackConfig.envUrl === undefined && stackConfig.bridgeEnvUrl === undefined
          : stackConfig.apiToken === undefined && stackConfig.bridgeApiToken === undefined),
  );
  if (unmoved.length === 0) return;
  const fields = Object.keys(LEGACY_CONFIG_KEYS) as Array<keyof typeof LEGACY_CONFIG_KEYS>;
  const renamed = unmoved
    .map((key) => `${key} → ${CONFIG_KEYS[fields.find((field) => LEGACY_CONFIG_KEYS[field] === key)!]}`)
    .join(", ");
  throw new ConfigError(
    "CONFIG_MOVED",
    unmoved[0]!,
    `pulumi-dynatrace-tokens now reads its own config namespace (the dynatrace: namespace belongs to @pulumiverse/dynatrace): ` +
      `${renamed}. Move them with: ${legacyMoveCommands(legacy.keys, legacy.environmentNames).map((c) => `\`${c}\``).join(" && ")}. ` +
      // Not `refresh --run-program` instead: until an up, refresh and destroy run the provider stub 0.1.0 stored with
      // each resource, which can't find the package once the project moved or sits under a wrapper or pnpm.
      "Then run `pulumi up`, before any refresh or destroy: pulumi refresh, pulumi destroy and dt-tokens drift use the " +
      "stack config recorded at the last `pulumi up`, and it replaces the provider stub 0.1.0 stored with each resource " +
      "(it names the path the package had then). " +
      `A stack configured for @pulumiverse/dynatrace (${BRIDGE_CONFIG_KEYS.envUrl}, ${BRIDGE_CONFIG_KEYS.apiToken}) needs nothing else.`,
  );
}

/**
 * The credentials for `environment` (an entry of `dynatrace-tokens:environments`), or the default ones: our own keys
 * (`dynatrace-tokens:envUrl` / `apiToken`), then the bridge's (`dynatrace:dtEnvUrl` / `dtApiToken`), then
 * `DYNATRACE_ENV_URL` / `DYNATRACE_API_TOKEN`, each value on its own.
 */
export function resolveCredentials(environment?: string, env: NodeJS.ProcessEnv = process.env): Credentials {
  if (configProblem) throw configProblem;
  refuseLegacyKeys(environment);
  if (environment !== undefined) {
    const entry = stackConfig.environments?.[environment];
    if (!entry) {
      const known = Object.keys(stackConfig.environments ?? {});
      throw new ConfigError(
        "CONFIG_MISSING",
        "environment",
        `environment "${environment}" is not defined in ${wording.environmentsName()}` +
          (known.length > 0 ? ` (defined: ${known.map((k) => `"${k}"`).join(", ")})` : " (no environments are defined)") +
          `. ${wording.environmentFix(environment)}`,
      );
    }
    const key = `${CONFIG_KEYS.environments}.${environment}`;
    return {
      envUrl: validateEnvUrl(entry.envUrl, `${key}.envUrl`, wording),
      apiToken: validateApiToken(entry.apiToken, `${key}.apiToken`, wording),
      source: `stack config ${key}.apiToken`,
      configKey: `${key}.apiToken`,
    };
  }

  const envUrl = firstOf([
    [stackConfig.envUrl, CONFIG_KEYS.envUrl],
    [stackConfig.bridgeEnvUrl, BRIDGE_CONFIG_KEYS.envUrl],
    [nonEmpty(env[ENV_VARS.envUrl]), ENV_VARS.envUrl],
  ]);
  const apiToken = firstOf([
    [stackConfig.apiToken, CONFIG_KEYS.apiToken],
    [stackConfig.bridgeApiToken, BRIDGE_CONFIG_KEYS.apiToken],
    [nonEmpty(env[ENV_VARS.apiToken]), ENV_VARS.apiToken],
  ]);
  if (envUrl === undefined) {
    throw new ConfigError(
      "CONFIG_MISSING",
      CONFIG_KEYS.envUrl,
      wording.missingUrl(),
    );
  }
  if (apiToken === undefined) {
    throw new ConfigError(
      "CONFIG_MISSING",
      CONFIG_KEYS.apiToken,
      wording.missingToken(),
    );
  }
  const fromStackConfig = apiToken.key !== ENV_VARS.apiToken;
  return {
    envUrl: validateEnvUrl(envUrl.value, envUrl.key, wording),
    apiToken: validateApiToken(apiToken.value, apiToken.key, wording),
    source: fromStackConfig ? `stack config ${apiToken.key}` : `the ${ENV_VARS.apiToken} environment variable`,
    configKey: fromStackConfig ? apiToken.key : undefined,
  };
}

function firstOf(candidates: Array<[string | undefined, string]>): { value: string; key: string } | undefined {
  for (const [value, key] of candidates) if (value !== undefined) return { value, key };
  return undefined;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** Checks an environment URL with the one rule in `envUrl.ts` (https, or http to loopback); names `key` and the fix. */
export function validateEnvUrl(value: string, key: string, settingsWording: SettingsWording = STACK_CONFIG_WORDING): string {
  try {
    return normalizeEnvUrl(value);
  } catch (error) {
    if (!(error instanceof EnvUrlError)) throw error;
    throw new ConfigError(
      "CONFIG_INVALID",
      key,
      `${settingsWording.name(key)} ${error.message}. ${settingsWording.urlFix(key)}`,
    );
  }
}

export { isLoopback } from "./envUrl";

// Classic access tokens look like `dt0c01.<public>.<secret>`.
const API_TOKEN_SHAPE = /^dt0[a-z][0-9]{2}\.[A-Za-z0-9]+\.[A-Za-z0-9]+$/;

/** The command that sets the token at `key` (a config key, a path into the environments map, or an env var). */
function setTokenHint(key: string): string {
  if (key === ENV_VARS.apiToken) return `export ${ENV_VARS.apiToken}=<token>`;
  return key.includes(".") ? `pulumi config set --secret --path '${key}' <token>` : `pulumi config set --secret ${key} <token>`;
}

function validateApiToken(value: string, key: string, settingsWording: SettingsWording): string {
  const token = value.trim();
  if (!API_TOKEN_SHAPE.test(token)) {
    throw new ConfigError(
      "CONFIG_INVALID",
      key,
      `${settingsWording.name(key)} does not look like a Dynatrace access token (expected "dt0c01.<public part>.<secret part>"). ` +
        settingsWording.tokenFix(key),
    );
  }
  return token;
}
