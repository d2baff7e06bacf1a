// GitHub-flavoured Markdown building blocks. Cells are escaped so that a token name can't break a table or inject
// markup into a PR comment.

/** Escapes text for a table cell: pipes, backslashes, HTML-significant characters, and line breaks. */
export function cell(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n|\r/g, "<br>");
}

/** Inline code that survives any backticks inside `text`; escaped for a table cell. */
export function code(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const padded = text.startsWith("`") || text.endsWith("`") ? ` ${text} ` : text;
  return `${fence}${padded.replace(/\|/g, "\\|").replace(/\r?\n|\r/g, " ")}${fence}`;
}

/**
 * A token identifier cut to its prefix and first 8 characters (`dt0c01.5KAPQ2WH…`), enough to tell tokens apart in a
 * table that must fit a pull-request comment; reports in JSON keep the whole identifier.
 */
export function shortIdentifier(id: string): string {
  const match = /^([a-z0-9]+\.)([A-Z0-9]{8})[A-Z0-9]+$/.exec(id);
  return match ? `${match[1]}${match[2]}…` : id;
}

/** A table; `rows` cells are taken as already formatted Markdown (use `cell`/`code` on raw text). */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === "" ? " " : c)).join(" | ")} |`;
  return [line(headers), line(headers.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A bulleted list; empty input gives an empty string. */
export function list(items: readonly string[]): string {
  return items.map((item) => `- ${item.replace(/\r?\n|\r/g, " ")}`).join("\n");
}

/** Joins blocks with blank lines, skipping empty ones. */
export function blocks(...parts: readonly string[]): string {
  return `${parts.filter((part) => part !== "").join("\n\n")}\n`;
}
