// Issue 20, item 1, on the real Pulumi CLI: an environment of 120 hand-made tokens (names with spaces, duplicates,
// accents, scripts without an ASCII form, expired and disabled ones, every kind) comes under a stack in one step, the
// next preview shows no change, and nothing is written to Dynatrace on the way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { importFileSchema } from "../../cli/onboard/importFile";
import { findTokens } from "../../cli/scan/findTokens";
import { runCli, type CliRun } from "../cli/helpers/cli";
import { prepareConsumer } from "../harness/consumer";
import { handMadeTokens, type HandMadeToken } from "../harness/handMadeTokens";
import { PulumiProject } from "../harness/pulumi";
import { requestLog } from "./tokensSupport";

/** Requests that change something in Dynatrace (the admin surface the test itself uses is not logged). */
const WRITE_METHODS = new Set(["POST", "PUT", "DELETE", "PATCH"]);

describe("onboarding an environment's hand-made tokens with the dynamic classes (--adopt-code)", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let seeded: Array<HandMadeToken & { id: string; secret: string }>;

  beforeAll(async () => {
    emulator = await startEmulator();
    seeded = handMadeTokens(emulator.clock.now()).map((t) => {
      const { id, token } = emulator.seedToken(t.fields);
      return { ...t, id, secret: token };
    });
    project = await PulumiProject.create(await prepareConsumer(), {
      fixture: "onboarding",
      config: { "dynatrace-tokens:envUrl": emulator.url, "dynatrace-tokens:apiToken": { secret: emulator.adminToken } },
    });
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  function dtTokens(args: string[]): Promise<CliRun> {
    return runCli(args, { cwd: project.dir, env: { ...project.commandEnv(), DYNATRACE_API_TOKEN: emulator.adminToken } });
  }

  function expectNoSecrets(text: string): void {
    expect(findTokens(text)).toEqual([]);
    for (const t of seeded) expect(text).not.toContain(t.secret.split(".")[2]);
  }

  it("adopts every live token with the printed declarations, writing nothing, and previews without a change", async () => {
    const code = await dtTokens(["audit", "--env-url", emulator.url, "--cwd", project.dir, "--adopt-code", "--quiet"]);
    expect(code.stderr).toBe("");
    expect(code.code).toBe(0);
    expectNoSecrets(code.stdout);
    const live = seeded.filter((t) => !t.expired);
    expect(code.stdout.match(/^new dt\./gm)).toHaveLength(live.length);
    for (const t of seeded.filter((t) => t.expired)) expect(code.stdout).toContain(`//   ${t.id} `);
    project.writeProgram(code.stdout);

    emulator.resetRequests();
    const up = await project.up();
    expectNoSecrets(up.stdout + up.stderr);
    // The counters cover every request; the log (the last 1000) says which, should one slip through.
    expect(Object.keys(emulator.requests().byRoute).filter((route) => WRITE_METHODS.has(route.split(" ")[0]!))).toEqual([]);
    expect((await requestLog(emulator)).filter((e) => WRITE_METHODS.has(e.method))).toEqual([]);

    const ids = new Map((await project.resources()).filter((r) => r.id?.startsWith("dt0")).map((r) => [r.id, r.type]));
    expect(ids.size).toBe(live.length);
    for (const t of live) expect(ids.get(t.id), t.fields.name).toBe(`pulumi-nodejs:dynamic/dynatrace:${t.resourceClass}`);

    const preview = await project.preview();
    expect(preview.changeSummary).toEqual({ same: live.length + 1 });
  });

  it("then finds only the expired tokens and its own credential unmanaged", async () => {
    const again = await dtTokens(["audit", "--env-url", emulator.url, "--cwd", project.dir, "--import-file", "-", "--quiet"]);
    expect(again.code).toBe(0);
    const file = importFileSchema.parse(JSON.parse(again.stdout));
    expect(file.resources.map((r) => r.id).sort()).toEqual(seeded.filter((t) => t.expired).map((t) => t.id).sort());
  });
});
