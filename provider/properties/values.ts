// The TypeScript types of the values a table declares, computed from the table itself: what the provider's zod
// schemas parse into (see zod.ts), so that `z.infer` of a derived schema reads like the hand-written one did.
import type { FieldSpec, ObjectType, OnChange, PropertySpec, PropertyTable } from "./types";

/** Flattens an intersection of object types into one (for readable hovers and exact type equality). */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/**
 * The value of a property type as an argument (`Side` "input") or a stored output: an open enum is any string (for an
 * enum open to reported values, only as an output); a closed one its values.
 */
export type ValueOf<T, Side extends "input" | "output"> = T extends "string"
  ? string
  : T extends "boolean"
    ? boolean
    : T extends "integer" | "number"
      ? number
      : T extends "stringOrNumber"
        ? string | number
        : T extends "any"
          ? unknown
          : T extends { readonly array: infer I }
            ? ValueOf<I, Side>[]
            : T extends { readonly map: infer I }
              ? Record<string, ValueOf<I, Side>>
              : T extends { readonly object: infer O extends ObjectType }
                ? FieldValues<O["fields"]>
                : T extends { readonly enum: readonly string[]; readonly open: true }
                  ? string
                  : T extends { readonly enum: readonly string[]; readonly open: "output" }
                    ? Side extends "output"
                      ? string
                      : T["enum"][number]
                    : T extends { readonly enum: infer V extends readonly string[] }
                      ? V[number]
                      : never;

type RequiredFieldKeys<F> = { [K in keyof F]: F[K] extends { readonly required: true } ? K : never }[keyof F];

/** The value of an object type, or of a function's arguments or result. */
export type FieldValues<F extends Readonly<Record<string, FieldSpec>>> = Simplify<
  { -readonly [K in RequiredFieldKeys<F>]: ValueOf<F[K]["type"], "input"> } & {
    -readonly [K in Exclude<keyof F, RequiredFieldKeys<F>>]?: ValueOf<F[K]["type"], "input"> | undefined;
  }
>;

/** Inputs the provider always has once `check` ran: required ones, and those with a default (a value or the resource name). */
type PresentInputKeys<T extends PropertyTable> = {
  [K in keyof T]: T[K] extends { readonly input: "required" } | { readonly input: string; readonly default: { readonly value: unknown } | { readonly resourceName: true } }
    ? K
    : never;
}[keyof T];
type InputKeys<T extends PropertyTable> = { [K in keyof T]: T[K] extends { readonly input: string } ? K : never }[keyof T];

/** The inputs as the provider parses them (after `check` applied the defaults). */
export type InputsOf<T extends PropertyTable> = Simplify<
  { -readonly [K in PresentInputKeys<T>]: ValueOf<T[K]["type"], "input"> } & {
    -readonly [K in Exclude<InputKeys<T>, PresentInputKeys<T>>]?: ValueOf<T[K]["type"], "input"> | undefined;
  }
>;

type Nullable<P extends PropertySpec, V> = P extends { readonly nullable: true } ? V | null : V;
/** The type of the stored output: `outputType` when the table gives one, else the argument's. */
type OutputTypeOf<P extends PropertySpec> = P extends { readonly outputType: infer O } ? O : P["type"];
type OutputKeys<T extends PropertyTable, Presence extends string> = {
  [K in keyof T]: T[K] extends { readonly output: Presence } ? K : never;
}[keyof T];

/** The outputs as the provider writes them. */
export type OutputsOf<T extends PropertyTable> = Simplify<
  { -readonly [K in OutputKeys<T, "required">]: Nullable<T[K], ValueOf<OutputTypeOf<T[K]>, "output">> } & {
    -readonly [K in OutputKeys<T, "optional">]?: Nullable<T[K], ValueOf<OutputTypeOf<T[K]>, "output">> | undefined;
  }
>;

/** The names of the inputs whose change does `kinds`, in table order. */
export type ChangedBy<T extends PropertyTable, Kinds extends OnChange> = {
  [K in keyof T]: T[K] extends { readonly onChange: Kinds } ? K : never;
}[keyof T] &
  string;

/** The names of the stored outputs. */
export type OutputName<T extends PropertyTable> = OutputKeys<T, string> & string;
