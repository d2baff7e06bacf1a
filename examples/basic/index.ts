import * as dt from "pulumi-dynatrace-tokens";

// An ingest token for an OpenTelemetry collector, and a read-only token for dashboards.
const ingest = new dt.ApiToken("otel-ingest", {
  scopes: ["metrics.ingest", "logs.ingest", "openTelemetryTrace.ingest"],
  expirationDate: "now+90d",
});

const readOnly = new dt.ApiToken("grafana-read", {
  scopes: ["metrics.read", "entities.read", "problems.read"],
});

const paas = new dt.PaasToken("oneagent-installer", { expirationDate: "now+1y" });

export const ingestTokenId = ingest.id;
export const ingestToken = ingest.token; // a secret: `pulumi stack output --show-secrets ingestToken`
export const readOnlyToken = readOnly.token;
export const paasToken = paas.token;
