// The functions: reading the environment's tenant token, and the agent hand-off helpers (invokes for the native
// provider, so that every language gets them).
import type { FunctionSpec, ObjectType } from "./types";

const ENVIRONMENT_ARGUMENT = {
  type: "string",
  default: { absent: "the environment of `dynatrace-tokens:envUrl`" },
  description: "The entry of the `dynatrace-tokens:environments` stack config to read.",
  example: '"prod"',
} as const;
const TOKEN_ARGUMENT = {
  type: "string",
  required: true,
  secret: true,
  description: "A tenant token (`TenantTokenRotation.activeToken`, `getTenantToken`'s `tenantToken`) or, where it says so, an ActiveGate token.",
  example: "rotation.activeToken",
} as const;
const TENANT_TOKEN_EXAMPLE = '"abcdefghij1234567890"';

export const GET_TENANT_TOKEN = {
  name: "getTenantToken",
  token: "dynatrace-tokens:index:getTenantToken",
  description:
    "Reads the environment's tenant token and communication endpoints " +
    "(`GET /api/v1/deployment/installer/agent/connectioninfo`). The configured API token needs the " +
    "`InstallerDownload` scope. During a rotation this is the new token.",
  example: [
    'import * as dt from "pulumi-dynatrace-tokens";',
    "",
    "const info = await dt.getTenantToken();",
    "export const tenantToken = info.tenantToken; // a Pulumi secret",
    "export const endpoints = info.formattedCommunicationEndpoints;",
  ].join("\n"),
  inputs: {
    environment: ENVIRONMENT_ARGUMENT,
    networkZone: {
      type: "string",
      default: { absent: "the default zone" },
      description: "The network zone to list the communication endpoints for.",
      example: '"europe-west"',
    },
  },
  outputs: {
    tenantToken: {
      type: "string",
      required: true,
      secret: true,
      description: "The tenant token agents authenticate with.",
      example: TENANT_TOKEN_EXAMPLE,
    },
    tenantUUID: { type: "string", required: true, description: "The environment's ID.", example: '"abc12345"' },
    communicationEndpoints: {
      type: { array: "string" },
      required: true,
      description: "The endpoints agents connect to, highest priority first.",
      example: '["https://abc12345.live.dynatrace.com:443/communication"]',
    },
    formattedCommunicationEndpoints: {
      type: "string",
      required: true,
      description: "The same endpoints in the formatted form installers take (`--set-server`).",
      example: '"{https://abc12345.live.dynatrace.com:443/communication}"',
    },
  },
} as const satisfies FunctionSpec;

export const ACTIVE_GATE_AUTHORIZATION_LINE = {
  name: "activeGateAuthorizationLine",
  token: "dynatrace-tokens:index:activeGateAuthorizationLine",
  description:
    "The line of an ActiveGate's `authorization.properties` (in the entry of the environment) that holds `token`: " +
    "`authToken=<token>` for an ActiveGate token (`dt0g02.…`), `tenantToken=<token>` for a tenant token.",
  example: [
    'const line = dt.activeGateAuthorizationLine(rotation.activeToken); // "tenantToken=…", secret',
    'const auth = dt.activeGateAuthorizationLine(activeGateToken.token); // "authToken=dt0g02.…", secret',
  ].join("\n"),
  inputs: { token: { ...TOKEN_ARGUMENT, description: "A tenant token, or an ActiveGate token (`dt0g02.…`)." } },
  outputs: {
    line: {
      type: "string",
      required: true,
      secret: true,
      description: "The `authorization.properties` line.",
      example: '"tenantToken=abcdefghij1234567890"',
    },
  },
} as const satisfies FunctionSpec;

export const ONE_AGENT_SET_TENANT_TOKEN_COMMAND = {
  name: "oneAgentSetTenantTokenCommand",
  token: "dynatrace-tokens:index:oneAgentSetTenantTokenCommand",
  description: "The `oneagentctl` command that puts a new tenant token on a OneAgent and restarts it.",
  example: "const command = dt.oneAgentSetTenantTokenCommand(rotation.activeToken); // a secret",
  inputs: { token: { ...TOKEN_ARGUMENT, description: "The tenant token." } },
  outputs: {
    command: {
      type: "string",
      required: true,
      secret: true,
      description: "The command line.",
      example: '"oneagentctl --set-tenant-token=abcdefghij1234567890 --restart-service"',
    },
  },
} as const satisfies FunctionSpec;

export const TENANT_TOKEN_SECRET_METADATA = {
  name: "TenantTokenSecretMetadata",
  description: "The name and namespace of a Kubernetes Secret.",
  fields: {
    name: { type: "string", required: true, description: "The Secret's name.", example: '"dynatrace-tenant-token"' },
    namespace: {
      type: "string",
      default: { absent: "none: the namespace the manifest is applied in" },
      description: "The Secret's namespace.",
      example: '"dynatrace"',
    },
  },
} as const satisfies ObjectType;

export const TENANT_TOKEN_SECRET_DATA = {
  name: "TenantTokenSecretData",
  description: "The data of the tenant token Secret.",
  fields: {
    tenantToken: { type: "string", required: true, secret: true, description: "The tenant token.", example: TENANT_TOKEN_EXAMPLE },
  },
} as const satisfies ObjectType;

export const TENANT_TOKEN_SECRET = {
  name: "tenantTokenSecret",
  token: "dynatrace-tokens:index:tenantTokenSecret",
  description:
    "A Kubernetes-Secret-shaped object with the tenant token as `stringData.tenantToken`, e.g. for " +
    "`new k8s.core.v1.Secret(name, manifest)` or `k8s.yaml.ConfigGroup`.",
  example: 'const secret = dt.tenantTokenSecret(rotation.activeToken, { name: "dynatrace-tenant-token", namespace: "dynatrace" });',
  inputs: {
    token: { ...TOKEN_ARGUMENT, description: "The tenant token." },
    metadata: {
      type: { object: TENANT_TOKEN_SECRET_METADATA },
      required: true,
      description: "The Secret's name and namespace.",
      example: '{ name: "dynatrace-tenant-token", namespace: "dynatrace" }',
    },
  },
  outputs: {
    apiVersion: { type: { enum: ["v1"] }, required: true, description: "Always `v1`.", example: '"v1"' },
    kind: { type: { enum: ["Secret"] }, required: true, description: "Always `Secret`.", example: '"Secret"' },
    metadata: {
      type: { object: TENANT_TOKEN_SECRET_METADATA },
      required: true,
      description: "The Secret's name and namespace, as given.",
      example: '{ name: "dynatrace-tenant-token", namespace: "dynatrace" }',
    },
    type: { type: { enum: ["Opaque"] }, required: true, description: "Always `Opaque`.", example: '"Opaque"' },
    stringData: {
      type: { object: TENANT_TOKEN_SECRET_DATA },
      required: true,
      secret: true,
      description: "The tenant token, under `tenantToken`.",
      example: '{ tenantToken: "abcdefghij1234567890" }',
    },
  },
} as const satisfies FunctionSpec;

/** The functions, in the order the package schema lists them. */
export const FUNCTIONS: readonly FunctionSpec[] = [GET_TENANT_TOKEN, ACTIVE_GATE_AUTHORIZATION_LINE, ONE_AGENT_SET_TENANT_TOKEN_COMMAND, TENANT_TOKEN_SECRET];
