// JSON output: two-space indentation and a trailing newline, so reports diff cleanly and pipe into jq.

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
