// `dt-tokens review`: the token changes of a `pulumi preview --json`, with findings, for a pull request comment.
import { z } from "zod";
import type { CommandContext } from "../context";
import { CliError } from "../errors";
import { pulumiJson, readJsonFile } from "../pulumi/run";
import { previewSchema } from "../pulumi/schemas";
import { analyzePreview, failsGate, type Review } from "../review/analyze";

const optionsSchema = z.object({
  previewJson: z.string().optional(),
  stack: z.string().optional(),
  cwd: z.string().optional(),
  format: z.enum(["markdown", "json"]).default("markdown"),
  failOn: z.enum(["low", "medium", "high", "critical"]).optional(),
  maxLifetimeDays: z.number().int().positive().default(365),
});
export type ReviewOptions = z.input<typeof optionsSchema>;

export interface ReviewResult extends Review {
  readonly command: "review";
  readonly outcome: "clean" | "findings";
  readonly failOn?: "low" | "medium" | "high" | "critical";
  readonly maxLifetimeDays: number;
  /** When the review was made; relative expiration dates of new tokens resolve against it. */
  readonly reviewedAt: string;
}

export async function run(options: ReviewOptions, context: CommandContext): Promise<ReviewResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new CliError("USAGE", parsed.error.issues[0]?.message ?? "invalid options");
  const { previewJson, stack, cwd, failOn, maxLifetimeDays } = parsed.data;
  if (previewJson && (stack || cwd)) throw new CliError("USAGE", "--preview-json reads a saved preview; --stack and --cwd only apply when review runs pulumi preview");

  const preview = previewJson
    ? await readJsonFile(previewJson, previewSchema, context)
    : // --show-sames: a previous token kept for an overlap (keepPreviousFor) shows on a resource without changes too.
      await pulumiJson(["preview", "--json", "--show-sames"], { stack, cwd }, previewSchema, context);
  const now = context.now();
  const review = analyzePreview(preview, { maxLifetimeDays, now });
  return {
    command: "review",
    outcome: failsGate(review, failOn) ? "findings" : "clean",
    ...review,
    ...(failOn ? { failOn } : {}),
    maxLifetimeDays,
    reviewedAt: now.toISOString(),
  };
}
