// Issue 13, upgrade: a stack created by the last release, 0.2.0 (the committed tarball test/golden/…-0.2.0.tgz), is
// upgraded to this release with no change at all (no replacement, no update, the same outputs), then takes
// keepPreviousFor as an update in place and rotates with an overlap: the token 0.2.0 created becomes the previous
// token, valid until the clock passes the overlap, when the next up deletes it. The resource keeps 0.2.0's id.
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { packedTarball, prepareConsumer, programDependencies } from "../harness/consumer";
import { PACKAGE } from "../harness/layouts";
import { repoRoot } from "../harness/paths";
import { PulumiProject, type StateResource } from "../harness/pulumi";
import { authenticates, listActiveGateTokens, stepsFor } from "./tokensSupport";

const RELEASE_0_2_0 = path.join(repoRoot, "test", "golden", `${PACKAGE}-0.2.0.tgz`);
const HOUR_MS = 60 * 60 * 1000;

const SPECS = [
  { resource: "ingest", kind: "api", scopes: ["metrics.ingest"], expirationDate: "now+90d", rotateBefore: "14d", rotationTrigger: "1" },
  { resource: "gate", kind: "activeGate", expirationDate: "now+180d", rotationTrigger: "1" },
];

type Outputs = Record<string, Record<string, string | undefined>>;

/** Each token resource's outputs without the serialized provider (whose code is the package's own). */
function outputsOf(resources: StateResource[]): Record<string, Record<string, unknown>> {
  return Object.fromEntries(
    resources
      .filter((r) => r.type.includes("dynatrace:"))
      .map((r) => {
        const { __provider: _stub, ...outputs } = (r.outputs ?? {}) as Record<string, unknown>;
        return [r.urn.split("::").pop()!, { id: r.id, ...outputs }];
      }),
  );
}

describe("upgrade from 0.2.0, then rotation with an overlap (issue 13)", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let created: Outputs;
  let stateBefore: Record<string, Record<string, unknown>>;

  /** The state's resources with secrets in clear: encrypted ones differ at every write (a fresh nonce). */
  async function resources(): Promise<StateResource[]> {
    const exported = JSON.parse((await project.pulumi(["stack", "export", "--show-secrets"])).stdout) as { deployment: { resources?: StateResource[] } };
    return exported.deployment.resources ?? [];
  }

  async function setSpecs(specs: object[]): Promise<void> {
    await project.pulumi(["config", "set", "--plaintext", "overlap:resources", JSON.stringify(specs)]);
  }

  beforeAll(async () => {
    emulator = await startEmulator();
    project = await PulumiProject.create(await prepareConsumer(), {
      fixture: "overlap",
      config: { "dynatrace-tokens:envUrl": emulator.url, "dynatrace-tokens:apiToken": { secret: emulator.adminToken } },
      install: { dependencies: { [PACKAGE]: `file:${RELEASE_0_2_0}`, ...programDependencies() } },
    });
  }, 300_000);

  afterAll(async () => {
    project?.cleanup();
    await emulator?.close();
  });

  it("is created by the real 0.2.0", async () => {
    await setSpecs(SPECS);
    await project.up();
    created = (await project.outputs({ showSecrets: true })) as Outputs;
    expect(Object.keys(created.ids ?? {}).sort()).toEqual(["gate", "ingest"]);
    stateBefore = outputsOf(await resources());
    // 0.2.0 knows nothing of the overlap.
    expect(stateBefore.ingest).not.toHaveProperty("tokenId");
  }, 180_000);

  it("upgrades to this release with no change: preview and up touch nothing, the state's outputs stay as they were", async () => {
    await project.npmInstall({ [PACKAGE]: `file:${packedTarball(await prepareConsumer())}`, ...programDependencies() });
    const preview = await project.preview();
    expect(preview.changeSummary).toEqual({ same: 3 });
    emulator.resetRequests();
    await project.up();
    // Nothing written: at most the one clock reading (rotateBefore is declared) and no create, update or delete.
    expect(Object.keys(emulator.requests().byRoute).filter((route) => route !== "POST /api/v2/apiTokens/lookup")).toEqual([]);
    expect(outputsOf(await resources())).toEqual(stateBefore);
    const upgraded = (await project.outputs({ showSecrets: true })) as Outputs;
    // tokenId falls back to the resource's id where the state stores none.
    expect(upgraded.tokenIds).toEqual(created.ids);
    expect(upgraded.tokens).toEqual(created.tokens);
  }, 300_000);

  it("takes keepPreviousFor as an update in place, then rotates keeping 0.2.0's token as the previous one", async () => {
    const withOverlap = SPECS.map((s) => ({ ...s, keepPreviousFor: "24h" }));
    await setSpecs(withOverlap);
    const adding = await project.preview();
    expect(stepsFor(adding.steps, "ingest").map((s) => s.op)).toEqual(["update"]);
    expect(stepsFor(adding.steps, "gate").map((s) => s.op)).toEqual(["update"]);
    await project.up();

    await setSpecs(withOverlap.map((s) => ({ ...s, rotationTrigger: "2" })));
    const rotating = await project.preview();
    expect(rotating.changeSummary).toEqual({ same: 1, update: 2 });
    await project.up();
    const rotated = (await project.outputs({ showSecrets: true })) as Outputs;
    expect(rotated.ids).toEqual(created.ids);
    expect(rotated.previousTokenIds).toEqual(created.ids);
    expect(rotated.tokenIds!.ingest).not.toBe(created.ids!.ingest);
    expect(await authenticates(emulator, created.tokens!.ingest)).toBe(true);
    expect(await authenticates(emulator, rotated.tokens!.ingest)).toBe(true);
    expect((await listActiveGateTokens(emulator)).map((t) => t.id).sort()).toEqual([created.ids!.gate, rotated.tokenIds!.gate].sort());

    emulator.clock.advance(25 * HOUR_MS);
    await project.up();
    const settled = (await project.outputs({ showSecrets: true })) as Outputs;
    expect(settled.previousTokenIds).toEqual({});
    expect(await authenticates(emulator, created.tokens!.ingest)).toBe(false);
    expect(await authenticates(emulator, settled.tokens!.ingest)).toBe(true);
    expect((await listActiveGateTokens(emulator)).map((t) => t.id)).toEqual([rotated.tokenIds!.gate]);

    await project.pulumi(["destroy", "--yes", "--skip-preview"]);
    expect(await listActiveGateTokens(emulator)).toEqual([]);
    expect(await authenticates(emulator, settled.tokens!.ingest)).toBe(false);
  }, 300_000);
});
