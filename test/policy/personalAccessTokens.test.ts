import { describe, expect, it } from "vitest";
import { noPersonalAccessTokensPolicy, stackOfUrn } from "../../policy";
import { API_TOKEN, PERSONAL_ACCESS_TOKEN, violations } from "./validate";

const pat = (stack: string) => ({ type: PERSONAL_ACCESS_TOKEN, name: "mine", stack, props: { scopes: ["metrics.read"], personalAccessToken: true } });

describe("dynatrace-no-personal-access-tokens", () => {
  it("blocks personal access tokens in every stack by default", async () => {
    expect(await violations(noPersonalAccessTokensPolicy(), pat("dev"))).toEqual([
      'PersonalAccessToken "mine" is a personal access token, which stack "dev" forbids — use an ApiToken, which belongs to the environment rather than to a person.',
    ]);
  });

  it("blocks them only in the configured stacks", async () => {
    const policy = noPersonalAccessTokensPolicy({ stacks: ["prod"] });
    expect(await violations(policy, pat("prod"))).toHaveLength(1);
    expect(await violations(policy, pat("dev"))).toEqual([]);
    expect(await violations(policy, pat("dev"), { stacks: ["dev", "prod"] })).toHaveLength(1);
  });

  it("passes API tokens", async () => {
    expect(await violations(noPersonalAccessTokensPolicy(), { type: API_TOKEN, props: { scopes: ["metrics.read"] } })).toEqual([]);
  });

  it("reads the stack from the URN", () => {
    expect(stackOfUrn("urn:pulumi:prod::tokens::pulumi-nodejs:dynamic/dynatrace:ApiToken::ingest")).toBe("prod");
    expect(stackOfUrn("not-a-urn")).toBeUndefined();
  });
});
