// Issue 20, item 1, on the real Pulumi CLI: an environment of 120 hand-made tokens (names with spaces, duplicates,
// accents, scripts without an ASCII form, expired and disabled ones, every kind) comes under a stack in one step, the
// next preview shows no change, and nothing is written to Dynatrace on the way — with the native provider through
// `pulumi import --file` (a TypeScript program from --adopt-code native, or the YAML pulumi import generates), and
// with the dynamic classes through the declarations --adopt-code prints.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { importFileSchema } from "../../cli/onboard/importFile";
import { CLOCK_READING_ROUTE } from "../../provider/resources/rotation";
import { findTokens } from "../../cli/scan/findTokens";
import { runCli, type CliRun } from "../cli/helpers/cli";
import { prepareConsumer } from "../harness/consumer";
import { faceOptions, typeToken, type Face } from "../harness/faces";
import { handMadeTokens, type HandMadeToken } from "../harness/handMadeTokens";
import { PulumiProject } from "../harness/pulumi";
import { isWrite, requestLog, writesSince } from "./tokensSupport";

/**
 * No request since the last reset changed anything: the counters cover every request, the log (the last 1000) says
 * which (the admin surface the test itself uses is not logged). The one POST allowed is the provider's clock reading —
 * a lookup of its own credential, which changes nothing (provider/resources/rotation.ts) — at most once per environment.
 */
async function expectNoWrites(emulator: RunningEmulator): Promise<void> {
  const byRoute = emulator.requests().byRoute;
  expect(writesSince(emulator)).toEqual([]);
  expect(byRoute[CLOCK_READING_ROUTE] ?? 0).toBeLessThanOrEqual(1);
  const log = await requestLog(emulator);
  expect(log.filter((e) => isWrite(e.route))).toEqual([]);
}

/** The environment: the 120 hand-made tokens with the ids and secrets the emulator gave them. */
function seed(emulator: RunningEmulator): Array<HandMadeToken & { id: string; secret: string }> {
  return handMadeTokens(emulator.clock.now()).map((t) => {
    const { id, token } = emulator.seedToken(t.fields);
    return { ...t, id, secret: token };
  });
}

type Seeded = Array<HandMadeToken & { id: string; secret: string }>;

/**
 * For the describe block it is called in: an emulator seeded with the hand-made tokens and the `fixture` program on
 * `face` against it, with `dt-tokens` run in the program's directory with the emulator's admin token.
 */
function onboardingStack(fixture: string, face?: Face) {
  const stack = {} as { emulator: RunningEmulator; project: PulumiProject; seeded: Seeded; dtTokens(args: string[]): Promise<CliRun> };
  beforeAll(async () => {
    stack.emulator = await startEmulator();
    stack.seeded = seed(stack.emulator);
    const consumer = await prepareConsumer();
    stack.project = await PulumiProject.create(consumer, {
      fixture,
      ...(face ? faceOptions(face, consumer) : {}),
      config: { "dynatrace-tokens:envUrl": stack.emulator.url, "dynatrace-tokens:apiToken": { secret: stack.emulator.adminToken } },
    });
  });
  afterAll(async () => {
    stack.project?.cleanup();
    await stack.emulator?.close();
  });
  stack.dtTokens = (args) =>
    runCli(args, { cwd: stack.project.dir, env: { ...stack.project.commandEnv(), DYNATRACE_API_TOKEN: stack.emulator.adminToken } });
  return stack;
}

/** No token secret in `text`: none found by the scanner, and no seeded token's secret part. */
function expectNoSecrets(text: string, seeded: Seeded): void {
  expect(findTokens(text)).toEqual([]);
  for (const t of seeded) expect(text).not.toContain(t.secret.split(".")[2]);
}

describe.each([
  { program: "typescript", fixture: "onboarding" },
  { program: "yaml", fixture: "onboarding-yaml" },
])("onboarding an environment's hand-made tokens with the native provider (pulumi import --file, $program)", ({ program, fixture }) => {
  const stack = onboardingStack(fixture, "native");
  const { dtTokens } = stack;

  it("imports every token from the file dt-tokens audit writes, writing nothing, and previews without a change", async () => {
    const { emulator, project, seeded } = stack;
    const audit = await dtTokens(["audit", "--env-url", emulator.url, "--cwd", project.dir, "--import-file", "tokens.json", "--adopt-code", "native", "--quiet"]);
    expect(audit.stderr).toBe("");
    expect(audit.code).toBe(0);
    const file = importFileSchema.parse(JSON.parse(fs.readFileSync(path.join(project.dir, "tokens.json"), "utf8")));
    expect(file.resources.map((r) => r.id).sort()).toEqual(seeded.map((t) => t.id).sort());
    if (program === "typescript") project.writeProgram(audit.stdout);

    emulator.resetRequests();
    const imported = await project.pulumi(["import", "--file", "tokens.json", "--yes", ...(program === "yaml" ? ["--out", "generated.yaml"] : ["--generate-code=false"])]);
    await expectNoWrites(emulator);
    if (program === "yaml") {
      // What pulumi import generated, as the program: the project file gets its resources.
      fs.appendFileSync(path.join(project.dir, "Pulumi.yaml"), fs.readFileSync(path.join(project.dir, "generated.yaml"), "utf8"));
    }

    const state = new Map((await project.resources()).filter((r) => r.id?.startsWith("dt0")).map((r) => [r.id, r]));
    expect(state.size).toBe(seeded.length);
    const names = new Map(file.resources.map((r) => [r.id, r.name]));
    for (const t of seeded) {
      expect(state.get(t.id)?.type, t.fields.name).toBe(typeToken("native", t.resourceClass));
      expect(state.get(t.id)?.urn.endsWith(`::${names.get(t.id)}`), t.fields.name).toBe(true);
    }

    emulator.resetRequests();
    const preview = await project.preview();
    const changes = Object.keys(preview.changeSummary ?? {}).filter((op) => op !== "same");
    expect(changes, JSON.stringify(preview.steps.filter((s) => s.op !== "same").slice(0, 3))).toEqual([]);
    await expectNoWrites(emulator);
    for (const text of [audit.stdout, imported.stdout, imported.stderr, preview.result.stdout, await project.exportText()]) expectNoSecrets(text, seeded);
  });

  it("then finds no unmanaged token but its own credential, and reviews the preview as no change", async () => {
    const { emulator, project } = stack;
    const again = await dtTokens(["audit", "--env-url", emulator.url, "--cwd", project.dir, "--import-file", "-", "--quiet"]);
    expect(again.code).toBe(0);
    expect(importFileSchema.parse(JSON.parse(again.stdout)).resources).toEqual([]);
    const review = await dtTokens(["review", "--cwd", project.dir, "--format", "json", "--quiet"]);
    expect(review.code).toBe(0);
    expect(JSON.parse(review.stdout)).toMatchObject({ changes: [], findings: [], summary: { create: 0, update: 0, replace: 0, delete: 0 } });
  });
});

describe("onboarding an environment's hand-made tokens with the dynamic classes (--adopt-code)", () => {
  const stack = onboardingStack("onboarding");
  const { dtTokens } = stack;

  it("adopts every live token with the printed declarations, writing nothing, and previews without a change", async () => {
    const { emulator, project, seeded } = stack;
    const code = await dtTokens(["audit", "--env-url", emulator.url, "--cwd", project.dir, "--adopt-code", "--quiet"]);
    expect(code.stderr).toBe("");
    expect(code.code).toBe(0);
    expectNoSecrets(code.stdout, seeded);
    const live = seeded.filter((t) => !t.expired);
    expect(code.stdout.match(/^new dt\./gm)).toHaveLength(live.length);
    for (const t of seeded.filter((t) => t.expired)) expect(code.stdout).toContain(`//   ${t.id} `);
    project.writeProgram(code.stdout);

    emulator.resetRequests();
    const up = await project.up();
    expectNoSecrets(up.stdout + up.stderr, seeded);
    await expectNoWrites(emulator);

    const ids = new Map((await project.resources()).filter((r) => r.id?.startsWith("dt0")).map((r) => [r.id, r.type]));
    expect(ids.size).toBe(live.length);
    for (const t of live) expect(ids.get(t.id), t.fields.name).toBe(typeToken("dynamic", t.resourceClass));

    const preview = await project.preview();
    expect(preview.changeSummary).toEqual({ same: live.length + 1 });
  });

  it("then finds only the expired tokens and its own credential unmanaged", async () => {
    const { emulator, project, seeded } = stack;
    const again = await dtTokens(["audit", "--env-url", emulator.url, "--cwd", project.dir, "--import-file", "-", "--quiet"]);
    expect(again.code).toBe(0);
    const file = importFileSchema.parse(JSON.parse(again.stdout));
    expect(file.resources.map((r) => r.id).sort()).toEqual(seeded.filter((t) => t.expired).map((t) => t.id).sort());
  });
});
