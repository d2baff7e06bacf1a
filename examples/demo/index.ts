// The demo stack: the tokens a platform team typically hands out, declared once.
// `npm run demo` runs it against the local emulator; point `dynatrace-tokens:envUrl` and
// `dynatrace-tokens:apiToken` at a real environment to run it there.
import * as dt from "pulumi-dynatrace-tokens";

// OpenTelemetry collectors push metrics, logs and traces, and nothing else.
const ingest = new dt.ApiToken("otel-ingest", {
  scopes: ["metrics.ingest", "logs.ingest", "openTelemetryTrace.ingest"],
  expirationDate: "now+90d",
  rotateBefore: "14d",
});

// Dashboards-as-code and reporting jobs read, they never write.
const readOnly = new dt.ApiToken("reporting-read-only", {
  scopes: ["metrics.read", "entities.read", "problems.read", "logs.read"],
  expirationDate: "now+180d",
  rotateBefore: "30d",
});

// Kubernetes operators and image builds download OneAgent installers.
const paas = new dt.PaasToken("oneagent-installer", {
  expirationDate: "now+1y",
});

// Each ActiveGate gets an individual token; ActiveGate tokens can't be updated, only replaced.
const activeGate = new dt.ActiveGateToken("activegate-eu-1", {
  activeGateType: "ENVIRONMENT",
  seedToken: false,
  expirationDate: "now+6M",
  rotateBefore: "30d",
});

export const ingestTokenId = ingest.id;
export const ingestToken = ingest.token;
export const readOnlyTokenId = readOnly.id;
export const readOnlyToken = readOnly.token;
export const paasTokenId = paas.id;
export const paasToken = paas.token;
export const activeGateTokenId = activeGate.id;
export const activeGateToken = activeGate.token;
export const activeGateTokenExpires = activeGate.expirationDate;
