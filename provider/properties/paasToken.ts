// The PaasToken resource: an API token whose scopes follow from `supportAlert` (the SDK, and the native provider's
// preset, derive them; a program can't write them).
import { API_TOKEN_PROPERTIES } from "./apiTokens";
import type { ResourceSpec } from "./types";

export const PAAS_TOKEN = {
  name: "PaasToken",
  token: "dynatrace-tokens:index:PaasToken",
  replaces: "the token",
  description:
    "A PaaS token: an API token with the `InstallerDownload` scope (and optionally `SupportAlert`), used to download " +
    "OneAgent installers.",
  example: [
    'import * as dt from "pulumi-dynatrace-tokens";',
    "",
    'const paas = new dt.PaasToken("oneagent-installer", { expirationDate: "now+1y" });',
    "export const paasToken = paas.token;",
  ].join("\n"),
  properties: {
    ...API_TOKEN_PROPERTIES,
    scopes: { ...API_TOKEN_PROPERTIES.scopes, internal: "input" },
  },
} as const satisfies ResourceSpec;
