// Printing what `dt-tokens recover` found or removed: Markdown or JSON.
import type { RecoverResult } from "../commands/recover";
import { json } from "../format/json";
import { blocks, cell, code, list, table } from "../format/markdown";

export function render(result: RecoverResult, format: string): string {
  if (format === "json") {
    const { outcome, ...rest } = result;
    return json(rest);
  }
  const n = result.orphans.length;
  const deleted = result.orphans.some((o) => o.deleted);
  const headline =
    n === 0
      ? `**No orphans:** every token stack ${code(`${result.project}/${result.stack}`)} created in ${cell(result.envUrl)} is in its state.`
      : deleted
        ? `**Deleted ${n} orphan${n === 1 ? "" : "s"}** of stack ${code(`${result.project}/${result.stack}`)}: tokens its creates made whose answers never reached the state.`
        : `**${n} orphan${n === 1 ? "" : "s"}** of stack ${code(`${result.project}/${result.stack}`)}: tokens its creates made whose answers never reached the state. Run again with \`--delete\` to remove them.`;
  const rows = result.orphans.map((o) => [code(o.id), cell(o.kind), cell(o.name), cell(o.creationDate ?? "")]);
  const notes = [
    ...(result.tooYoung > 0
      ? [`${result.tooYoung} token${result.tooYoung === 1 ? " is" : "s are"} younger than ${result.minAgeSeconds} s and left alone (a create may still be running); run again later.`]
      : []),
    ...result.skipped.map((s) => `Not checked — ${s}`),
  ];
  return blocks(
    "### Dynatrace token recovery",
    headline,
    n === 0 ? "" : table(["Token", "Kind", "Name", "Created"], rows),
    list(notes),
    `<sub>dt-tokens recover · stack tag ${result.stackTag}</sub>`,
  );
}
