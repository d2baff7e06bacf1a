// The environment a command talks to, from --env-url (or DYNATRACE_ENV_URL) and a token from the environment. One rule
// for every command that calls the API: the provider's (`provider/envUrl.ts`), so no command sends a token over plain
// http to anything but this machine.
import { EnvUrlError, normalizeEnvUrl } from "../provider/envUrl";
import type { CommandContext } from "./context";
import { CliError } from "./errors";

export interface CliEnvironment {
  readonly envUrl: string;
  readonly apiToken: string;
}

/**
 * `envUrl` (the flag) or DYNATRACE_ENV_URL, checked like the provider checks it, and the token from the variable
 * `apiTokenEnv` — never from a flag, whose value would sit in shell history and process listings.
 */
export function cliEnvironment(envUrl: string | undefined, apiTokenEnv: string, needs: string, context: CommandContext): CliEnvironment {
  const given = envUrl ?? context.env.DYNATRACE_ENV_URL;
  if (!given) throw new CliError("USAGE", "give the environment with --env-url or DYNATRACE_ENV_URL");
  let checked: string;
  try {
    checked = normalizeEnvUrl(given);
  } catch (error) {
    if (!(error instanceof EnvUrlError)) throw error;
    const source = envUrl !== undefined ? "--env-url" : "DYNATRACE_ENV_URL";
    throw new CliError("USAGE", `${source} ${error.message}, e.g. --env-url https://abc12345.live.dynatrace.com`);
  }
  const apiToken = context.env[apiTokenEnv];
  if (!apiToken) throw new CliError("CREDENTIALS", `set ${apiTokenEnv} to ${needs}`);
  return { envUrl: checked, apiToken };
}
