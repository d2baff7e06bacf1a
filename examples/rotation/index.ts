import * as dt from "pulumi-dynatrace-tokens";

// Both tokens are replaced automatically by the first `pulumi up` that runs within `rotateBefore` of their expiry.
// Run `pulumi up` regularly (e.g. a nightly CI job) so that consumers always hold a token with time left.
const ingest = new dt.ApiToken("otel-ingest", {
  scopes: ["metrics.ingest", "logs.ingest"],
  expirationDate: "now+90d", // relative: each replacement gets a fresh 90 days
  rotateBefore: "14d",
});

const activeGate = new dt.ActiveGateToken("activegate", {
  activeGateType: "ENVIRONMENT",
  seedToken: false,
  expirationDate: "now+6M", // at most two years for ActiveGate tokens
  rotateBefore: "30d",
});

// Rotate on demand too: change this value (or feed it from @pulumi/random, a date, …) to replace the token.
const manual = new dt.ApiToken("ci-deployer", {
  scopes: ["settings.read", "settings.write"],
  expirationDate: "now+30d",
  rotationTrigger: "2026-q1",
});

export const ingestToken = ingest.token;
export const ingestExpires = ingest.expirationDate;
export const activeGateToken = activeGate.token;
export const deployerToken = manual.token;
