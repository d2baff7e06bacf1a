// Issue 18.1: the property tables are the single source of the provider's schemas and of diff's sets. These tests hold
// what is derived from them to what the provider promised before the tables existed: the same sets, the same
// leniency towards old states, and a complete entry for every property.
import { describe, expect, it } from "vitest";
import { ADOPT } from "../../provider/properties/apiTokens";
import { API_TOKEN, API_TOKEN_PROPERTIES, FUNCTIONS, PAAS_TOKEN, PROVIDER_CONFIG, RESOURCES, TENANT_TOKEN_ROTATION_PROPERTIES } from "../../provider/properties";
import { argumentNames, changedBy, outputNames, registeredInputs, secretOutputNames } from "../../provider/properties/names";
import { fieldsSchema } from "../../provider/properties/zod";
import { ACTIVE_GATE_TOKEN_REPLACE_PROPERTIES } from "../../provider/resources/activeGateToken";
import { API_TOKEN_REPLACE_PROPERTIES, API_TOKEN_UPDATE_PROPERTIES } from "../../provider/resources/apiToken";
import { activeGateTokenInputsSchema, activeGateTokenOutputsSchema, activeGateTokenStateSchema } from "../../provider/schemas/activeGateToken";
import { apiTokenInputsSchema, apiTokenOutputsSchema, apiTokenStateSchema } from "../../provider/schemas/apiToken";
import { tenantTokenRotationInputsSchema, tenantTokenRotationStateSchema } from "../../provider/schemas/tenantToken";

describe("the property tables", () => {
  it.each(RESOURCES.map((resource) => [resource.name, resource] as const))("%s: every argument says its default and what a change does", (_, resource) => {
    for (const [name, property] of Object.entries(resource.properties)) {
      if (property.input === undefined) continue;
      expect(property.onChange, `${resource.name}.${name}: onChange`).toBeDefined();
      expect(property.input === "required" || property.default !== undefined, `${resource.name}.${name}: a default, or input "required"`).toBe(true);
      expect(property.description.trim(), `${resource.name}.${name}: description`).toMatch(/\.$/);
      expect(property.example, `${resource.name}.${name}: example`).not.toBe("");
    }
  });

  it("describe every function's arguments and results, and the provider's configuration", () => {
    const fields = [...FUNCTIONS.flatMap((fn) => [...Object.values(fn.inputs), ...Object.values(fn.outputs)]), ...Object.values(PROVIDER_CONFIG.fields)];
    expect(fields.length).toBeGreaterThan(10);
    for (const field of fields) {
      expect(field.description).toMatch(/\.$/);
      expect(field.example).not.toBe("");
    }
  });

  it("give diff the replace and update sets it had before the tables", () => {
    expect(API_TOKEN_REPLACE_PROPERTIES).toEqual(["expirationDate", "personalAccessToken", "rotationTrigger", "environment"]);
    expect(API_TOKEN_UPDATE_PROPERTIES).toEqual(["name", "scopes", "enabled", "supportAlert"]);
    expect(ACTIVE_GATE_TOKEN_REPLACE_PROPERTIES).toEqual(["name", "activeGateType", "seedToken", "expirationDate", "rotationTrigger", "environment"]);
    expect(changedBy(TENANT_TOKEN_ROTATION_PROPERTIES, ["replace", "rotate"])).toEqual(["environment"]);
  });

  it("name the secret outputs the SDK registers, and the arguments each class takes", () => {
    expect(secretOutputNames(API_TOKEN_PROPERTIES)).toEqual(["token", "previousToken"]);
    expect(secretOutputNames(TENANT_TOKEN_ROTATION_PROPERTIES)).toEqual(["activeToken", "oldToken", "startedToken"]);
    expect(argumentNames(API_TOKEN)).toEqual(["name", "scopes", "enabled", "expirationDate", "rotateBefore", "rotationTrigger", "keepPreviousFor", "environment", "adopt"]);
    // A PaaS token's scopes follow from supportAlert: not an argument of the class.
    expect(argumentNames(PAAS_TOKEN)).not.toContain("scopes");
    expect(argumentNames(PAAS_TOKEN)).toContain("supportAlert");
    expect(outputNames(API_TOKEN_PROPERTIES)).not.toContain("adopt");
    expect(Object.keys(registeredInputs(API_TOKEN_PROPERTIES, { scopes: ["metrics.read"] }))).toEqual(expect.arrayContaining(["personalAccessToken", "supportAlert", "adopt"]));
  });
});

describe("the schemas derived from them", () => {
  it("apply the defaults check applies, and keep what the program wrote", () => {
    expect(apiTokenInputsSchema.parse({ name: "ingest", scopes: ["metrics.ingest"] })).toEqual({
      name: "ingest",
      scopes: ["metrics.ingest"],
      enabled: true,
      personalAccessToken: false,
    });
    expect(activeGateTokenInputsSchema.parse({ name: "ag" })).toEqual({ name: "ag", activeGateType: "ENVIRONMENT", seedToken: false });
    expect(tenantTokenRotationInputsSchema.parse({ phase: "rotating" })).toEqual({ phase: "rotating", generation: 0 });
    expect(apiTokenInputsSchema.parse({ name: "t", scopes: [], expirationDate: 1767225600000, rotationTrigger: { any: ["thing"] } })).toMatchObject({
      expirationDate: 1767225600000,
      rotationTrigger: { any: ["thing"] },
    });
  });

  it("refuse what the provider can't work with", () => {
    expect(apiTokenInputsSchema.safeParse({ name: "t" }).success).toBe(false);
    expect(tenantTokenRotationInputsSchema.safeParse({ phase: "done" }).success).toBe(false);
    expect(activeGateTokenInputsSchema.safeParse({ name: "ag", activeGateType: "REGIONAL" }).success).toBe(false);
    expect(tenantTokenRotationInputsSchema.safeParse({ phase: "rotating", generation: -1 }).success).toBe(false);
    expect(tenantTokenRotationInputsSchema.safeParse({ phase: "rotating", generation: 1.5 }).success).toBe(false);
    expect(apiTokenOutputsSchema.safeParse({ name: "t", scopes: [], enabled: true, personalAccessToken: false, adopted: "bribe" }).success).toBe(false);
  });

  it("issue 13: load the state 0.1.0 wrote (fewer outputs), and ActiveGate types Dynatrace added since", () => {
    // What 0.1.0 stored for an API token: no dynatraceName, expired, overlap or adoption outputs.
    const v010 = { name: "ingest", scopes: ["metrics.ingest"], enabled: true, personalAccessToken: false, token: "dt0c01.A.B", environment: undefined };
    expect(apiTokenOutputsSchema.parse(v010)).toEqual({ name: "ingest", scopes: ["metrics.ingest"], enabled: true, personalAccessToken: false, token: "dt0c01.A.B" });
    expect(apiTokenStateSchema.parse({ token: "dt0c01.A.B" })).toEqual({ token: "dt0c01.A.B" });
    expect(activeGateTokenStateSchema.parse({})).toEqual({});
    expect(tenantTokenRotationStateSchema.parse({ phase: "finished" })).toEqual({ phase: "finished" });
    expect(activeGateTokenOutputsSchema.parse({ name: "ag", activeGateType: "REGIONAL", seedToken: false }).activeGateType).toBe("REGIONAL");
  });

  it("drop properties no table has (the SDK's pulumiStack, the host's __provider)", () => {
    expect(apiTokenInputsSchema.parse({ name: "t", scopes: [], pulumiStack: "p/s", __provider: "stub" })).not.toHaveProperty("pulumiStack");
    expect(fieldsSchema(ADOPT.fields).parse({ id: "dt0c01.A" })).toEqual({ id: "dt0c01.A" });
  });
});
