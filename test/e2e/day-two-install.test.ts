// Issue 9, day two: one stack on the real CLI, through the package's upgrades and the provider credential's rotation.
// Configured only with the @pulumiverse/dynatrace bridge's keys (after the 0.1.0 keys are refused at preview), it is
// created with the package packed as version A installed flat; then version B is installed nested under a wrapper
// package and the project directory moves — refresh, update and destroy of A's resources work, and the state holds
// no path of this machine. In between, the provider's credential is rotated the documented ways (docs/credentials.md)
// and the old one revoked: refresh, `dt-tokens drift` and destroy keep working.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { BRIDGE_CONFIG_KEYS, CONFIG_KEYS, LEGACY_CONFIG_KEYS } from "../../provider/config";
import { locateProvider } from "../../sdk/providerStub";
import { packedTarball, prepareConsumer, preparePnpm, programDependencies } from "../harness/consumer";
import { installNestedUnderWrapper, PACKAGE, repack, writeWrapper } from "../harness/layouts";
import { repoRoot } from "../harness/paths";
import { PulumiProject, type CommandResult } from "../harness/pulumi";
import { adminRequest, getApiToken, listActiveGateTokens, newCredential, revokeCredential } from "./tokensSupport";

function output(result: CommandResult): string {
  return `${result.stdout}\n${result.stderr}`;
}

describe("day two on the real CLI: upgrades, install layouts, a moved project, a rotated credential (#9)", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let scratch: string;
  let ids: { api: string; activeGate: string };
  let credential: string;
  let wrapper: string;
  const printed: string[] = [];

  /** The folder of the package the project's provider loads, as the stub finds it. */
  function installedPackage(): string {
    const entry = locateProvider(project.dir);
    expect(entry).toBeDefined();
    return path.resolve(entry!, "..", "..", "..");
  }

  beforeAll(async () => {
    emulator = await startEmulator();
    const consumerDir = await prepareConsumer();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-day2-"));
    const versionA = await repack(packedTarball(consumerDir), "0.1.1-a", scratch);
    project = await PulumiProject.create(consumerDir, {
      fixture: "day-two",
      install: { dependencies: { [PACKAGE]: `file:${versionA}`, ...programDependencies() } },
    });
    credential = await newCredential(emulator, "provider-credential-1");
  });

  afterAll(async () => {
    project?.cleanup();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    await emulator?.close();
  });

  it("refuses the 0.1.0 keys at preview, naming the new keys and the commands, with zero API calls", async () => {
    await project.setConfig(LEGACY_CONFIG_KEYS.envUrl, emulator.url);
    await project.setConfig(LEGACY_CONFIG_KEYS.apiToken, { secret: credential });
    emulator.resetRequests();
    const preview = await project.pulumi(["preview"], { allowFailure: true });
    expect(preview.code).not.toBe(0);
    const text = output(preview);
    expect(text).toContain(`${LEGACY_CONFIG_KEYS.envUrl} → ${CONFIG_KEYS.envUrl}`);
    expect(text).toContain(`pulumi config set --secret ${CONFIG_KEYS.apiToken} "$(pulumi config get ${LEGACY_CONFIG_KEYS.apiToken})"`);
    expect(text).toContain(`pulumi config rm ${LEGACY_CONFIG_KEYS.apiToken}`);
    expect(emulator.requests().total).toBe(0);
    printed.push(text);
    for (const key of Object.values(LEGACY_CONFIG_KEYS).slice(0, 2)) await project.pulumi(["config", "rm", key]);
  });

  it("creates tokens in a stack configured only with the @pulumiverse/dynatrace bridge's keys", async () => {
    await project.setConfig(BRIDGE_CONFIG_KEYS.envUrl, emulator.url);
    await project.setConfig(BRIDGE_CONFIG_KEYS.apiToken, { secret: credential });
    printed.push(output(await project.up()));
    ids = (await project.outputs()).ids as typeof ids;
    expect((await getApiToken(emulator, ids.api))?.name).toBe("day2-api");
    expect((await listActiveGateTokens(emulator)).map((t) => t.id)).toContain(ids.activeGate);
  });

  it("keeps working after version B is installed nested under a wrapper package and the project moves", async () => {
    const versionB = await repack(packedTarball(await prepareConsumer()), "0.1.2-b", scratch);
    wrapper = writeWrapper(scratch, versionB);
    const oldDir = project.dir;
    const nested = await installNestedUnderWrapper(project, wrapper);
    expect(fs.existsSync(path.join(oldDir, "node_modules", PACKAGE))).toBe(false);
    expect(JSON.parse(fs.readFileSync(nested, "utf8")).version).toBe("0.1.2-b");
    await project.setConfig("day2:sdk", "platform-tokens");

    project.moveTo(path.join(scratch, "moved", "tokens-project"));
    expect(fs.existsSync(oldDir)).toBe(false);
    // Pulumi remembers the selected stack per project path; in the moved project the user selects it again.
    await project.pulumi(["stack", "select", "test"]);

    // refresh runs the stubs version A wrote into the state; they find version B from the moved project.
    printed.push(output(await project.refresh()));
    await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${ids.api}`, { name: "renamed-by-hand" });
    printed.push(output(await project.refresh()));
    const renamed = (await project.resources()).find((r) => r.urn.endsWith("::day2-api"));
    expect(renamed?.outputs?.name).toBe("renamed-by-hand");

    // An update in place through the new package, then the stack is as declared again.
    await project.setConfig("day2:apiName", "day2-api-v2");
    printed.push(output(await project.up()));
    expect((await getApiToken(emulator, ids.api))?.name).toBe("day2-api-v2");
    expect((await project.outputs()).ids).toEqual(ids);

    const exported = await project.exportText();
    for (const machinePath of [repoRoot, scratch, oldDir, project.dir, os.homedir(), `${os.tmpdir()}${path.sep}`]) {
      expect(exported).not.toContain(machinePath);
    }
    // The stubs in the state name the package, never a file: no absolute path in any of them.
    for (const resource of await project.resources()) {
      const stub = resource.inputs?.__provider;
      if (stub !== undefined) expect(String(stub)).not.toMatch(/["'`]\/[A-Za-z]/);
    }
  });

  it("keeps working when pnpm installs version B, only as the wrapper package's dependency", async () => {
    const { pnpm, storeDir } = await preparePnpm();
    await project.pnpmInstall({ "platform-tokens": `file:${wrapper}`, ...programDependencies() }, pnpm, storeDir);
    const modules = path.join(project.dir, "node_modules");
    expect(fs.existsSync(path.join(modules, PACKAGE))).toBe(false);
    expect(fs.existsSync(path.join(modules, "platform-tokens", "node_modules", PACKAGE))).toBe(false);
    expect(fs.readdirSync(path.join(modules, ".pnpm")).filter((name) => name.startsWith(`${PACKAGE}@`))).toHaveLength(1);
    expect(installedPackage()).toContain(`${path.sep}.pnpm${path.sep}`);

    printed.push(output(await project.refresh()));
    await project.setConfig("day2:apiName", "day2-api-pnpm");
    printed.push(output(await project.up()));
    expect((await getApiToken(emulator, ids.api))?.name).toBe("day2-api-pnpm");
    expect((await project.outputs()).ids).toEqual(ids);
  });

  it("rotates the provider's credential the documented ways; refresh, dt-tokens drift and destroy keep working", async () => {
    const driftCli = path.join(installedPackage(), "dist", "cli", "main.js");
    const drift = () => project.exec(process.execPath, [driftCli, "drift", "--format", "json"], { allowFailure: true });

    // Planned: set the new credential, `pulumi up` records it in the state, then revoke the old one.
    const second = await newCredential(emulator, "provider-credential-2");
    await project.setConfig(BRIDGE_CONFIG_KEYS.apiToken, { secret: second });
    printed.push(output(await project.up()));
    await revokeCredential(emulator, credential);
    printed.push(output(await project.refresh()));
    const clean = await drift();
    expect(clean.code, output(clean)).toBe(0);
    expect(JSON.parse(clean.stdout)).toMatchObject({ checked: 2, drifted: [] });

    // Already revoked before any `pulumi up`: refresh uses the recorded (revoked) copy and says so, and what to run.
    const third = await newCredential(emulator, "provider-credential-3");
    await project.setConfig(BRIDGE_CONFIG_KEYS.apiToken, { secret: third });
    await revokeCredential(emulator, second);
    const stale = await project.refresh({ allowFailure: true });
    expect(stale.code).not.toBe(0);
    expect(output(stale)).toContain(`rejected the API token from stack config ${BRIDGE_CONFIG_KEYS.apiToken} (401)`);
    expect(output(stale)).toContain("recorded at the last `pulumi up`");
    expect(output(stale)).toContain("pulumi refresh --run-program");
    printed.push(output(stale));
    // `--run-program` takes the current stack config and records it, so drift (a refresh preview) works again.
    printed.push(output(await project.pulumi(["refresh", "--run-program", "--yes", "--skip-preview"])));
    const afterRecovery = await drift();
    expect(afterRecovery.code, output(afterRecovery)).toBe(0);
    expect(JSON.parse(afterRecovery.stdout)).toMatchObject({ checked: 2, drifted: [] });

    // And once more, straight to destroy: `destroy --run-program` deletes with the current credential.
    const fourth = await newCredential(emulator, "provider-credential-4");
    await project.setConfig(BRIDGE_CONFIG_KEYS.apiToken, { secret: fourth });
    await revokeCredential(emulator, third);
    printed.push(output(await project.pulumi(["destroy", "--run-program", "--yes", "--skip-preview"])));
    expect(await getApiToken(emulator, ids.api)).toBeUndefined();
    expect((await listActiveGateTokens(emulator)).map((t) => t.id)).not.toContain(ids.activeGate);
    expect(await project.resources()).toEqual([]);

    // No credential was ever printed.
    for (const secret of [credential, second, third, fourth]) {
      for (const text of printed) expect(text).not.toContain(secret.split(".")[2]);
    }
  });
});
