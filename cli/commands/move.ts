// `dt-tokens move --to native|dynamic`: moves a stack's token resources between the dynamic classes and the native
// provider without a new token — `pulumi stack export`, the rewrite of cli/move/rewrite.ts, a backup of the export,
// `pulumi stack import` — and says what to change in the program. Secrets stay the ciphertext they are in the export.
import { randomUUID } from "node:crypto";
import * as path from "node:path";
import { z } from "zod";
import type { CommandContext } from "../context";
import { CliError } from "../errors";
import { defaultBackupPath, writeBackup } from "../move/backup";
import { DEPLOYMENT_VERSION, stackExportSchema } from "../move/deployment";
import { dynamicStubs } from "../move/dynamicStubs";
import { FACES, type Face } from "../move/faces";
import { programChanges, type ProgramChange } from "../move/programChanges";
import { moveState, type MovedResource, type StateMove } from "../move/rewrite";
import { parseJson, pulumiText, type StackSelection } from "../pulumi/run";

const optionsSchema = z.object({
  to: z.enum(FACES as [Face, ...Face[]], { error: "--to must be native or dynamic" }),
  stack: z.string().optional(),
  cwd: z.string().optional(),
  dryRun: z.boolean().default(false),
  backup: z.string().optional(),
  format: z.enum(["markdown", "json"]).default("markdown"),
});
export type MoveOptions = z.input<typeof optionsSchema>;

export interface MoveResult {
  readonly command: "move";
  readonly outcome: "clean";
  readonly from: Face;
  readonly to: Face;
  readonly project: string;
  readonly stack: string;
  /** `--dry-run`: the move was worked out and shown, and nothing was written. */
  readonly dryRun: boolean;
  readonly moved: readonly MovedResource[];
  readonly alreadyThere: number;
  readonly provider: StateMove["provider"];
  readonly removedProviders: readonly string[];
  /** The export taken before the move, and the command that puts it back; absent when nothing was written. */
  readonly backup?: { readonly file: string; readonly restore: string };
  readonly programChanges: readonly ProgramChange[];
}

export async function run(options: MoveOptions, context: CommandContext): Promise<MoveResult> {
  const parsed = optionsSchema.safeParse(options);
  if (!parsed.success) throw new CliError("USAGE", parsed.error.issues[0]?.message ?? "invalid options");
  const o = parsed.data;
  const selection: StackSelection = { stack: o.stack, cwd: o.cwd };

  const text = await pulumiText(["stack", "export"], selection, context);
  const exported = parseJson(text, stackExportSchema, "the output of pulumi stack export");
  if (exported.version !== DEPLOYMENT_VERSION) {
    throw new CliError("STATE", `pulumi stack export wrote a deployment of version ${exported.version}; dt-tokens move knows version ${DEPLOYMENT_VERSION} only, and changed nothing`);
  }

  const stubs = o.to === "dynamic" ? await dynamicStubs() : undefined;
  const move = moveState(exported, { to: o.to, dynamicStub: (kind) => stubs![kind], newProviderId: randomUUID });

  const result = {
    command: "move" as const,
    outcome: "clean" as const,
    from: move.from,
    to: move.to,
    project: move.project,
    stack: move.stack,
    dryRun: o.dryRun,
    moved: move.moved,
    alreadyThere: move.alreadyThere,
    provider: move.provider,
    removedProviders: move.removedProviders,
    programChanges: programChanges(move),
  };
  if (o.dryRun || move.moved.length === 0) return result;

  const projectDir = path.resolve(context.cwd, o.cwd ?? ".");
  const file = o.backup === undefined ? defaultBackupPath(projectDir, move.stack, o.to, context.now()) : path.resolve(context.cwd, o.backup);
  writeBackup(file, text);
  const restore = ["pulumi", "stack", "import", "--stack", o.stack ?? move.stack, ...(o.cwd ? ["--cwd", projectDir] : []), "--file", file].map(shellWord).join(" ");
  try {
    await pulumiText(["stack", "import"], selection, context, { input: JSON.stringify(move.exported) });
  } catch (error) {
    throw new CliError("PULUMI", `${(error as Error).message}\nThe stack's state is as it was; its export before the move is in ${file}.`, { cause: error });
  }
  return { ...result, backup: { file, restore } };
}

/** `word` as a POSIX shell reads it back: as it is when that is safe, else in single quotes. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}
