// The PersonalAccessToken resource: an API token bound to its owner's permissions, with v2 (dotted) scopes only.
import { API_TOKEN_PROPERTIES } from "./apiTokens";
import { PERSONAL_ACCESS_TOKEN_SCOPE } from "./enums";
import type { ResourceSpec } from "./types";

const { supportAlert: _paasTokenOnly, ...properties } = API_TOKEN_PROPERTIES;

export const PERSONAL_ACCESS_TOKEN = {
  name: "PersonalAccessToken",
  token: "dynatrace-tokens:index:PersonalAccessToken",
  replaces: "the token",
  description: "A Dynatrace personal access token: an API token bound to its owner's permissions.",
  example: [
    'import * as dt from "pulumi-dynatrace-tokens";',
    "",
    'const mine = new dt.PersonalAccessToken("my-readonly", {',
    '  scopes: ["metrics.read", "entities.read"],',
    '  expirationDate: "now+30d",',
    "});",
    "export const myToken = mine.token;",
  ].join("\n"),
  properties: {
    ...properties,
    scopes: {
      ...properties.scopes,
      type: { array: PERSONAL_ACCESS_TOKEN_SCOPE },
      description: "What the token may do, bounded by the owner's permissions: v2 (dotted) Dynatrace scope names only.",
    },
  },
} as const satisfies ResourceSpec;
