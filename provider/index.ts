// The provider implementations by resource kind. The SDK's serialized stubs `require` this module by package name
// at run time, so an upgraded package fixes read and delete for resources created by older versions too.
import { isPluginProcess, watchEngine } from "./engineWatch";
import { guardHeap } from "./heapGuard";
import { activeGateTokenProvider } from "./resources/activeGateToken";
import { apiTokenProvider } from "./resources/apiToken";
import type { ProviderKind } from "./resourceKinds";
import { dynamicFace } from "./resources/propertyChanges";
import { RotationStateError, tenantTokenRotationProvider } from "./resources/tenantTokenRotation";
import { withSentenceErrors } from "./sentenceErrors";

// In a provider plugin process, end it once the engine that started it is gone (a killed `pulumi up`).
watchEngine();
// There, also keep the heap small while it answers many calls (a large refresh).
if (isPluginProcess()) guardHeap();

/**
 * The provider implementations by kind, as each face calls them: the native plugin (provider/native/) takes `diff`'s
 * property lists as they are, for a detailed diff.
 */
export const resourceProviders = {
  ApiToken: apiTokenProvider,
  ActiveGateToken: activeGateTokenProvider,
  TenantTokenRotation: tenantTokenRotationProvider,
} as const satisfies Record<ProviderKind, unknown>;

/** Error classes of a kind, besides the shared ones, whose message is the whole story (see sentenceErrors.ts). */
export const SENTENCE_ERRORS_BY_KIND: Readonly<Record<ProviderKind, ReadonlyArray<abstract new (...args: never[]) => Error>>> = {
  ApiToken: [],
  ActiveGateToken: [],
  TenantTokenRotation: [RotationStateError],
};

/** The same implementations as Pulumi's dynamic-provider host calls them (the SDK's stubs take these). */
export const providers = {
  ApiToken: withSentenceErrors(dynamicFace(apiTokenProvider)),
  ActiveGateToken: withSentenceErrors(dynamicFace(activeGateTokenProvider)),
  TenantTokenRotation: withSentenceErrors(dynamicFace(tenantTokenRotationProvider), SENTENCE_ERRORS_BY_KIND.TenantTokenRotation),
} as const;

export type { ProviderKind };

export { apiTokenProvider, activeGateTokenProvider };
export { configure, resolveCredentials, ConfigError } from "./config";
export { DynatraceApiError, isDynatraceApiError } from "./client/errors";
export { redact } from "./redact";
