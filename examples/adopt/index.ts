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

export const adoptedIds = [byValue.id, byId.id];
export const legacyIngestToken = byValue.token;
