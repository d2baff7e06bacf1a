// Printing an audit: Markdown, JSON, or CSV for a spreadsheet.
import type { AuditResult } from "../commands/audit";
import type { AuditedToken } from "../audit/classify";
import { csv } from "../format/csv";
import { json } from "../format/json";
import { blocks, cell, code, table } from "../format/markdown";

export function render(result: AuditResult, format: string): string {
  if (format === "json") {
    const { outcome, ...rest } = result;
    return json(rest);
  }
  if (format === "csv") return csvReport(result);
  return markdown(result);
}

const CSV_HEADERS = [
  "id", "name", "owner", "enabled", "personalAccessToken", "managed", "resource", "creationDate", "lastUsedDate",
  "expirationDate", "riskLevel", "riskLabels", "scopes", "flags",
] as const;

function csvReport(result: AuditResult): string {
  return csv(
    CSV_HEADERS,
    result.tokens.map((t) => [
      t.id, t.name, t.owner, t.enabled, t.personalAccessToken, t.managed, t.resource, t.creationDate, t.lastUsedDate,
      t.expirationDate, t.riskLevel, t.riskLabels.join(" "), t.scopes.join(" "), t.flags.join(" "),
    ]),
  );
}

function day(value: string | undefined, fallback: string): string {
  return value ? value.slice(0, 10) : fallback;
}

function markdown(result: AuditResult): string {
  const s = result.summary;
  const counts = Object.entries(s.byFlag)
    .filter(([flag, n]) => n > 0 && (result.comparedWithStack || flag !== "unmanaged"))
    .map(([flag, n]) => `${n} ${flag}`);
  const headline =
    `**${s.total} API token${s.total === 1 ? "" : "s"}** in ${cell(result.envUrl)}; ` +
    (s.flagged === 0 ? "none flagged." : `${s.flagged} flagged: ${counts.join(", ")}.`);
  const scope = `Unused = not used for ${result.unusedDays} days; expiring = within ${result.expiringDays} days` +
    (result.comparedWithStack ? "; managed = a resource of the stack." : "; give `--stack` to tell managed from unmanaged tokens.");
  const headers = ["Token", "Owner", ...(result.comparedWithStack ? ["Managed"] : []), "Last used", "Expires", "Risk", "Flags"];
  const rows = result.tokens.map((t) => row(t, result.comparedWithStack));
  return blocks(
    "### Dynatrace token audit",
    headline,
    scope,
    s.total === 0 ? "" : table(headers, rows),
    `<sub>dt-tokens audit · ${result.auditedAt.slice(0, 16).replace("T", " ")} UTC (the environment's clock)</sub>`,
  );
}

function row(t: AuditedToken, comparedWithStack: boolean): string[] {
  return [
    `${t.name ? `${cell(t.name)}<br>` : ""}${code(t.id)}${t.personalAccessToken ? "<br><sub>personal access token</sub>" : ""}`,
    t.owner ? cell(t.owner) : "—",
    ...(comparedWithStack ? [managedCell(t)] : []),
    day(t.lastUsedDate, "never"),
    day(t.expirationDate, "**never**"),
    t.riskLevel ? `**${t.riskLevel}**<br>${t.riskLabels.join(", ")}` : "—",
    t.flags.length ? t.flags.join(", ") : "—",
  ];
}

function managedCell(t: AuditedToken): string {
  if (!t.resource) return "**no**";
  // A previous token kept after a rotation (keepPreviousFor) is managed too: the stack deletes it after that date.
  return t.previousUntil === undefined ? code(t.resource) : `${code(t.resource)}<br><sub>previous token, removed after ${day(t.previousUntil, "?")}</sub>`;
}
