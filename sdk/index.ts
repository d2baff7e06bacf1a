// pulumi-dynatrace-tokens: Dynatrace access tokens as Pulumi resources.
export { ApiToken, type ApiTokenArgs } from "./apiToken";
export { PersonalAccessToken, type PersonalAccessTokenArgs, type PersonalAccessTokenScope } from "./personalAccessToken";
export { PaasToken, type PaasTokenArgs } from "./paasToken";
export { ActiveGateToken, type ActiveGateAdoptArgs, type ActiveGateTokenArgs } from "./activeGateToken";
export { TenantTokenRotation, type TenantTokenRotationArgs, type RotationPhase } from "./tenantTokenRotation";
export { getTenantToken, getTenantTokenOutput, type GetTenantTokenArgs, type GetTenantTokenOutputArgs, type GetTenantTokenResult, type TenantTokenInfo } from "./tenantToken";
export * from "./faceIndependent";
