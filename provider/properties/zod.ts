// The provider's zod schemas, built from a table. Call these once, at module load (provider/schemas/*): a zod schema
// built per call costs about a millisecond, which a preview of a thousand resources pays a thousand times.
//
// Leniency: an output whose values Dynatrace may extend (an open enum) parses any string, and the state schema takes
// every output as optional, so that what 0.1.0–0.3.0 wrote (fewer outputs) still loads.
import { z } from "zod";
import type { FieldSpec, PropertySpec, PropertyTable, PropertyType } from "./types";
import type { FieldValues, InputsOf, OutputsOf } from "./values";

/** The schema of a value as an argument (`side` "input") or a stored output; see EnumType's `open`. */
function valueSchema(type: PropertyType, side: "input" | "output", minimum?: number): z.ZodType {
  if (type === "string") return z.string();
  if (type === "boolean") return z.boolean();
  if (type === "integer") return minimum === undefined ? z.number().int() : z.number().int().min(minimum);
  if (type === "number") return minimum === undefined ? z.number() : z.number().min(minimum);
  if (type === "stringOrNumber") return z.union([z.string(), z.number()]);
  if (type === "any") return z.unknown();
  if ("array" in type) return z.array(valueSchema(type.array, side));
  if ("map" in type) return z.record(z.string(), valueSchema(type.map, side));
  if ("object" in type) return objectSchema(type.object.fields);
  const open = type.open === true || (type.open === "output" && side === "output");
  return open ? z.string() : z.enum(type.enum as [string, ...string[]]);
}

function fieldSchema(field: FieldSpec): z.ZodType {
  const value = valueSchema(field.type, "input");
  return field.required ? value : value.optional();
}

function objectSchema(fields: Readonly<Record<string, FieldSpec>>): z.ZodType {
  return z.object(Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, fieldSchema(field)])));
}

/** An object type's fields, or a function's arguments or result. */
export function fieldsSchema<F extends Readonly<Record<string, FieldSpec>>>(fields: F): z.ZodType<FieldValues<F>> {
  return objectSchema(fields) as unknown as z.ZodType<FieldValues<F>>;
}

function inputSchemaOf(property: PropertySpec): z.ZodType {
  const value = valueSchema(property.type, "input", property.minimum);
  const fallback = property.default;
  if (fallback && "value" in fallback) return value.default(fallback.value as never);
  // The resource's name is filled in before the provider sees the inputs (see DefaultSpec).
  if (property.input === "required" || (fallback && "resourceName" in fallback)) return value;
  return value.optional();
}

function outputSchemaOf(property: PropertySpec): z.ZodType {
  const value = valueSchema(property.outputType ?? property.type, "output", property.minimum);
  const nullable = property.nullable ? value.nullable() : value;
  return property.output === "required" ? nullable : nullable.optional();
}

/** The inputs the provider parses in `create` and `update`, after `check` (defaults applied). */
export function inputSchema<T extends PropertyTable>(table: T): z.ZodType<InputsOf<T>> {
  const shape = Object.entries(table).filter(([, property]) => property.input !== undefined);
  return z.object(Object.fromEntries(shape.map(([name, property]) => [name, inputSchemaOf(property)]))) as unknown as z.ZodType<InputsOf<T>>;
}

/** The outputs the provider writes, and reads back in `read` and `update`. */
export function outputSchema<T extends PropertyTable>(table: T): z.ZodType<OutputsOf<T>> {
  return outputShape(table) as unknown as z.ZodType<OutputsOf<T>>;
}

/** Stored state as `diff` and `delete` may find it: any output may be missing (older versions stored fewer). */
export function stateSchema<T extends PropertyTable>(table: T): z.ZodType<Partial<OutputsOf<T>>> {
  return outputShape(table).partial() as unknown as z.ZodType<Partial<OutputsOf<T>>>;
}

function outputShape(table: PropertyTable) {
  const shape = Object.entries(table).filter(([, property]) => property.output !== undefined);
  return z.object(Object.fromEntries(shape.map(([name, property]) => [name, outputSchemaOf(property)])));
}
