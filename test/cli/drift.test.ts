// `dt-tokens drift` over refresh previews captured from Pulumi v3.259.0: tokens deleted, disabled, renamed and
// widened by hand are reported with exit code 2; a clean stack exits 0.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../cli/commands/drift";
import { analyzeDrift } from "../../cli/drift/analyze";
import { previewSchema } from "../../cli/pulumi/schemas";
import { processContext } from "../../cli/context";
import { render } from "../../cli/reports/drift";
import { findTokens } from "../../cli/scan/findTokens";
import { runCli } from "./helpers/cli";
import { nativeFace } from "./helpers/faces";
import { fixturePath, readFixture } from "./helpers/fixtures";

const context = { ...processContext(), now: () => new Date("2026-11-24T03:00:00Z") };
const drift = (fixture: string) => run({ previewJson: fixturePath(fixture) }, context);

describe("dt-tokens drift", () => {
  it("reports tokens renamed, disabled, widened and deleted by hand, apart from changes in the code", async () => {
    const result = await drift("drift-renamed-disabled-widened-deleted.json");
    expect(result.outcome).toBe("findings");
    expect(result.checked).toBe(3);
    expect(result.drifted.map((d) => [d.resource, d.changes])).toEqual([
      ["ci", [{ kind: "scopes-widened", scopes: [{ scope: "settings.write", label: "config-write", level: "high" }] }]],
      ["ing", [{ kind: "renamed", from: "ing", to: "ing-renamed" }, { kind: "disabled" }]],
      ["old", [{ kind: "deleted" }]],
    ]);
    const markdown = render(result, "markdown");
    expect(markdown).toContain("**3 of 3 tokens changed outside the code.**");
    expect(markdown).toContain("| **scopes widened:** `settings.write` (config-write, high) |");
    expect(markdown).toContain("renamed `ing` → `ing-renamed`<br>**disabled** (revoked)");
    expect(findTokens(markdown)).toEqual([]);
    expect(markdown).not.toContain("[secret]");
  });

  it("sees drift the provider's diff calls unchanged, through --show-sames", async () => {
    const result = await drift("drift-show-sames.json");
    expect(result.drifted.map((d) => [d.resource, d.changes.map((c) => c.kind)])).toEqual([
      ["ci", ["disabled"]],
      ["old", ["scopes-widened"]],
    ]);
  });

  it("still reports drift after a pulumi refresh copied it into the state", async () => {
    const result = await drift("drift-adopted-by-refresh.json");
    expect(result.drifted.map((d) => [d.resource, d.changes.map((c) => c.kind)])).toEqual([
      ["ci", ["disabled"]],
      ["old", ["scopes-widened"]],
    ]);
  });

  it("reports no drift for a stack that matches Dynatrace", async () => {
    const result = await drift("drift-none.json");
    expect(result).toMatchObject({ outcome: "clean", checked: 3, drifted: [], deletionsOnly: false });
    expect(render(result, "markdown")).toContain("**No drift:** all 3 tokens match what the code deployed.");
  });

  it("reads deletions from pulumi refresh --preview-only and says that is all it can show", async () => {
    const result = await drift("drift-refresh-preview-only.json");
    expect(result).toMatchObject({ deletionsOnly: true, checked: 3 });
    expect(result.drifted.map((d) => [d.resource, d.changes])).toEqual([["old", [{ kind: "deleted" }]]]);
    expect(render(result, "markdown")).toContain("only shows deleted tokens");
  });

  it("exits 2 on drift and 0 without, as the built CLI", async () => {
    const drifted = await runCli(["drift", "--preview-json", fixturePath("drift-renamed-disabled-widened-deleted.json"), "--format", "json"]);
    expect(drifted.code).toBe(2);
    expect(JSON.parse(drifted.stdout).drifted).toHaveLength(3);
    const clean = await runCli(["drift", "--preview-json", fixturePath("drift-none.json")]);
    expect(clean.code).toBe(0);
  });

  it("runs pulumi preview --refresh --json --show-sames itself", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-drift-"));
    try {
      const argsFile = path.join(dir, "args.txt");
      const fakePulumi = path.join(dir, "pulumi");
      fs.writeFileSync(fakePulumi, `#!/bin/sh\necho "$@" > "${argsFile}"\ncat "${fixturePath("drift-show-sames.json")}"\n`, { mode: 0o755 });
      const result = await runCli(["drift", "--stack", "prod"], { env: { DT_TOKENS_PULUMI: fakePulumi } });
      expect(result.code).toBe(2);
      expect(fs.readFileSync(argsFile, "utf8").trim()).toBe("preview --refresh --json --show-sames --non-interactive --stack prod");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// Issue 12, item 4: after the provider's credential was rotated and the old one revoked, the stack's state still holds
// the old one and `pulumi preview --refresh` fails with a 401; drift must still answer, or say exactly what to run.
describe("dt-tokens drift after the provider's credential changed", () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-drift-cred-"));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A stand-in `pulumi` that logs its arguments and answers the refresh preview as Pulumi did in each case. */
  function fakePulumi(name: string, withoutRunProgram: string, withRunProgram: { fixture: string; code: number }): { bin: string; calls: () => string[] } {
    const log = path.join(dir, `${name}.log`);
    const bin = path.join(dir, name);
    fs.writeFileSync(
      bin,
      [
        "#!/bin/sh",
        `echo "$*" >> "${log}"`,
        'case " $* " in',
        `  *" --run-program "*) cat "${fixturePath(withRunProgram.fixture)}"; exit ${withRunProgram.code} ;;`,
        `  *) cat "${fixturePath(withoutRunProgram)}"; echo 'error: preview failed' >&2; exit 255 ;;`,
        "esac",
        "",
      ].join("\n"),
      { mode: 0o755 },
    );
    return { bin, calls: () => fs.readFileSync(log, "utf8").trim().split("\n") };
  }

  it("reports the drift, read with the current stack config, and says the state's credential is stale", async () => {
    const pulumi = fakePulumi("pulumi-stale", "drift-stale-credential.json", { fixture: "drift-run-program.json", code: 0 });
    const result = await runCli(["drift", "--stack", "prod", "--format", "json"], { env: { DT_TOKENS_PULUMI: pulumi.bin } });
    expect(result.stderr).toBe("");
    expect(result.code).toBe(2);
    expect(pulumi.calls()).toEqual([
      "preview --refresh --json --show-sames --non-interactive --stack prod",
      "preview --refresh --json --show-sames --run-program --non-interactive --stack prod",
    ]);
    const report = JSON.parse(result.stdout);
    expect(report.staleCredential).toEqual({ configKey: "dynatrace-tokens:apiToken" });
    expect(report.drifted.map((d: { resource: string; changes: { kind: string }[] }) => [d.resource, d.changes.map((c) => c.kind)])).toEqual([
      ["ci", ["scopes-widened"]],
      ["gw", ["deleted"]],
      ["ing", ["renamed", "disabled"]],
      ["old", ["deleted"]],
    ]);
    const markdown = await runCli(["drift", "--stack", "prod"], { env: { DT_TOKENS_PULUMI: pulumi.bin } });
    expect(markdown.stdout).toContain("_Dynatrace rejected the API token the stack's state recorded at the last `pulumi up` (stack config `dynatrace-tokens:apiToken`)");
    // Issue 21: `up --refresh` fails in its refresh step too, so the way out is `pulumi up` without it.
    expect(markdown.stdout).toContain(
      "`pulumi refresh`, `pulumi destroy` and `pulumi up --refresh` keep failing until `pulumi up` without `--refresh`, or `pulumi refresh --run-program`, records it",
    );
  });

  it("exits 3 with the exact commands to run when the current stack config is rejected too", async () => {
    const pulumi = fakePulumi("pulumi-both-stale", "drift-stale-credential.json", { fixture: "drift-stale-credential.json", code: 255 });
    const result = await runCli(["drift", "--stack", "prod", "--cwd", dir], { env: { DT_TOKENS_PULUMI: pulumi.bin } });
    expect(result.code).toBe(3);
    expect(result.stdout).toBe("");
    expect(result.stderr).toContain("Dynatrace rejects the API token of stack config dynatrace-tokens:apiToken (401), both the copy the stack's state recorded");
    expect(result.stderr).toContain(`\n  pulumi config set --secret dynatrace-tokens:apiToken <token> --stack prod --cwd ${dir}\n  dt-tokens drift --stack prod --cwd ${dir}\n`);
    expect(result.stderr).toContain("then `pulumi up` without `--refresh` (or `pulumi refresh --run-program`) records it for pulumi refresh, destroy and up --refresh");
  });

  it("refuses a saved preview that failed on the stale credential, and says how to save one that works", async () => {
    const result = await runCli(["drift", "--preview-json", fixturePath("drift-stale-credential.json")]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("the saved preview failed: Dynatrace rejected the API token the stack's state recorded for stack config dynatrace-tokens:apiToken (401)");
    expect(result.stderr).toContain("`pulumi preview --refresh --run-program --json --show-sames > drift.json`");
  });

  it("reads a saved --run-program preview like any other", async () => {
    const result = await drift("drift-run-program.json");
    expect(result.checked).toBe(4);
    expect(result.drifted.map((d) => d.resource)).toEqual(["ci", "gw", "ing", "old"]);
  });
});

// Issue 20, item 3: a stack of the native provider (`dynatrace-tokens:index:*`) drifts the same way.
describe.each([
  "drift-renamed-disabled-widened-deleted.json",
  "drift-show-sames.json",
  "drift-adopted-by-refresh.json",
  "drift-refresh-preview-only.json",
  "drift-run-program.json",
])("dt-tokens drift of %s", (fixture) => {
  it("reads the native face as it reads the dynamic one", () => {
    const dynamic = analyzeDrift(previewSchema.parse(readFixture(fixture)));
    const native = analyzeDrift(previewSchema.parse(nativeFace(readFixture(fixture))));
    expect(dynamic.drifted.length).toBeGreaterThan(0);
    expect(JSON.stringify(native)).toContain("dynatrace-tokens:index:");
    expect(native).toEqual(nativeFace(dynamic));
  });
});
