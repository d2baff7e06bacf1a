// `dt-tokens drift` over refresh previews captured from Pulumi v3.259.0: tokens deleted, disabled, renamed and
// widened by hand are reported with exit code 2; a clean stack exits 0.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { run } from "../../cli/commands/drift";
import { processContext } from "../../cli/context";
import { render } from "../../cli/reports/drift";
import { findTokens } from "../../cli/scan/findTokens";
import { runCli } from "./helpers/cli";
import { fixturePath } from "./helpers/fixtures";

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
