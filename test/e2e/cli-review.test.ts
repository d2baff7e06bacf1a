// Issue 6: `dt-tokens` on real `pulumi preview --json` output of an emulator-backed stack — a PR that reorders
// scopes, one that grants a risky scope, replaces, deletes and creates tokens; drift made by hand; scanning the
// stack export; auditing the environment against the stack. No report may contain a token secret.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { findTokens } from "../../cli/scan/findTokens";
import { runCli, type CliRun } from "../cli/helpers/cli";
import { prepareConsumer } from "../harness/consumer";
import { PulumiProject } from "../harness/pulumi";

interface TokenSpec {
  resource: string;
  name: string;
  scopes: string[];
  expirationDate?: string;
  personal?: boolean;
}

const BASE: TokenSpec[] = [
  { resource: "ci", name: "ci", scopes: ["metrics.read", "logs.read"], expirationDate: "now+90d" },
  { resource: "ingest", name: "ingest", scopes: ["metrics.ingest"], expirationDate: "now+30d" },
  { resource: "old", name: "old", scopes: ["metrics.read"], expirationDate: "now+60d" },
];

describe("dt-tokens on a real Pulumi stack", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let secrets: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator();
    project = await PulumiProject.create(await prepareConsumer(), {
      fixture: "cli-review",
      config: {
        "dynatrace-tokens:envUrl": emulator.url,
        "dynatrace-tokens:apiToken": { secret: emulator.adminToken },
      },
    });
    await setTokens(BASE);
    await project.up();
    const outputs = (await project.outputs({ showSecrets: true })).secrets as Record<string, string>;
    secrets = Object.values(outputs).map((token) => token.split(".")[2] as string);
    expect(secrets).toHaveLength(3);
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  // A JSON list of scopes looks random enough that `pulumi config set` takes it for a secret unless told otherwise.
  async function setTokens(tokens: TokenSpec[]): Promise<void> {
    await project.pulumi(["config", "set", "--plaintext", "cli:tokens", JSON.stringify(tokens)]);
  }

  function file(name: string, content: string): string {
    const target = path.join(project.dir, name);
    fs.writeFileSync(target, content);
    return target;
  }

  function expectNoSecrets(run: CliRun): void {
    expect(findTokens(run.stdout + run.stderr)).toEqual([]);
    for (const secret of secrets) expect(run.stdout + run.stderr).not.toContain(secret);
  }

  async function previewWith(tokens: TokenSpec[]): Promise<string> {
    await setTokens(tokens);
    const preview = await project.preview();
    return file("preview.json", preview.result.stdout);
  }

  it("reports nothing for a PR that only reorders scopes", async () => {
    const reordered = BASE.map((t) => (t.resource === "ci" ? { ...t, scopes: ["logs.read", "metrics.read"] } : t));
    const review = await runCli(["review", "--preview-json", await previewWith(reordered), "--fail-on", "low", "--format", "json"]);
    expect(review.stderr).toBe("");
    expect(review.code).toBe(0);
    expect(JSON.parse(review.stdout)).toMatchObject({ changes: [], findings: [], gate: "passed" });
  });

  it("flags a risky scope, a replacement, a delete and a new personal access token, and gates on them", async () => {
    const pr: TokenSpec[] = [
      { ...(BASE[0] as TokenSpec), scopes: ["metrics.read", "logs.read", "apiTokens.write"] },
      { ...(BASE[1] as TokenSpec), expirationDate: "now+400d" },
      { resource: "mine", name: "mine", scopes: ["settings.write"], personal: true },
    ];
    const previewFile = await previewWith(pr);
    const review = await runCli(["review", "--preview-json", previewFile, "--fail-on", "critical", "--format", "json"]);
    expect(review.code).toBe(2);
    const report = JSON.parse(review.stdout);
    expect(report.changes.map((c: { action: string; resource: string; kind: string }) => [c.action, c.resource, c.kind])).toEqual([
      ["create", "mine", "personal access token"],
      ["replace", "ingest", "API token"],
      ["update", "ci", "API token"],
      ["delete", "old", "API token"],
    ]);
    expect(report.changes[2]).toMatchObject({ scopesAdded: ["apiTokens.write"], scopesRemoved: [] });
    expect(report.changes[3].id).toMatch(/^dt0c01\.[A-Z2-7]{24}$/);
    expect(report.findings.map((f: { level: string; rule: string; resource: string }) => [f.level, f.rule, f.resource])).toEqual([
      ["critical", "privilege-escalation", "ci"],
      ["high", "risky-scope", "mine"],
      ["high", "never-expires", "mine"],
      ["medium", "lifetime-over-limit", "ingest"],
      ["medium", "personal-access-token", "mine"],
    ]);
    expectNoSecrets(review);

    const markdown = await runCli(["review", "--preview-json", previewFile]);
    expect(markdown.code).toBe(0);
    expect(markdown.stdout).toContain("**4 token changes:** 1 create, 1 update, 1 replace, 1 delete. Highest finding: **critical**.");
    expectNoSecrets(markdown);
  });

  it("reports tokens deleted, disabled, renamed and widened by hand", async () => {
    await setTokens(BASE);
    const ids = Object.fromEntries((await project.resources()).filter((r) => r.id).map((r) => [r.urn.split("::").pop(), r.id as string]));
    const api = async (method: string, id: string, body?: unknown) => {
      const res = await fetch(`${emulator.url}/api/v2/apiTokens/${id}`, {
        method,
        headers: { authorization: `Api-Token ${emulator.adminToken}`, "content-type": "application/json" },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      expect(res.status, `${method} ${id}`).toBeLessThan(300);
    };
    const clean = await runCli(["drift", "--preview-json", file("drift0.json", (await project.pulumi(["preview", "--refresh", "--json", "--show-sames"])).stdout)]);
    expect(clean.code).toBe(0);

    await api("PUT", ids.ci as string, { scopes: ["metrics.read", "logs.read", "settings.write"] });
    await api("PUT", ids.ingest as string, { name: "ingest-by-hand", enabled: false });
    await api("DELETE", ids.old as string);
    const preview = await project.pulumi(["preview", "--refresh", "--json", "--show-sames"]);
    const drift = await runCli(["drift", "--preview-json", file("drift.json", preview.stdout), "--format", "json"]);
    expect(drift.code).toBe(2);
    const report = JSON.parse(drift.stdout);
    expect(report.drifted.map((d: { resource: string; changes: { kind: string }[] }) => [d.resource, d.changes.map((c) => c.kind)])).toEqual([
      ["ci", ["scopes-widened"]],
      ["ingest", ["renamed", "disabled"]],
      ["old", ["deleted"]],
    ]);
    expectNoSecrets(drift);
  });

  it("finds no token in the stack export, and every token in an export with --show-secrets", async () => {
    const exported = await runCli(["scan", file("export.json", await project.exportText())]);
    expect(exported.code).toBe(0);
    const shown = await project.pulumi(["stack", "export", "--show-secrets"]);
    const scan = await runCli(["scan", "-"], { input: shown.stdout });
    expect(scan.code).toBe(1);
    expect(scan.stdout).toMatch(/^<stdin>:\d+: dt0c01\.[A-Z2-7]{24} \(API token or personal access token\) in urn:pulumi:test::cli-review::pulumi-nodejs:dynamic\/dynatrace:ApiToken::ci$/m);
    // The provider's own configuration holds the credential the stack runs with; a scan names that too.
    expect(scan.stdout).toContain(`${emulator.adminToken.split(".").slice(0, 2).join(".")} (API token or personal access token) in urn:pulumi:test::cli-review::pulumi:providers:pulumi-nodejs::default`);
    expectNoSecrets(scan);
  });

  it("audits the environment against the stack", async () => {
    const audit = await runCli(
      ["audit", "--env-url", emulator.url, "--stack-export", file("export2.json", await project.exportText()), "--format", "json"],
      { env: { DYNATRACE_API_TOKEN: emulator.adminToken } },
    );
    expect(audit.code).toBe(0);
    const report = JSON.parse(audit.stdout);
    const managed = report.tokens.filter((t: { managed: boolean }) => t.managed).map((t: { resource: string }) => t.resource).sort();
    // `old` was deleted by hand in the drift test; the stack still lists ci and ingest.
    expect(managed).toEqual(["ci", "ingest"]);
    expect(report.tokens.find((t: { resource?: string }) => t.resource === "ci").flags).toContain("over-privileged");
    expectNoSecrets(audit);
  });
});
