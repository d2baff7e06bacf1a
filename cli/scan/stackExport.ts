// A `pulumi stack export` being scanned: say which resource holds each token found, not only the line.
import { stackExportSchema } from "../pulumi/schemas";
import { findTokens } from "./findTokens";

/** Names the resource holding a token found on `line`; `undefined` when unknown. */
export type ResourceLocator = (line: number, identifier: string) => string | undefined;

const NOWHERE: ResourceLocator = () => undefined;

/**
 * For a stack export, a locator that attributes a line to the resource whose `"urn"` key last preceded it (exports
 * are pretty-printed, one resource after another); for a one-line export, the resource whose id is the token's
 * identifier, else a resource whose state contains it, non-Pulumi resources first. `NOWHERE` for any other text.
 */
export function resourceLocator(text: string): ResourceLocator {
  if (!/^\s*\{/.test(text) || !text.includes('"deployment"')) return NOWHERE;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // Not JSON after all (a JSON-looking config file, a fragment): the line numbers alone will do.
    return NOWHERE;
  }
  const parsed = stackExportSchema.safeParse(value);
  if (!parsed.success) return NOWHERE;
  const resources = parsed.data.deployment.resources ?? [];
  const urns = new Set(resources.map((r) => r.urn).filter((u): u is string => u !== undefined));

  const starts: { line: number; urn: string }[] = [];
  for (const [index, line] of text.split(/\r?\n|\r/).entries()) {
    const urn = /^\s*"urn":\s*"([^"]+)"/.exec(line)?.[1];
    if (urn && urns.has(urn)) starts.push({ line: index + 1, urn });
  }

  const holders = new Map<string, string>();
  const ranked = [...resources].sort((a, b) => rank(a) - rank(b));
  for (const resource of ranked) {
    for (const match of findTokens(JSON.stringify(resource))) {
      if (!holders.has(match.identifier) || resource.id === match.identifier) holders.set(match.identifier, resource.urn ?? resource.type);
    }
  }

  return (line, identifier) => {
    if (starts.length > 1) {
      const start = [...starts].reverse().find((s) => s.line <= line);
      if (start) return start.urn;
    }
    return holders.get(identifier);
  };
}

/** Pulumi's own resources (the stack, providers) hold copies of values; the resources of the program come first. */
function rank(resource: { type: string }): number {
  return resource.type.startsWith("pulumi:") ? 1 : 0;
}
