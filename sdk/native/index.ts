// pulumi-dynatrace-tokens/native: the same resources as the default import, served by the native provider plugin
// `pulumi-resource-dynatrace-tokens` (type tokens `dynatrace-tokens:index:*`) instead of Pulumi's dynamic providers.
// The same names and arguments; besides, `pulumi import` and the `import` resource option work, `pulumi preview`
// shows a detailed diff, and an explicit `Provider` serves another environment. See docs/native.md.
export { ApiToken, PersonalAccessToken, PaasToken } from "./apiToken";
export { ActiveGateToken } from "./activeGateToken";
export { TenantTokenRotation } from "./tenantTokenRotation";
export { Provider, type ProviderArgs, type ProviderEnvironmentArgs } from "./provider";
export { getTenantToken, getTenantTokenOutput } from "./tenantToken";
export type { ApiTokenArgs } from "../apiToken";
export type { PersonalAccessTokenArgs, PersonalAccessTokenScope } from "../personalAccessToken";
export type { PaasTokenArgs } from "../paasToken";
export type { ActiveGateAdoptArgs, ActiveGateTokenArgs } from "../activeGateToken";
export type { TenantTokenRotationArgs, RotationPhase } from "../tenantTokenRotation";
export type { GetTenantTokenArgs, GetTenantTokenOutputArgs, GetTenantTokenResult, TenantTokenInfo } from "../tenantToken";
export * from "../faceIndependent";
