// A `pulumi stack export` being scanned: say which resource holds each token found, not only the line.
import { stackExportSchema } from "../pulumi/schemas";
import { findTokens } from "./findTokens";

/** Identifier → URN of the first resource whose state contains it; empty unless `text` is a stack export. */
export function resourcesHoldingTokens(text: string): Map<string, string> {
  const holders = new Map<string, string>();
  if (!/^\s*\{/.test(text) || !text.includes('"deployment"')) return holders;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON after all (a JSON-looking config file, a fragment): the line numbers alone will do.
    return holders;
  }
  const parsed = stackExportSchema.safeParse(value);
  if (!parsed.success) return holders;
  for (const resource of parsed.data.deployment.resources ?? []) {
    for (const match of findTokens(JSON.stringify(resource))) {
      if (!holders.has(match.identifier)) holders.set(match.identifier, resource.urn ?? resource.type);
    }
  }
  return holders;
}
