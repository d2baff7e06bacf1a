// Issue 5: a tenant token rotation walked with the real Pulumi CLI against the emulator — start, the refusals at
// preview, finish, a second cycle cancelled, a rotation finished by hand found by refresh — with no tenant token in
// plaintext anywhere in the state or the CLI output.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { prepareConsumer } from "../harness/consumer";
import { PulumiProject, type CommandResult } from "../harness/pulumi";

const TYPE = "pulumi-nodejs:dynamic/dynatrace:TenantTokenRotation";

interface EmulatorTenantTokens {
  valid: string[];
  active: string;
  old: string | null;
}

async function tenantTokens(emulator: RunningEmulator): Promise<EmulatorTenantTokens> {
  const res = await fetch(`${emulator.url}/_emulator/tenant-tokens`, { headers: { authorization: `Api-Token ${emulator.adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as EmulatorTenantTokens;
}

async function rotationApi(emulator: RunningEmulator, method: "GET" | "POST", step: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${emulator.url}/api/v2/tenantTokenRotation/${step}`, { method, headers: { authorization: `Api-Token ${emulator.adminToken}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

/** Requests to the tenant token API (rotation steps, status, connection info) since the last reset. */
function tenantApiCalls(emulator: RunningEmulator): number {
  return Object.entries(emulator.requests().byRoute)
    .filter(([route]) => route.includes("tenantTokenRotation") || route.includes("connectioninfo"))
    .reduce((sum, [, count]) => sum + count, 0);
}

async function createProject(emulator: RunningEmulator, phase: string, extra: Record<string, string> = {}): Promise<PulumiProject> {
  return PulumiProject.create(await prepareConsumer(), {
    fixture: "tenant-token-rotation",
    config: {
      "dynatrace-tokens:envUrl": emulator.url,
      "dynatrace-tokens:apiToken": { secret: emulator.adminToken },
      "rotation:phase": phase,
      "rotation:generation": "0",
      ...extra,
    },
  });
}

function printed(result: CommandResult): string {
  return `${result.stdout}\n${result.stderr}`;
}

describe("TenantTokenRotation on the real CLI", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  const cliOutput: string[] = [];
  const seenTokens = new Set<string>();
  let original: string;

  async function run(step: Promise<CommandResult>): Promise<CommandResult> {
    const result = await step;
    cliOutput.push(printed(result));
    return result;
  }

  beforeAll(async () => {
    emulator = await startEmulator();
    original = (await tenantTokens(emulator)).active;
    seenTokens.add(original);
    project = await createProject(emulator, "rotating", { "rotation:readConnectionInfo": "true" });
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  it("up with rotating starts a rotation: status ACTIVE, connectioninfo has the new token, outputs hold both", async () => {
    await run(project.up());
    expect(await rotationApi(emulator, "GET", "status")).toEqual({ status: "ACTIVE" });
    const live = await tenantTokens(emulator);
    expect(live.old).toBe(original);
    seenTokens.add(live.active);

    const outputs = await project.outputs({ showSecrets: true });
    expect(outputs).toMatchObject({ phase: "rotating", status: "ACTIVE", activeToken: live.active, oldToken: original });
    expect((outputs.connectionInfo as { tenantToken: string }).tenantToken).toBe(live.active);
    expect(outputs.authorizationLine).toBe(`tenantToken=${live.active}`);
    expect(outputs.oneAgentCommand).toBe(`oneagentctl --set-tenant-token=${live.active} --restart-service`);
    expect(outputs.kubernetesSecret).toMatchObject({ kind: "Secret", stringData: { tenantToken: live.active } });

    const plainOutputs = await project.outputs();
    for (const key of ["activeToken", "oldToken", "authorizationLine", "oneAgentCommand", "kubernetesSecret", "connectionInfo"]) {
      expect(plainOutputs[key]).toBe("[secret]");
    }
    expect(emulator.requests().byRoute["POST /api/v2/tenantTokenRotation/start"]).toBe(1);
  });

  it("refuses starting the next generation while this one rotates, at preview, with no API call", async () => {
    await project.setConfig("rotation:readConnectionInfo", "false");
    await project.setConfig("rotation:generation", "1");
    emulator.resetRequests();
    const preview = await run(project.previewDiff({ allowFailure: true }));
    expect(preview.code).not.toBe(0);
    // Issue 10: the sentence alone, no JavaScript stack trace.
    expect(printed(preview)).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(printed(preview)).toMatch(/generation 0 is still running/);
    expect(printed(preview)).toMatch(/phase: "cancelled"/);
    expect(tenantApiCalls(emulator)).toBe(0);
    await project.setConfig("rotation:generation", "0");
  });

  it("up with finished finishes it: the old token is no longer valid", async () => {
    await project.setConfig("rotation:phase", "finished");
    const preview = await project.preview();
    expect(preview.steps.find((s) => s.urn.endsWith("tenant-token"))?.op).toBe("update");
    await run(project.up());
    const live = await tenantTokens(emulator);
    expect(live.valid).toEqual([live.active]);
    expect(live.valid).not.toContain(original);
    expect(await project.outputs({ showSecrets: true })).toMatchObject({ phase: "finished", status: "INACTIVE", oldToken: null });
  });

  it("refuses going back to rotating without a generation bump, at preview, with no API call", async () => {
    await project.setConfig("rotation:phase", "rotating");
    emulator.resetRequests();
    const preview = await run(project.previewDiff({ allowFailure: true }));
    expect(preview.code).not.toBe(0);
    // Issue 10: the sentence alone, no JavaScript stack trace.
    expect(printed(preview)).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(printed(preview)).toMatch(/is finished/);
    expect(printed(preview)).toMatch(/set generation: 1 with phase: "rotating"/);
    expect(tenantApiCalls(emulator)).toBe(0);
  });

  it("starts a second cycle with generation 1, and cancelling it keeps the previous token", async () => {
    const before = (await tenantTokens(emulator)).active;
    await project.setConfig("rotation:generation", "1");
    await run(project.up());
    const rotating = await tenantTokens(emulator);
    expect(rotating.old).toBe(before);
    seenTokens.add(rotating.active);
    expect(await project.outputs({ showSecrets: true })).toMatchObject({ generation: 1, phase: "rotating", oldToken: before });

    await project.setConfig("rotation:phase", "cancelled");
    await run(project.up());
    const live = await tenantTokens(emulator);
    expect(live.valid).toEqual([before]);
    expect(await project.outputs({ showSecrets: true })).toMatchObject({ phase: "cancelled", activeToken: before, oldToken: null });
  });

  it("keeps every tenant token out of the exported state and the CLI output", async () => {
    const exported = await project.exportText();
    const resource = (await project.resources()).find((r) => r.type === TYPE);
    expect(resource?.outputs?.activeToken).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" });
    expect(seenTokens.size).toBe(3);
    for (const token of seenTokens) {
      expect(exported).not.toContain(token);
      for (const text of cliOutput) expect(text).not.toContain(token);
    }
  });

  it("destroy leaves the environment as it is", async () => {
    const before = await tenantTokens(emulator);
    emulator.resetRequests();
    await run(project.destroy());
    expect(await project.resources()).toEqual([]);
    expect(await tenantTokens(emulator)).toEqual(before);
    expect(emulator.requests().byRoute["POST /api/v2/tenantTokenRotation/finish"]).toBeUndefined();
    expect(emulator.requests().byRoute["POST /api/v2/tenantTokenRotation/cancel"]).toBeUndefined();
  });
});

describe("TenantTokenRotation drift on the real CLI", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator();
    project = await createProject(emulator, "rotating");
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  it("refuses creating in finished at preview, with no API call", async () => {
    await project.setConfig("rotation:phase", "finished");
    const preview = await project.previewDiff({ allowFailure: true });
    expect(preview.code).not.toBe(0);
    // Issue 10: the sentence alone, no JavaScript stack trace.
    expect(printed(preview)).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(printed(preview)).toMatch(/there is none yet/);
    expect(tenantApiCalls(emulator)).toBe(0);
    await project.setConfig("rotation:phase", "rotating");
  });

  it("finds a rotation finished by hand on refresh, and explains the way forward", async () => {
    await project.up();
    const { active } = await tenantTokens(emulator);
    await rotationApi(emulator, "POST", "finish");

    const refresh = await project.refresh();
    expect(printed(refresh)).toMatch(/was finished outside Pulumi/);
    expect(printed(refresh)).not.toContain(active);
    // Refresh does not run the program, so the stack outputs stay as they were; the resource's state has changed.
    const resource = (await project.resources()).find((r) => r.type === TYPE);
    expect(resource?.outputs).toMatchObject({ phase: "finished", status: "INACTIVE" });

    const preview = await project.previewDiff({ allowFailure: true });
    expect(preview.code).not.toBe(0);
    // Issue 10: the sentence alone, no JavaScript stack trace.
    expect(printed(preview)).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n/);
    expect(printed(preview)).toMatch(/set phase: "finished"/);

    await project.setConfig("rotation:phase", "finished");
    expect((await project.preview()).changeSummary).toEqual({ same: 2 });
  });
});
