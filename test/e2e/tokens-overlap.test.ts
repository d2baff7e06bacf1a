// Issue 13, rotation without an outage, on the real CLI with the emulator's clock: an API token and an ActiveGate token
// with keepPreviousFor are rotated in place (preview shows updates, not replacements) → both tokens of each are valid →
// `dt-tokens review` shows the pending removal and `dt-tokens audit` counts the previous token as managed → refresh
// reports one disabled by hand, without an error → an `up`
// killed during the overlap and the recovery of docs/recovery.md leave the previous tokens alive and in the state →
// the clock passes the overlap → preview says this up deletes them, up does → one token per resource → destroy leaves
// none. Nothing printed or exported holds a secret. Loopback only; kills only processes it started. Both faces: the
// dynamic resources and the native plugin's.
import * as fs from "node:fs";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { markerOf, stackTag } from "../../provider/client/createMarker";
import { runCli } from "../cli/helpers/cli";
import { prepareConsumer } from "../harness/consumer";
import { faceOptions, FACES, type Face } from "../harness/faces";
import { killRunningPulumi } from "../harness/killTrial";
import { PulumiProject, type CommandResult } from "../harness/pulumi";
import { TOKEN_SECRET_PATTERN } from "../../provider/tokenFormat";
import { adminRequest, authenticates, listActiveGateTokens, listApiTokens, stepsFor } from "./tokensSupport";

const HOUR_MS = 60 * 60 * 1000;

interface OverlapSpec {
  resource: string;
  kind: "api" | "activeGate";
  name?: string;
  scopes?: string[];
  expirationDate?: string;
  rotationTrigger?: string;
  keepPreviousFor?: string;
}

const ROTATING: OverlapSpec[] = [
  { resource: "ingest", kind: "api", scopes: ["metrics.ingest"], expirationDate: "now+90d", keepPreviousFor: "24h", rotationTrigger: "1" },
  { resource: "gate", kind: "activeGate", expirationDate: "now+180d", keepPreviousFor: "24h", rotationTrigger: "1" },
];

type Outputs = Record<string, Record<string, string | undefined>>;

describe.each(FACES)("token resources on the real CLI: rotation with an overlap (issue 13) (%s)", (face: Face) => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let first: Outputs;
  let rotated: Outputs;
  const printed: string[] = [];
  const secrets = new Set<string>();

  async function run(args: string[], opts: { allowFailure?: boolean } = {}): Promise<CommandResult> {
    try {
      const result = await project.pulumi(args, opts);
      if (!args.includes("--show-secrets")) printed.push(result.stdout, result.stderr);
      return result;
    } catch (error) {
      printed.push((error as Error).message);
      throw error;
    }
  }

  async function setSpecs(specs: OverlapSpec[]): Promise<void> {
    await run(["config", "set", "--plaintext", "overlap:resources", JSON.stringify(specs)]);
  }

  async function outputs(): Promise<Outputs> {
    const all = (await project.outputs({ showSecrets: true })) as Outputs;
    for (const key of ["tokens", "previousTokens"]) for (const secret of Object.values(all[key] ?? {})) if (secret) secrets.add(secret);
    return all;
  }

  function file(name: string, content: string): string {
    const target = path.join(project.dir, name);
    fs.writeFileSync(target, content);
    return target;
  }

  const agIds = async () => (await listActiveGateTokens(emulator)).map((t) => t.id).sort();

  beforeAll(async () => {
    emulator = await startEmulator();
    const consumerDir = await prepareConsumer();
    project = await PulumiProject.create(consumerDir, {
      fixture: "overlap",
      ...faceOptions(face, consumerDir),
      config: { "dynatrace-tokens:envUrl": emulator.url, "dynatrace-tokens:apiToken": { secret: emulator.adminToken } },
    });
    await setSpecs(ROTATING);
    await run(["up", "--yes", "--skip-preview"]);
    first = await outputs();
  }, 180_000);

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  it("creates each token with tokenId = id and nothing kept", () => {
    expect(first.tokenIds).toEqual(first.ids);
    expect(first.previousTokenIds).toEqual({});
  });

  it("previews a rotation as an update in place, saying how long the current token stays valid", async () => {
    await setSpecs(ROTATING.map((s) => ({ ...s, rotationTrigger: "2" })));
    const preview = await project.preview();
    expect(stepsFor(preview.steps, "ingest").map((s) => s.op)).toEqual(["update"]);
    expect(stepsFor(preview.steps, "gate").map((s) => s.op)).toEqual(["update"]);
    const text = await run(["preview"]);
    expect(text.stdout + text.stderr).toContain(
      `API token "ingest" (${first.ids!.ingest}) will be rotated in place (rotationTrigger): a new token is issued, and the current one, ${first.ids!.ingest}, stays valid as previousToken until about`,
    );
    expect(text.stdout + text.stderr).toContain(`ActiveGate token "gate" (${first.ids!.gate}) will be rotated in place (rotationTrigger)`);
    // dt-tokens review sees a new token coming, and for how long the current one stays.
    const review = await runCli(["review", "--preview-json", file("preview-rotation.json", preview.result.stdout), "--format", "json"]);
    const changes = (JSON.parse(review.stdout) as { changes: Array<{ resource: string; action: string; rotatesInPlaceKeeping?: string }> }).changes;
    expect(changes.map((c) => [c.resource, c.action, c.rotatesInPlaceKeeping])).toEqual([
      ["gate", "update", "24h"],
      ["ingest", "update", "24h"],
    ]);
  });

  it("rotates on up: new tokens in use, the previous ones kept and still valid", async () => {
    await run(["up", "--yes", "--skip-preview"]);
    rotated = await outputs();
    expect(rotated.ids).toEqual(first.ids); // the resources' identity stays
    for (const resource of ["ingest", "gate"]) {
      expect(rotated.tokenIds![resource]).not.toBe(first.ids![resource]);
      expect(rotated.previousTokenIds![resource]).toBe(first.ids![resource]);
      expect(rotated.previousTokens![resource]).toBe(first.tokens![resource]);
      const removal = Date.parse(rotated.removalDates![resource]!) - emulator.clock.now().getTime();
      expect(removal).toBeGreaterThan(23 * HOUR_MS);
      expect(removal).toBeLessThanOrEqual(24 * HOUR_MS);
    }
    expect(await authenticates(emulator, rotated.tokens!.ingest)).toBe(true);
    expect(await authenticates(emulator, rotated.previousTokens!.ingest)).toBe(true);
    // ActiveGate tokens authenticate ActiveGates, not API calls: both are live (listed, not expired) at the emulator.
    expect(await agIds()).toEqual([rotated.tokenIds!.gate, rotated.previousTokenIds!.gate].sort());
    expect(rotated.tokens!.gate!.startsWith(`${rotated.tokenIds!.gate}.`)).toBe(true);
    expect((await project.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("dt-tokens review shows the pending removal of each previous token", async () => {
    const previewFile = file("preview.json", (await run(["preview", "--json", "--show-sames"])).stdout);
    const review = await runCli(["review", "--preview-json", previewFile, "--format", "json"]);
    expect(review.code).toBe(0);
    const report = JSON.parse(review.stdout) as { previousTokens: Array<{ resource: string; id: string; removalDate: string; removedByThisUp: boolean }> };
    expect(report.previousTokens).toEqual([
      { resource: "gate", id: first.ids!.gate, removalDate: rotated.removalDates!.gate, removedByThisUp: false },
      { resource: "ingest", id: first.ids!.ingest, removalDate: rotated.removalDates!.ingest, removedByThisUp: false },
    ]);
    const markdown = await runCli(["review", "--preview-json", previewFile]);
    expect(markdown.stdout).toContain(`\`ingest\` \`${first.ids!.ingest}\`: pending removal, valid until ${rotated.removalDates!.ingest!.slice(0, 16).replace("T", " ")} UTC`);
    printed.push(review.stdout, markdown.stdout);
  });

  it("dt-tokens audit marks the previous token as managed", async () => {
    const exported = file("export.json", (await run(["stack", "export"])).stdout);
    const audit = await runCli(["audit", "--env-url", emulator.url, "--stack-export", exported, "--format", "json"], {
      env: { DYNATRACE_API_TOKEN: emulator.adminToken },
    });
    expect(audit.code).toBe(0);
    const tokens = (JSON.parse(audit.stdout) as { tokens: Array<{ id: string; managed?: boolean; resource?: string; previousUntil?: string; flags: string[] }> }).tokens;
    const byId = new Map(tokens.map((t) => [t.id, t]));
    expect(byId.get(first.ids!.ingest!)).toMatchObject({ managed: true, resource: "ingest", previousUntil: rotated.removalDates!.ingest });
    expect(byId.get(rotated.tokenIds!.ingest!)).toMatchObject({ managed: true, resource: "ingest" });
    expect(byId.get(rotated.tokenIds!.ingest!)?.previousUntil).toBeUndefined();
    expect(byId.get(first.ids!.ingest!)?.flags).not.toContain("unmanaged");
    printed.push(audit.stdout);
  });

  it("reports a previous token disabled by hand on refresh, without an error, and never deletes it", async () => {
    const previous = first.ids!.ingest!;
    expect((await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${previous}`, { enabled: false })).status).toBe(204);
    const refreshed = await run(["refresh", "--yes", "--skip-preview"]);
    expect(refreshed.stdout + refreshed.stderr).toContain(`its previous token ${previous} was disabled outside Pulumi`);
    const ingest = (await project.resources()).find((r) => r.urn.endsWith("::ingest"));
    expect(ingest?.outputs).toMatchObject({ previousTokenId: previous, previousTokenEnabled: false });
    // Enabled again by hand: the next refresh drops the mark; the token was never deleted.
    expect((await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${previous}`, { enabled: true })).status).toBe(204);
    await run(["refresh", "--yes", "--skip-preview"]);
    expect((await project.resources()).find((r) => r.urn.endsWith("::ingest"))?.outputs).not.toHaveProperty("previousTokenEnabled");
    expect(await authenticates(emulator, rotated.previousTokens!.ingest)).toBe(true);
  });

  it("a killed up during the overlap, then the recovery, leaves the previous tokens alive and in the state", async () => {
    // More tokens, created slowly, so the kill lands while creates are in flight at the server — and not while the
    // engine writes a checkpoint (it writes one as each create answers; a kill then cuts the state file short).
    const extra: OverlapSpec[] = Array.from({ length: 8 }, (_, i) => ({ resource: `extra-${i}`, kind: "api", scopes: ["metrics.read"] }));
    await setSpecs([...ROTATING.map((s) => ({ ...s, rotationTrigger: "2" })), ...extra]);
    const latencyMs = 3000;
    emulator.setFaults([{ route: "POST /api/v2/apiTokens", latencyMs }]);
    emulator.resetRequests();
    const posts = () => emulator.requests().byRoute["POST /api/v2/apiTokens"] ?? 0;
    // The provider and language host stop by themselves once the engine is gone (tokens-kill.test.ts checks that);
    // whatever outlives 10 s on a loaded machine is ended by killRunningPulumi, so the test leaves nothing behind.
    await killRunningPulumi(project, ["up", "--yes", "--skip-preview", "--parallel", "2"], {
      until: () => posts() > 0,
      thenWaitMs: 1000,
      beforeKill: ({ exited }) => {
        // The kill lands while the first two creates wait for their answers.
        expect(posts()).toBeGreaterThan(0);
        expect(exited).toBe(false);
      },
    });
    emulator.clearFaults();
    // The creates the server was still working on finish now.
    await sleep(latencyMs + 1000);
    emulator.clock.advance(61 * 1000);

    // The recovery, as docs/recovery.md gives it. Step 0 only when the kill cut the state file short while the engine
    // wrote it (seen on a loaded machine): put back the checkpoint Pulumi keeps beside it.
    const stateFile = path.join(project.dir, "..", "backend", ".pulumi", "stacks", "overlap", "test.json");
    if ((await project.pulumi(["stack", "export"], { allowFailure: true })).code !== 0) fs.copyFileSync(`${stateFile}.bak`, stateFile);
    await run(["cancel", "--yes"]);
    await run(["refresh", "--clear-pending-creates", "--yes", "--skip-preview"]);
    const exported = file("export-after-kill.json", (await run(["stack", "export"])).stdout);
    const recover = await runCli(["recover", "--env-url", emulator.url, "--stack-export", exported, "--delete", "--format", "json"], {
      env: { DYNATRACE_API_TOKEN: emulator.adminToken },
    });
    expect(recover.stderr).toBe("");
    const orphans = (JSON.parse(recover.stdout) as { orphans: Array<{ id: string }> }).orphans.map((o) => o.id);
    for (const kept of [first.ids!.ingest, first.ids!.gate, rotated.tokenIds!.ingest, rotated.tokenIds!.gate]) expect(orphans).not.toContain(kept);
    await run(["up", "--yes", "--skip-preview"]);

    const after = await outputs();
    expect(after.previousTokenIds).toEqual(rotated.previousTokenIds);
    expect(after.tokenIds!.ingest).toBe(rotated.tokenIds!.ingest);
    expect(await authenticates(emulator, after.previousTokens!.ingest)).toBe(true);
    expect(await authenticates(emulator, after.tokens!.ingest)).toBe(true);
    expect(await agIds()).toEqual([rotated.tokenIds!.gate, rotated.previousTokenIds!.gate].sort());
    // Every token carrying this stack's marker is one the state holds: nothing orphaned, nothing lost.
    const tag = stackTag("overlap", "test");
    const marked = [...(await listApiTokens(emulator)), ...(await listActiveGateTokens(emulator))].filter((t) => markerOf(t.dynatraceName)?.stackTag === tag);
    const known = new Set([...Object.values(after.tokenIds ?? {}), ...Object.values(after.previousTokenIds ?? {})]);
    expect(marked.map((t) => t.id).filter((id) => !known.has(id))).toEqual([]);
    expect(marked).toHaveLength(2 + 2 + extra.length);
    await setSpecs(ROTATING.map((s) => ({ ...s, rotationTrigger: "2" })));
    await run(["up", "--yes", "--skip-preview"]);
  }, 300_000);

  it("once the server clock passes the overlap, preview says so and the next up deletes the previous tokens", async () => {
    emulator.clock.advance(25 * HOUR_MS);
    const text = await run(["preview"]);
    expect(text.stdout + text.stderr).toMatch(
      new RegExp(`API token "ingest" \\(${rotated.tokenIds!.ingest!.replace(".", "\\.")}\\): the previous token ${first.ids!.ingest!.replace(".", "\\.")} was kept until \\S+ \\(keepPreviousFor 24h; server time \\S+\\); this up deletes it`),
    );
    const previewFile = file("preview-due.json", (await run(["preview", "--json", "--show-sames"])).stdout);
    const review = JSON.parse((await runCli(["review", "--preview-json", previewFile, "--format", "json"])).stdout) as {
      previousTokens: Array<{ resource: string; removedByThisUp: boolean }>;
      changes: Array<{ resource: string; action: string; changedFields: string[] }>;
    };
    expect(review.previousTokens.map((p) => [p.resource, p.removedByThisUp])).toEqual([["gate", true], ["ingest", true]]);
    expect(review.changes.find((c) => c.resource === "ingest")).toMatchObject({ action: "update", changedFields: ["previousToken"] });

    emulator.resetRequests();
    await run(["up", "--yes", "--skip-preview"]);
    expect(emulator.requests().byRoute["DELETE /api/v2/apiTokens/{id}"]).toBe(1);
    expect(emulator.requests().byRoute["DELETE /api/v2/activeGateTokens/{activeGateTokenIdentifier}"]).toBe(1);
    const settled = await outputs();
    expect(settled.previousTokenIds).toEqual({});
    expect(settled.tokenIds).toEqual(rotated.tokenIds);
    expect(await authenticates(emulator, rotated.previousTokens!.ingest)).toBe(false);
    expect(await authenticates(emulator, settled.tokens!.ingest)).toBe(true);
    // Exactly one token per resource is left.
    const tag = stackTag("overlap", "test");
    expect((await listApiTokens(emulator)).filter((t) => markerOf(t.dynatraceName)?.stackTag === tag).map((t) => t.id)).toEqual([settled.tokenIds!.ingest]);
    expect(await agIds()).toEqual([settled.tokenIds!.gate]);
    expect((await project.preview()).changeSummary).toEqual({ same: 3 });
  });

  it("destroy leaves no token of the stack", async () => {
    // Rotate once more so that destroy meets a kept previous token too.
    await setSpecs(ROTATING.map((s) => ({ ...s, rotationTrigger: "3" })));
    await run(["up", "--yes", "--skip-preview"]);
    const last = await outputs();
    expect(Object.keys(last.previousTokenIds ?? {}).sort()).toEqual(["gate", "ingest"]);
    await run(["destroy", "--yes", "--skip-preview"]);
    const tag = stackTag("overlap", "test");
    expect((await listApiTokens(emulator)).filter((t) => markerOf(t.dynatraceName)?.stackTag === tag)).toEqual([]);
    expect(await listActiveGateTokens(emulator)).toEqual([]);
    expect((await adminRequest(emulator, "GET", `/api/v2/apiTokens/${last.previousTokenIds!.ingest}`)).status).toBe(404);
  });

  it("never prints or exports a token secret", async () => {
    const texts = [await project.exportText(), ...printed];
    for (const text of texts) {
      expect(text.match(new RegExp(TOKEN_SECRET_PATTERN.source, "g")) ?? []).toEqual([]);
      for (const secret of secrets) expect(text).not.toContain(secret.split(".")[2]);
    }
    expect(secrets.size).toBeGreaterThanOrEqual(6);
  });
});
