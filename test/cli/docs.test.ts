// docs/cli.md and examples/ci promise what the CLI does: every command and flag is documented, the documented
// pre-commit hook blocks a commit with a token, and the documented review output is what review prints.
import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../cli/commandTable";
import { processContext } from "../../cli/context";
import { run as review } from "../../cli/commands/review";
import { render as renderReview, REVIEW_MARKER } from "../../cli/reports/review";
import { cliPath } from "./helpers/cli";
import { fixturePath } from "./helpers/fixtures";
import { fakeToken } from "./helpers/tokens";

const repoRoot = path.resolve(__dirname, "../..");
const docs = fs.readFileSync(path.join(repoRoot, "docs/cli.md"), "utf8");

/** The fenced block of `language` that follows the first line containing `marker`. */
function blockAfter(marker: string, language: string): string {
  const start = docs.indexOf(marker);
  expect(start, marker).toBeGreaterThanOrEqual(0);
  const open = docs.indexOf("```" + language + "\n", start);
  const close = docs.indexOf("\n```", open + 4 + language.length);
  return docs.slice(open + 4 + language.length, close + 1);
}

describe("docs/cli.md", () => {
  it("documents every command with every flag", () => {
    for (const command of COMMANDS) {
      expect(docs, command.name).toContain(`## \`dt-tokens ${command.name}\``);
      for (const option of command.options) {
        const long = /--[a-z-]+/.exec(option.flags)?.[0] as string;
        expect(docs, `${command.name} ${long}`).toContain(`\`${option.flags.replace(/ <[^>]+>$/, "")}`);
      }
    }
  });

  it("shows review output that review prints", async () => {
    // The example was rendered on 2026-11-23; relative dates (`now+90d`) resolve against the review's clock, so the
    // test pins that clock instead of letting the calendar break the comparison.
    const documentedOn = new Date("2026-11-23T12:00:00Z");
    const result = await review({ previewJson: fixturePath("preview-adds-risky-scope.json") }, { ...processContext(), now: () => documentedOn });
    const printed = renderReview(result, "markdown");
    const documented = blockAfter("Example output", "markdown").split("\n").filter((line) => line.trim() !== "");
    expect(documented.length).toBeGreaterThan(5);
    for (const line of documented) expect(printed.split("\n"), line).toContain(line);
  });

  it("gives a pre-commit hook that refuses a commit with a token and lets a clean one through", () => {
    const git = spawnSync("git", ["--version"]);
    expect(git.status, "git is needed for this test").toBe(0);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-hook-"));
    try {
      const run = (args: string[]) => spawnSync("git", args, { cwd: dir, encoding: "utf8" });
      execFileSync("git", ["init", "-q"], { cwd: dir });
      execFileSync("git", ["config", "user.email", "t@example.com"], { cwd: dir });
      execFileSync("git", ["config", "user.name", "t"], { cwd: dir });
      const hook = blockAfter("`.git/hooks/pre-commit`", "sh").replace("npx --no-install dt-tokens", `"${process.execPath}" "${cliPath()}"`);
      expect(hook).toContain(cliPath());
      fs.writeFileSync(path.join(dir, ".git/hooks/pre-commit"), hook, { mode: 0o755 });

      fs.writeFileSync(path.join(dir, "clean.txt"), "nothing secret\n");
      run(["add", "clean.txt"]);
      expect(run(["commit", "-q", "-m", "clean"]).status).toBe(0);

      const leaked = fakeToken();
      fs.writeFileSync(path.join(dir, ".env"), `DT_API_TOKEN=${leaked.token}\n`);
      run(["add", ".env"]);
      const refused = run(["commit", "-q", "-m", "leak"]);
      expect(refused.status).toBe(1);
      // git hands a hook's stdout to its own stderr.
      expect(refused.stderr).toContain(`.env:1: ${leaked.identifier} (API token or personal access token)`);
      expect(refused.stdout + refused.stderr).not.toContain(leaked.secret);
      expect(run(["log", "--oneline"]).stdout.trim().split("\n")).toHaveLength(1);

      // Deleting a file is a change the hook must not choke on.
      run(["rm", "-q", "--cached", ".env"]);
      fs.rmSync(path.join(dir, ".env"));
      run(["rm", "-q", "clean.txt"]);
      expect(run(["commit", "-q", "-m", "delete"]).status).toBe(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("examples/ci", () => {
  const workflow = fs.readFileSync(path.join(repoRoot, "examples/ci/github-workflow.yml"), "utf8");

  it("finds its earlier comment by the marker review prints", () => {
    expect(workflow).toContain(`const marker = "${REVIEW_MARKER}";`);
  });

  it("runs only flags the commands have", () => {
    for (const line of workflow.split("\n").filter((l) => l.includes("npx dt-tokens "))) {
      const [, name, rest] = /npx dt-tokens (\w+)(.*)/.exec(line) as RegExpExecArray;
      const command = COMMANDS.find((c) => c.name === name);
      expect(command, line).toBeDefined();
      for (const flag of rest?.match(/--[a-z-]+/g) ?? []) {
        expect(command?.options.some((o) => o.flags.includes(flag)), `${name} ${flag}`).toBe(true);
      }
    }
  });
});
