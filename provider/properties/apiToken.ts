// The ApiToken resource: a scoped Dynatrace API token. Its properties are the API-token provider's (apiTokens.ts),
// without PaasToken's `supportAlert`.
import { API_TOKEN_PROPERTIES } from "./apiTokens";
import type { ResourceSpec } from "./types";

const { supportAlert: _paasTokenOnly, ...properties } = API_TOKEN_PROPERTIES;

export const API_TOKEN = {
  name: "ApiToken",
  token: "dynatrace-tokens:index:ApiToken",
  replaces: "the token",
  description:
    "A Dynatrace API access token (`/api/v2/apiTokens`).\n\n" +
    "`name`, `scopes` and `enabled` update in place; `expirationDate`, `rotationTrigger` and `environment` replace the " +
    "token, creating the new one before the old one is deleted. With `keepPreviousFor`, a rotation issues the new " +
    "token in place and keeps the old one valid for that long (`previousToken`). Credentials come from the provider's " +
    "configuration, never from resource inputs.",
  example: [
    'import * as dt from "pulumi-dynatrace-tokens";',
    "",
    'const ingest = new dt.ApiToken("otel-ingest", {',
    '  scopes: ["metrics.ingest", "logs.ingest", "openTelemetryTrace.ingest"],',
    '  expirationDate: "now+90d",',
    '  rotateBefore: "14d",',
    "});",
    "export const ingestToken = ingest.token; // a secret",
  ].join("\n"),
  properties,
} as const satisfies ResourceSpec;
