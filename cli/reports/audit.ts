// Printing an audit: Markdown, JSON, or CSV for a spreadsheet.
import type { AuditResult, Onboarding } from "../commands/audit";
import type { AuditedToken } from "../audit/classify";
import { importFileOf, importFileText } from "../onboard/importFile";
import { leftOutByReason, ONBOARDING_KINDS } from "../onboard/plan";
import { adoptCode } from "./adoptCode";
import { csv } from "../format/csv";
import { json } from "../format/json";
import { blocks, cell, code, list, table } from "../format/markdown";

export function render(result: AuditResult, format: string): string {
  // Both print instead of the report, so that they can be redirected into a file.
  if (result.onboarding?.adoptCode) return adoptCode(result.onboarding, result.envUrl);
  if (result.onboarding?.importFile === "-") return importFileText(importFileOf(result.onboarding));
  if (format === "json") {
    const { outcome, ...rest } = result;
    return json({ ...rest, gate: gateState(result) });
  }
  if (format === "csv") return csvReport(result);
  return markdown(result);
}

function gateState(result: AuditResult): "passed" | "failed" | "off" {
  if (!result.failOn) return "off";
  return result.outcome === "findings" ? "failed" : "passed";
}

// New columns go at the end, so spreadsheets built on the earlier ones keep working.
const CSV_HEADERS = [
  "id", "name", "owner", "enabled", "personalAccessToken", "managed", "resource", "creationDate", "lastUsedDate",
  "expirationDate", "riskLevel", "riskLabels", "scopes", "flags", "kind", "seedToken", "activeGateType",
] as const;

function csvReport(result: AuditResult): string {
  return csv(
    CSV_HEADERS,
    result.tokens.map((t) => [
      t.id, t.name, t.owner, t.enabled, t.personalAccessToken, t.managed, t.resource, t.creationDate, t.lastUsedDate,
      t.expirationDate, t.riskLevel, t.riskLabels.join(" "), t.scopes.join(" "), t.flags.join(" "), t.kind, t.seedToken,
      t.activeGateType,
    ]),
  );
}

function day(value: string | undefined, fallback: string): string {
  return value ? value.slice(0, 10) : fallback;
}

function plural(n: number, what: string): string {
  return `${n} ${what}${n === 1 ? "" : "s"}`;
}

function markdown(result: AuditResult): string {
  const s = result.summary;
  const counts = Object.entries(s.byFlag)
    .filter(([flag, n]) => n > 0 && (result.comparedWithStack || flag !== "unmanaged"))
    .map(([flag, n]) => `${n} ${flag}`);
  const listed = result.skipped.length > 0 ? plural(s.apiTokens, "API token") : `${plural(s.apiTokens, "API token")} and ${plural(s.activeGateTokens, "ActiveGate token")}`;
  const headline = `**${listed}** in ${cell(result.envUrl)}; ` + (s.flagged === 0 ? "none flagged." : `${s.flagged} flagged: ${counts.join(", ")}.`);
  const skipped = result.skipped.map((reason) => `_Not audited: ${cell(reason)}_`).join("\n\n");
  const scope =
    `Unused = not used for ${result.unusedDays} days; expiring = within ${result.expiringDays} days; ` +
    `cleanup-due = an ActiveGate token Dynatrace deletes within ${result.expiringDays} days for two years without use` +
    (result.comparedWithStack ? "; managed = a resource of the stack." : "; give `--stack` to tell managed from unmanaged tokens.");
  const apiTokens = result.tokens.filter((t) => t.kind === "API token");
  const activeGateTokens = result.tokens.filter((t) => t.kind === "ActiveGate token");
  const managed = result.comparedWithStack ? ["Managed"] : [];
  return blocks(
    "### Dynatrace token audit",
    headline,
    gateLine(result),
    skipped,
    scope,
    apiTokens.length === 0
      ? ""
      : `#### API tokens\n\n${table(["Token", "Owner", ...managed, "Last used", "Expires", "Risk", "Flags"], apiTokens.map((t) => apiRow(t, result.comparedWithStack)))}`,
    activeGateTokens.length === 0
      ? ""
      : `#### ActiveGate tokens\n\n${table(["Token", "Owner", ...managed, "Type", "Last used", "Expires", "Flags"], activeGateTokens.map((t) => activeGateRow(t, result.comparedWithStack)))}`,
    result.onboarding ? onboardingSection(result.onboarding) : "",
    `<sub>dt-tokens audit · ${result.auditedAt.slice(0, 16).replace("T", " ")} UTC (the environment's clock)</sub>`,
  );
}

function gateLine(result: AuditResult): string {
  if (!result.failOn) return "";
  const flags = result.failOn.map(code).join(", ");
  return result.outcome === "findings"
    ? `:x: **Gate failed:** tokens flagged ${(result.failedOn ?? []).map(code).join(", ")} (the gate fails on ${flags}).`
    : `:white_check_mark: Gate passed: no token flagged ${flags}.`;
}

function tokenCell(t: AuditedToken): string {
  return `${t.name ? `${cell(t.name)}<br>` : ""}${code(t.id)}${t.personalAccessToken ? "<br><sub>personal access token</sub>" : ""}`;
}

function managedCell(t: AuditedToken, comparedWithStack: boolean): string[] {
  if (!comparedWithStack) return [];
  if (!t.resource) return ["**no**"];
  // A previous token kept after a rotation (keepPreviousFor) is managed too: the stack deletes it after that date.
  return [t.previousUntil === undefined ? code(t.resource) : `${code(t.resource)}<br><sub>previous token, removed after ${day(t.previousUntil, "?")}</sub>`];
}

function apiRow(t: AuditedToken, comparedWithStack: boolean): string[] {
  return [
    tokenCell(t),
    t.owner ? cell(t.owner) : "—",
    ...managedCell(t, comparedWithStack),
    day(t.lastUsedDate, "never"),
    day(t.expirationDate, "**never**"),
    t.riskLevel ? `**${t.riskLevel}**<br>${t.riskLabels.join(", ")}` : "—",
    t.flags.length ? t.flags.join(", ") : "—",
  ];
}

function activeGateRow(t: AuditedToken, comparedWithStack: boolean): string[] {
  const type = [t.activeGateType ? cell(t.activeGateType) : "", t.seedToken ? "seed token" : ""].filter((p) => p !== "").join("<br>");
  return [
    tokenCell(t),
    t.owner ? cell(t.owner) : "—",
    ...managedCell(t, comparedWithStack),
    type || "—",
    day(t.lastUsedDate, "never"),
    day(t.expirationDate, "**never**"),
    t.flags.length ? t.flags.join(", ") : "—",
  ];
}

const LEFT_OUT_TEXT = {
  credential: "the token dt-tokens ran with",
  marked: "made by another Pulumi stack (`--include-marked` brings them in)",
  refused: "with a name or scopes the provider refuses",
  filtered: "not selected by the filters",
} as const;

/** What --import-file wrote: how many tokens of which class, what was left out and why, and the next command. */
function onboardingSection(onboarding: Onboarding): string {
  const file = onboarding.importFile ?? "";
  const classes = Object.values(ONBOARDING_KINDS)
    .map((c) => [c, onboarding.tokens.filter((t) => t.resourceClass === c).length] as const)
    .filter(([, n]) => n > 0)
    .map(([c, n]) => `${n} ${code(c)}`);
  const written =
    `**${plural(onboarding.tokens.length, "token")}** of ${plural(onboarding.unmanaged, "unmanaged token")} written to ${code(file)}` +
    (classes.length > 0 ? ` (${classes.join(", ")})` : "") +
    ". Resource names come from the token names (docs/onboarding.md).";
  const leftOut = leftOutByReason(onboarding.leftOut);
  const leftOutText =
    leftOut.length === 0 ? "" : `Left out: ${leftOut.map(([reason, tokens]) => `${tokens.length} ${LEFT_OUT_TEXT[reason]}`).join("; ")}.`;
  const needsAction = onboarding.leftOut
    .filter((t) => t.reason === "refused" || t.reason === "marked")
    .map((t) => `${t.name !== undefined ? `${cell(t.name)} ` : ""}${code(t.id)}: ${t.reason === "refused" ? cell(t.detail ?? "") : `created by the stack tagged ${code(t.detail ?? "?")}`}`);
  return blocks(
    "#### Import file",
    written,
    leftOutText,
    list(needsAction),
    `Next: \`pulumi import --file ${file}\` in the stack's project, then \`pulumi preview\` shows no change once the program declares them (\`dt-tokens audit --adopt-code native\` prints the TypeScript).`,
  ).trimEnd();
}
