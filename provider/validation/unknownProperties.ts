// Properties a resource doesn't have. A JavaScript program is not type-checked and another language's SDK may pass
// anything, so a misspelt `scope` would otherwise be dropped without a word. The SDK refuses them when a resource is
// declared (sdk/declaration.ts), the native plugin's `check` for programs in any language: the same sentence.
import { closestMatch } from "./didYouMean";

/**
 * The sentence refusing the properties of `args` that `known` doesn't list, or undefined when there are none. `kind`
 * and `name` say which resource; `within` names a nested argument (`adopt`) whose properties these are. A property
 * whose value is `undefined` says nothing and is not refused (spreading a shared object often carries such keys).
 */
export function unknownPropertiesMessage(
  kind: string,
  name: string,
  args: Readonly<Record<string, unknown>>,
  known: readonly string[],
  within?: string,
): { readonly properties: string[]; readonly message: string } | undefined {
  const unknown = Object.entries(args)
    .filter(([key, value]) => value !== undefined && !known.includes(key))
    .map(([key]) => key);
  if (unknown.length === 0) return undefined;
  const described = unknown.map((key) => {
    const guess = closestMatch(key, known);
    return guess === undefined ? JSON.stringify(key) : `${JSON.stringify(key)} (did you mean "${guess}"?)`;
  });
  const owner = within ?? kind;
  return {
    properties: unknown,
    message:
      `${kind} "${name}": ${owner} has no propert${unknown.length === 1 ? "y" : "ies"} ${described.join(", ")}. ` +
      `Remove ${unknown.length === 1 ? "it" : "them"}; the properties of ${owner} are ${known.join(", ")}.`,
  };
}
