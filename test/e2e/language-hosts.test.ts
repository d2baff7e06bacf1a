// Issue 19: Python, Go and YAML programs run here on the real CLI, through the language hosts
// scripts/install-pulumi.sh installs (our own for Python and Go, Pulumi's own for YAML): stack config in, outputs out,
// a secret config value kept secret in state and read back with --show-secrets, a no-change preview, destroy, and a
// program's error shown as its sentence; our hosts also end the program when the engine is killed. The programs use no
// provider, so they prove the hosts alone.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { killRunningPulumi, sessionProcesses } from "../harness/killTrial";
import { errorDiagnostics, PulumiProject, STACK_TRACE_OR_HOST_EXIT } from "../harness/pulumi";
import { escapeRegExp } from "../harness/text";

interface LanguageCase {
  language: "python" | "go" | "yaml";
  fixture: string;
  /** The first `pulumi up` of a Go program compiles github.com/pulumi/pulumi/sdk/v3 into an empty build cache. */
  timeout: number;
  /** The config that makes the program fail, and the error diagnostics `preview --json` then has, in order. */
  failWith: [key: string, value: string];
  failure: RegExp[];
}

const stopSentence = "fail is true in the stack config, so the program stops here: run `pulumi config rm fail` to deploy.";

const languages: LanguageCase[] = [
  {
    language: "python",
    fixture: "python-host",
    timeout: 180_000,
    failWith: ["fail", "true"],
    // A pulumi.RunError shows its sentence alone: no traceback, no "exited with code".
    failure: [new RegExp(`^error: ${escapeRegExp(stopSentence)}\\n?$`)],
  },
  {
    language: "go",
    fixture: "go-host",
    timeout: 600_000,
    failWith: ["fail", "true"],
    // github.com/pulumi/pulumi/sdk/v3/go/pulumi's Run frames the error a program returns; the sentence stands in it.
    failure: [new RegExp(`^error: an unhandled error occurred: program failed: ?\\n1 error occurred:\\n\\t\\* ${escapeRegExp(stopSentence)}\\n*$`)],
  },
  {
    language: "yaml",
    fixture: "yaml-host",
    timeout: 120_000,
    failWith: ["pick", "3"],
    // pulumi-yaml reports the failed expression with its place in Pulumi.yaml, then (its own habit) the output it
    // couldn't register.
    failure: [
      /^error: list index 3 out-of-bounds for list of length 1\n\n {2}on Pulumi\.yaml line \d+:/,
      /^error: Error registering output \[language\]: no diagnostics\n?$/,
    ],
  },
];

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup();
});

async function project(language: string, fixture: string): Promise<PulumiProject> {
  const created = await PulumiProject.create(undefined, {
    fixture,
    config: { greeting: `hello from ${language}`, password: { secret: `${language}-s3cr3t-value` } },
  });
  cleanups.push(() => created.cleanup());
  return created;
}

describe.each(languages)("a $language program on the real CLI", ({ language, fixture, timeout, failWith, failure }) => {
  it(
    "deploys its outputs, keeps the secret config value secret, previews no changes and destroys",
    async () => {
      const program = await project(language, fixture);
      await program.up();

      expect(await program.outputs()).toEqual({ greeting: `hello from ${language}`, password: "[secret]", language });
      expect(await program.outputs({ showSecrets: true })).toEqual({
        greeting: `hello from ${language}`,
        password: `${language}-s3cr3t-value`,
        language,
      });
      expect(await program.exportText()).not.toContain(`${language}-s3cr3t-value`);

      // Exits non-zero if the second run of the program would change anything.
      await program.pulumi(["preview", "--expect-no-changes"]);

      await program.destroy();
      expect(await program.resources()).toEqual([]);
    },
    timeout,
  );

  it(
    "shows the program's error as its sentence, without a stack trace",
    async () => {
      const program = await project(language, fixture);
      await program.setConfig(failWith[0], failWith[1]);
      const preview = await program.preview({ allowFailure: true });
      expect(preview.result.code).not.toBe(0);
      const errors = errorDiagnostics(preview);
      expect(errors).toHaveLength(failure.length);
      errors.forEach((message, i) => expect(message).toMatch(failure[i]!));
      const printed = preview.result.stdout + preview.result.stderr;
      expect(printed).not.toMatch(STACK_TRACE_OR_HOST_EXIT);
    },
    timeout,
  );
});

// Pulumi starts a language host in a process group of its own, so killing `pulumi` leaves it (and the program it runs)
// behind unless the host watches the engine, as ours do (tools/pulumi/internal/langhost). Pulumi's YAML host checks
// only every 5 minutes; it isn't ours to change.
describe.each(languages.filter(({ language }) => language !== "yaml"))(
  "our $language host when the engine is killed",
  ({ language, fixture, timeout }) => {
    it(
      "ends the program and exits within 10 s",
      async () => {
        const program = await project(language, fixture);
        await program.setConfig("hold", "true");
        const { leftovers } = await killRunningPulumi(program, ["up", "--yes", "--skip-preview"], {
          until: (printed) => printed.includes("holding until the engine is gone"),
          timeoutMs: timeout / 2,
          beforeKill: ({ session, printed }) => {
            if (!printed.includes("holding until the engine is gone")) throw new Error(`the program never started holding:\n${printed}`);
            expect(sessionProcesses(session).map((p) => p.args).join("\n")).toContain(`pulumi-language-${language}`);
          },
        });
        // The engine's own process group was killed: not the host's, not the program's.
        expect(leftovers.map((p) => p.args)).toEqual([]);
      },
      timeout,
    );
  },
);

describe("our python host", () => {
  it(
    "creates the virtualenv Pulumi.yaml names from requirements.txt on pulumi install",
    async () => {
      const program = await project("python", "python-host");
      // The harness linked a cached virtualenv; this test starts from none, as a fresh checkout does.
      fs.rmSync(path.join(program.dir, "venv"));
      const missing = await program.preview({ allowFailure: true });
      expect(missing.result.code).not.toBe(0);
      expect(JSON.stringify(missing.diagnostics)).toContain("doesn't exist");

      const install = await program.pulumi(["install"]);
      expect(install.stdout + install.stderr).toContain("Successfully installed");
      expect(fs.lstatSync(path.join(program.dir, "venv")).isSymbolicLink()).toBe(false);
      await program.up();
      expect((await program.outputs()).language).toBe("python");
    },
    300_000,
  );
});
