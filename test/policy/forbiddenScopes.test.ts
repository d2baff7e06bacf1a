import { describe, expect, it } from "vitest";
import { DEFAULT_FORBIDDEN_SCOPES, forbiddenScopesPolicy } from "../../policy";
import { API_TOKEN, ACTIVEGATE_TOKEN, PAAS_TOKEN, violations } from "./validate";

describe("dynatrace-token-forbidden-scopes", () => {
  it("forbids the token-administration scopes by default", async () => {
    expect(DEFAULT_FORBIDDEN_SCOPES).toEqual(
      expect.arrayContaining(["apiTokens.write", "TenantTokenManagement", "activeGateTokenManagement.create"]),
    );
    expect(DEFAULT_FORBIDDEN_SCOPES).not.toContain("metrics.ingest");

    const found = await violations(forbiddenScopesPolicy(), {
      type: API_TOKEN,
      name: "ci-admin",
      props: { scopes: ["metrics.read", "apiTokens.write"] },
    });
    expect(found).toEqual([
      'ApiToken "ci-admin" has the forbidden scope "apiTokens.write" — it administers tokens, so its holder can widen its own privileges.',
    ]);
  });

  it("passes a token with only allowed scopes", async () => {
    const found = await violations(forbiddenScopesPolicy(), {
      type: API_TOKEN,
      props: { scopes: ["metrics.ingest", "logs.ingest"] },
    });
    expect(found).toEqual([]);
  });

  it("reports every forbidden scope, on every token kind with scopes", async () => {
    const found = await violations(
      forbiddenScopesPolicy(),
      { type: PAAS_TOKEN, props: { scopes: ["InstallerDownload", "settings.write", "DataPrivacy"] } },
      { scopes: ["settings.write", "DataPrivacy"] },
    );
    expect(found).toHaveLength(2);
    expect(found[0]).toContain('"settings.write" — it changes the environment\'s configuration');
    expect(found[1]).toContain('"DataPrivacy" — it changes privacy settings');
  });

  it("takes its scopes from code, and policy config overrides them", async () => {
    const policy = forbiddenScopesPolicy({ scopes: ["logs.read"] });
    const token = { type: API_TOKEN, props: { scopes: ["logs.read", "apiTokens.write"] } };
    expect(await violations(policy, token)).toEqual([expect.stringContaining('"logs.read"')]);
    expect(await violations(policy, token, { scopes: [] })).toEqual([]);
  });

  it("ignores resources that are not tokens, and ActiveGate tokens (no scopes)", async () => {
    expect(await violations(forbiddenScopesPolicy(), { type: "aws:s3/bucket:Bucket", props: { scopes: ["apiTokens.write"] } })).toEqual([]);
    expect(await violations(forbiddenScopesPolicy(), { type: ACTIVEGATE_TOKEN, props: { activeGateType: "ENVIRONMENT" } })).toEqual([]);
  });
});
