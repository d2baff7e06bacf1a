// Issue 2: the real Pulumi engine drives this package end to end — up, a no-change preview, an
// in-place update, and destroy — with the package installed from `npm pack` and the emulator as
// Dynatrace. Assertions read the CLI's JSON output and `pulumi stack export`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { prepareConsumer } from "../harness/consumer";
import { PulumiProject } from "../harness/pulumi";

describe("the Pulumi loop on the real CLI", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    emulator = await startEmulator();
    project = await PulumiProject.create(await prepareConsumer(), {
      fixture: "loop",
      config: {
        "dynatrace-tokens:envUrl": emulator.url,
        "dynatrace-tokens:apiToken": { secret: emulator.adminToken },
        "loop:tokenName": "loop-v1",
        "loop:scopes": '["metrics.read"]',
      },
    });
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  it("creates the token on up", async () => {
    await project.up();
    const [token] = (await project.resources()).filter((r) => r.type === "pulumi-nodejs:dynamic/dynatrace:ApiToken");
    expect(token?.id).toMatch(/^dt0c01\.[A-Z2-7]{24}$/);
    expect(token?.outputs?.name).toBe("loop-v1");
    expect(emulator.requests().byRoute["POST /api/v2/apiTokens"]).toBe(1);
  });

  it("previews no changes on a second run", async () => {
    const preview = await project.preview();
    // The CLI lists only the stack among unchanged steps; the summary counts every resource.
    expect(preview.changeSummary).toEqual({ same: 2 });
    expect(preview.steps.filter((s) => s.op !== "same")).toEqual([]);
  });

  it("updates in place when an input changes", async () => {
    const before = (await project.resources()).find((r) => r.type === "pulumi-nodejs:dynamic/dynatrace:ApiToken");
    await project.setConfig("loop:tokenName", "loop-v2");
    const preview = await project.preview();
    const step = preview.steps.find((s) => s.urn.endsWith("loop-token"));
    expect(step?.op).toBe("update");

    await project.up();
    const after = (await project.resources()).find((r) => r.type === "pulumi-nodejs:dynamic/dynatrace:ApiToken");
    expect(after?.id).toBe(before?.id);
    expect(after?.outputs?.name).toBe("loop-v2");
    expect(emulator.requests().byRoute["PUT /api/v2/apiTokens/{id}"]).toBe(1);
  });

  it("keeps the secret out of the exported state", async () => {
    const secret = (await project.outputs({ showSecrets: true })).tokenSecret as string;
    expect(secret).toMatch(/^dt0c01\.[A-Z2-7]{24}\.[A-Z2-7]{64}$/);
    const exported = await project.exportText();
    expect(exported).not.toContain(secret.split(".")[2]);
  });

  it("leaves nothing behind after destroy", async () => {
    await project.destroy();
    expect(await project.resources()).toEqual([]);
    expect(emulator.requests().byRoute["DELETE /api/v2/apiTokens/{id}"]).toBe(1);
  });
});
