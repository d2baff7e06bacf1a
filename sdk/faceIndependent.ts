// What both faces export alike (the default import and pulumi-dynatrace-tokens/native): the agent hand-off helpers,
// which work on any token's outputs, the scope catalog, and the argument types the two faces' classes share.
export {
  activeGateAuthorizationLine,
  oneAgentSetTenantTokenCommand,
  tenantTokenSecret,
  type TenantTokenSecretData,
  type TenantTokenSecretManifest,
  type TenantTokenSecretMetadata,
} from "./agentConfig";
export type { AdoptArgs, CommonApiTokenArgs } from "./apiTokenBase";
export { ASSIGNABLE_SCOPES, RESPONSE_ONLY_SCOPES, SCOPE_NAMES, isAssignableScope, type OrNewer, type Scope } from "./scopes";
