// The provider implementations by resource kind. The SDK's serialized stubs `require` this module by package name
// at run time, so an upgraded package fixes read and delete for resources created by older versions too.
import { isPluginProcess, watchEngine } from "./engineWatch";
import { guardHeap } from "./heapGuard";
import { activeGateTokenProvider } from "./resources/activeGateToken";
import { apiTokenProvider } from "./resources/apiToken";
import { RotationStateError, tenantTokenRotationProvider } from "./resources/tenantTokenRotation";
import { withSentenceErrors } from "./sentenceErrors";

// In a provider plugin process, end it once the engine that started it is gone (a killed `pulumi up`).
watchEngine();
// There, also keep the heap small while it answers many calls (a large refresh).
if (isPluginProcess()) guardHeap();

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
