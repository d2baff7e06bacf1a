// Issue 21, item 2: what the Pulumi CLI itself prints of a token's secret or of the provider's credential. This package
// never prints either, but Pulumi does with some flags: `up --json` streams the program's debug messages, in which
// @pulumi/pulumi logs each resource's outputs with secrets decrypted, and `-v=9` logs the provider's Configure call
// (the stack config, credential included) and the providers' answers. The test pins the exact matrix for the Pulumi CLI
// the project builds and the @pulumi/pulumi the tests install, so that an upgrade that changes it fails here, and it
// checks that docs/credentials.md states the same matrix. One stack, two tokens, each command once.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { CommandResult } from "../harness/pulumi";
import { repoRoot } from "../harness/paths";
import { TokensStack, type TokenSpec } from "./tokensSupport";

/** The versions the matrix was recorded with: the CLI scripts/install-pulumi.sh builds, the SDK the programs get. */
const PULUMI_CLI = "v3.259.0";
const PULUMI_SDK = "3.248.0";

const COMMANDS = ["preview", "up", "refresh", "destroy"] as const;
const FLAGS = ["--json", "--diff", "--debug", "-v=9"] as const;
type Command = (typeof COMMANDS)[number];
type Flag = (typeof FLAGS)[number];

/**
 * What a command printed (stdout, stderr and, for `-v=9`, its log file): the secret of the token whose resource the
 * command changes (`renamed`, renamed before each preview and up), of the one it leaves alone (`unchanged`), the
 * provider's credential.
 */
type Secret = "renamed token" | "unchanged token" | "credential";

const BOTH_TOKENS: Secret[] = ["renamed token", "unchanged token"];

/**
 * The matrix. A preview doesn't know the outputs of a resource it is about to change, so only the unchanged token's
 * secret shows there; destroy registers no resource, so only -v=9's log of Configure shows the credential.
 */
const EXPECTED: Record<Command, Record<Flag, Secret[]>> = {
  preview: { "--json": [], "--diff": [], "--debug": ["unchanged token"], "-v=9": ["unchanged token", "credential"] },
  up: { "--json": BOTH_TOKENS, "--diff": [], "--debug": BOTH_TOKENS, "-v=9": [...BOTH_TOKENS, "credential"] },
  refresh: { "--json": [], "--diff": [], "--debug": [], "-v=9": [...BOTH_TOKENS, "credential"] },
  destroy: { "--json": [], "--diff": [], "--debug": [], "-v=9": ["credential"] },
};

/** How docs/credentials.md's table words a cell of the matrix. */
function cellText(secrets: readonly Secret[]): string {
  const renamed = secrets.includes("renamed token");
  const unchanged = secrets.includes("unchanged token");
  const tokens = renamed && unchanged ? "token secrets" : unchanged ? "secrets of unchanged tokens" : renamed ? "secrets of changed tokens" : undefined;
  const parts = [...(secrets.includes("credential") ? ["the credential"] : []), ...(tokens ? [tokens] : [])];
  return parts.length === 0 ? "nothing" : parts.join(" and ");
}

const TABLE_HEADER = "| prints in clear | `--json` | `--diff` | `--debug` | `-v=9` |";

describe(`what Pulumi ${PULUMI_CLI} prints of token secrets and the provider's credential (issue 21)`, () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  const scratch: string[] = [];

  const specs = (name: string): TokenSpec[] => [
    { resource: "renamed", kind: "api", name, scopes: ["metrics.read"] },
    { resource: "unchanged", kind: "api", scopes: ["metrics.read"] },
  ];

  /** The secrets to look for now: the tokens' (the 64-character part) and the credential's. */
  async function secretsNow(): Promise<Array<[Secret, string]>> {
    const tokens = await stack.secrets();
    const part = (token: string | undefined) => {
      expect(token).toMatch(/^dt0c01\./);
      return token!.split(".")[2]!;
    };
    return [
      ["renamed token", part(tokens.renamed)],
      ["unchanged token", part(tokens.unchanged)],
      ["credential", part(emulator.adminToken)],
    ];
  }

  /**
   * Runs `pulumi <args>` with a TMPDIR of its own, where `-v=9` writes its log file, and says which secrets it printed
   * there or on stdout/stderr.
   */
  async function printedBy(args: string[], secrets: Array<[Secret, string]>): Promise<{ found: Secret[]; result: CommandResult; logFiles: string[] }> {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-pulumi-tmp-"));
    scratch.push(tmp);
    const result = await stack.project.pulumi(args, { env: { TMPDIR: tmp } });
    const logFiles = fs.readdirSync(tmp).map((name) => path.join(tmp, name));
    const text = [result.stdout, result.stderr, ...logFiles.map((file) => fs.readFileSync(file, "utf8"))].join("\n");
    return { found: secrets.filter(([, secret]) => text.includes(secret)).map(([what]) => what), result, logFiles };
  }

  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await TokensStack.create(emulator);
    await stack.setSpecs(specs("renamed-0"));
    await stack.project.up();
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
    for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
  });

  it("runs the CLI and the SDK the matrix was recorded with", async () => {
    expect((await stack.project.pulumi(["version"])).stdout.trim(), "re-check the matrix for this CLI, then update PULUMI_CLI and docs/credentials.md").toBe(PULUMI_CLI);
    const sdk = JSON.parse(fs.readFileSync(path.join(stack.project.dir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8")) as { version: string };
    expect(sdk.version, "re-check the matrix for this SDK, then update PULUMI_SDK and docs/credentials.md").toBe(PULUMI_SDK);
  });

  it("prints them exactly where the matrix says; -v=9 writes to a log file in $TMPDIR and names it on stderr", async () => {
    const found = Object.fromEntries(COMMANDS.map((command) => [command, {}])) as Record<Command, Partial<Record<Flag, Secret[]>>>;
    // A new name for each preview and up, so each of them changes the `renamed` token.
    const named = (flag: Flag, command: string) => `renamed-${flag.replace(/\W/g, "")}-${command}`;

    for (const flag of FLAGS) {
      await stack.setSpecs(specs(named(flag, "preview")));
      found.preview[flag] = (await printedBy(["preview", flag], await secretsNow())).found;
      await stack.setSpecs(specs(named(flag, "up")));
      found.up[flag] = (await printedBy(["up", "--yes", flag], await secretsNow())).found;
      const refresh = await printedBy(["refresh", "--yes", flag], await secretsNow());
      found.refresh[flag] = refresh.found;
      if (flag === "-v=9") {
        // Without --logtostderr, -v=9 goes to one file in the temporary directory, named on stderr.
        expect(refresh.logFiles).toHaveLength(1);
        expect(path.basename(refresh.logFiles[0]!)).toMatch(/^pulumi\..+\.log\.INFO\.\d{8}-\d{6}\.\d+$/);
        expect(refresh.result.stderr).toContain(`The log file for this run is at ${refresh.logFiles[0]}`);
      }
    }

    // With --logtostderr the same log goes to stderr instead, and no file is written.
    const toStderr = await printedBy(["refresh", "--yes", "-v=9", "--logtostderr"], await secretsNow());
    expect(toStderr.logFiles).toEqual([]);
    expect(toStderr.found).toEqual(EXPECTED.refresh["-v=9"]);

    // What dt-tokens runs (review, drift) and what the docs recommend instead of `up --json` print none of them.
    for (const args of [["preview", "--json", "--show-sames"], ["preview", "--refresh", "--json", "--show-sames"], ["stack", "output", "--json"]]) {
      expect((await printedBy(args, await secretsNow())).found, args.join(" ")).toEqual([]);
    }

    for (const [index, flag] of FLAGS.entries()) {
      found.destroy[flag] = (await printedBy(["destroy", "--yes", flag], await secretsNow())).found;
      if (index < FLAGS.length - 1) await stack.project.up();
    }

    expect(found).toEqual(EXPECTED);
  }, 600_000);

  it("is never hit by what dt-tokens runs or examples/ci runs", () => {
    // The pulumi commands dt-tokens runs are argument lists in cli/ (`["preview", "--json", …]`); the workflow's are
    // shell lines. None may combine a command with a flag that prints a secret in the matrix.
    const leaking = (command: string, args: readonly string[]) =>
      (COMMANDS as readonly string[]).includes(command) ? FLAGS.filter((flag) => args.includes(flag) && EXPECTED[command as Command][flag].length > 0) : [];
    const cliDir = path.join(repoRoot, "cli");
    const cliRuns = fs
      .readdirSync(cliDir, { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".ts"))
      .flatMap((file) => [...fs.readFileSync(path.join(cliDir, file), "utf8").matchAll(/\[\s*"(preview|up|refresh|destroy)"([^\]]*)\]/g)])
      .map((match) => [match[1]!, ...[...match[2]!.matchAll(/"([^"]+)"/g)].map((arg) => arg[1]!)]);
    expect(cliRuns.map((run) => run[0]).sort()).toEqual(["preview", "preview"]);
    const workflow = fs.readFileSync(path.join(repoRoot, "examples", "ci", "github-workflow.yml"), "utf8");
    const workflowRuns = [...workflow.matchAll(/\bpulumi ([a-z]+)([^\n]*)/g)].map((match) => [match[1]!, ...match[2]!.trim().split(/\s+/)]);
    expect(workflowRuns.map((run) => run[0])).toEqual(["preview"]);
    for (const [command, ...args] of [...cliRuns, ...workflowRuns]) expect(leaking(command!, args), [command, ...args].join(" ")).toEqual([]);
  });

  it("is the matrix docs/credentials.md states", () => {
    const docs = fs.readFileSync(path.join(repoRoot, "docs", "credentials.md"), "utf8");
    const start = docs.indexOf(TABLE_HEADER);
    expect(start, `docs/credentials.md has no table headed ${TABLE_HEADER}`).toBeGreaterThanOrEqual(0);
    const lines = docs.slice(start).split("\n").slice(2);
    const rows = lines.slice(0, lines.findIndex((line) => !line.startsWith("|")));
    const documented = Object.fromEntries(
      rows.map((row) => {
        const [command, ...cells] = row.split("|").slice(1, -1).map((cell) => cell.trim());
        return [command, cells];
      }),
    );
    expect(documented).toEqual(Object.fromEntries(COMMANDS.map((command) => [`\`pulumi ${command}\``, FLAGS.map((flag) => cellText(EXPECTED[command][flag]))])));
    expect(docs).toContain(`Pulumi CLI ${PULUMI_CLI}`);
    expect(docs).toContain(`\`@pulumi/pulumi\` ${PULUMI_SDK}`);
  });
});
