// Where the provider's credentials come from. They are read from stack config in `configure` (or the environment)
// and never become resource inputs or outputs, so they never enter the state file.
import { z } from "zod";
import { EnvUrlError, normalizeEnvUrl } from "./envUrl";

export const CONFIG_KEYS = {
  envUrl: "dynatrace:envUrl",
  apiToken: "dynatrace:apiToken",
  environments: "dynatrace:environments",
} as const;

export const ENV_VARS = { envUrl: "DYNATRACE_ENV_URL", apiToken: "DYNATRACE_API_TOKEN" } as const;

const SET_URL_HINT = "pulumi config set dynatrace:envUrl https://abc12345.live.dynatrace.com";
const SET_TOKEN_HINT = "pulumi config set --secret dynatrace:apiToken <token>";

const environmentEntrySchema = z.object({ envUrl: z.string(), apiToken: z.string() });
const environmentsSchema = z.record(z.string(), environmentEntrySchema);
export type EnvironmentEntry = z.infer<typeof environmentEntrySchema>;

/** What `configure` captured from the stack config. */
const stackConfigSchema = z.object({
  envUrl: z.string().optional(),
  apiToken: z.string().optional(),
  environments: environmentsSchema.optional(),
});
export type StackConfig = z.infer<typeof stackConfigSchema>;

/** A resolved, validated connection target. */
export interface Credentials {
  /** Environment base URL without a trailing slash; the API is at `${envUrl}/api`. */
  readonly envUrl: string;
  readonly apiToken: string;
  /** Where they came from, for messages (never the token itself). */
  readonly source: string;
}

export class ConfigError extends Error {
  readonly code: "CONFIG_MISSING" | "CONFIG_INVALID";
  /** The config key or input the user should fix. */
  readonly key: string;
  constructor(code: "CONFIG_MISSING" | "CONFIG_INVALID", key: string, message: string) {
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
/** Why the stack config could not be read, reported by `resolveCredentials` (and so by every `check`). */
let configProblem: ConfigError | undefined;

/**
 * Captures the stack config handed to the dynamic provider's `configure`. A malformed config is kept as a problem
 * rather than thrown: Pulumi's dynamic-provider host prints the JavaScript stack of anything `configure` throws (it
 * runs inside `check`), while the `check` failure made from the problem prints the sentence alone.
 */
export function configure(source: ConfigSource): void {
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
  const environments = source.get(CONFIG_KEYS.environments);
  let parsedEnvironments: unknown = environments;
  if (typeof environments === "string") {
    try {
      parsedEnvironments = JSON.parse(environments);
    } catch {
      throw new ConfigError(
        "CONFIG_INVALID",
        CONFIG_KEYS.environments,
        `${CONFIG_KEYS.environments} must be a map like { prod: { envUrl: "https://…", apiToken: "<secret>" } }; it is not valid JSON. ` +
          "Set it with `pulumi config set --path 'dynatrace:environments.prod.envUrl' https://… && pulumi config set --secret --path 'dynatrace:environments.prod.apiToken' <token>`.",
      );
    }
  }
  const result = stackConfigSchema.safeParse({
    envUrl: optionalString(source.get(CONFIG_KEYS.envUrl)),
    apiToken: optionalString(source.get(CONFIG_KEYS.apiToken)),
    environments: parsedEnvironments ?? undefined,
  });
  if (!result.success) {
    throw new ConfigError(
      "CONFIG_INVALID",
      CONFIG_KEYS.environments,
      `${CONFIG_KEYS.environments} must map names to { envUrl, apiToken } (${result.error.issues
        .map((i) => `${i.path.join(".")}: ${i.message}`)
        .join("; ")}). Set entries with ` +
        "`pulumi config set --path 'dynatrace:environments.prod.envUrl' https://… && pulumi config set --secret --path 'dynatrace:environments.prod.apiToken' <token>`.",
    );
  }
  return result.data;
}

/** Forgets the captured stack config (tests). */
export function resetConfiguration(): void {
  stackConfig = {};
  configProblem = undefined;
}

function optionalString(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  return typeof value === "string" ? value : JSON.stringify(value);
}

/**
 * The credentials for `environment` (an entry of `dynatrace:environments`), or the default ones from
 * `dynatrace:envUrl` / `dynatrace:apiToken`, falling back to `DYNATRACE_ENV_URL` / `DYNATRACE_API_TOKEN`.
 */
export function resolveCredentials(environment?: string, env: NodeJS.ProcessEnv = process.env): Credentials {
  if (configProblem) throw configProblem;
  if (environment !== undefined) {
    const entry = stackConfig.environments?.[environment];
    if (!entry) {
      const known = Object.keys(stackConfig.environments ?? {});
      throw new ConfigError(
        "CONFIG_MISSING",
        "environment",
        `environment "${environment}" is not defined in ${CONFIG_KEYS.environments}` +
          (known.length > 0 ? ` (defined: ${known.map((k) => `"${k}"`).join(", ")})` : " (no environments are defined)") +
          `. Add it with \`pulumi config set --path 'dynatrace:environments.${environment}.envUrl' https://abc12345.live.dynatrace.com\` ` +
          `and \`pulumi config set --secret --path 'dynatrace:environments.${environment}.apiToken' <token>\`.`,
      );
    }
    const key = `${CONFIG_KEYS.environments}.${environment}`;
    return {
      envUrl: validateEnvUrl(entry.envUrl, `${key}.envUrl`),
      apiToken: validateApiToken(entry.apiToken, `${key}.apiToken`),
      source: key,
    };
  }

  const envUrl = stackConfig.envUrl ?? nonEmpty(env[ENV_VARS.envUrl]);
  const apiToken = stackConfig.apiToken ?? nonEmpty(env[ENV_VARS.apiToken]);
  if (envUrl === undefined) {
    throw new ConfigError(
      "CONFIG_MISSING",
      CONFIG_KEYS.envUrl,
      `No Dynatrace environment is configured. Set it with \`${SET_URL_HINT}\` (or the ${ENV_VARS.envUrl} environment variable).`,
    );
  }
  if (apiToken === undefined) {
    throw new ConfigError(
      "CONFIG_MISSING",
      CONFIG_KEYS.apiToken,
      `No Dynatrace API token is configured. Create one with the scopes apiTokens.read and apiTokens.write ` +
        `(and activeGateTokenManagement.* for ActiveGate tokens) and set it with \`${SET_TOKEN_HINT}\` ` +
        `(or the ${ENV_VARS.apiToken} environment variable).`,
    );
  }
  const source = stackConfig.envUrl !== undefined ? "stack config" : "environment variables";
  return {
    envUrl: validateEnvUrl(envUrl, stackConfig.envUrl !== undefined ? CONFIG_KEYS.envUrl : ENV_VARS.envUrl),
    apiToken: validateApiToken(apiToken, stackConfig.apiToken !== undefined ? CONFIG_KEYS.apiToken : ENV_VARS.apiToken),
    source,
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** Checks an environment URL with the one rule in `envUrl.ts` (https, or http to loopback); names `key` and the fix. */
export function validateEnvUrl(value: string, key: string): string {
  try {
    return normalizeEnvUrl(value);
  } catch (error) {
    if (!(error instanceof EnvUrlError)) throw error;
    throw new ConfigError(
      "CONFIG_INVALID",
      key,
      `${key} ${error.message}. Use the environment's address, e.g. \`${SET_URL_HINT}\` (Managed: https://{your-domain}/e/{environment-id}).`,
    );
  }
}

export { isLoopback } from "./envUrl";

// Classic access tokens look like `dt0c01.<public>.<secret>`.
const API_TOKEN_SHAPE = /^dt0[a-z][0-9]{2}\.[A-Za-z0-9]+\.[A-Za-z0-9]+$/;

function validateApiToken(value: string, key: string): string {
  const token = value.trim();
  if (!API_TOKEN_SHAPE.test(token)) {
    throw new ConfigError(
      "CONFIG_INVALID",
      key,
      `${key} does not look like a Dynatrace access token (expected "dt0c01.<public part>.<secret part>"). ` +
        `Set it with \`${SET_TOKEN_HINT}\`.`,
    );
  }
  return token;
}
