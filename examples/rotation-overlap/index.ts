import * as pulumi from "@pulumi/pulumi";
import * as dt from "pulumi-dynatrace-tokens";

// Consumers that pick up a new token later lose nothing: with `keepPreviousFor`, a rotation issues the new token in
// place and keeps the previous one valid for that long; the first `pulumi up` after that deletes it. Run `pulumi up`
// regularly (e.g. a nightly CI job): it rotates before expiry and removes previous tokens once their time is up.

// An ActiveGate reads its token from `authorization.properties` when it starts. After a rotation, every ActiveGate
// keeps working with the previous token until it is restarted with the new line: the fleet has a week for that.
const activeGate = new dt.ActiveGateToken("activegate", {
  activeGateType: "ENVIRONMENT",
  expirationDate: "now+6M",
  rotateBefore: "30d",
  keepPreviousFor: "7d",
});

// `authToken=dt0g02.…`, the line your configuration management writes into authorization.properties (a secret).
// (A created token always has its secret; only one adopted by id has none.)
export const activeGateAuthorization = dt.activeGateAuthorizationLine(activeGate.token.apply((token) => token ?? ""));
// Roll the new line out before this date: then the previous token is deleted (undefined when none is kept).
export const activeGatePreviousTokenRemoval = activeGate.previousTokenRemovalDate;

// An ingest token synced to a Kubernetes Secret, which pods read when they start: pods started before a rotation keep
// sending with the previous token, which stays valid for a day — restart them (or let them roll) within that day.
const ingest = new dt.ApiToken("otel-ingest", {
  scopes: ["metrics.ingest", "logs.ingest", "openTelemetryTrace.ingest"],
  expirationDate: "now+90d",
  rotateBefore: "14d",
  keepPreviousFor: "24h",
});

// The Secret, as a manifest (a Pulumi secret): with @pulumi/kubernetes, `new k8s.core.v1.Secret("dynatrace-ingest",
// ingestSecret)`; or write it out for the pipeline that syncs your cluster's secrets.
export const ingestSecret = pulumi.secret(ingest.token).apply((token) => ({
  apiVersion: "v1",
  kind: "Secret",
  metadata: { name: "dynatrace-ingest", namespace: "monitoring" },
  type: "Opaque",
  stringData: { DT_API_TOKEN: token ?? "" },
}));
// Which token is in use, and which one is kept until when (identifiers only; `previousToken` is the kept secret).
export const ingestTokenId = ingest.tokenId;
export const ingestPreviousTokenId = ingest.previousTokenId;
export const ingestPreviousTokenRemoval = ingest.previousTokenRemovalDate;
