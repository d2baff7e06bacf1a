// The Pulumi package schema (schema.json), generated from the property tables: what the native provider plugin
// answers GetSchema with, and what the other languages' SDKs are generated from.
// Format: https://www.pulumi.com/docs/iac/guides/building-extending/packages/schema/
//
// Choices: an open enum (scopes, activeGateType — Dynatrace adds values) is a plain string with the known values in
// its description; internal inputs (`pulumiStack`, `__provider`, PaasToken's derived `scopes`) and outputs are left
// out; `replaceOnChanges` is never set, because the provider's `diff` decides what replaces (a rotation with
// `keepPreviousFor` is an update), and the description says what a change does instead.
import { PROVIDER_CONFIG } from "../../provider/properties/config";
import { FUNCTIONS } from "../../provider/properties/functions";
import { RESOURCES } from "../../provider/properties/index";
import { publicArguments, publicOutputs } from "../../provider/properties/names";
import type { EnumType, FieldSpec, FunctionSpec, ObjectType, PropertySpec, PropertyType, ResourceSpec } from "../../provider/properties/types";
import { GO_PACKAGE, pythonSdkReadme } from "./sdkReadmes";
import { defaultWords, inputText, knownValuesWords, onChangeWords, outputText, sentences } from "./words";

export const PACKAGE_NAME = "dynatrace-tokens";

/** The facts from package.json the schema repeats. */
export interface PackageFacts {
  readonly version: string;
  readonly description: string;
  readonly keywords: readonly string[];
  readonly license: string;
  readonly repository: string;
}

type Json = { [key: string]: unknown };

const token = (name: string) => `${PACKAGE_NAME}:index:${name}`;

/** The schema's named types (objects, closed enums with a name), collected while the properties refer to them. */
class TypeRegistry {
  readonly types = new Map<string, Json>();

  ref(type: ObjectType | EnumType): string {
    if ("fields" in type) {
      if (!this.types.has(token(type.name))) {
        this.types.set(token(type.name), {}); // first, so that a type referring to itself terminates
        this.types.set(token(type.name), this.object(type.description, type.fields));
      }
      return `#/types/${token(type.name)}`;
    }
    const name = type.name!;
    this.types.set(token(name), {
      type: "string",
      enum: type.enum.map((value) => ({ value, ...(type.meanings?.[value] ? { description: type.meanings[value] } : {}) })),
    });
    return `#/types/${token(name)}`;
  }

  typeSpec(type: PropertyType): Json {
    if (type === "string" || type === "boolean" || type === "integer" || type === "number") return { type };
    if (type === "stringOrNumber") return { oneOf: [{ type: "string" }, { type: "number" }] };
    if (type === "any") return { $ref: "pulumi.json#/Any" };
    if ("array" in type) return { type: "array", items: this.typeSpec(type.array) };
    if ("map" in type) return { type: "object", additionalProperties: this.typeSpec(type.map) };
    if ("object" in type) return { $ref: this.ref(type.object) };
    // A closed enum with a name is an enum type; an open one (or a nameless one) a string that lists its values.
    return type.open === true || type.name === undefined ? { type: "string" } : { $ref: this.ref(type) };
  }

  /** A property of an object type, a function's arguments or result, or the provider's configuration. */
  field(field: FieldSpec, describe: (field: FieldSpec) => string): Json {
    return compact({
      ...this.typeSpec(field.type),
      description: sentences(describe(field), knownValuesWords(field.type)),
      secret: field.secret || undefined,
    });
  }

  object(description: string, fields: Readonly<Record<string, FieldSpec>>, describe: (field: FieldSpec) => string = inputText): Json {
    return compact({
      type: "object",
      description,
      properties: mapValues(fields, (field) => this.field(field, describe)),
      required: nonEmpty(Object.keys(fields).filter((name) => fields[name]!.required)),
    });
  }
}

/** A resource argument: its description, what leaving it out means, what a change does, an example. */
function inputProperty(types: TypeRegistry, property: PropertySpec, resource: ResourceSpec): Json {
  const facts = [
    `Default: ${defaultWords(property)}.`,
    `On change: ${onChangeWords(property, resource)}.`,
    `Example: \`${property.example}\`.`,
  ];
  return compact({
    ...types.typeSpec(property.type),
    description: `${sentences(inputText(property), knownValuesWords(property.type))}\n\n${facts.join(" ")}`,
    default: property.default && "value" in property.default ? property.default.value : undefined,
    secret: property.secret || undefined,
  });
}

function outputProperty(types: TypeRegistry, property: PropertySpec): Json {
  const type = property.outputType ?? property.type;
  return compact({
    ...types.typeSpec(type),
    description: sentences(outputText(property), knownValuesWords(type)),
    secret: property.secret || undefined,
  });
}

/** A description with its TypeScript example, in the shortcodes Pulumi's docs and code generators know. */
function withExample(description: string, example: string): string {
  return `${description}\n\n{{% examples %}}\n## Example Usage\n{{% example %}}\n\`\`\`typescript\n${example}\n\`\`\`\n{{% /example %}}\n{{% /examples %}}`;
}

function resourceSpec(types: TypeRegistry, resource: ResourceSpec): Json {
  const inputs = publicArguments(resource);
  const outputs = publicOutputs(resource);
  return compact({
    description: withExample(resource.description, resource.example),
    properties: Object.fromEntries(outputs.map(([name, p]) => [name, outputProperty(types, p)])),
    required: nonEmpty(outputs.filter(([, p]) => p.output === "required" || p.outputFallback === "id").map(([name]) => name)),
    inputProperties: Object.fromEntries(inputs.map(([name, p]) => [name, inputProperty(types, p, resource)])),
    requiredInputs: nonEmpty(inputs.filter(([, p]) => p.input === "required").map(([name]) => name)),
  });
}

function functionSpec(types: TypeRegistry, fn: FunctionSpec): Json {
  return compact({
    description: withExample(fn.description, fn.example),
    inputs: types.object(`The arguments of ${fn.name}.`, fn.inputs),
    outputs: types.object(`The result of ${fn.name}.`, fn.outputs, outputText),
  });
}

/** The package schema, as an object whose JSON text is schema.json. */
export function packageSchema(facts: PackageFacts): Json {
  const types = new TypeRegistry();
  const configFields = (field: FieldSpec) => sentences(inputText(field), field.default ? `Default: ${defaultWords(field)}.` : undefined);
  const config = mapValues(PROVIDER_CONFIG.fields, (field) => types.field(field, configFields));
  const resources = Object.fromEntries(RESOURCES.map((resource) => [resource.token, resourceSpec(types, resource)]));
  const functions = Object.fromEntries(FUNCTIONS.map((fn) => [fn.token, functionSpec(types, fn)]));
  return {
    name: PACKAGE_NAME,
    displayName: "Dynatrace Tokens",
    version: facts.version,
    description: facts.description,
    keywords: [...facts.keywords, "category/monitoring", "kind/native"],
    license: facts.license,
    repository: facts.repository,
    publisher: "pulumi-dynatrace-tokens",
    // supportPack: the Go SDK is a module of its own (sdk/go/go.mod, module path = importBasePath's parent), and the
    // Python SDK states its version itself; both as Pulumi generates packages today.
    meta: { moduleFormat: "(.*)", supportPack: true },
    language: {
      go: {
        importBasePath: GO_PACKAGE,
        respectSchemaVersion: true,
      },
      nodejs: { packageName: "pulumi-dynatrace-tokens", respectSchemaVersion: true },
      // The distribution is `pulumi_dynatrace_tokens`, which pip also installs as `pulumi-dynatrace-tokens` (PEP 503).
      python: {
        packageName: "pulumi_dynatrace_tokens",
        pyproject: { enabled: true },
        respectSchemaVersion: true,
        readme: pythonSdkReadme(facts),
      },
    },
    config: { variables: config },
    provider: {
      description: PROVIDER_CONFIG.description,
      inputProperties: config,
    },
    resources,
    functions,
    types: Object.fromEntries([...types.types].sort(([a], [b]) => a.localeCompare(b))),
  };
}

/** schema.json's text: two-space JSON and a final newline, like the other JSON files of the repository. */
export function packageSchemaText(facts: PackageFacts): string {
  return `${JSON.stringify(packageSchema(facts), null, 2)}\n`;
}

function compact(value: Json): Json {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined));
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined;
}

function mapValues<V, R>(record: Readonly<Record<string, V>>, map: (value: V) => R): Record<string, R> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
