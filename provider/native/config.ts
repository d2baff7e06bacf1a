// The provider's configuration, the native way: the inputs of a provider resource — the default one, made by Pulumi
// from the stack config in the `dynatrace-tokens` namespace, or an explicit `new Provider("prod", { envUrl, … })` —
// arrive in CheckConfig, DiffConfig and Configure, and go to the same `configure` (provider/config.ts) the dynamic
// resources use, with the same key names. Pulumi hands a native provider only its own namespace, so the
// `@pulumiverse/dynatrace` bridge's `dynatrace:dtEnvUrl` / `dtApiToken` can't reach it (docs/credentials.md).
//
// The engine starts one plugin process per provider resource, so the configuration `configure` keeps for the process
// is that provider's: two explicit providers serve two environments from two processes.
import { CONFIG_NAMESPACE, configProblems, providerArgumentsWording, STACK_CONFIG_WORDING, type ConfigSource, type SettingsWording } from "../config";
import { PROVIDER_INPUTS } from "../properties/config";
import { closestMatch } from "../validation/didYouMean";
import { DEFAULT_PROVIDER_NAME, isDefaultProviderName, parseUrn } from "./urn";

export { PROVIDER_INPUTS };

/** Inputs the engine itself adds to every provider resource; not the provider's to judge. */
const ENGINE_INPUTS = ["version", "pluginDownloadURL"];

/**
 * The provider resource's inputs as `configure` reads stack config: `dynatrace-tokens:<key>` is the input `<key>`, or
 * the legacy `variables` entry `dynatrace-tokens:config:<key>` that older engines send; other namespaces are empty.
 */
export function providerConfigSource(inputs: Readonly<Record<string, unknown>>, variables: ReadonlyMap<string, string> = new Map()): ConfigSource {
  return {
    get(key) {
      const prefix = `${CONFIG_NAMESPACE}:`;
      if (!key.startsWith(prefix)) return undefined;
      const name = key.slice(prefix.length);
      return inputs[name] ?? variables.get(`${CONFIG_NAMESPACE}:config:${name}`);
    },
  };
}

/** A problem with the provider's configuration, for CheckConfig: the input it is about and one sentence. */
export interface ConfigFailure {
  readonly property: string;
  readonly reason: string;
}

/** Every problem with the provider resource's `inputs`: keys it doesn't have, and values `configure` would refuse. */
export function checkProviderConfig(inputs: Readonly<Record<string, unknown>>, wording: SettingsWording = STACK_CONFIG_WORDING): ConfigFailure[] {
  const unknown = Object.keys(inputs).filter((key) => inputs[key] !== undefined && !ENGINE_INPUTS.includes(key) && !PROVIDER_INPUTS.includes(key));
  if (unknown.length > 0) return unknown.map((key) => ({ property: key, reason: unknownKeyMessage(key) }));
  return configProblems(providerConfigSource(inputs), wording).map((problem) => ({
    // `dynatrace-tokens:environments.prod.apiToken` is the input `environments`.
    property: problem.key.slice(problem.key.indexOf(":") + 1).split(".")[0]!,
    reason: problem.message,
  }));
}

function unknownKeyMessage(key: string): string {
  const guess = closestMatch(key, PROVIDER_INPUTS);
  return (
    `${CONFIG_NAMESPACE} has no config key ${JSON.stringify(key)}${guess === undefined ? "" : ` (did you mean "${guess}"?)`}. ` +
    `Remove it; its keys are ${PROVIDER_INPUTS.join(", ")} (stack config \`${CONFIG_NAMESPACE}:<key>\`, or the arguments of an explicit Provider).`
  );
}

/**
 * How messages name the settings of the provider resource `urn`: the stack config keys for a default provider (the
 * engine names those `default` or `default_<version>`), the arguments of the program's `Provider` otherwise. An engine
 * that sends no URN gets the stack config wording.
 */
export function settingsWordingOf(urn: string): SettingsWording {
  const name = parseUrn(urn).name || DEFAULT_PROVIDER_NAME;
  return isDefaultProviderName(name) ? STACK_CONFIG_WORDING : providerArgumentsWording(name);
}

/** The provider inputs whose values differ between two configurations (what DiffConfig reports as updates). */
export function changedConfig(olds: Readonly<Record<string, unknown>>, news: Readonly<Record<string, unknown>>): string[] {
  return PROVIDER_INPUTS.filter((key) => JSON.stringify(olds[key] ?? null) !== JSON.stringify(news[key] ?? null));
}
