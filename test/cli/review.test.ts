// `dt-tokens review` over saved `pulumi preview --json` outputs: what a reviewer sees for risky scopes, reordered
// scopes, replacements and deletes, the --fail-on gate, and that no secret ever reaches the report.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run, type ReviewOptions } from "../../cli/commands/review";
import { processContext } from "../../cli/context";
import { render } from "../../cli/reports/review";
import { findTokens } from "../../cli/scan/findTokens";
import { runCli } from "./helpers/cli";
import { fixturePath, readFixture } from "./helpers/fixtures";
import { fakeToken } from "./helpers/tokens";

const NOW = new Date("2026-11-23T12:40:00Z");
const context = { ...processContext(), now: () => NOW };

function review(fixture: string, options: Omit<ReviewOptions, "previewJson"> = {}) {
  return run({ previewJson: fixturePath(fixture), ...options }, context);
}

function expectNoSecrets(text: string): void {
  expect(findTokens(text)).toEqual([]);
  expect(text).not.toContain("[secret]");
  expect(text).not.toContain("ciphertext");
}

describe("dt-tokens review", () => {
  it("flags a PR that grants a token-admin scope as critical", async () => {
    const result = await review("preview-adds-risky-scope.json");
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({
      resource: "ci",
      action: "update",
      id: "dt0c01.5KAPQ2WHIFFAAAAAAAAAAAAA",
      scopesAdded: ["apiTokens.write"],
      scopesRemoved: [],
      riskLabels: ["token-admin", "read-only"],
      riskLevel: "critical",
    });
    expect(result.findings).toEqual([
      {
        level: "critical",
        rule: "privilege-escalation",
        resource: "ci",
        message: "grants `apiTokens.write` (token-admin): a token that manages tokens can give itself or others any scope",
      },
    ]);
    const markdown = render(result, "markdown");
    expect(markdown).toContain("**1 token change:** 1 update. Highest finding: **critical**.");
    expect(markdown).toContain(
      "| `ci`<br>API token `dt0c01.5KAPQ2WH…` | **critical**<br><sub>token-admin, read-only</sub> | **update**<br>+\u00a0`apiTokens.write` | 2027‑02‑21<br><sub>90 d · `now+90d`</sub> |",
    );
    expectNoSecrets(markdown);
  });

  // Issue 12, item 3: an updated token created with `now+90d` showed that request resolved at review time.
  it("shows the expiry an updated token has, not its relative request resolved again at review time", async () => {
    const twoMonthsLater = new Date("2027-01-20T09:00:00Z");
    const result = await run({ previewJson: fixturePath("preview-adds-risky-scope.json") }, { ...context, now: () => twoMonthsLater });
    expect(result.changes[0]?.expiry).toEqual({ requested: "now+90d", date: "2027-02-21T12:23:39.000Z", never: false, lifetimeDays: 90 });
    const markdown = render(result, "markdown");
    // Shown with non-breaking hyphens, so that the date stays on one line in a narrow column.
    expect(markdown).toContain("2027‑02‑21<br><sub>90 d · `now+90d`</sub>");
    // now+90d resolved on 2027-01-20 would be 2027-04-20.
    expect(markdown).not.toContain("2027‑04‑20");
  });

  it("resolves a relative date of a new token at the time of the review", async () => {
    const later = new Date("2027-01-20T09:00:00Z");
    const result = await run({ previewJson: fixturePath("preview-replace-steps.json") }, { ...context, now: () => later });
    expect(result.changes[0]?.expiry).toMatchObject({ requested: "now+400d", date: "2028-02-24T09:00:00.000Z", lifetimeDays: 400 });
  });

  it("reports nothing for a PR that only reorders scopes", async () => {
    const result = await review("preview-reorders-scopes.json", { failOn: "low" });
    expect(result.changes).toEqual([]);
    expect(result.findings).toEqual([]);
    expect(result.summary).toEqual({ create: 0, update: 0, replace: 0, delete: 0, noEffect: 1 });
    expect(result.outcome).toBe("clean");
    const markdown = render(result, "markdown");
    expect(markdown).toContain("**No token changes.** 1 update changes nothing but the order of scopes and is not listed.");
    expect(markdown).not.toContain("| Token |");
  });

  it("shows a replacement as one row, whether or not Pulumi printed its replacement steps", async () => {
    const result = await review("preview-replace-steps.json");
    expect(result.changes).toHaveLength(1);
    expect(result.changes[0]).toMatchObject({
      resource: "ing",
      action: "replace",
      replaceReasons: ["expirationDate"],
      scopesAdded: [],
      scopesRemoved: [],
      expiry: { requested: "now+400d", lifetimeDays: 400, never: false },
    });
    expect(result.findings).toEqual([
      { level: "medium", rule: "lifetime-over-limit", resource: "ing", message: "lives 400 days, over the limit of 365" },
    ]);
    expect((await review("preview-replace-steps.json", { maxLifetimeDays: 400 })).findings).toEqual([]);
  });

  it("lists creates, replacements and deletes of every token kind, ignoring other resources", async () => {
    const result = await review("preview-create-replace-delete.json");
    expect(result.changes.map((c) => [c.action, c.resource, c.kind])).toEqual([
      ["create", "edge-gateway", "ActiveGate token"],
      ["create", "installer", "PaaS token"],
      ["create", "legacy", "token"],
      ["create", "pat", "API token"],
      ["replace", "ing", "API token"],
      ["delete", "old", "API token"],
    ]);
    expect(result.summary).toEqual({ create: 4, update: 0, replace: 1, delete: 1, noEffect: 0 });
    const deleted = result.changes.find((c) => c.action === "delete");
    expect(deleted).toMatchObject({ id: "dt0c01.D8FOU692XF8AAAAAAAAAAAAA", scopesRemoved: ["metrics.read"], scopesAdded: [] });
    expect(result.changes.find((c) => c.resource === "legacy")?.expiry).toEqual({
      requested: "2026-12-31T00:00:00Z",
      date: "2026-12-31T00:00:00.000Z",
      never: false,
      lifetimeDays: 37,
    });
    expect(result.findings.map((f) => [f.level, f.rule, f.resource])).toEqual([
      ["critical", "privilege-escalation", "legacy"],
      ["high", "risky-scope", "pat"],
      ["high", "never-expires", "pat"],
      ["medium", "lifetime-over-limit", "ing"],
      ["medium", "personal-access-token", "pat"],
    ]);
    expect(result.highestFinding).toBe("critical");
    // A delete is never a finding: removing a token only lowers risk.
    expect(result.findings.some((f) => f.resource === "old")).toBe(false);
  });

  it("renders stable JSON with the gate state", async () => {
    const parsed = JSON.parse(render(await review("preview-adds-risky-scope.json", { failOn: "high" }), "json"));
    expect(parsed).toMatchObject({ command: "review", gate: "failed", failOn: "high", maxLifetimeDays: 365, highestFinding: "critical" });
    expect(parsed).not.toHaveProperty("outcome");
  });

  it("escapes token names so they can't break the table", async () => {
    const preview = readFixture("preview-create-replace-delete.json") as { steps: { urn: string; newState?: { inputs: Record<string, unknown> } }[] };
    const pat = preview.steps.find((s) => s.urn.endsWith("::pat"));
    if (!pat?.newState) throw new Error("fixture changed: no pat create step");
    pat.newState.inputs.name = "ci | prod\n<b>owned</b>";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-review-"));
    try {
      fs.writeFileSync(path.join(dir, "preview.json"), JSON.stringify(preview));
      const markdown = render(await run({ previewJson: path.join(dir, "preview.json") }, context), "markdown");
      expect(markdown).toContain("`pat` (ci \\| prod<br>&lt;b&gt;owned&lt;/b&gt;)<br>API token");
      for (const line of markdown.split("\n").filter((l) => l.startsWith("| `"))) expect(line.split(/(?<!\\)\|/)).toHaveLength(6);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("dt-tokens review as a CI gate", () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-review-cli-"));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("exits 2 when a finding reaches --fail-on, 0 below it or without it", async () => {
    const file = fixturePath("preview-adds-risky-scope.json");
    const failed = await runCli(["review", "--preview-json", file, "--fail-on", "critical"]);
    expect(failed.code).toBe(2);
    expect(failed.stdout).toContain(":x: **Gate failed:** findings at or above `critical`.");
    expect((await runCli(["review", "--preview-json", file])).code).toBe(0);
    const passed = await runCli(["review", "--preview-json", fixturePath("preview-replace-steps.json"), "--fail-on", "high"]);
    expect(passed.code).toBe(0);
    expect(passed.stdout).toContain("Gate passed");
  });

  it("reads the preview from stdin", async () => {
    const result = await runCli(["review", "--preview-json", "-", "--format", "json"], {
      input: fs.readFileSync(fixturePath("preview-reorders-scopes.json"), "utf8"),
    });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).summary.noEffect).toBe(1);
  });

  it("never prints a token secret, even one a broken provider left in plain text", async () => {
    const leaked = fakeToken();
    const preview = readFixture("preview-adds-risky-scope.json") as { steps: { oldState?: { outputs?: Record<string, unknown> }; newState?: { inputs?: Record<string, unknown> } }[] };
    const step = preview.steps[1];
    if (!step?.oldState?.outputs || !step.newState?.inputs) throw new Error("fixture changed");
    step.oldState.outputs.token = leaked.token;
    step.newState.inputs.name = `ci ${leaked.token}`;
    fs.writeFileSync(path.join(dir, "leaky.json"), JSON.stringify(preview));
    for (const format of ["markdown", "json"]) {
      const result = await runCli(["review", "--preview-json", path.join(dir, "leaky.json"), "--format", format]);
      expect(result.code).toBe(0);
      expect(result.stdout).not.toContain(leaked.secret);
      expect(findTokens(result.stdout)).toEqual([]);
      expect(result.stdout).toContain(`${leaked.identifier}.<redacted>`);
    }
  });

  it("runs `pulumi preview --json` itself for --stack and --cwd", async () => {
    const argsFile = path.join(dir, "args.txt");
    const fakePulumi = path.join(dir, "pulumi");
    fs.writeFileSync(fakePulumi, `#!/bin/sh\necho "$@" > "${argsFile}"\ncat "${fixturePath("preview-adds-risky-scope.json")}"\n`, { mode: 0o755 });
    const result = await runCli(["review", "--stack", "prod", "--cwd", dir, "--fail-on", "critical"], { env: { DT_TOKENS_PULUMI: fakePulumi } });
    expect(result.code).toBe(2);
    expect(fs.readFileSync(argsFile, "utf8").trim()).toBe(`preview --json --non-interactive --stack prod --cwd ${dir}`);
  });

  it("exits 3 with Pulumi's error when the preview fails", async () => {
    const fakePulumi = path.join(dir, "pulumi-fails");
    fs.writeFileSync(
      fakePulumi,
      `#!/bin/sh\necho '{"steps":[],"diagnostics":[{"message":"error: no stack named prod","severity":"error"}]}'\necho 'error: preview failed' >&2\nexit 255\n`,
      { mode: 0o755 },
    );
    const result = await runCli(["review", "--stack", "prod"], { env: { DT_TOKENS_PULUMI: fakePulumi } });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("pulumi preview --json exited with 255");
    expect(result.stderr).toContain("no stack named prod");
  });

  it("rejects --preview-json together with --stack", async () => {
    const result = await runCli(["review", "--preview-json", fixturePath("preview-reorders-scopes.json"), "--stack", "prod"]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain("--stack and --cwd only apply when review runs pulumi preview");
  });
});
