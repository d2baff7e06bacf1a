// The TenantTokenRotation resource. The inputs declare where the environment's rotation should be; the outputs record
// where it is, and the tenant tokens, so that `read` can tell this resource's rotation from anyone else's.
import { ROTATION_PHASE, ROTATION_STATUS } from "./enums";
import type { PropertyTable, ResourceSpec } from "./types";

const TENANT_TOKEN_EXAMPLE = '"abcdefghij1234567890"';

export const TENANT_TOKEN_ROTATION_PROPERTIES = {
  phase: {
    type: ROTATION_PHASE,
    input: "required",
    output: "required",
    onChange: "update",
    onChangeNote: "one rotation step per `up`",
    description: "Where the environment's tenant token rotation is, or should be.",
    inputDetails:
      '`"rotating"` starts a rotation (a new tenant token appears; the old one stays valid); `"finished"` finishes it ' +
      "(the old token stops working — only once every ActiveGate and OneAgent has the new one); `\"cancelled\"` " +
      "discards the new token. Moves that make no sense (finishing what was never started, going back) fail at " +
      "preview with what to do instead.",
    outputDetails: "As of the last `up` or `refresh`: a rotation finished or cancelled by hand shows here.",
    example: '"rotating"',
  },
  generation: {
    type: "integer",
    minimum: 0,
    input: "optional",
    output: "required",
    default: { value: 0 },
    onChange: "update",
    onChangeNote: "starts the next rotation",
    description: "Which rotation this is.",
    inputDetails:
      'Raise it (with `phase: "rotating"`) to start the next rotation once the previous one is finished or cancelled; ' +
      "it never goes down.",
    example: "1",
  },
  environment: {
    type: "string",
    input: "optional",
    output: "optional",
    default: { absent: "the environment of `dynatrace-tokens:envUrl`" },
    onChange: "replace",
    onChangeNote: "starts a rotation in the new environment; the old one is left as it is",
    description: "The entry of the `dynatrace-tokens:environments` stack config whose tenant token this rotation rotates.",
    example: '"prod"',
  },
  status: {
    type: ROTATION_STATUS,
    output: "required",
    description: 'The environment\'s rotation status as last seen: `"ACTIVE"` while two tenant tokens are valid.',
    example: '"ACTIVE"',
  },
  activeToken: {
    type: "string",
    output: "required",
    secret: true,
    description:
      "The tenant token agents should use: the new one while rotating and once finished, the original one after a cancel.",
    example: TENANT_TOKEN_EXAMPLE,
  },
  oldToken: {
    type: "string",
    output: "required",
    nullable: true,
    secret: true,
    description: "The token being replaced, still valid while rotating; `null` once finished or cancelled.",
    example: TENANT_TOKEN_EXAMPLE,
  },
  startedToken: {
    type: "string",
    output: "required",
    internal: "output",
    secret: true,
    description: "The new token this generation's start returned; how `read` recognises this resource's rotation.",
    example: TENANT_TOKEN_EXAMPLE,
  },
  tenantUUID: {
    type: "string",
    output: "optional",
    description: "The environment's ID.",
    example: '"abc12345"',
  },
} as const satisfies PropertyTable;

export const TENANT_TOKEN_ROTATION = {
  name: "TenantTokenRotation",
  token: "dynatrace-tokens:index:TenantTokenRotation",
  replaces: "the resource",
  description:
    "The tenant token rotation of a Dynatrace environment, declared by phase and run by `pulumi up`: declare " +
    '`phase: "rotating"`, hand `activeToken` to every ActiveGate and OneAgent (see `activeGateAuthorizationLine`, ' +
    '`oneAgentSetTenantTokenCommand`, `tenantTokenSecret`), then declare `phase: "finished"`. The configured API ' +
    "token needs `tenantTokenRotation.write` and `InstallerDownload`.\n\n" +
    "Deleting the resource never finishes or cancels a rotation: the environment is left as it is, with a warning " +
    "when a rotation was still running. `pulumi refresh` records a rotation finished or cancelled by hand as a " +
    "changed `phase`.",
  example: [
    'import * as dt from "pulumi-dynatrace-tokens";',
    "",
    'const rotation = new dt.TenantTokenRotation("tenant-token", { phase: "rotating", generation: 1 });',
    "export const newTenantToken = rotation.activeToken; // a Pulumi secret",
  ].join("\n"),
  properties: TENANT_TOKEN_ROTATION_PROPERTIES,
} as const satisfies ResourceSpec;
