import * as pulumi from "@pulumi/pulumi";
import * as dt from "pulumi-dynatrace-tokens";

// `pulumi import` does not work for dynamic resources; `adopt` takes over an existing token instead of creating one.
const config = new pulumi.Config();

// By value: the token's secret is resolved through the lookup endpoint and kept as the (secret) `token` output.
//   pulumi config set --secret legacyToken dt0c01.…
const byValue = new dt.ApiToken("legacy-ingest", {
  name: "legacy-ingest",
  scopes: ["metrics.ingest"],
  adopt: { token: config.requireSecret("legacyToken") },
});

// By id: Dynatrace never returns a secret again, so `token` stays empty; scopes/name/enabled are still managed.
//   pulumi config set --plaintext legacyTokenId dt0c01.ST2EY72KQINMH574WMNVI7YN
const byId = new dt.ApiToken("legacy-read", {
  name: "legacy-read",
  scopes: ["metrics.read"],
  adopt: { id: config.require("legacyTokenId") },
});

// An ActiveGate token, by id only (Dynatrace has no lookup by secret for them, so `token` stays empty). Nothing of an
// ActiveGate token can be changed, so name, activeGateType and seedToken must say what the token is: the first
// `pulumi up` refuses to adopt it otherwise, and says what to write. expirationDate is what a replacement will get.
//   pulumi config set --plaintext activeGateTokenId dt0g02.4KWZO5EF
//   pulumi config set --plaintext activeGateTokenName <its name in Dynatrace>
const activeGate = new dt.ActiveGateToken("legacy-activegate", {
  name: config.require("activeGateTokenName"),
  activeGateType: "ENVIRONMENT",
  expirationDate: "now+1y",
  adopt: { id: config.require("activeGateTokenId") },
});

export const adoptedIds = [byValue.id, byId.id, activeGate.id];
export const legacyIngestToken = byValue.token;
