// Issue #11 made the provider stub smaller (sdk/providerStub.ts). A stack written by the last release, 0.2.0, holds its
// 3.5 KB stub in every resource's inputs and outputs; upgrading must not turn that into changes, and the old stub must
// go on serving refresh (Pulumi runs the outputs' stub for read and delete) until a real update records the new one.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { CONFIG_KEYS } from "../../provider/config";
import { packedTarball, prepareConsumer, programDependencies } from "../harness/consumer";
import { PACKAGE } from "../harness/layouts";
import { repoRoot } from "../harness/paths";
import { PulumiProject, type StateResource } from "../harness/pulumi";
import { getApiToken, listActiveGateTokens, listApiTokens, newCredential } from "./tokensSupport";

/** The 0.2.0 release, packed once (see test/golden/README.md); never from git history. */
const RELEASE_0_2_0 = path.join(repoRoot, "test", "golden", `${PACKAGE}-0.2.0.tgz`);
const STUBS_0_2_0 = JSON.parse(fs.readFileSync(path.join(repoRoot, "test", "golden", "provider-stub-0.2.0.json"), "utf8")) as Record<string, string>;

const specs = (suffix: string) => [
  { resource: "api", kind: "api", name: `upgrade-api${suffix}`, scopes: ["metrics.read"], expirationDate: "now+30d" },
  { resource: "gate", kind: "activeGate", expirationDate: "now+60d" },
];

describe("upgrading a stack written by 0.2.0 to this release's smaller provider stub (issue #11)", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let ids: Record<string, string>;

  const tokenResources = async (): Promise<StateResource[]> =>
    (await project.resources()).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/dynatrace:"));

  beforeAll(async () => {
    emulator = await startEmulator({});
    const consumer = await prepareConsumer();
    project = await PulumiProject.create(consumer, {
      fixture: "day-two-life",
      install: { dependencies: { [PACKAGE]: `file:${RELEASE_0_2_0}`, ...programDependencies() } },
    });
    await project.setConfig(CONFIG_KEYS.envUrl, emulator.url);
    await project.setConfig(CONFIG_KEYS.apiToken, { secret: await newCredential(emulator, "upgrade-credential") });
    await project.setConfig("life:resources", JSON.stringify(specs("")));
    await project.up();
    ids = (await project.outputs()).ids as Record<string, string>;
    // The state holds 0.2.0's stubs, exactly as that release wrote them.
    const stored = await tokenResources();
    expect(stored.map((r) => r.outputs?.__provider).sort()).toEqual([STUBS_0_2_0.ActiveGateToken, STUBS_0_2_0.ApiToken]);
    await project.npmInstall({ [PACKAGE]: `file:${packedTarball(consumer)}`, ...programDependencies() });
  });

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  it("shows no change at preview, although every resource's stub is new", async () => {
    const preview = await project.preview();
    const changed = preview.steps.filter((s) => s.op !== "same");
    expect(changed).toEqual([]);
    const newStub = preview.steps.find((s) => s.urn.endsWith("::api"))?.newState?.inputs?.__provider;
    expect(String(newStub).length).toBeLessThan(STUBS_0_2_0.ApiToken!.length * 0.7);
  });

  it("refreshes through the stubs 0.2.0 stored in the outputs, and up keeps them until something changes", async () => {
    await project.refresh();
    await project.up();
    expect((await project.outputs()).ids).toEqual(ids);
    for (const resource of await tokenResources()) {
      expect([STUBS_0_2_0.ApiToken, STUBS_0_2_0.ActiveGateToken]).toContain(resource.outputs?.__provider);
    }
  });

  it("records the new stub with the next real update, then destroys through it", async () => {
    await project.setConfig("life:resources", JSON.stringify(specs("-v2")));
    await project.up();
    expect((await getApiToken(emulator, ids.api!))?.name).toBe("upgrade-api-v2");
    const api = (await tokenResources()).find((r) => r.urn.endsWith("::api"))!;
    expect(api.outputs?.__provider).toBe(api.inputs?.__provider);
    expect(String(api.outputs?.__provider).length).toBeLessThan(STUBS_0_2_0.ApiToken!.length * 0.7);

    await project.destroy();
    expect((await listApiTokens(emulator)).map((t) => t.id)).not.toContain(ids.api);
    expect((await listActiveGateTokens(emulator)).map((t) => t.id)).not.toContain(ids.gate);
  });
});
