// The properties of an API token, as the API-token provider knows them: every input it parses and every output it
// writes, for all three classes that are API tokens (ApiToken, PersonalAccessToken, PaasToken — see their own
// tables, which take their properties from this one).
import { SCOPE } from "./enums";
import { PREVIOUS_TOKEN_PROPERTIES } from "./previousToken";
import type { ObjectType, PropertyTable } from "./types";

const DATE_FORMS =
  'A relative date such as `"now+90d"` or `"now+6M"` (units m h d w M y), an ISO date such as ' +
  '`"2027-01-31T00:00:00Z"`, or Unix milliseconds. A relative date is resolved once, at creation, and does not ' +
  "cause a diff afterwards.";
const TOKEN_ID_EXAMPLE = '"dt0c01.ABC2DEFGHIJ3KLMNOPQR4STU"';

export const ADOPT = {
  name: "Adopt",
  description: "Takes over an existing token instead of creating one, by its identifier or by its secret.",
  fields: {
    id: {
      type: "string",
      description:
        "Identifier of the token to take over (`dt0c01.…`). The `token` output stays empty: Dynatrace never returns a " +
        "secret again.",
      example: TOKEN_ID_EXAMPLE,
    },
    token: {
      type: "string",
      secret: true,
      description:
        "The secret of the token to take over, resolved through the lookup endpoint; kept as the `token` output. Made " +
        "a Pulumi secret by the resource, whatever you pass.",
      example: "config.requireSecret(\"legacyIngestToken\")",
    },
  },
} as const satisfies ObjectType;

export const API_TOKEN_PROPERTIES = {
  name: {
    type: "string",
    input: "optional",
    output: "required",
    default: { resourceName: true },
    onChange: "update",
    onChangeNote: "one request",
    description: "The token's name in Dynatrace (names need not be unique).",
    outputDetails: "As requested: Dynatrace shows it followed by the create marker (`dynatraceName`).",
    example: '"otel-ingest"',
  },
  scopes: {
    type: { array: SCOPE },
    input: "required",
    output: "required",
    onChange: "update",
    onChangeNote: "one request that sends the whole set",
    description: "What the token may do: Dynatrace scope names.",
    inputDetails:
      "Compared as a set: order never causes a diff. A scope this release doesn't know passes with a warning, for " +
      "Dynatrace to judge; a likely typo of a known one fails at preview with a did-you-mean.",
    outputDetails: "Sorted.",
    example: '["metrics.ingest", "logs.ingest"]',
  },
  enabled: {
    type: "boolean",
    input: "optional",
    output: "required",
    default: { value: true },
    onChange: "update",
    onChangeNote: "one request",
    description: "Whether the token can be used.",
    example: "false",
  },
  expirationDate: {
    type: "stringOrNumber",
    outputType: "string",
    input: "optional",
    output: "optional",
    default: { absent: "never expires" },
    onChange: "rotate",
    description: "When the token expires.",
    inputDetails: DATE_FORMS,
    outputDetails: "As Dynatrace resolved it (ISO 8601, UTC); absent = never. `requestedExpirationDate` keeps what was written.",
    example: '"now+90d"',
  },
  personalAccessToken: {
    type: "boolean",
    input: "optional",
    output: "required",
    internal: "input",
    default: { value: false },
    onChange: "rotate",
    description: "Whether this is a personal access token.",
    outputDetails: "Set by the class: `true` for a `PersonalAccessToken`.",
    example: "true",
  },
  rotateBefore: {
    type: "string",
    input: "optional",
    output: "optional",
    default: { absent: "no rotation" },
    onChange: "state",
    description: "The rotation window: the token is replaced automatically once it expires within it (units m h d w M y).",
    inputDetails:
      "Evaluated at every preview on the Dynatrace server's clock, from the stored expiration (one clock reading per " +
      "environment, no request per token); a token inside the window shows as a replacement. Needs a relative " +
      '`expirationDate` such as `"now+90d"`: with an absolute date the new token would get the same expiry, so that ' +
      "combination is refused.",
    example: '"14d"',
  },
  rotationTrigger: {
    type: "any",
    input: "optional",
    output: "optional",
    default: { absent: "none" },
    onChange: "rotate",
    description: "Any value, e.g. a `@pulumi/random` `RandomId` or a date stamp: a new value rotates the token.",
    example: '"2027-q1"',
  },
  keepPreviousFor: PREVIOUS_TOKEN_PROPERTIES.keepPreviousFor,
  environment: {
    type: "string",
    input: "optional",
    output: "optional",
    default: { absent: "the environment of `dynatrace-tokens:envUrl`" },
    onChange: "replace",
    onChangeNote: "the new one is created before the old one is deleted",
    description: "The entry of the `dynatrace-tokens:environments` stack config the token lives in.",
    example: '"prod"',
  },
  adopt: {
    type: { object: ADOPT },
    input: "optional",
    default: { absent: "create a new token" },
    onChange: "none",
    description: "Take over an existing token, by `id` or by its secret `token`, instead of creating a new one.",
    inputDetails:
      "`name`, `scopes` and `enabled` are then applied to it. Remove it after the first `up`. The adopted token is " +
      "deleted on `destroy` like any other (use the `retainOnDelete` resource option to keep it).",
    example: `{ id: ${TOKEN_ID_EXAMPLE} }`,
  },
  supportAlert: {
    type: "boolean",
    input: "optional",
    default: { absent: "`false`: `InstallerDownload` alone" },
    onChange: "update",
    onChangeNote: "one request that changes the scopes",
    description: "Also grant `SupportAlert` (PaaS support alerts).",
    inputDetails: "A PaaS token's scopes follow from it: `InstallerDownload`, and `SupportAlert` when it is `true`.",
    example: "true",
  },
  dynatraceName: {
    type: "string",
    output: "optional",
    description:
      "The name as Dynatrace shows it: `name` followed by the create marker ` ⟨pulumi <stack tag>.<nonce>⟩` that lets " +
      "lost creates and a killed `pulumi up` be recovered exactly (docs/recovery.md).",
    outputDetails: "Set by create and refresh.",
    example: '"otel-ingest ⟨pulumi 3kq7m2xw.7f3a9c2qk4m8⟩"',
  },
  token: {
    type: "string",
    output: "optional",
    secret: true,
    description: "The token's secret value (`dt0c01.….…`).",
    outputDetails: "Absent for a token adopted by id: Dynatrace returns a secret only when it creates the token.",
    example: '"dt0c01.ABC2DEFGHIJ3KLMNOPQR4STU.…"',
  },
  owner: {
    type: "string",
    output: "optional",
    description: "Owner of the token (the owner of the token the provider is configured with).",
    example: '"platform-team@example.com"',
  },
  creationDate: {
    type: "string",
    output: "optional",
    description: "When the token was created (ISO 8601, UTC).",
    example: '"2026-10-02T09:30:00.000Z"',
  },
  requestedExpirationDate: {
    type: "stringOrNumber",
    output: "optional",
    description: '`expirationDate` exactly as requested, e.g. `"now+90d"`, so that relative dates compare stably.',
    example: '"now+90d"',
  },
  expired: {
    type: "boolean",
    output: "optional",
    description: "True once `expirationDate` has passed on the Dynatrace server's clock: the token no longer authenticates.",
    outputDetails:
      "Set at create and refresh, and by the first `up` after it expired (which also prints a warning saying how to " +
      "get a new token); an expired token is never an error, so the rest of the stack still deploys. Use " +
      "`rotateBefore` with a relative `expirationDate` to replace tokens before this happens.",
    example: "false",
  },
  lastUsedDate: {
    type: "string",
    output: "optional",
    description: "When the token was last used (ISO 8601, UTC), as of the last create, update or refresh.",
    example: '"2026-12-01T17:04:11.000Z"',
  },
  lastUsedIpAddress: {
    type: "string",
    output: "optional",
    description: "The IP address that last used the token, as of the last create, update or refresh.",
    example: '"203.0.113.7"',
  },
  modifiedDate: {
    type: "string",
    output: "optional",
    description: "When the token's name or scopes last changed (ISO 8601, UTC).",
    example: '"2026-11-15T08:00:00.000Z"',
  },
  adopted: {
    type: { enum: ["id", "token"] },
    output: "optional",
    description: 'How the token came under management, when it was adopted rather than created: `"id"` or `"token"`.',
    example: '"id"',
  },
  tokenId: PREVIOUS_TOKEN_PROPERTIES.tokenId,
  previousTokenId: PREVIOUS_TOKEN_PROPERTIES.previousTokenId,
  previousToken: PREVIOUS_TOKEN_PROPERTIES.previousToken,
  previousTokenRemovalDate: PREVIOUS_TOKEN_PROPERTIES.previousTokenRemovalDate,
  previousTokenEnabled: PREVIOUS_TOKEN_PROPERTIES.previousTokenEnabled,
} as const satisfies PropertyTable;
