// The provider implementations by resource kind. The SDK's serialized stubs `require` this module by package name
// at run time, so an upgraded package fixes read and delete for resources created by older versions too.
import { watchEngine } from "./engineWatch";
import { activeGateTokenProvider } from "./resources/activeGateToken";
import { apiTokenProvider } from "./resources/apiToken";
import { RotationStateError, tenantTokenRotationProvider } from "./resources/tenantTokenRotation";
import { withSentenceErrors } from "./sentenceErrors";

// In a provider plugin process, end it once the engine that started it is gone (a killed `pulumi up`).
watchEngine();

export const providers = {
  ApiToken: withSentenceErrors(apiTokenProvider),
  ActiveGateToken: withSentenceErrors(activeGateTokenProvider),
  TenantTokenRotation: withSentenceErrors(tenantTokenRotationProvider, [RotationStateError]),
} as const;

export type ProviderKind = keyof typeof providers;

export { apiTokenProvider, activeGateTokenProvider };
export { configure, resolveCredentials, ConfigError } from "./config";
export { DynatraceApiError, isDynatraceApiError } from "./client/errors";
export { redact } from "./redact";
