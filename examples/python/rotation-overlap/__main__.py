"""Tokens that rotate before they expire and keep the previous token valid for a while.

Consumers that pick up a new token later lose nothing: with keep_previous_for, a rotation issues the new token in
place and keeps the previous one valid for that long; the first `pulumi up` after that deletes it. Run `pulumi up`
regularly (e.g. a nightly CI job): it rotates before expiry and removes previous tokens once their time is up.
"""

import pulumi
import pulumi_dynatrace_tokens as dt

# An ActiveGate reads its token from authorization.properties when it starts. After a rotation, every ActiveGate
# keeps working with the previous token until it is restarted with the new line: the fleet has a week for that.
active_gate = dt.ActiveGateToken(
    "activegate",
    active_gate_type="ENVIRONMENT",
    expiration_date="now+6M",
    rotate_before="30d",
    keep_previous_for="7d",
)

# `authToken=dt0g02.…`, the line your configuration management writes into authorization.properties (a secret).
pulumi.export("active_gate_authorization", dt.active_gate_authorization_line_output(token=active_gate.token).line)
# Roll the new line out before this date: then the previous token is deleted (None when none is kept).
pulumi.export("active_gate_previous_token_removal", active_gate.previous_token_removal_date)

# An ingest token synced to a Kubernetes Secret, which pods read when they start: pods started before a rotation keep
# sending with the previous token, which stays valid for a day — restart them (or let them roll) within that day.
ingest = dt.ApiToken(
    "otel-ingest",
    scopes=["metrics.ingest", "logs.ingest", "openTelemetryTrace.ingest"],
    expiration_date="now+90d",
    rotate_before="14d",
    keep_previous_for="24h",
)

# The Secret, as a manifest (a Pulumi secret): with pulumi_kubernetes, `k8s.core.v1.Secret("dynatrace-ingest",
# **ingest_secret)`; or write it out for the pipeline that syncs your cluster's secrets.
pulumi.export(
    "ingest_secret",
    pulumi.Output.secret(ingest.token).apply(
        lambda token: {
            "apiVersion": "v1",
            "kind": "Secret",
            "metadata": {"name": "dynatrace-ingest", "namespace": "monitoring"},
            "type": "Opaque",
            "stringData": {"DT_API_TOKEN": token or ""},
        }
    ),
)
# Which token is in use, and which one is kept until when (identifiers only; previous_token is the kept secret).
pulumi.export("ingest_token_id", ingest.token_id)
pulumi.export("ingest_previous_token_id", ingest.previous_token_id)
pulumi.export("ingest_previous_token_removal", ingest.previous_token_removal_date)
