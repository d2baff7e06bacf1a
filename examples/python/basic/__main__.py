"""An ingest token for an OpenTelemetry collector, a read-only token for dashboards, and a PaaS token."""

import pulumi
import pulumi_dynatrace_tokens as dt

ingest = dt.ApiToken(
    "otel-ingest",
    scopes=["metrics.ingest", "logs.ingest", "openTelemetryTrace.ingest"],
    expiration_date="now+90d",
)

read_only = dt.ApiToken("grafana-read", scopes=["metrics.read", "entities.read", "problems.read"])

paas = dt.PaasToken("oneagent-installer", expiration_date="now+1y")

pulumi.export("ingest_token_id", ingest.id)
pulumi.export("ingest_token", ingest.token)  # a secret: pulumi stack output --show-secrets ingest_token
pulumi.export("read_only_token", read_only.token)
pulumi.export("paas_token", paas.token)
