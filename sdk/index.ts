// pulumi-dynatrace-tokens: Dynatrace access tokens as Pulumi resources.
export { ApiToken, type ApiTokenArgs } from "./apiToken";
export { PersonalAccessToken, type PersonalAccessTokenArgs, type PersonalAccessTokenScope } from "./personalAccessToken";
export { PaasToken, type PaasTokenArgs } from "./paasToken";
export { ActiveGateToken, type ActiveGateAdoptArgs, type ActiveGateTokenArgs } from "./activeGateToken";
export { TenantTokenRotation, type TenantTokenRotationArgs, type RotationPhase } from "./tenantTokenRotation";
export { getTenantToken, getTenantTokenOutput, type GetTenantTokenArgs, type GetTenantTokenOutputArgs, type GetTenantTokenResult, type TenantTokenInfo } from "./tenantToken";
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
