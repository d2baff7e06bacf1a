// `dt-tokens drift`: what changed in Dynatrace outside the code, from a refresh preview; exit 2 on drift.
import { z } from "zod";
import type { CommandContext } from "../context";
import { CliError } from "../errors";
import { analyzeDrift, type DriftAnalysis } from "../drift/analyze";
import { pulumiJson, readJsonFile } from "../pulumi/run";
import { previewSchema } from "../pulumi/schemas";

const optionsSchema = z.object({
  previewJson: z.string().optional(),
  stack: z.string().optional(),
  cwd: z.string().optional(),
  format: z.enum(["markdown", "json"]).default("markdown"),
});
export type DriftOptions = z.input<typeof optionsSchema>;

export interface DriftResult extends DriftAnalysis {
  readonly command: "drift";
  readonly outcome: "clean" | "findings";
  readonly checkedAt: string;
}

/** The refresh preview drift reads: `--show-sames` so that tokens whose drift the provider's diff ignores still show. */
export const DRIFT_PREVIEW_ARGS = ["preview", "--refresh", "--json", "--show-sames"] as const;

export async function run(options: DriftOptions, context: CommandContext): Promise<DriftResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new CliError("USAGE", parsed.error.issues[0]?.message ?? "invalid options");
  const { previewJson, stack, cwd } = parsed.data;
  if (previewJson && (stack || cwd)) throw new CliError("USAGE", "--preview-json reads a saved preview; --stack and --cwd only apply when drift runs pulumi preview");
  const preview = previewJson
    ? await readJsonFile(previewJson, previewSchema, context)
    : await pulumiJson(DRIFT_PREVIEW_ARGS, { stack, cwd }, previewSchema, context);
  const analysis = analyzeDrift(preview);
  return {
    command: "drift",
    outcome: analysis.drifted.length > 0 ? "findings" : "clean",
    ...analysis,
    checkedAt: context.now().toISOString(),
  };
}
