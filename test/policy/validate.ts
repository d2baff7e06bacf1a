// Runs one policy's validateResource the way @pulumi/policy does — config defaults from the policy's
// schema, overridden by what `--policy-pack-config` would pass — and collects the violations.
import type { ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";

export interface FakeResource {
  type: string;
  name?: string;
  stack?: string;
  props: Record<string, unknown>;
}

export const API_TOKEN = "pulumi-nodejs:dynamic/dynatrace:ApiToken";
export const PERSONAL_ACCESS_TOKEN = "pulumi-nodejs:dynamic/dynatrace:PersonalAccessToken";
export const PAAS_TOKEN = "pulumi-nodejs:dynamic/dynatrace:PaasToken";
export const ACTIVEGATE_TOKEN = "pulumi-nodejs:dynamic/dynatrace:ActiveGateToken";

export async function violations(
  policy: ResourceValidationPolicy,
  resource: FakeResource,
  config: Record<string, unknown> = {},
): Promise<string[]> {
  const name = resource.name ?? "token";
  const defaults = Object.fromEntries(
    Object.entries(policy.configSchema?.properties ?? {}).map(([key, schema]) => [key, (schema as { default?: unknown }).default]),
  );
  const args = {
    type: resource.type,
    name,
    urn: `urn:pulumi:${resource.stack ?? "dev"}::project::${resource.type}::${name}`,
    props: resource.props,
    getConfig: () => ({ ...defaults, ...config }),
  } as unknown as ResourceValidationArgs;
  const found: string[] = [];
  const validations = [policy.validateResource ?? []].flat();
  for (const validate of validations) {
    await validate(args, (message) => found.push(message));
  }
  return found;
}
