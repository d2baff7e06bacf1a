// `dt-tokens drift`: what changed in Dynatrace outside the code, from a refresh preview; exit 2 on drift.
import { z } from "zod";
import type { CommandContext } from "../context";
import { CliError } from "../errors";
import { analyzeDrift, type DriftAnalysis } from "../drift/analyze";
import { configSetCommand, rejectedStackCredential, selectionFlags } from "../drift/staleCredential";
import { PulumiRunError, pulumiJson, readJsonFile } from "../pulumi/run";
import { previewSchema, type PreviewJson } from "../pulumi/schemas";

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
  /**
   * Set when Dynatrace rejected the credential the stack's state recorded (a rotated, revoked one) and drift read
   * Dynatrace with the current stack config instead (`--run-program`).
   */
  readonly staleCredential?: { readonly configKey: string };
}

/** The refresh preview drift reads: `--show-sames` so that tokens whose drift the provider's diff ignores still show. */
export const DRIFT_PREVIEW_ARGS = ["preview", "--refresh", "--json", "--show-sames"] as const;

export async function run(options: DriftOptions, context: CommandContext): Promise<DriftResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new CliError("USAGE", parsed.error.issues[0]?.message ?? "invalid options");
  const { previewJson, stack, cwd } = parsed.data;
  if (previewJson && (stack || cwd)) throw new CliError("USAGE", "--preview-json reads a saved preview; --stack and --cwd only apply when drift runs pulumi preview");
  const { preview, staleCredential } = previewJson
    ? { preview: savedPreview(await readJsonFile(previewJson, previewSchema, context)), staleCredential: undefined }
    : await runPreview(stack, cwd, context);
  const analysis = analyzeDrift(preview);
  return {
    command: "drift",
    outcome: analysis.drifted.length > 0 ? "findings" : "clean",
    ...analysis,
    checkedAt: context.now().toISOString(),
    ...(staleCredential ? { staleCredential } : {}),
  };
}

/**
 * The refresh preview; when Dynatrace rejects the credential the state recorded, once more with `--run-program`,
 * which refreshes with the current stack config — read-only, like every preview — so drift still answers after the
 * provider's credential was rotated (issue 12, item 4).
 */
async function runPreview(
  stack: string | undefined,
  cwd: string | undefined,
  context: CommandContext,
): Promise<{ preview: PreviewJson; staleCredential?: { configKey: string } }> {
  let configKey: string | undefined;
  try {
    return { preview: await pulumiJson(DRIFT_PREVIEW_ARGS, { stack, cwd }, previewSchema, context) };
  } catch (error) {
    configKey = error instanceof PulumiRunError ? rejectedStackCredential(error.diagnostics) : undefined;
    if (configKey === undefined) throw error;
  }
  try {
    return { preview: await pulumiJson([...DRIFT_PREVIEW_ARGS, "--run-program"], { stack, cwd }, previewSchema, context), staleCredential: { configKey } };
  } catch (error) {
    if (!(error instanceof PulumiRunError)) throw error;
    const rejectedAgain = rejectedStackCredential(error.diagnostics) !== undefined;
    throw new CliError(
      "PULUMI",
      (rejectedAgain
        ? `Dynatrace rejects the API token of stack config ${configKey} (401), both the copy the stack's state recorded at the last \`pulumi up\` and the current one. `
        : `Dynatrace rejected the API token the stack's state recorded for stack config ${configKey} (401), and the preview with the current stack config (\`--run-program\`) failed too. `) +
        `Set a token that works and run drift again:\n  ${configSetCommand(configKey, stack, cwd)}\n  dt-tokens drift${selectionFlags(stack, cwd)}\n` +
        "then `pulumi up` without `--refresh` (or `pulumi refresh --run-program`) records it for pulumi refresh, destroy and up --refresh (docs/credentials.md).\n" +
        error.message,
    );
  }
}

/** A saved preview that failed holds no refresh results, only errors: reading it as "no drift" would be a lie. */
function savedPreview(preview: PreviewJson): PreviewJson {
  const errors = (preview.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => d.message.trim());
  if (errors.length === 0) return preview;
  const configKey = rejectedStackCredential(errors);
  if (configKey !== undefined) {
    throw new CliError(
      "INPUT",
      `the saved preview failed: Dynatrace rejected the API token the stack's state recorded for stack config ${configKey} (401), ` +
        "so it shows no drift. Save it again with the current stack config: " +
        "`pulumi preview --refresh --run-program --json --show-sames > drift.json` — or run `dt-tokens drift` without --preview-json, which does that itself.",
    );
  }
  throw new CliError("INPUT", `the saved preview failed, so it shows no drift:\n${errors.map((e) => `  ${e}`).join("\n")}`);
}
