// What a scope lets a token do, for reviews and audits: one label and one level per scope of the catalog.
import type { RESPONSE_ONLY_SCOPES, Scope } from "./scopes";

/**
 * - `token-admin`: can create, change or read other tokens — a holder can escalate its own privileges.
 * - `config-write`: changes how the environment is configured or what code runs in it.
 * - `data-privacy`: changes privacy settings or exposes personal data (user sessions, captured requests).
 * - `ingest-only`: can only send data in.
 * - `read-only`: can only read.
 */
export type RiskLabel = "token-admin" | "config-write" | "data-privacy" | "ingest-only" | "read-only";

/**
 * - `low`: sends data in or reads data of little sensitivity.
 * - `medium`: reads data that may be sensitive (logs, configuration, token metadata) or changes non-security objects.
 * - `high`: changes configuration, exposes personal data or credentials.
 * - `critical`: manages tokens.
 */
export type RiskLevel = "low" | "medium" | "high" | "critical";

export const RISK_LEVELS: readonly RiskLevel[] = ["low", "medium", "high", "critical"];

export const RISK_LABELS: readonly RiskLabel[] = ["token-admin", "config-write", "data-privacy", "ingest-only", "read-only"];

export interface ScopeRisk {
  readonly label: RiskLabel;
  readonly level: RiskLevel;
}

const r = (label: RiskLabel, level: RiskLevel): ScopeRisk => ({ label, level });

/** The risk of every assignable scope; `satisfies` makes a scope added to the catalog fail to compile until labelled. */
export const SCOPE_RISKS = {
  // Token administration.
  "apiTokens.write": r("token-admin", "critical"),
  "TenantTokenManagement": r("token-admin", "critical"),
  "tenantTokenRotation.write": r("token-admin", "critical"),
  "activeGateTokenManagement.create": r("token-admin", "critical"),
  "activeGateTokenManagement.write": r("token-admin", "critical"),
  // Reading agent tokens lets the holder connect agents, i.e. act as the environment's own OneAgents.
  "agentTokenManagement.read": r("token-admin", "high"),

  // Configuration write.
  "WriteConfig": r("config-write", "high"),
  "settings.write": r("config-write", "high"),
  "credentialVault.write": r("config-write", "high"),
  "PluginUpload": r("config-write", "high"),
  "ActiveGateCertManagement": r("config-write", "high"),
  "activeGates.write": r("config-write", "high"),
  "networkZones.write": r("config-write", "high"),
  "oneAgents.write": r("config-write", "high"),
  "extensions.write": r("config-write", "high"),
  "extensionConfigurations.write": r("config-write", "high"),
  "extensionEnvironment.write": r("config-write", "high"),
  "extensionConfigurationActions.write": r("config-write", "high"),
  "hub.install": r("config-write", "high"),
  "attacks.write": r("config-write", "high"),
  "hub.write": r("config-write", "medium"),
  "securityProblems.write": r("config-write", "medium"),
  "syntheticLocations.write": r("config-write", "medium"),
  "ExternalSyntheticIntegration": r("config-write", "medium"),
  "AdvancedSyntheticIntegration": r("config-write", "medium"),
  "slo.write": r("config-write", "medium"),
  "entities.write": r("config-write", "medium"),
  "metrics.write": r("config-write", "medium"),
  "problems.write": r("config-write", "medium"),
  "javaScriptMappingFiles.write": r("config-write", "medium"),
  "DssFileManagement": r("config-write", "medium"),

  // Data privacy.
  "DataPrivacy": r("data-privacy", "high"),
  "UserSessionAnonymization": r("data-privacy", "high"),
  "CaptureRequestData": r("data-privacy", "high"),
  "DTAQLAccess": r("data-privacy", "high"),

  // Ingest only.
  "DataImport": r("ingest-only", "low"),
  "metrics.ingest": r("ingest-only", "low"),
  "logs.ingest": r("ingest-only", "low"),
  "events.ingest": r("ingest-only", "low"),
  "bizevents.ingest": r("ingest-only", "low"),
  "openTelemetryTrace.ingest": r("ingest-only", "low"),
  "openpipeline.events": r("ingest-only", "low"),
  "openpipeline.events.custom": r("ingest-only", "low"),
  "openpipeline.events_security": r("ingest-only", "low"),
  "openpipeline.events_security.custom": r("ingest-only", "low"),
  "openpipeline.events_sdlc": r("ingest-only", "low"),
  "openpipeline.events_sdlc.custom": r("ingest-only", "low"),
  "openpipeline.events_smartscape": r("ingest-only", "low"),
  "syntheticExecutions.write": r("ingest-only", "low"),
  "SupportAlert": r("ingest-only", "low"),

  // Read only; credentials and secrets-bearing data rank higher than metrics.
  "credentialVault.read": r("read-only", "high"),
  "apiTokens.read": r("read-only", "medium"),
  "activeGateTokenManagement.read": r("read-only", "medium"),
  "ReadConfig": r("read-only", "medium"),
  "settings.read": r("read-only", "medium"),
  "LogExport": r("read-only", "medium"),
  "logs.read": r("read-only", "medium"),
  "auditLogs.read": r("read-only", "medium"),
  "traces.lookup": r("read-only", "medium"),
  "RestRequestForwarding": r("read-only", "medium"),
  "Davis": r("read-only", "medium"),
  "attacks.read": r("read-only", "medium"),
  "securityProblems.read": r("read-only", "medium"),
  "DataExport": r("read-only", "low"),
  "InstallerDownload": r("read-only", "low"),
  "RumBrowserExtension": r("read-only", "low"),
  "RumJavaScriptTagManagement": r("read-only", "low"),
  "ReadSyntheticData": r("read-only", "low"),
  "syntheticExecutions.read": r("read-only", "low"),
  "metrics.read": r("read-only", "low"),
  "entities.read": r("read-only", "low"),
  "problems.read": r("read-only", "low"),
  "events.read": r("read-only", "low"),
  "networkZones.read": r("read-only", "low"),
  "activeGates.read": r("read-only", "low"),
  "extensions.read": r("read-only", "low"),
  "extensionConfigurations.read": r("read-only", "low"),
  "extensionEnvironment.read": r("read-only", "low"),
  "extensionDiscoveryJmx.read": r("read-only", "low"),
  "extensionDiscoveryPmi.read": r("read-only", "low"),
  "syntheticLocations.read": r("read-only", "low"),
  "slo.read": r("read-only", "low"),
  "releases.read": r("read-only", "low"),
  "geographicRegions.read": r("read-only", "low"),
  "oneAgents.read": r("read-only", "low"),
  "unifiedAnalysis.read": r("read-only", "low"),
  "hub.read": r("read-only", "low"),
  "javaScriptMappingFiles.read": r("read-only", "low"),
  "rumCookieNames.read": r("read-only", "low"),
  "adaptiveTrafficManagement.read": r("read-only", "low"),
  "rumManualInsertionTags.read": r("read-only", "low"),
} as const satisfies Record<Scope, ScopeRisk>;

/** Legacy scopes that old tokens still carry; they can't be assigned but audits meet them. */
const RESPONSE_ONLY_RISKS: Record<(typeof RESPONSE_ONLY_SCOPES)[number], ScopeRisk> = {
  DiagnosticExport: r("read-only", "medium"),
  MemoryDump: r("data-privacy", "high"),
  Mobile: r("ingest-only", "low"),
  ViewDashboard: r("read-only", "low"),
  ViewReport: r("read-only", "low"),
  WriteSyntheticData: r("config-write", "medium"),
};

/** A scope this catalog doesn't know (newer than the catalog, or a typo) is treated as able to change configuration. */
export const UNKNOWN_SCOPE_RISK: ScopeRisk = r("config-write", "high");

/** The risk of any scope string; unknown scopes get `UNKNOWN_SCOPE_RISK`. */
export function riskOf(scope: string): ScopeRisk & { known: boolean } {
  const known = (SCOPE_RISKS as Record<string, ScopeRisk | undefined>)[scope] ??
    (RESPONSE_ONLY_RISKS as Record<string, ScopeRisk | undefined>)[scope];
  return known ? { ...known, known: true } : { ...UNKNOWN_SCOPE_RISK, known: false };
}

/** `a` compared with `b`: negative when `a` is lower. */
export function compareLevels(a: RiskLevel, b: RiskLevel): number {
  return RISK_LEVELS.indexOf(a) - RISK_LEVELS.indexOf(b);
}

/** The highest level among `levels`, `undefined` for none. */
export function highestLevel(levels: Iterable<RiskLevel>): RiskLevel | undefined {
  let highest: RiskLevel | undefined;
  for (const level of levels) if (highest === undefined || compareLevels(level, highest) > 0) highest = level;
  return highest;
}

/** The distinct labels of `scopes`, in the order of `RISK_LABELS` (most dangerous first). */
export function labelsOf(scopes: Iterable<string>): RiskLabel[] {
  const labels = new Set<RiskLabel>();
  for (const scope of scopes) labels.add(riskOf(scope).label);
  return RISK_LABELS.filter((label) => labels.has(label));
}
