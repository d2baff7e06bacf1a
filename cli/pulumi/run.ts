// Running the Pulumi CLI and reading its JSON. The binary is `pulumi` on PATH unless DT_TOKENS_PULUMI names another.
import { execFile } from "node:child_process";
import * as fs from "node:fs/promises";
import * as path from "node:path";
import type { z } from "zod";
import { CliError } from "../errors";
import type { CommandContext } from "../context";
import { readStream } from "../scan/sources";

export interface StackSelection {
  readonly stack?: string | undefined;
  readonly cwd?: string | undefined;
}

interface Completed {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

function execPulumi(args: readonly string[], context: CommandContext, input?: string): Promise<Completed> {
  const binary = context.env.DT_TOKENS_PULUMI || "pulumi";
  return new Promise((resolve, reject) => {
    const child = execFile(binary, args, { cwd: context.cwd, env: context.env, maxBuffer: 512 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error ? error.code : 0;
      if (typeof code === "string") {
        reject(new CliError("PULUMI", `cannot run ${binary}: ${code} (install the Pulumi CLI or set DT_TOKENS_PULUMI)`, { cause: error }));
        return;
      }
      resolve({ code: code ?? 1, stdout, stderr });
    });
    // What a command reads from stdin (`pulumi stack import`) goes through the pipe only, never a file.
    if (input !== undefined) child.stdin?.end(input);
  });
}

function selectionArgs(selection: StackSelection, context: CommandContext): string[] {
  const args = ["--non-interactive"];
  if (selection.stack) args.push("--stack", selection.stack);
  if (selection.cwd) args.push("--cwd", path.resolve(context.cwd, selection.cwd));
  return args;
}

/** The last lines of Pulumi's stderr, for an error message. */
function tail(text: string, lines = 15): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

/** A Pulumi run that exited with an error, with the error diagnostics its `--json` output held. */
export class PulumiRunError extends CliError {
  constructor(
    message: string,
    readonly exitCode: number,
    /** The messages of the run's error diagnostics (empty when it printed no JSON). */
    readonly diagnostics: readonly string[],
  ) {
    super("PULUMI", message);
    this.name = "PulumiRunError";
  }
}

export interface RunOptions {
  /** Exit codes besides 0 that are not a failure (`pulumi preview --expect-no-changes`, say). */
  readonly acceptExitCodes?: readonly number[];
  /** What the command reads from its stdin (`pulumi stack import`). */
  readonly input?: string;
}

/** Runs `pulumi <args>` for a command that prints JSON (`--json`, `stack export`) and parses it with `schema`. */
export async function pulumiJson<S extends z.ZodType>(
  args: readonly string[],
  selection: StackSelection,
  schema: S,
  context: CommandContext,
  options: RunOptions = {},
): Promise<z.infer<S>> {
  return parseJson(await pulumiText(args, selection, context, options), schema, `the output of pulumi ${args.join(" ")}`);
}

/**
 * Runs `pulumi <args>` and returns what it printed on stdout, unparsed (`pulumi stack export`, kept byte for byte as a
 * backup), or fails with its exit code, the error diagnostics of its `--json` output (if it printed any) and the end of
 * its stderr.
 */
export async function pulumiText(args: readonly string[], selection: StackSelection, context: CommandContext, options: RunOptions = {}): Promise<string> {
  const described = `pulumi ${args.join(" ")}`;
  context.progress.update(`running ${described}${selection.stack ? ` on stack ${selection.stack}` : ""}`);
  const result = await execPulumi([...args, ...selectionArgs(selection, context)], context, options.input);
  if (result.code !== 0 && !(options.acceptExitCodes ?? []).includes(result.code)) {
    const diagnostics = errorDiagnostics(result.stdout);
    throw new PulumiRunError(
      `${described} exited with ${result.code}${diagnostics.length ? `:\n${diagnostics.map((d) => `  ${d}`).join("\n")}` : ""}${result.stderr.trim() ? `\n${tail(result.stderr)}` : ""}`,
      result.code,
      diagnostics,
    );
  }
  return result.stdout;
}

/** Error diagnostics from a failed `--json` run, when it printed any. */
function errorDiagnostics(stdout: string): string[] {
  try {
    const parsed = JSON.parse(stdout) as { diagnostics?: { severity?: string; message?: string }[] };
    return (parsed.diagnostics ?? []).filter((d) => d.severity === "error").map((d) => String(d.message ?? "").trim());
  } catch {
    return [];
  }
}

export function parseJson<S extends z.ZodType>(text: string, schema: S, what: string): z.infer<S> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new CliError("INPUT", `${what} is not JSON (${(cause as Error).message})`, { cause });
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new CliError("INPUT", `${what} is not what was expected: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** Reads a saved JSON file (`-` = stdin) and parses it with `schema`. */
export async function readJsonFile<S extends z.ZodType>(file: string, schema: S, context: CommandContext): Promise<z.infer<S>> {
  let text: string;
  try {
    text = file === "-" ? await readStream(context.stdin) : await fs.readFile(path.resolve(context.cwd, file), "utf8");
  } catch (cause) {
    throw new CliError("INPUT", `cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? String(cause)}`, { cause });
  }
  return parseJson(text, schema, file === "-" ? "stdin" : file);
}
