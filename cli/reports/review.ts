// Printing a review: Markdown for a pull request comment, or JSON.
import type { ReviewResult } from "../commands/review";
import { json } from "../format/json";
import { blocks, cell, code, list, table } from "../format/markdown";
import type { Expiry, PreviousToken, TokenChange } from "../review/analyze";

/** Lets a CI job find and update its earlier comment instead of adding a new one on every push. */
export const REVIEW_MARKER = "<!-- dt-tokens:review -->";

export function render(result: ReviewResult, format: string): string {
  if (format === "json") {
    const { outcome, ...rest } = result;
    return json({ ...rest, gate: gateState(result) });
  }
  return markdown(result);
}

function gateState(result: ReviewResult): "passed" | "failed" | "off" {
  if (!result.failOn) return "off";
  return result.outcome === "findings" ? "failed" : "passed";
}

function markdown(result: ReviewResult): string {
  const s = result.summary;
  const total = s.create + s.update + s.replace + s.delete;
  const counts = (["create", "update", "replace", "delete"] as const).filter((a) => s[a] > 0).map((a) => `${s[a]} ${a}`);
  const headline =
    total === 0
      ? "**No token changes.**"
      : `**${total} token change${total === 1 ? "" : "s"}:** ${counts.join(", ")}. ` +
        (result.highestFinding ? `Highest finding: **${result.highestFinding}**.` : "No findings.");
  const noEffect = s.noEffect > 0 ? ` ${s.noEffect} update${s.noEffect === 1 ? " changes" : "s change"} nothing but the order of scopes and ${s.noEffect === 1 ? "is" : "are"} not listed.` : "";
  const gate =
    result.failOn === undefined
      ? ""
      : result.outcome === "findings"
        ? `:x: **Gate failed:** findings at or above \`${result.failOn}\`.`
        : `:white_check_mark: Gate passed: no findings at or above \`${result.failOn}\`.`;

  const rows = result.changes.map((c) => [
    `${code(c.resource)}${c.name && c.name !== c.resource ? ` (${cell(c.name)})` : ""}<br>${cell(c.kind)}${c.id ? ` ${code(c.id)}` : ""}`,
    actionCell(c),
    scopeList(c.scopes === undefined && c.action !== "delete" ? undefined : c.scopesAdded),
    scopeList(c.scopesRemoved),
    expiryCell(c.expiry),
    c.expiry.lifetimeDays === undefined ? "—" : `${c.expiry.lifetimeDays} d`,
    c.riskLevel ? `**${c.riskLevel}**<br>${c.riskLabels.join(", ")}` : "—",
  ]);
  const changes = total === 0 ? "" : table(["Token", "Action", "Scopes added", "Scopes removed", "Expires", "Lifetime", "Risk"], rows);
  const previous =
    result.previousTokens.length === 0
      ? ""
      : `#### Previous tokens kept after a rotation\n\n${list(result.previousTokens.map(previousLine))}`;
  const findings =
    result.findings.length === 0
      ? ""
      : `#### Findings\n\n${list(result.findings.map((f) => `**${f.level}** ${code(f.resource)} ${f.message}`))}`;
  return blocks(
    REVIEW_MARKER,
    "### Dynatrace token review",
    `${headline}${noEffect}`.trim(),
    gate,
    changes,
    previous,
    findings,
    `<sub>dt-tokens review · max lifetime ${result.maxLifetimeDays} d · relative dates resolved at ${result.reviewedAt.slice(0, 16).replace("T", " ")} UTC</sub>`,
  );
}

function actionCell(change: TokenChange): string {
  if (change.action === "replace" && change.replaceReasons.length > 0) {
    return `replace<br><sub>because of ${change.replaceReasons.map(code).join(", ")}</sub>`;
  }
  if (change.rotatesInPlaceKeeping !== undefined) {
    return `update<br><sub>rotates in place (${change.changedFields.map(code).join(", ")}): a new token, the current one kept for ${code(change.rotatesInPlaceKeeping)}</sub>`;
  }
  if (change.action === "update") {
    const others = change.changedFields.filter((f) => f !== "scopes");
    if (others.length > 0) return `update<br><sub>${others.map(code).join(", ")}</sub>`;
  }
  return change.action;
}

function scopeList(scopes: readonly string[] | undefined): string {
  if (scopes === undefined) return "_known after apply_";
  return scopes.length === 0 ? "—" : scopes.map(code).join("<br>");
}

function expiryCell(expiry: Expiry): string {
  if (expiry.unknown) return "_known after apply_";
  if (expiry.never) return "**never**";
  const date = expiry.date?.slice(0, 10);
  if (expiry.requested && date && expiry.requested.slice(0, 10) !== date) return `${code(expiry.requested)}<br>${date}`;
  return date ?? code(expiry.requested ?? "?");
}

function previousLine(kept: PreviousToken): string {
  const until = kept.removalDate ? kept.removalDate.slice(0, 16).replace("T", " ") + " UTC" : "an unknown date";
  return kept.removedByThisUp
    ? `${code(kept.resource)} ${code(kept.id)}: **removed by this update** (kept until ${until})`
    : `${code(kept.resource)} ${code(kept.id)}: pending removal, valid until ${until}; the first \`pulumi up\` after that deletes it`;
}
