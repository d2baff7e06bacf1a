// Printing a review: Markdown for a pull request comment, or JSON.
import type { ReviewResult } from "../commands/review";
import { json } from "../format/json";
import { blocks, cell, code, list, shortIdentifier, table } from "../format/markdown";
import type { Expiry, TokenChange } from "../review/analyze";

// A narrow column would break `+ scope` after the sign and a date at its hyphens (browsers break after a hyphen);
// these keep each on one line. JSON keeps plain ISO dates.
const NBSP = "\u00a0";
const NON_BREAKING_HYPHEN = "\u2011";

/** `text` (a date) with hyphens a line can't break at. */
function unbroken(text: string): string {
  return text.replace(/-/g, NON_BREAKING_HYPHEN);
}

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

  // Four columns so that the table fits a pull-request comment (760 px and up; scripts/review-screenshot.ts renders
  // it): the risk next to the token, the action with the scope changes, the expiry with the lifetime.
  const rows = result.changes.map((c) => [
    `${code(c.resource)}${c.name && c.name !== c.resource ? ` (${cell(c.name)})` : ""}<br>${cell(c.kind)}${c.id ? ` ${code(shortIdentifier(c.id))}` : ""}`,
    // Labels may break at their hyphens: kept whole, they overflow 760 px by a few pixels in the widest review.
    c.riskLevel ? `**${c.riskLevel}**<br><sub>${c.riskLabels.join(", ")}</sub>` : "—",
    changeCell(c),
    expiryCell(c.expiry),
  ]);
  const changes = total === 0 ? "" : table(["Token", "Risk", "Change", "Expires"], rows);
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
    findings,
    `<sub>dt-tokens review · max lifetime ${result.maxLifetimeDays} d · relative dates of new tokens resolved at ${result.reviewedAt.slice(0, 16).replace("T", " ")} UTC</sub>`,
  );
}

/** The action, what else changes, then the scopes it adds (+) and removes (−), one per line. */
function changeCell(change: TokenChange): string {
  let action: string = `**${change.action}**`;
  if (change.action === "replace" && change.replaceReasons.length > 0) action += ` <sub>because of ${change.replaceReasons.map(code).join(", ")}</sub>`;
  if (change.action === "update") {
    const others = change.changedFields.filter((f) => f !== "scopes");
    if (others.length > 0) action += ` <sub>${others.map(code).join(", ")}</sub>`;
  }
  const scopes =
    change.scopes === undefined && change.action !== "delete"
      ? ["_scopes known after apply_"]
      : [...change.scopesAdded.map((s) => `+${NBSP}${code(s)}`), ...change.scopesRemoved.map((s) => `−${NBSP}${code(s)}`)];
  return [action, ...scopes].join("<br>");
}

/** The date the token expires, then its lifetime and, when it differs from the date, what the code asked for. */
function expiryCell(expiry: Expiry): string {
  if (expiry.unknown) return "_known after apply_";
  if (expiry.never) return "**never**";
  const date = expiry.date ? unbroken(expiry.date.slice(0, 10)) : undefined;
  if (!date) return code(expiry.requested ?? "?");
  const lifetime = expiry.lifetimeDays === undefined ? [] : [`${expiry.lifetimeDays} d`];
  const requested = expiry.requested && expiry.requested.slice(0, 10) !== expiry.date?.slice(0, 10) ? [code(expiry.requested)] : [];
  const details = [...lifetime, ...requested];
  return details.length > 0 ? `${date}<br><sub>${details.join(" · ")}</sub>` : date;
}
