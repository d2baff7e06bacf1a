// The SDK's declarations, generated from the property tables into sdk/generated/: each resource's Args interfaces
// (with the TSDoc the reference docs and editors show: default, what a change does, secret) and its outputs (merged
// into the hand-written class), and the argument and result types of the functions.
import { ACTIVE_GATE_ADOPT, ACTIVE_GATE_TOKEN } from "../../provider/properties/activeGateToken";
import { ADOPT } from "../../provider/properties/apiTokens";
import { API_TOKEN } from "../../provider/properties/apiToken";
import { GET_TENANT_TOKEN, TENANT_TOKEN_SECRET } from "../../provider/properties/functions";
import { PAAS_TOKEN } from "../../provider/properties/paasToken";
import { PERSONAL_ACCESS_TOKEN } from "../../provider/properties/personalAccessToken";
import { TENANT_TOKEN_ROTATION } from "../../provider/properties/tenantTokenRotation";
import { publicArguments, publicOutputs } from "../../provider/properties/names";
import type { FieldSpec, ObjectType, PropertySpec, PropertyType, ResourceSpec } from "../../provider/properties/types";
import { defaultWords, inputText, onChangeWords, outputText } from "./words";

/** Where the named value types live (the SDK's public declarations must not lead into zod's). */
const TYPE_MODULES: Readonly<Record<string, string>> = {
  OrNewer: "../../provider/catalog/scopes",
  Scope: "../../provider/catalog/scopes",
  PersonalAccessTokenScope: "../../provider/properties/enums",
  RotationPhase: "../../provider/schemas/rotationPhase",
};

const WIDTH = 120;

/** How a type is written: as a resource argument, as the value of an output, or as a plain value (functions). */
type Position = "argument" | "value";

/** One generated file: its declarations, and the names it imports. */
class DeclarationFile {
  private readonly blocks: string[] = [];
  private readonly imports = new Set<string>();

  constructor(
    private readonly header: string,
    private readonly argumentObjects: ReadonlyMap<ObjectType, string> = new Map(),
  ) {}

  /** The TypeScript type of `type`; arguments are `pulumi.Input`s all the way down, but for objects (see argumentObject). */
  type(type: PropertyType, position: Position): string {
    const input = (text: string) => (position === "argument" ? `pulumi.Input<${text}>` : text);
    if (type === "string" || type === "boolean" || type === "number") return input(type);
    if (type === "integer") return input("number");
    if (type === "stringOrNumber") return input("string | number");
    if (type === "any") return input("unknown");
    if ("array" in type) {
      const element = this.type(type.array, position);
      return input(position === "argument" || !element.includes(" ") ? `${element}[]` : `(${element})[]`);
    }
    if ("map" in type) return input(`Record<string, ${this.type(type.map, position)}>`);
    if ("object" in type) return this.argumentObjects.get(type.object) ?? type.object.name;
    const known = type.name === undefined ? type.enum.map((value) => JSON.stringify(value)).join(" | ") : this.named(type.name);
    // An open set: the known values complete in editors, and any string compiles (#21.1).
    return input(type.open === true ? `${this.named("OrNewer")}<${known}>` : known);
  }

  private named(name: string): string {
    if (!(name in TYPE_MODULES)) throw new Error(`scripts/generate/typescript.ts: add the module of type ${name} to TYPE_MODULES`);
    this.imports.add(name);
    return name;
  }

  /** An interface of arguments (`optional` unless required), with each property's docs and tags. */
  argsInterface(name: string, doc: string, members: ReadonlyArray<[string, PropertySpec]>, resource: ResourceSpec, heritage = ""): void {
    const body = members.map(([key, property]) => {
      const tags = [
        ...(property.secret ? [["secret", ""] as const] : []),
        ["example", `\`${property.example}\``],
        ["defaultValue", defaultWords(property)],
        ["onChange", onChangeWords(property, resource)],
      ] as const;
      const optional = property.input === "required" ? "" : "?";
      return comment(inputText(property), tags, "  ") + `  ${key}${optional}: ${this.type(property.type, "argument")};`;
    });
    this.blocks.push(comment(doc, [], "") + `export interface ${name}${heritage} {\n${body.join("\n")}\n}`);
  }

  /** The outputs of a resource, merged into its class (`interface X extends XOutputs {}` beside `class X`). */
  outputsInterface(name: string, doc: string, members: ReadonlyArray<[string, PropertySpec]>): void {
    const body = members.map(([key, property]) => {
      let value = this.type(property.outputType ?? property.type, "value");
      if (property.nullable) value += " | null";
      if (property.output === "optional" && property.outputFallback === undefined && property.type !== "any") value += " | undefined";
      const tags = property.secret ? [["secret", ""] as const] : [];
      return comment(outputText(property), tags, "  ") + `  readonly ${key}: pulumi.Output<${value}>;`;
    });
    this.blocks.push(comment(`@internal ${doc}`, [], "") + `export interface ${name} {\n${body.join("\n")}\n}`);
  }

  /** An interface of plain fields (objects, function arguments and results); `wrap` turns a field's type into another. */
  fieldsInterface(name: string, doc: string, fields: Readonly<Record<string, FieldSpec>>, wrap?: (type: string, field: FieldSpec) => string): void {
    const body = Object.entries(fields).map(([key, field]) => {
      const type = this.type(field.type, "value");
      const tags = [
        ...(field.secret ? [["secret", ""] as const] : []),
        ["example", `\`${field.example}\``],
        ...(field.default ? [["defaultValue", defaultWords(field)] as const] : []),
      ] as const;
      return comment(field.description, tags, "  ") + `  ${key}${field.required ? "" : "?"}: ${wrap ? wrap(type, field) : type};`;
    });
    this.blocks.push(comment(doc, [], "") + `export interface ${name} {\n${body.join("\n")}\n}`);
  }

  /** An object type as an argument: its fields are `pulumi.Input`s. */
  argumentObject(name: string, object: ObjectType): void {
    const body = Object.entries(object.fields).map(([key, field]) => {
      const tags = [
        ...(field.secret ? [["secret", ""] as const] : []),
        ["example", `\`${field.example}\``],
        ["defaultValue", defaultWords(field)],
        ["onChange", "nothing: only read on the first `up`"],
      ] as const;
      return comment(field.description, tags, "  ") + `  ${key}${field.required ? "" : "?"}: ${this.type(field.type, "argument")};`;
    });
    this.blocks.push(comment(object.description, [], "") + `export interface ${name} {\n${body.join("\n")}\n}`);
  }

  text(): string {
    const byModule = new Map<string, string[]>();
    for (const name of [...this.imports].sort()) byModule.set(TYPE_MODULES[name]!, [...(byModule.get(TYPE_MODULES[name]!) ?? []), name]);
    const imports = [...byModule]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([module, names]) => `import type { ${names.join(", ")} } from "${module}";`);
    if (this.blocks.some((block) => /\bpulumi\.(Input|Output)</.test(block))) imports.unshift('import type * as pulumi from "@pulumi/pulumi";');
    return [this.header, ...imports, "", this.blocks.join("\n\n"), ""].join("\n");
  }
}

/** A doc comment: the text wrapped to the line width, then the tags (`@secret` is a modifier: no text). */
function comment(text: string, tags: ReadonlyArray<readonly [string, string]>, indent: string): string {
  const lines: string[] = [];
  const width = WIDTH - indent.length - 3;
  for (const paragraph of text.split("\n\n")) {
    if (lines.length > 0) lines.push("");
    lines.push(...wrap(paragraph, width));
  }
  if (tags.length > 0) lines.push("");
  for (const [tag, value] of tags) lines.push(...wrap(value === "" ? `@${tag}` : `@${tag} ${value}`, width));
  if (lines.length === 1 && lines[0]!.length <= width - 3) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => (line === "" ? `${indent} *` : `${indent} * ${line}`)).join("\n")}\n${indent} */\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "") lines.push(line);
  return lines;
}

function header(sources: string): string {
  return `// Generated by \`npm run generate\` from the property tables in provider/properties/\n// (${sources}): edit those, not this file.`;
}

/** "a PaasToken", "an ApiToken". */
function article(name: string): string {
  return /^[AEIOU]/.test(name) ? "an" : "a";
}

function apiTokenFile(): string {
  const kinds = [API_TOKEN, PERSONAL_ACCESS_TOKEN, PAAS_TOKEN];
  // The arguments all three classes share, as the same table entry: CommonApiTokenArgs.
  const common = publicArguments(API_TOKEN).filter(([name, property]) => kinds.every((kind) => publicArguments(kind).some(([n, p]) => n === name && p === property)));
  const own = (kind: ResourceSpec) => publicArguments(kind).filter(([name]) => !common.some(([n]) => n === name));
  const file = new DeclarationFile(
    header("apiTokens.ts, apiToken.ts, personalAccessToken.ts, paasToken.ts"),
    new Map([[ADOPT, "AdoptArgs"]]),
  );
  file.argumentObject("AdoptArgs", ADOPT);
  file.argsInterface("CommonApiTokenArgs", "Inputs every API-token kind accepts.", common, API_TOKEN);
  for (const kind of kinds) {
    file.argsInterface(`${kind.name}Args`, `The inputs of ${article(kind.name)} {@link ${kind.name}}.`, own(kind), kind, " extends CommonApiTokenArgs");
  }
  file.outputsInterface("ApiTokenOutputs", "The outputs of every API-token kind (ApiToken, PersonalAccessToken, PaasToken).", publicOutputs(API_TOKEN));
  return file.text();
}

function activeGateTokenFile(): string {
  const file = new DeclarationFile(header("activeGateToken.ts"), new Map([[ACTIVE_GATE_ADOPT, "ActiveGateAdoptArgs"]]));
  file.argumentObject("ActiveGateAdoptArgs", ACTIVE_GATE_ADOPT);
  file.argsInterface("ActiveGateTokenArgs", "The inputs of an {@link ActiveGateToken}.", publicArguments(ACTIVE_GATE_TOKEN), ACTIVE_GATE_TOKEN);
  file.outputsInterface("ActiveGateTokenOutputs", "The outputs of an ActiveGateToken.", publicOutputs(ACTIVE_GATE_TOKEN));
  return file.text();
}

function tenantTokenRotationFile(): string {
  const file = new DeclarationFile(header("tenantTokenRotation.ts"));
  file.argsInterface("TenantTokenRotationArgs", "The inputs of a {@link TenantTokenRotation}.", publicArguments(TENANT_TOKEN_ROTATION), TENANT_TOKEN_ROTATION);
  file.outputsInterface("TenantTokenRotationOutputs", "The outputs of a TenantTokenRotation.", publicOutputs(TENANT_TOKEN_ROTATION));
  return file.text();
}

function tenantTokenFile(): string {
  const file = new DeclarationFile(header("functions.ts"));
  const { inputs, outputs } = GET_TENANT_TOKEN;
  file.fieldsInterface("GetTenantTokenArgs", "The arguments of {@link getTenantToken}.", inputs);
  file.fieldsInterface("GetTenantTokenOutputArgs", "The arguments of {@link getTenantTokenOutput}: values or Outputs.", inputs, (type) => `pulumi.Input<${type} | undefined>`);
  file.fieldsInterface("TenantTokenInfo", "What OneAgents and ActiveGates need to connect to an environment.", outputs);
  file.fieldsInterface(
    "GetTenantTokenResult",
    "`getTenantToken`'s result: as `TenantTokenInfo`, with the token as a Pulumi secret.",
    outputs,
    (type, field) => (field.secret ? `pulumi.Output<${type}>` : type),
  );
  return file.text();
}

function agentConfigFile(): string {
  const file = new DeclarationFile(header("functions.ts"));
  const { inputs, outputs } = TENANT_TOKEN_SECRET;
  const objects = [inputs.metadata.type.object, outputs.stringData.type.object];
  for (const object of objects) file.fieldsInterface(object.name, object.description, object.fields);
  file.fieldsInterface("TenantTokenSecretManifest", "A Kubernetes `Secret` manifest holding the tenant token under `tenantToken`.", outputs);
  return file.text();
}

/** Every generated declaration file: its path from the repository root, and its text. */
export function typescriptDeclarations(): Map<string, string> {
  return new Map([
    ["sdk/generated/apiToken.ts", apiTokenFile()],
    ["sdk/generated/activeGateToken.ts", activeGateTokenFile()],
    ["sdk/generated/tenantTokenRotation.ts", tenantTokenRotationFile()],
    ["sdk/generated/tenantToken.ts", tenantTokenFile()],
    ["sdk/generated/agentConfig.ts", agentConfigFile()],
  ]);
}
