// How a table's facts read in the docs — the same words in the SDK's TSDoc, the reference pages and the package
// schema's descriptions (which Python docstrings and Go comments are made from).
import type { DefaultSpec, EnumType, FieldSpec, PropertySpec, PropertyType, ResourceSpec } from "../../provider/properties/types";

/** The `@defaultValue` of an input: "required", a value, or what leaving it out means. */
export function defaultWords(property: { readonly default?: DefaultSpec | { readonly absent: string }; readonly input?: string; readonly required?: boolean }): string {
  if (property.input === "required" || property.required) return "required";
  const fallback = property.default;
  if (fallback === undefined) return "none";
  if ("value" in fallback) return JSON.stringify(fallback.value);
  if ("resourceName" in fallback) return "the resource name";
  return fallback.absent;
}

/** What a change of the input does (the `@onChange` tag; test/sdk/inputDocs.test.ts reads its first words). */
export function onChangeWords(property: PropertySpec, resource: Pick<ResourceSpec, "replaces">): string {
  const note = property.onChangeNote;
  switch (property.onChange) {
    case "update":
      return `updates in place${note ? ` (${note})` : ""}`;
    case "state":
      return `updates in place (kept in the state, no request)${note ? `; ${note}` : ""}`;
    case "replace":
      return `replaces ${resource.replaces}${note ? ` (${note})` : ""}`;
    case "rotate":
      return (
        `replaces ${resource.replaces} (the new one is created before the old one is deleted); with \`keepPreviousFor\`, ` +
        "rotates it in place and keeps the old one"
      );
    case "none":
    case undefined:
      return "nothing: only read on the first `up`";
  }
}

/**
 * The known values of an open enum, for descriptions where the type itself says only "string". (A closed enum's
 * description names its values itself, or it is an enum type of its own.)
 */
export function knownValuesWords(type: PropertyType): string | undefined {
  const values = enumOf(type);
  if (values?.open !== true) return undefined;
  return `Known values: ${values.enum.map((value) => `\`${value}\``).join(", ")}; Dynatrace may add others, which are accepted too.`;
}

function enumOf(type: PropertyType): EnumType | undefined {
  if (typeof type === "string") return undefined;
  if ("array" in type) return enumOf(type.array);
  if ("map" in type) return enumOf(type.map);
  if ("enum" in type) return type;
  return undefined;
}

/** Sentences joined with one space, skipping the absent ones. */
export function sentences(...parts: ReadonlyArray<string | undefined>): string {
  return parts.filter((part): part is string => part !== undefined && part !== "").join(" ");
}

/** The text of an argument: the shared description, then what only the argument has. */
export function inputText(property: PropertySpec | FieldSpec): string {
  return sentences(property.description, "inputDetails" in property ? property.inputDetails : undefined);
}

/**
 * The text of an output: the shared description, then what only the stored value has, and that it is a Pulumi secret
 * (an editor shows the text, not the `@secret` tag's meaning).
 */
export function outputText(property: PropertySpec | FieldSpec): string {
  return sentences(
    property.description,
    "outputDetails" in property ? property.outputDetails : undefined,
    property.secret ? "A Pulumi secret." : undefined,
  );
}
