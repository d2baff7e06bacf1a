#!/usr/bin/env node
// The `dt-tokens` entry point: builds the commander program from the command table, runs one command, prints its
// report and turns the outcome — or any error — into the exit code. Nothing else in the CLI exits or prints.
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { redact } from "../provider/redact";
import { COMMANDS, type CommandSpec, type OptionSpec } from "./commandTable";
import { processContext, type CommandContext } from "./context";
import { EXIT, type ExitCode } from "./exitCodes";
import { progressWanted, silentProgress, terminalProgress, type ProgressStream } from "./progress";
import { packageVersion } from "./version";

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** stderr as a stream, for progress; drawn on only when it is a terminal (see progress.ts). */
  readonly errStream?: ProgressStream;
}

const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  errStream: process.stderr,
};

function positiveInteger(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError("expected a positive whole number.");
  return Number(value);
}

function toOption(spec: OptionSpec): Option {
  const option = new Option(spec.flags, spec.description);
  if (spec.choices) option.choices(spec.choices);
  if (spec.integer) option.argParser(positiveInteger);
  if (spec.repeatable) option.argParser((value: string, previous: string[] | undefined) => [...(previous ?? []), value]);
  if (spec.default !== undefined) option.default(spec.default);
  return option;
}

function addCommand(program: Command, spec: CommandSpec, context: CommandContext, io: Io, setExit: (code: ExitCode) => void): void {
  const command = program.command(spec.name).description(spec.summary);
  for (const argument of spec.arguments ?? []) command.argument(argument.name, argument.description);
  for (const option of spec.options) command.addOption(toOption(option));
  command.addHelpText("after", `\nExamples:\n${spec.examples.map((e) => `  $ ${e}`).join("\n")}\n`);
  command.action(async (...args: unknown[]) => {
    // commander passes the positional arguments, then the options object, then the command.
    const options = { ...(args[spec.arguments?.length ?? 0] as Record<string, unknown>) };
    if (spec.arguments?.length) options.paths = args[0];
    const [module, report] = await Promise.all([spec.load(), spec.report()]);
    const progress = progressWanted(io.errStream, context.env, options.quiet === true) ? terminalProgress(io.errStream) : silentProgress;
    let result;
    try {
      result = await module.run(options, { ...context, progress });
    } finally {
      progress.done();
    }
    io.out(ensureNewline(redact(report.render(result, String(options.format)))));
    setExit(result.outcome === "findings" ? spec.findingsExit : EXIT.ok);
  });
}

function ensureNewline(text: string): string {
  return text === "" || text.endsWith("\n") ? text : `${text}\n`;
}

/** Runs `dt-tokens` with `argv` (without node and the script) and resolves to the exit code; never throws. */
export async function main(argv: readonly string[], context: CommandContext = processContext(), io: Io = processIo): Promise<ExitCode> {
  let exitCode: ExitCode = EXIT.ok;
  const program = new Command("dt-tokens")
    .description("Review, audit and scan Dynatrace access tokens managed with Pulumi.")
    .version(packageVersion(), "-V, --version")
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .showHelpAfterError("(run with --help for usage)");
  program.addHelpText(
    "after",
    "\nExit codes: 0 nothing found, 1 scan found tokens, 2 review/audit --fail-on findings, drift, or orphans to recover, 3 the command could not run.\n",
  );
  for (const spec of COMMANDS) addCommand(program, spec, context, io, (code) => (exitCode = code));

  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has printed its own message (usage error) or the help/version text.
      return error.exitCode === 0 ? EXIT.ok : EXIT.error;
    }
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    io.err(redact(`dt-tokens: ${typeof code === "string" ? `${code}: ` : ""}${message}\n`));
    return EXIT.error;
  }
}

if (require.main === module) {
  // `dt-tokens … | head` closes the pipe before the report is written: that ends the output, not with a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
  });
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
