// The Dynatrace access-token scope catalog, shared by the provider, the SDK types and the emulator.
// Source: @dynatrace-sdk/client-classic-environment-v2@9.0.1 types/index.d.ts (generated from Dynatrace Environment API v2 spec).
// Regenerate from ../shared/reference/scopes.json with scripts/generate-scope-catalog.py; do not hand-edit the lists.

/** Scopes that can be assigned to an API token or personal access token today, with Dynatrace's description. */
export const ASSIGNABLE_SCOPES = {
  "InstallerDownload": "PaaS integration - Installer download.",
  "DataExport": "Access problem and event feed, metrics, and topology.",
  "PluginUpload": "Upload Extension.",
  "SupportAlert": "PaaS integration - Support alert.",
  "AdvancedSyntheticIntegration": "Dynatrace module integration - Synthetic Classic.",
  "ExternalSyntheticIntegration": "Create and read synthetic monitors, locations, and nodes.",
  "RumBrowserExtension": "RUM Browser Extension.",
  "LogExport": "Read logs.",
  "ReadConfig": "Read configuration.",
  "WriteConfig": "Write configuration.",
  "DTAQLAccess": "User sessions.",
  "UserSessionAnonymization": "Anonymize user session data for data privacy reasons.",
  "DataPrivacy": "Change data privacy settings.",
  "CaptureRequestData": "Capture request data.",
  "Davis": "Dynatrace module integration - Davis.",
  "DssFileManagement": "Mobile symbolication file management.",
  "RumJavaScriptTagManagement": "Real user monitoring JavaScript tag management.",
  "TenantTokenManagement": "Token management.",
  "ActiveGateCertManagement": "ActiveGate certificate management.",
  "RestRequestForwarding": "Fetch data from a remote environment.",
  "ReadSyntheticData": "Read synthetic monitors, locations, and nodes.",
  "DataImport": "Data ingest, e.g.: metrics and events.",
  "syntheticExecutions.write": "Write synthetic monitor executions.",
  "syntheticExecutions.read": "Read synthetic monitor execution results.",
  "auditLogs.read": "Read audit logs.",
  "metrics.read": "Read metrics.",
  "metrics.write": "Write metrics.",
  "entities.read": "Read entities.",
  "entities.write": "Write entities.",
  "problems.read": "Read problems.",
  "problems.write": "Write problems.",
  "events.read": "Read events.",
  "events.ingest": "Ingest events.",
  "openpipeline.events": "OpenPipeline - Ingest Events (Built-in).",
  "openpipeline.events.custom": "OpenPipeline - Ingest Events (Custom).",
  "openpipeline.events_security": "OpenPipeline - Ingest Security Events (Built-in).",
  "openpipeline.events_security.custom": "OpenPipeline - Ingest Security Events (Custom).",
  "openpipeline.events_sdlc": "OpenPipeline - Ingest Software Development Lifecycle Events (Built-in).",
  "openpipeline.events_sdlc.custom": "OpenPipeline - Ingest Software Development Lifecycle Events (Custom).",
  "openpipeline.events_smartscape": "OpenPipeline - Ingest Smartscape Events (Built-in).",
  "bizevents.ingest": "Ingest bizevents.",
  "networkZones.read": "Read network zones.",
  "networkZones.write": "Write network zones.",
  "activeGates.read": "Read ActiveGates.",
  "activeGates.write": "Write ActiveGates.",
  "activeGateTokenManagement.read": "Read ActiveGate tokens.",
  "activeGateTokenManagement.create": "Create ActiveGate tokens.",
  "activeGateTokenManagement.write": "Write ActiveGate tokens.",
  "agentTokenManagement.read": "Read Agent tokens.",
  "credentialVault.read": "Read credential vault entries.",
  "credentialVault.write": "Write credential vault entries.",
  "extensions.read": "Read extensions.",
  "extensions.write": "Write extensions.",
  "extensionConfigurations.read": "Read extension monitoring configurations.",
  "extensionConfigurations.write": "Write extension monitoring configurations.",
  "extensionEnvironment.read": "Read extension environment configurations.",
  "extensionEnvironment.write": "Write extension environment configurations.",
  "metrics.ingest": "Ingest metrics.",
  "attacks.read": "Read attacks.",
  "attacks.write": "Write Application Protection settings.",
  "securityProblems.read": "Read security problems.",
  "securityProblems.write": "Write security problems.",
  "syntheticLocations.read": "Read synthetic locations.",
  "syntheticLocations.write": "Write synthetic locations.",
  "settings.read": "Read settings.",
  "settings.write": "Write settings.",
  "tenantTokenRotation.write": "Tenant token rotation.",
  "slo.read": "Read SLO.",
  "slo.write": "Write SLO.",
  "releases.read": "Read releases.",
  "apiTokens.read": "Read API tokens.",
  "apiTokens.write": "Write API tokens.",
  "openTelemetryTrace.ingest": "Ingest OpenTelemetry traces.",
  "logs.read": "Read logs.",
  "logs.ingest": "Ingest logs.",
  "geographicRegions.read": "Read Geographic regions.",
  "oneAgents.read": "Read OneAgents.",
  "oneAgents.write": "Write OneAgents.",
  "traces.lookup": "Look up a single trace.",
  "unifiedAnalysis.read": "Read Unified Analysis page.",
  "hub.read": "Read Hub related data.",
  "hub.write": "Manage metadata of Hub items.",
  "hub.install": "Install and update Hub items.",
  "javaScriptMappingFiles.read": "Read JavaScript mapping files.",
  "javaScriptMappingFiles.write": "Write JavaScript mapping files.",
  "extensionConfigurationActions.write": "Actions for extension monitoring configurations.",
  "rumCookieNames.read": "Read RUM cookie names.",
  "adaptiveTrafficManagement.read": "Read sampling configuration for Adaptive Traffic Management.",
  "rumManualInsertionTags.read": "Read RUM manual insertion tags.",
  "extensionDiscoveryJmx.read": "Read discovered JMX metrics via extensions.",
  "extensionDiscoveryPmi.read": "Read discovered PMI metrics via extensions.",
} as const;

/** Scopes that only appear in responses for old tokens; they can no longer be assigned. */
export const RESPONSE_ONLY_SCOPES = ["DiagnosticExport", "MemoryDump", "Mobile", "ViewDashboard", "ViewReport", "WriteSyntheticData"] as const;

// `Extract` gives the union a name of its own, so hovers, type errors and the reference docs say `Scope` instead of
// spelling out all ninety names.
/** A scope of this release's catalog; `scopes` inputs take newer ones too (`OrNewer<Scope>`). */
export type Scope = Extract<keyof typeof ASSIGNABLE_SCOPES, string>;

/**
 * `Known`, or any other string: the type of an input whose values Dynatrace extends without a new API version
 * (`scopes`). Editors complete `Known`, and a value added after this release compiles; the provider's `check` judges
 * it at `pulumi preview` — for scopes, a likely typo fails with a did-you-mean, before any API call, and any other
 * name passes with a warning, for Dynatrace to accept or refuse.
 */
// `string & {}`, not `string`: `Known | string` collapses to `string`, and editors would stop completing `Known`.
export type OrNewer<Known extends string> = Known | (string & {});

/** Every assignable scope, in catalog order. */
export const SCOPE_NAMES = Object.keys(ASSIGNABLE_SCOPES) as Scope[];

export function isAssignableScope(value: string): value is Scope {
  return Object.prototype.hasOwnProperty.call(ASSIGNABLE_SCOPES, value);
}

export function isResponseOnlyScope(value: string): boolean {
  return (RESPONSE_ONLY_SCOPES as readonly string[]).includes(value);
}

/**
 * v1-style scope names (`InstallerDownload`, `DataExport`, …) have no dot; personal access tokens may only carry
 * the dotted v2 names.
 */
export function isV1ScopeName(scope: string): boolean {
  return !scope.includes(".");
}
