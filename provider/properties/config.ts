// The provider's own configuration: the stack config keys `dynatrace-tokens:<name>` the default provider reads, and
// the arguments of an explicit provider resource. (The `@pulumiverse/dynatrace` bridge's keys, which the dynamic
// resources also read, are provider/config.ts's business: a native provider never sees another namespace.)
import type { ConfigSpec, ObjectType } from "./types";

const ENV_URL_EXAMPLE = '"https://abc12345.live.dynatrace.com"';
const API_TOKEN_EXAMPLE = '"dt0c01.ABC2DEFGHIJ3KLMNOPQR4STU.…"';

export const ENVIRONMENT_ENTRY = {
  name: "Environment",
  description: "A Dynatrace environment that resources name with their `environment` argument.",
  fields: {
    envUrl: {
      type: "string",
      required: true,
      description: "The environment's address (https; plain http only to this machine).",
      example: ENV_URL_EXAMPLE,
    },
    apiToken: {
      type: "string",
      required: true,
      secret: true,
      description: "The API token the provider manages that environment's tokens with.",
      example: API_TOKEN_EXAMPLE,
    },
  },
} as const satisfies ObjectType;

export const PROVIDER_CONFIG = {
  description:
    "Where the tokens live and the credential that manages them. The default provider reads the stack config " +
    "(`dynatrace-tokens:envUrl`, `dynatrace-tokens:apiToken`, `dynatrace-tokens:environments`), then the " +
    "`DYNATRACE_ENV_URL` and `DYNATRACE_API_TOKEN` environment variables.",
  fields: {
    envUrl: {
      type: "string",
      default: { absent: "the `DYNATRACE_ENV_URL` environment variable" },
      description: "The address of the Dynatrace environment tokens are created in unless they name an `environment`.",
      example: ENV_URL_EXAMPLE,
    },
    apiToken: {
      type: "string",
      secret: true,
      default: { absent: "the `DYNATRACE_API_TOKEN` environment variable" },
      description:
        "The API token the provider manages tokens with: `apiTokens.read` and `apiTokens.write`, plus " +
        "`activeGateTokenManagement.*` for ActiveGate tokens and `tenantTokenRotation.write` for rotations.",
      example: API_TOKEN_EXAMPLE,
    },
    environments: {
      type: { map: { object: ENVIRONMENT_ENTRY } },
      default: { absent: "no named environments" },
      description: "Further environments by name, for resources that set `environment`.",
      example: `{ prod: { envUrl: ${ENV_URL_EXAMPLE}, apiToken: ${API_TOKEN_EXAMPLE} } }`,
    },
  },
} as const satisfies ConfigSpec;

/**
 * The provider's config keys, as the inputs of a provider resource name them. Here, beside the table, so that the
 * SDK's `Provider` class gets them without loading the plugin's configuration code (and zod with it).
 */
export const PROVIDER_INPUTS: readonly string[] = Object.keys(PROVIDER_CONFIG.fields);
