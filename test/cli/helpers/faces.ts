// The native face of a saved dynamic-face document (a `pulumi preview --json` or a `pulumi stack export`): the same
// resources as the native provider plugin records them — `dynatrace-tokens:index:*` types, its own provider, and no
// `__provider`/`pulumiStack` inputs. Both faces have the same inputs and outputs otherwise (DESIGN.md, section 2).
import { TYPE_PREFIX } from "../../harness/faces";

const DYNAMIC_TYPE_PREFIX = TYPE_PREFIX.dynamic;
const NATIVE_TYPE_PREFIX = TYPE_PREFIX.native;
const DYNAMIC_PROVIDER = "pulumi:providers:pulumi-nodejs::default";
const NATIVE_PROVIDER = "pulumi:providers:dynatrace-tokens::default_0_4_0";
const DYNAMIC_ONLY_INPUTS = new Set(["__provider", "pulumiStack"]);

export function nativeFace<T>(document: T): T {
  return walk(document) as T;
}

function walk(value: unknown): unknown {
  if (typeof value === "string") return value.split(DYNAMIC_TYPE_PREFIX).join(NATIVE_TYPE_PREFIX).split(DYNAMIC_PROVIDER).join(NATIVE_PROVIDER);
  if (Array.isArray(value)) return value.map(walk);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key]) => !DYNAMIC_ONLY_INPUTS.has(key))
        .map(([key, inner]) => [walk(key) as string, walk(inner)]),
    );
  }
  return value;
}
