// Options that take a comma-separated list (`--fail-on unmanaged,expired`, `--kind api,paas --kind activegate`).

/**
 * The items of an option's values, split at commas, trimmed (and `normalize`d), empty ones dropped, and the first item
 * that is not `known`, if any: the caller refuses it with its own sentence, so that a typo can't pass silently.
 */
export function commaList(
  values: readonly string[],
  known: readonly string[],
  normalize: (item: string) => string = (item) => item,
): { readonly items: string[]; readonly unknown: string | undefined } {
  const items = values.flatMap((v) => v.split(",")).map((item) => normalize(item.trim())).filter((item) => item !== "");
  return { items, unknown: items.find((item) => !known.includes(item)) };
}
