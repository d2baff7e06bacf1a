// Issue 18.1: schema.json, the Pulumi package schema the native provider serves and the other languages' SDKs are
// generated from. It is checked twice: by Pulumi's own binder (tools/pulumi/cmd/check-schema, the `pkg/codegen/schema` of the
// Pulumi release the project builds its CLI from), and here for what the tables promise about it.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { SCOPE_NAMES } from "../../provider/catalog/scopes";
import { repoRoot } from "../harness/paths";

const run = promisify(execFile);
const TOKEN = "dynatrace-tokens:index:";

interface Property {
  type?: string;
  $ref?: string;
  items?: Property;
  additionalProperties?: Property;
  oneOf?: Property[];
  description?: string;
  secret?: boolean;
  default?: unknown;
  replaceOnChanges?: boolean;
}
interface ObjectSpec {
  properties?: Record<string, Property>;
  required?: string[];
  inputProperties?: Record<string, Property>;
  requiredInputs?: string[];
  enum?: Array<{ value: string }>;
}
interface PackageSchema {
  name: string;
  version: string;
  language: Record<string, Record<string, unknown>>;
  config: { variables: Record<string, Property> };
  provider: ObjectSpec;
  resources: Record<string, ObjectSpec & { description: string }>;
  functions: Record<string, { inputs: ObjectSpec; outputs: ObjectSpec }>;
  types: Record<string, ObjectSpec>;
}

const schemaText = fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8");
const schema = JSON.parse(schemaText) as PackageSchema;
const resource = (name: string) => schema.resources[`${TOKEN}${name}`]!;

describe("schema.json", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-check-schema-"));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("binds with Pulumi's own schema binder, without a diagnostic", async () => {
    // Built from the Go module cache (the Pulumi CLI's own modules); Go's build cache makes later runs quick.
    const binary = path.join(scratch, "check-schema");
    await run("go", ["build", "-trimpath", "-o", binary, "./cmd/check-schema"], {
      cwd: path.join(repoRoot, "tools", "pulumi"),
      env: { ...process.env, CGO_ENABLED: "0", GOFLAGS: "-mod=readonly -buildvcs=false" },
    });
    const result = await run(binary, [path.join(repoRoot, "schema.json")]).catch((error: { stdout?: string; code?: number }) => error);
    expect(result.stdout, "check-schema's diagnostics").toBe("");
  }, 600_000);

  it("names the package, its version and how each language imports it", () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string; files: string[] };
    expect(schema.name).toBe("dynatrace-tokens");
    expect(schema.version).toBe(manifest.version);
    expect(manifest.files, "shipped in the package, for the native plugin's GetSchema").toContain("schema.json");
    expect(schema.language.python).toMatchObject({ packageName: "pulumi_dynatrace_tokens" });
    expect(schema.language.go).toMatchObject({ importBasePath: "github.com/pulumi-dynatrace-tokens/pulumi-dynatrace-tokens/sdk/go/dynatracetokens" });
    expect(schema.language.nodejs).toMatchObject({ packageName: "pulumi-dynatrace-tokens" });
  });

  it("has every resource and function under its type token", () => {
    expect(Object.keys(schema.resources).sort()).toEqual(
      ["ActiveGateToken", "ApiToken", "PaasToken", "PersonalAccessToken", "TenantTokenRotation"].map((name) => `${TOKEN}${name}`),
    );
    expect(Object.keys(schema.functions).sort()).toEqual(
      ["activeGateAuthorizationLine", "getTenantToken", "oneAgentSetTenantTokenCommand", "tenantTokenSecret"].map((name) => `${TOKEN}${name}`),
    );
  });

  it("marks the credential, the token secrets and the tenant tokens secret, and nothing else", () => {
    const secrets = (properties: Record<string, Property> | undefined) =>
      Object.entries(properties ?? {})
        .filter(([, p]) => p.secret)
        .map(([name]) => name);
    expect(secrets(schema.config.variables)).toEqual(["apiToken"]);
    expect(secrets(schema.provider.inputProperties)).toEqual(["apiToken"]);
    expect(secrets(schema.types[`${TOKEN}Environment`]!.properties)).toEqual(["apiToken"]);
    for (const name of ["ApiToken", "PersonalAccessToken", "PaasToken", "ActiveGateToken"]) {
      expect(secrets(resource(name).properties), name).toEqual(["token", "previousToken"]);
      expect(secrets(resource(name).inputProperties), name).toEqual([]);
    }
    expect(secrets(schema.types[`${TOKEN}Adopt`]!.properties)).toEqual(["token"]);
    expect(secrets(resource("TenantTokenRotation").properties)).toEqual(["activeToken", "oldToken"]);
    expect(secrets(schema.functions[`${TOKEN}getTenantToken`]!.outputs.properties)).toEqual(["tenantToken"]);
    expect(secrets(schema.functions[`${TOKEN}activeGateAuthorizationLine`]!.inputs.properties)).toEqual(["token"]);
  });

  it("leaves out the SDK's internal inputs and the provider's internal outputs", () => {
    for (const [token, spec] of Object.entries(schema.resources)) {
      for (const internal of ["pulumiStack", "__provider", "personalAccessToken"]) expect(spec.inputProperties, token).not.toHaveProperty(internal);
    }
    expect(Object.keys(schema.resources).filter((token) => "supportAlert" in (schema.resources[token]!.inputProperties ?? {}))).toEqual([`${TOKEN}PaasToken`]);
    expect(resource("PaasToken").inputProperties).not.toHaveProperty("scopes");
    expect(resource("PaasToken").properties).toHaveProperty("scopes");
    expect(resource("TenantTokenRotation").properties).not.toHaveProperty("startedToken");
  });

  it("says which inputs are required and which outputs are always there", () => {
    expect(resource("ApiToken").requiredInputs).toEqual(["scopes"]);
    expect(resource("PaasToken").requiredInputs).toBeUndefined();
    expect(resource("ActiveGateToken").requiredInputs).toBeUndefined();
    expect(resource("TenantTokenRotation").requiredInputs).toEqual(["phase"]);
    // tokenId falls back to the id (outputFallback), so the plugin always returns it.
    expect(resource("ApiToken").required).toEqual(["name", "scopes", "enabled", "personalAccessToken", "tokenId"]);
    expect(resource("TenantTokenRotation").required).toEqual(["phase", "generation", "status", "activeToken", "oldToken"]);
  });

  it("types open enums as strings that list the known values, and named closed ones as enum types", () => {
    const scopes = resource("ApiToken").inputProperties!.scopes!;
    expect(scopes.items).toEqual({ type: "string" });
    expect(scopes.description).toContain("`metrics.read`");
    expect(scopes.description).toContain(`\`${SCOPE_NAMES[0]}\``);
    const patScopes = resource("PersonalAccessToken").inputProperties!.scopes!;
    expect(patScopes.description).toContain("`metrics.read`");
    expect(patScopes.description).not.toContain("`InstallerDownload`");
    const activeGateType = resource("ActiveGateToken").inputProperties!.activeGateType!;
    expect(activeGateType).toMatchObject({ type: "string", default: "ENVIRONMENT" });
    // Closed (Dynatrace documents two, and drops the field rather than adding values): the description names them.
    expect(activeGateType.description).toContain('`"ENVIRONMENT"` or `"CLUSTER"`');
    expect(activeGateType.description).not.toContain("Dynatrace may add others");
    expect(resource("TenantTokenRotation").inputProperties!.phase).toEqual(expect.objectContaining({ $ref: `#/types/${TOKEN}RotationPhase` }));
    expect(schema.types[`${TOKEN}RotationPhase`]!.enum!.map((value) => value.value)).toEqual(["rotating", "finished", "cancelled"]);
  });

  it("describes what a change does instead of setting replaceOnChanges (the provider's diff decides)", () => {
    expect(schemaText).not.toContain("replaceOnChanges");
    expect(resource("ApiToken").inputProperties!.scopes!.description).toContain("On change: updates in place");
    expect(resource("ApiToken").inputProperties!.expirationDate!.description).toContain("with `keepPreviousFor`, rotates it in place");
    expect(resource("ApiToken").inputProperties!.expirationDate!.oneOf).toEqual([{ type: "string" }, { type: "number" }]);
    expect(resource("ApiToken").properties!.expirationDate).toMatchObject({ type: "string" });
  });

  it("configures the provider with envUrl, apiToken and a map of environments", () => {
    expect(Object.keys(schema.config.variables)).toEqual(["envUrl", "apiToken", "environments"]);
    expect(schema.provider.inputProperties).toEqual(schema.config.variables);
    expect(schema.config.variables.environments).toMatchObject({ type: "object", additionalProperties: { $ref: `#/types/${TOKEN}Environment` } });
    expect(schema.types[`${TOKEN}Environment`]!.required).toEqual(["envUrl", "apiToken"]);
  });
});
