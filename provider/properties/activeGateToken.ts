// The ActiveGateToken resource. ActiveGate tokens cannot be modified, so every input but `rotateBefore` and
// `keepPreviousFor` (which only the provider reads) replaces the token — or, with `keepPreviousFor`, rotates it in place.
import { API_TOKEN_PROPERTIES } from "./apiTokens";
import { ACTIVE_GATE_TYPE } from "./enums";
import { PREVIOUS_TOKEN_PROPERTIES } from "./previousToken";
import type { ObjectType, PropertyTable, ResourceSpec } from "./types";

const TOKEN_ID_EXAMPLE = '"dt0g02.ABC2DEFG"';

export const ACTIVE_GATE_ADOPT = {
  name: "ActiveGateAdopt",
  description: "Takes over an existing ActiveGate token instead of creating one, by its identifier.",
  fields: {
    id: {
      type: "string",
      required: true,
      description:
        "Identifier of the ActiveGate token to take over (`dt0g02.…`). The `token` output stays empty: Dynatrace never " +
        "returns a secret again, and has no lookup by secret for ActiveGate tokens.",
      example: TOKEN_ID_EXAMPLE,
    },
  },
} as const satisfies ObjectType;

const shared = API_TOKEN_PROPERTIES;

export const ACTIVE_GATE_TOKEN_PROPERTIES = {
  name: {
    ...shared.name,
    onChange: "rotate",
    onChangeNote: undefined,
    description: "The token's name in Dynatrace.",
    example: '"ag-frankfurt"',
  },
  activeGateType: {
    type: ACTIVE_GATE_TYPE,
    input: "optional",
    output: "required",
    default: { value: "ENVIRONMENT" },
    onChange: "rotate",
    description: 'The kind of ActiveGate the token is for: `"ENVIRONMENT"` or `"CLUSTER"`.',
    outputDetails: "As requested when the server no longer reports it (a 2026 API change).",
    example: '"CLUSTER"',
  },
  seedToken: {
    type: "boolean",
    input: "optional",
    output: "required",
    default: { value: false },
    onChange: "rotate",
    description: "Whether this is a seed token (shared by many ActiveGates) instead of an individual one (recommended).",
    example: "true",
  },
  expirationDate: {
    ...shared.expirationDate,
    inputDetails:
      'At most two years ahead: `"now+6M"`, an ISO date, or Unix milliseconds; a relative date is resolved once, at ' +
      "creation. Recommended, since Dynatrace also deletes tokens unused for two years.",
    example: '"now+6M"',
  },
  rotateBefore: {
    ...shared.rotateBefore,
    inputDetails:
      "Judged at every preview on the Dynatrace server's clock; a token inside the window shows as a replacement. Needs " +
      'a relative `expirationDate` such as `"now+6M"` (an absolute one would give the new token the same expiry, so ' +
      "that combination is refused).",
    example: '"30d"',
  },
  rotationTrigger: shared.rotationTrigger,
  keepPreviousFor: {
    ...PREVIOUS_TOKEN_PROPERTIES.keepPreviousFor,
    example: '"7d"',
  },
  environment: shared.environment,
  adopt: {
    type: { object: ACTIVE_GATE_ADOPT },
    input: "optional",
    default: { absent: "create a new token" },
    onChange: "none",
    description: "Take over an existing ActiveGate token by its `id` instead of creating a new one.",
    inputDetails:
      "Nothing of an ActiveGate token can be changed, so `name` (default: the resource name), `activeGateType` and " +
      "`seedToken` must match the token — the first `up` refuses to adopt it otherwise, saying what to write; " +
      "`expirationDate` is kept as requested, for a replacement (the `expirationDate` output is the adopted token's). " +
      "Only read on the first `up`: remove it afterwards (a replacement is refused at preview while it is set). The " +
      "adopted token is deleted on `destroy` and when replaced, like any other (use the `retainOnDelete` resource " +
      "option to keep it).",
    example: `{ id: ${TOKEN_ID_EXAMPLE} }`,
  },
  dynatraceName: { ...shared.dynatraceName, example: '"ag-frankfurt ⟨pulumi 3kq7m2xw.7f3a9c2qk4m8⟩"' },
  token: {
    ...shared.token,
    description: "The token's secret value (`dt0g02.….…`).",
    outputDetails:
      "Absent for a token adopted by id: Dynatrace returns a secret only when it creates the token (a replacement has " +
      "one again).",
    example: '"dt0g02.ABC2DEFG.…"',
  },
  owner: { ...shared.owner, description: "Owner of the token." },
  creationDate: shared.creationDate,
  requestedExpirationDate: { ...shared.requestedExpirationDate, example: '"now+6M"' },
  expired: shared.expired,
  lastUsedDate: { ...shared.lastUsedDate, description: "When the token was last used (ISO 8601, UTC), as of the last create or refresh." },
  adopted: {
    type: { enum: ["id"] },
    output: "optional",
    description: '`"id"` when the token was adopted rather than created (its secret is then unknown).',
    example: '"id"',
  },
  tokenId: { ...PREVIOUS_TOKEN_PROPERTIES.tokenId, example: TOKEN_ID_EXAMPLE },
  previousTokenId: { ...PREVIOUS_TOKEN_PROPERTIES.previousTokenId, example: TOKEN_ID_EXAMPLE },
  previousToken: { ...PREVIOUS_TOKEN_PROPERTIES.previousToken, example: '"dt0g02.ABC2DEFG.…"' },
  previousTokenRemovalDate: PREVIOUS_TOKEN_PROPERTIES.previousTokenRemovalDate,
  previousTokenEnabled: PREVIOUS_TOKEN_PROPERTIES.previousTokenEnabled,
} as const satisfies PropertyTable;

export const ACTIVE_GATE_TOKEN = {
  name: "ActiveGateToken",
  token: "dynatrace-tokens:index:ActiveGateToken",
  replaces: "the token",
  description:
    "A Dynatrace ActiveGate token (`/api/v2/activeGateTokens`). ActiveGate tokens cannot be modified, so any change " +
    "(other than `rotateBefore`) creates a new token before deleting the old one — or, with `keepPreviousFor`, creates " +
    "it in place and keeps the old one valid for that long (`previousToken`), while ActiveGates move to the new " +
    "`authToken` line (`activeGateAuthorizationLine`).",
  example: [
    'import * as dt from "pulumi-dynatrace-tokens";',
    "",
    'const ag = new dt.ActiveGateToken("ag", {',
    '  activeGateType: "ENVIRONMENT",',
    "  seedToken: false,",
    '  expirationDate: "now+6M",',
    '  rotateBefore: "30d",',
    "});",
    "export const activeGateToken = ag.token;",
  ].join("\n"),
  properties: ACTIVE_GATE_TOKEN_PROPERTIES,
} as const satisfies ResourceSpec;
