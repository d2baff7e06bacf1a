// `dt-tokens scan`: find token secrets in files, directories, stdin or a stack export; report identifiers only.
import { z } from "zod";
import type { CommandContext } from "../context";
import { CliError } from "../errors";
import { findTokens } from "../scan/findTokens";
import { scanSources, type SkippedFile } from "../scan/sources";
import { resourceLocator } from "../scan/stackExport";

const optionsSchema = z.object({
  paths: z.array(z.string()).optional(),
  format: z.enum(["text", "json"]).default("text"),
});
export type ScanOptions = z.input<typeof optionsSchema>;

export interface ScanFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** `prefix.public`; the secret part is never kept. */
  readonly identifier: string;
  readonly kind: string;
  /** For a stack export: the URN of the resource whose state holds the token. */
  readonly resource?: string;
}

export interface ScanResult {
  readonly command: "scan";
  readonly outcome: "clean" | "findings";
  readonly findings: readonly ScanFinding[];
  readonly filesScanned: number;
  readonly skipped: readonly SkippedFile[];
}

export async function run(options: ScanOptions, context: CommandContext): Promise<ScanResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new CliError("USAGE", parsed.error.issues[0]?.message ?? "invalid options");
  const paths = parsed.data.paths?.length ? parsed.data.paths : ["."];
  const findings: ScanFinding[] = [];
  const skipped: SkippedFile[] = [];
  let filesScanned = 0;
  for await (const source of scanSources(paths, context.cwd, context.stdin, (file) => skipped.push(file))) {
    filesScanned++;
    const matches = findTokens(source.text);
    if (matches.length === 0) continue;
    const locate = resourceLocator(source.text);
    for (const match of matches) {
      const resource = locate(match.line, match.identifier);
      findings.push({ file: source.name, ...match, ...(resource ? { resource } : {}) });
    }
  }
  return { command: "scan", outcome: findings.length > 0 ? "findings" : "clean", findings, filesScanned, skipped };
}
