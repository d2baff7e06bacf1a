// Printing a scan: `file:line: identifier (kind)` lines, or JSON.
import { json } from "../format/json";
import type { ScanResult } from "../commands/scan";

export function render(result: ScanResult, format: string): string {
  if (format === "json") {
    return json({ findings: result.findings, filesScanned: result.filesScanned, skipped: result.skipped });
  }
  const lines = result.findings.map(
    (f) => `${f.file}:${f.line}: ${f.identifier} (${f.kind})${f.resource ? ` in ${f.resource}` : ""}`,
  );
  const files = `${result.filesScanned} file${result.filesScanned === 1 ? "" : "s"}`;
  lines.push(
    result.findings.length === 0
      ? `No Dynatrace tokens found in ${files}.`
      : `${result.findings.length} Dynatrace token${result.findings.length === 1 ? "" : "s"} found in ${files}. ` +
          "Remove them, and revoke each one: it has been exposed.",
  );
  return `${lines.join("\n")}\n`;
}
