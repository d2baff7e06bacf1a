// Printing a drift report: Markdown (for an issue or a job summary) or JSON.
import type { DriftResult } from "../commands/drift";
import type { DriftChange, ScopeWithRisk } from "../drift/analyze";
import { json } from "../format/json";
import { blocks, cell, code, table } from "../format/markdown";

export const DRIFT_MARKER = "<!-- dt-tokens:drift -->";

export function render(result: DriftResult, format: string): string {
  if (format === "json") {
    const { outcome, ...rest } = result;
    return json(rest);
  }
  const n = result.drifted.length;
  const headline =
    n === 0
      ? `**No drift:** all ${result.checked} token${result.checked === 1 ? "" : "s"} match what the code deployed.`
      : `**${n} of ${result.checked} token${result.checked === 1 ? "" : "s"} changed outside the code.**`;
  const caveat = result.deletionsOnly
    ? "_Read from `pulumi refresh --preview-only`, which only shows deleted tokens; run `dt-tokens drift` without `--preview-json` (it uses `pulumi preview --refresh --show-sames`) to see scope and name changes._"
    : "";
  const staleCredential = result.staleCredential
    ? `_Dynatrace rejected the API token the stack's state recorded at the last \`pulumi up\` (stack config ${code(result.staleCredential.configKey)}), ` +
      "so drift read Dynatrace with the current stack config (`pulumi preview --refresh --run-program`). " +
      "`pulumi refresh`, `pulumi destroy` and `pulumi up --refresh` keep failing until `pulumi up` without `--refresh`, " +
      "or `pulumi refresh --run-program`, records it (docs/credentials.md)._"
    : "";
  const rows = result.drifted.map((d) => [
    `${code(d.resource)}<br>${cell(d.kind)}${d.id ? ` ${code(d.id)}` : ""}`,
    d.changes.map(describe).join("<br>"),
  ]);
  const advice =
    n === 0
      ? ""
      : "`pulumi up` puts the tokens back as the code says (a deleted token is created again, with a new secret); " +
        "to keep a change, write it into the code first.";
  return blocks(
    DRIFT_MARKER,
    "### Dynatrace token drift",
    headline,
    caveat,
    staleCredential,
    n === 0 ? "" : table(["Token", "Changed outside the code"], rows),
    advice,
    `<sub>dt-tokens drift · checked ${result.checkedAt.slice(0, 16).replace("T", " ")} UTC</sub>`,
  );
}

function scopes(list: readonly ScopeWithRisk[]): string {
  return list.map((s) => `${code(s.scope)} (${s.label}, ${s.level})`).join(", ");
}

function describe(change: DriftChange): string {
  switch (change.kind) {
    case "deleted":
      return "**deleted**";
    case "disabled":
      return "**disabled** (revoked)";
    case "enabled":
      return "enabled, though the code disables it";
    case "renamed":
      return `renamed ${code(change.from)} → ${code(change.to)}`;
    case "scopes-widened":
      return `**scopes widened:** ${scopes(change.scopes)}`;
    case "scopes-narrowed":
      return `scopes narrowed: ${scopes(change.scopes)}`;
    case "expiration-changed":
      return `expiration changed: ${change.from ?? "never"} → ${change.to ?? "never"}`;
  }
}
