// Issue 5: examples/tenant-token-rotation runs as its README says — two `pulumi up` runs, rotating then finished.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { prepareConsumer } from "../harness/consumer";
import { PulumiProject } from "../harness/pulumi";

describe("examples/tenant-token-rotation", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator();
    project = await PulumiProject.create(await prepareConsumer(), {
      example: "tenant-token-rotation",
      typecheck: true,
      config: {
        "dynatrace-tokens:envUrl": emulator.url,
        "dynatrace-tokens:apiToken": { secret: emulator.adminToken },
        "tenant-token-rotation:phase": "rotating",
        "tenant-token-rotation:generation": "1",
      },
    });
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  it("first up starts the rotation and hands out the new token in the agents' forms", async () => {
    const original = emulator.tenantTokens().active;
    await project.up();
    const live = emulator.tenantTokens();
    expect(live.old).toBe(original);
    const outputs = await project.outputs({ showSecrets: true });
    expect(outputs).toMatchObject({
      rotationPhase: "rotating",
      newTenantToken: live.active,
      oldTenantToken: original,
      activeGateAuthorization: `tenantToken=${live.active}`,
      oneAgentCommand: `oneagentctl --set-tenant-token=${live.active} --restart-service`,
      kubernetesSecret: { metadata: { name: "dynatrace-tenant-token", namespace: "dynatrace" }, stringData: { tenantToken: live.active } },
    });
  });

  it("second up finishes it: only the new token is valid", async () => {
    const { active, old } = emulator.tenantTokens();
    await project.setConfig("tenant-token-rotation:phase", "finished");
    await project.up();
    expect(emulator.tenantTokens()).toEqual({ valid: [active], active, old: null });
    expect(old).not.toBeNull();
    expect((await project.outputs({ showSecrets: true })).oldTenantToken).toBeNull();
  });

  it("the next rotation is a generation bump", async () => {
    const before = emulator.tenantTokens().active;
    await project.setConfig("tenant-token-rotation:generation", "2");
    await project.setConfig("tenant-token-rotation:phase", "rotating");
    await project.up();
    expect(emulator.tenantTokens().old).toBe(before);
    await project.destroy();
    // destroy leaves the running rotation alone.
    expect(emulator.tenantTokens().old).toBe(before);
  });
});
