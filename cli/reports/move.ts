// Printing what `dt-tokens move` did (or, with --dry-run, would do): Markdown or JSON. Identifiers, URNs and paths
// only: the move never holds a secret in clear.
import type { MoveResult } from "../commands/move";
import { json } from "../format/json";
import { blocks, cell, code, list, table } from "../format/markdown";
import { FACE_MODULE } from "../pulumi/tokenResources";

const FACE_NAME = { dynamic: `the dynamic classes (\`${FACE_MODULE.dynamic}\`)`, native: `the native provider (\`${FACE_MODULE.native}\`)` } as const;

export function render(result: MoveResult, format: string): string {
  if (format === "json") {
    const { outcome, ...rest } = result;
    return json(rest);
  }
  const stack = code(`${result.project}/${result.stack}`);
  const n = result.moved.length;
  const resources = `${n} resource${n === 1 ? "" : "s"}`;
  if (n === 0) {
    return blocks(
      "### dt-tokens move",
      `Nothing to move: stack ${stack} holds no resource of ${FACE_NAME[result.from]}` +
        (result.alreadyThere > 0 ? ` (${result.alreadyThere} of ${FACE_NAME[result.to]} already).` : "."),
    );
  }
  const headline = result.dryRun
    ? `**Dry run:** would move ${resources} of stack ${stack} to ${FACE_NAME[result.to]}. Nothing was written.`
    : `**Moved ${resources}** of stack ${stack} to ${FACE_NAME[result.to]}: the same tokens, ids and secrets; nothing was asked of Dynatrace.`;
  const rows = result.moved.map((m) => [code(m.name), cell(m.className), m.id === undefined ? "" : code(m.id), m.environment === undefined ? "" : code(m.environment)]);
  const provider = result.provider;
  const state = list([
    ...(provider ? [`${provider.created ? "Writes" : "Uses"} the default provider ${code(provider.urn)}${provider.created ? ", with the stack config the state recorded" : ""}.`] : []),
    ...result.removedProviders.map((urn) => `Removes ${code(urn)}, which nothing references any more.`),
  ]);
  const backup = result.backup
    ? `The state before the move is in ${code(result.backup.file)} (secrets encrypted, as \`pulumi stack export\` wrote it). To undo the move, run ${code(result.backup.restore)} and change the program back.`
    : "";
  const steps = result.programChanges.map((change, index) => `${index + 1}. ${change.text.replace(/\n/g, "\n   ")}`).join("\n");
  return blocks(
    "### dt-tokens move",
    headline,
    table(["Resource", "Class", "Id", "Environment"], rows),
    state,
    backup,
    `#### ${result.dryRun ? "After the move, change" : "Change"} the program before the next \`pulumi up\``,
    steps,
    "Then `pulumi preview` shows no change.",
  );
}
