// Every `dt-tokens` command, declared once: its arguments, flags, examples, exit codes and the modules behind it.
// main.ts turns this table into the commander program; the modules load only when their command runs.
import type { CommandContext } from "./context";
import { EXIT, type ExitCode } from "./exitCodes";

/** What every command's `run` returns: `findings` maps to the command's `findingsExit`. */
export interface CommandResult {
  readonly outcome: "clean" | "findings";
}

export interface CommandModule {
  run(options: Record<string, unknown>, context: CommandContext): Promise<CommandResult>;
}

export interface ReportModule {
  render(result: CommandResult, format: string): string;
}

export interface OptionSpec {
  readonly flags: string;
  readonly description: string;
  readonly choices?: readonly string[];
  readonly default?: string | number;
  /** Parse the value as a positive whole number. */
  readonly integer?: boolean;
  /** The flag may be given more than once; the command gets every value, in order. */
  readonly repeatable?: boolean;
}

export interface CommandSpec {
  readonly name: string;
  readonly summary: string;
  readonly arguments?: readonly { readonly name: string; readonly description: string }[];
  readonly options: readonly OptionSpec[];
  readonly examples: readonly string[];
  /** The exit code for an outcome of `findings`. */
  readonly findingsExit: ExitCode;
  readonly load: () => Promise<CommandModule>;
  readonly report: () => Promise<ReportModule>;
}

/** For the commands that wait on Pulumi or the API and show progress on stderr meanwhile (only on a terminal). */
const quietOption: OptionSpec = { flags: "-q, --quiet", description: "show no progress on stderr (it only shows when stderr is a terminal)" };

const stackOptions: OptionSpec[] = [
  { flags: "-s, --stack <name>", description: "the Pulumi stack (default: the current stack of --cwd)" },
  { flags: "-C, --cwd <dir>", description: "the Pulumi project directory (default: the current directory)" },
];

export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "scan",
    summary: "find Dynatrace tokens in files, directories, stdin (-) or a `pulumi stack export`",
    arguments: [{ name: "[paths...]", description: "files or directories to scan, or - for stdin (default: .)" }],
    options: [{ flags: "-f, --format <format>", description: "output format", choices: ["text", "json"], default: "text" }],
    examples: [
      "dt-tokens scan .",
      "git diff --cached --name-only -z --diff-filter=ACM | xargs -0 dt-tokens scan",
      "pulumi stack export --show-secrets | dt-tokens scan -",
    ],
    findingsExit: EXIT.tokensFound,
    load: () => import("./commands/scan"),
    report: () => import("./reports/scan"),
  },
  {
    name: "review",
    summary: "review the token changes of a `pulumi preview --json` for a pull request",
    options: [
      { flags: "-p, --preview-json <file>", description: "saved `pulumi preview --json` output, or - for stdin (default: run pulumi preview)" },
      ...stackOptions,
      { flags: "-f, --format <format>", description: "output format", choices: ["markdown", "json"], default: "markdown" },
      { flags: "--fail-on <level>", description: "exit 2 when a finding at or above this level exists", choices: ["low", "medium", "high", "critical"] },
      { flags: "--max-lifetime-days <days>", description: "warn about tokens that live longer than this", default: 365, integer: true },
      quietOption,
    ],
    examples: [
      "pulumi preview --json > preview.json && dt-tokens review --preview-json preview.json",
      "dt-tokens review --stack prod --fail-on critical",
    ],
    findingsExit: EXIT.findings,
    load: () => import("./commands/review"),
    report: () => import("./reports/review"),
  },
  {
    name: "drift",
    summary: "report token changes made outside the code (a refresh preview), exit 2 on drift",
    options: [
      { flags: "-p, --preview-json <file>", description: "saved `pulumi preview --refresh --json --show-sames` (or `pulumi refresh --preview-only --json`) output, or - for stdin (default: run the preview)" },
      ...stackOptions,
      { flags: "-f, --format <format>", description: "output format", choices: ["markdown", "json"], default: "markdown" },
      quietOption,
    ],
    examples: ["dt-tokens drift --stack prod", "pulumi preview --refresh --json --show-sames > drift.json; dt-tokens drift --preview-json drift.json"],
    findingsExit: EXIT.findings,
    load: () => import("./commands/drift"),
    report: () => import("./reports/drift"),
  },
  {
    name: "audit",
    summary: "list every API and ActiveGate token of an environment and flag unmanaged, unused, expiring and over-privileged ones",
    options: [
      { flags: "-e, --env-url <url>", description: "environment URL, e.g. https://abc12345.live.dynatrace.com; plain http only to localhost/127.0.0.1/[::1] (default: $DYNATRACE_ENV_URL)" },
      { flags: "--api-token-env <var>", description: "environment variable holding a token with apiTokens.read (and activeGateTokenManagement.read for ActiveGate tokens)", default: "DYNATRACE_API_TOKEN" },
      ...stackOptions,
      { flags: "--stack-export <file>", description: "saved `pulumi stack export` output to read managed tokens from, or - for stdin" },
      { flags: "--unused-days <days>", description: "flag tokens not used for this many days", default: 90, integer: true },
      { flags: "--expiring-days <days>", description: "flag tokens that expire within this many days", default: 30, integer: true },
      { flags: "--page-size <n>", description: "tokens per API page (100-10000; ActiveGate tokens at most 3000); every page is read", default: 1000, integer: true },
      { flags: "-f, --format <format>", description: "output format", choices: ["markdown", "json", "csv"], default: "markdown" },
      { flags: "--fail-on <flags>", description: "exit 2 when a token has one of these flags (comma-separated, e.g. unmanaged,expired,expiring)" },
      { flags: "--import-file <file>", description: "write Pulumi's bulk import file (for `pulumi import --file`) for the tokens the stack doesn't manage; - prints it instead of the report" },
      {
        flags: "--adopt-code [face]",
        description: "print TypeScript declaring those tokens instead of the report: dynamic (the default import, with adopt: { id }) or native (pulumi-dynatrace-tokens/native, after pulumi import)",
      },
      { flags: "--kind <kinds>", description: "bring in only these kinds: api, personal, paas, activegate (comma-separated or repeated)", repeatable: true },
      { flags: "--name <pattern>", description: "bring in only tokens whose name matches a glob (ci-*) or /regex/flags (repeated: any of them)", repeatable: true },
      { flags: "--exclude-name <pattern>", description: "leave out tokens whose name matches a glob or /regex/flags (repeatable)", repeatable: true },
      { flags: "--owner <email>", description: "bring in only tokens of this owner (repeated: any of them)", repeatable: true },
      { flags: "--exclude-expired", description: "leave out expired tokens" },
      { flags: "--exclude-disabled", description: "leave out disabled tokens" },
      { flags: "--include-marked", description: "also bring in tokens another Pulumi stack created (their name ends in ⟨pulumi …⟩)" },
      { flags: "--no-paas", description: "bring in tokens with only InstallerDownload (and SupportAlert) as ApiToken, not PaasToken" },
      { flags: "--environment <name>", description: "with --adopt-code: the dynatrace-tokens:environments entry the tokens live in" },
      quietOption,
    ],
    examples: [
      "DYNATRACE_API_TOKEN=dt0c01.… dt-tokens audit --env-url https://abc12345.live.dynatrace.com --stack prod",
      "dt-tokens audit --env-url $DT_URL --format csv > tokens.csv",
      "dt-tokens audit --env-url $DT_URL --stack prod --fail-on unmanaged,expired,cleanup-due",
      "dt-tokens audit --env-url $DT_URL --stack prod --import-file tokens.json --exclude-expired && pulumi import --file tokens.json --stack prod",
      "dt-tokens audit --env-url $DT_URL --stack prod --adopt-code --kind api,paas > tokens.ts",
    ],
    findingsExit: EXIT.findings,
    load: () => import("./commands/audit"),
    report: () => import("./reports/audit"),
  },
  {
    name: "recover",
    summary: "after a killed `pulumi up`: find (and with --delete remove) the tokens of a stack that its state does not hold",
    options: [
      { flags: "-e, --env-url <url>", description: "environment URL (default: $DYNATRACE_ENV_URL); run once per environment the stack uses" },
      { flags: "--api-token-env <var>", description: "environment variable holding the stack's token (apiTokens.read/write, activeGateTokenManagement.read/write)", default: "DYNATRACE_API_TOKEN" },
      ...stackOptions,
      { flags: "--stack-export <file>", description: "saved `pulumi stack export` output instead of running it, or - for stdin" },
      { flags: "--min-age <seconds>", description: "leave tokens younger than this alone (a create may still be running)", default: 60, integer: true },
      { flags: "--delete", description: "delete the orphans found (without it, only list them and exit 2)" },
      { flags: "-f, --format <format>", description: "output format", choices: ["markdown", "json"], default: "markdown" },
      quietOption,
    ],
    examples: [
      "DYNATRACE_API_TOKEN=dt0c01.… dt-tokens recover --env-url https://abc12345.live.dynatrace.com --stack prod",
      "dt-tokens recover --env-url $DT_URL --stack prod --delete",
    ],
    findingsExit: EXIT.findings,
    load: () => import("./commands/recover"),
    report: () => import("./reports/recover"),
  },
  {
    name: "move",
    summary: "move a stack's tokens between the dynamic classes and the native provider without a new token (rewrites its state)",
    options: [
      { flags: "--to <face>", description: "where the token resources go: native (pulumi-dynatrace-tokens/native) or dynamic (the default import)", choices: ["native", "dynamic"] },
      ...stackOptions,
      { flags: "-n, --dry-run", description: "show what would move and what to change in the program, and write nothing" },
      { flags: "--backup <file>", description: "where to keep the stack's export from before the move (default: .dt-tokens/backups/ in the project)" },
      { flags: "-f, --format <format>", description: "output format", choices: ["markdown", "json"], default: "markdown" },
      quietOption,
    ],
    examples: ["dt-tokens move --to native --stack prod --dry-run", "dt-tokens move --to native --stack prod", "dt-tokens move --to dynamic --stack prod"],
    findingsExit: EXIT.findings,
    load: () => import("./commands/move"),
    report: () => import("./reports/move"),
  },
];
