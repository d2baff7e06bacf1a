// The shape of a property table: what the package declares once about each property of a resource, of the provider's
// configuration and of a function. Everything else follows from the tables (see README.md in this folder): the zod
// schemas at the provider's boundaries, the replace/update sets `diff` uses, the Pulumi package schema, the SDK's
// Args interfaces and output declarations, and the reference docs.
//
// Plain data without zod: the SDK's classes read the tables at run time, and its public declarations must not lead
// into zod's (they don't type-check in a user's project on `module: commonjs` without `esModuleInterop`).

/** A set of values: the known ones, and which others are accepted. */
export interface EnumType {
  readonly enum: readonly string[];
  /**
   * `true`: Dynatrace adds values without a new API version, so any string is accepted, as an argument too (#21.1).
   * `"output"`: an argument must be a known value, but a stored output holds what Dynatrace reported, which may be
   * another (the state must always load). Absent: only the known values, anywhere.
   */
  readonly open?: true | "output";
  /** The name of the values' TypeScript type (`Scope`); a closed enum with a name is an enum type in the package schema. */
  readonly name?: string;
  /** What each value means, for the docs (closed enums). */
  readonly meanings?: Readonly<Record<string, string>>;
}

/** A named object type (the `adopt` argument, an entry of the provider's `environments`). */
export interface ObjectType {
  /** The type's name: `Adopt` is `dynatrace-tokens:index:Adopt` in the package schema, `AdoptArgs` in TypeScript. */
  readonly name: string;
  readonly description: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
}

export type PropertyType =
  | "string"
  | "boolean"
  | "integer"
  | "number"
  /** A string or a number (`expirationDate`: `"now+90d"`, an ISO date, or Unix milliseconds). */
  | "stringOrNumber"
  /** Any value (`rotationTrigger`). */
  | "any"
  | { readonly array: PropertyType }
  /** A map with string keys. */
  | { readonly map: PropertyType }
  | { readonly object: ObjectType }
  | EnumType;

/**
 * What a changed input does, as the provider's `diff` decides it (test/sdk/inputDocs.test.ts holds the docs to it):
 * - `update`: updates in place (same token, same secret);
 * - `replace`: replaces the resource (a token: the new one is created before the old one is deleted);
 * - `rotate`: replaces the token, or with `keepPreviousFor` rotates it in place and keeps the old one;
 * - `state`: updates in place without a request: the value is kept in the state, for the provider to act on;
 * - `none`: nothing; only read when the resource is created.
 */
export type OnChange = "update" | "replace" | "rotate" | "state" | "none";

/** What an input is when a program leaves it out. */
export type DefaultSpec =
  /** A value the provider applies (its `check`, and the input schema's `.default`). */
  | { readonly value: string | number | boolean }
  /** The resource's name: the SDK (and the native provider, from the URN) fills it in before the provider sees it. */
  | { readonly resourceName: true }
  /** Nothing is filled in; the words say what leaving it out means ("never expires"). */
  | { readonly absent: string };

/** A property of a resource (an argument, a stored output, or both). */
export interface PropertySpec {
  readonly type: PropertyType;
  /** The stored output's type, when it differs from the argument's (`expirationDate`: written as a date in any form, stored resolved). */
  readonly outputType?: PropertyType;
  /** An argument the program writes: `required`, or `optional` (see `default`). */
  readonly input?: "required" | "optional";
  /** A stored output: `required` (every state the provider writes has it) or `optional`. Old states may lack either. */
  readonly output?: "required" | "optional";
  /**
   * Not part of the package's public face (the package schema, the SDK's types, the reference docs): an argument the
   * SDK's classes set themselves (`personalAccessToken`), or an output kept for the provider alone (`startedToken`).
   */
  readonly internal?: "input" | "output";
  /** The output may be null (`oldToken` once a rotation is over). */
  readonly nullable?: boolean;
  /** A Pulumi secret: made one by the SDK when it is an argument, registered as a secret output when it is an output. */
  readonly secret?: boolean;
  /** Inputs only: what leaving it out means. A required input has none. */
  readonly default?: DefaultSpec;
  /** Inputs only: what a change does. */
  readonly onChange?: OnChange;
  /** A few words after the onChange phrase: "one request", "removing it deletes a kept previous token at the next `up`". */
  readonly onChangeNote?: string;
  /** Markdown. Its first sentence stands alone, and is the same on an argument and its output. */
  readonly description: string;
  /** Appended to `description` on the argument only: accepted forms, rules, what it interacts with. */
  readonly inputDetails?: string;
  /** Appended to `description` on the output only: how the stored value differs from what was written. */
  readonly outputDetails?: string;
  /**
   * `"id"`: the output, when absent from the state, is the resource's id (`tokenId`, which state written before a
   * rotation in place doesn't hold). The TypeScript classes show it so, the native plugin returns it so (so every
   * language reads it), and the package schema lists it as always present.
   */
  readonly outputFallback?: "id";
  /** A value as a TypeScript program writes it (`"now+90d"`, `["metrics.read"]`). */
  readonly example: string;
  /** Integers only: the smallest value. */
  readonly minimum?: number;
}

/** A field of an object type, or a property of a function's arguments or result. */
export interface FieldSpec {
  readonly type: PropertyType;
  readonly required?: boolean;
  readonly secret?: boolean;
  /** What leaving it out means (arguments only). */
  readonly default?: { readonly absent: string };
  readonly description: string;
  readonly example: string;
}

/** The properties of a resource, by name, in the order the docs list them. */
export type PropertyTable = Readonly<Record<string, PropertySpec>>;

/** The Pulumi type token of a resource or function of this package. */
export type TypeToken = `dynatrace-tokens:index:${string}`;

/** A resource as users see it: the class, its type token, its docs and its properties. */
export interface ResourceSpec {
  /** The class name (`ApiToken`). */
  readonly name: "ApiToken" | "PersonalAccessToken" | "PaasToken" | "ActiveGateToken" | "TenantTokenRotation";
  readonly token: TypeToken;
  /** What a replacement replaces, in `onChange` phrases: "the token", "the resource". */
  readonly replaces: string;
  /** Markdown; the first sentence stands alone. */
  readonly description: string;
  /** A TypeScript program that declares one. */
  readonly example: string;
  readonly properties: PropertyTable;
}

/** A function (an invoke, for the native provider and the other languages). */
export interface FunctionSpec {
  /** The function's name in TypeScript (`getTenantToken`). */
  readonly name: string;
  readonly token: TypeToken;
  readonly description: string;
  readonly example: string;
  readonly inputs: Readonly<Record<string, FieldSpec>>;
  readonly outputs: Readonly<Record<string, FieldSpec>>;
}

/** The provider's own configuration: stack config keys `dynatrace-tokens:<name>`, and the `Provider` resource's arguments. */
export interface ConfigSpec {
  readonly description: string;
  readonly fields: Readonly<Record<string, FieldSpec>>;
}
