// Issue 14: package.json claims `@pulumi/pulumi` from the floor of its peer range; the rest of the suite runs the
// dev-dependency version only. This file runs the Pulumi loop and a token lifecycle — up, a no-change preview, an
// in-place update, a replacement, drift (deleted, renamed, disabled by hand) repaired after refresh, destroy — with exactly the floor version installed in
// the program, and with ts-node type-checking the program as `pulumi up` does for a user.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { packedTarball, prepareConsumer, programDependencies } from "../harness/consumer";
import { repoRoot } from "../harness/paths";
import { adminRequest, getApiToken, listActiveGateTokens, listApiTokens, TokensStack, type TokenSpec } from "./tokensSupport";

/** The lowest `@pulumi/pulumi` the package claims to support: the floor of its peer range (`>=X.Y.Z <4`). */
function lowestSupportedPulumi(): string {
  const range = (JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { peerDependencies: Record<string, string> })
    .peerDependencies["@pulumi/pulumi"];
  const floor = /^>=(\d+\.\d+\.\d+)\s/.exec(range ?? "")?.[1];
  if (!floor) throw new Error(`@pulumi/pulumi's peer range ${range} has no >= floor to test`);
  return floor;
}

const LOWEST = lowestSupportedPulumi();

const BASE: TokenSpec[] = [
  { resource: "ingest", kind: "api", name: "ingest", scopes: ["metrics.ingest", "logs.ingest"], expirationDate: "now+90d" },
  { resource: "installer", kind: "paas", name: "installer" },
  { resource: "ag", kind: "activeGate", name: "ag", expirationDate: "now+6M" },
];

describe(`the lowest supported @pulumi/pulumi (${LOWEST}) on the real CLI`, () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let specs = BASE;
  const secrets = new Set<string | undefined>();

  beforeAll(async () => {
    emulator = await startEmulator();
    const consumerDir = await prepareConsumer();
    stack = await TokensStack.create(emulator, {
      install: {
        dependencies: {
          "pulumi-dynatrace-tokens": `file:${packedTarball(consumerDir)}`,
          ...programDependencies(),
          "@pulumi/pulumi": LOWEST,
        },
      },
      typecheck: true,
    });
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  async function apply(next: TokenSpec[]): Promise<void> {
    specs = next;
    await stack.setSpecs(specs);
  }

  async function rememberSecrets(): Promise<void> {
    for (const secret of Object.values(await stack.secrets())) secrets.add(secret);
  }

  it(`runs the program with @pulumi/pulumi ${LOWEST} exactly`, () => {
    const installed = JSON.parse(fs.readFileSync(path.join(stack.project.dir, "node_modules", "@pulumi", "pulumi", "package.json"), "utf8"));
    expect(installed.version).toBe(LOWEST);
  });

  it(`type-checks the package's declarations against @pulumi/pulumi ${LOWEST}'s, without skipLibCheck`, async () => {
    // ts-node only reports errors in the program's own files; tsc also checks the .d.ts it loads, as a user's build does.
    // Not named tsconfig.json: ts-node would pick it up for the pulumi runs.
    const tsconfig = path.join(stack.project.dir, "tsconfig.floor.json");
    fs.writeFileSync(
      tsconfig,
      JSON.stringify({
        compilerOptions: { strict: true, module: "commonjs", target: "ES2022", esModuleInterop: true, noEmit: true, types: ["node"] },
        files: ["index.ts"],
      }),
    );
    const tsc = path.join(stack.project.dir, "node_modules", "typescript", "bin", "tsc");
    const printed = await promisify(execFile)(process.execPath, [tsc, "-p", tsconfig]).then(
      (result) => result.stdout,
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
    expect(printed).toBe("");
  });

  it("creates every token on up, with its secret as a Pulumi secret", async () => {
    await apply(BASE);
    await stack.project.up();
    const ids = await stack.ids();
    expect(ids.ingest).toMatch(/^dt0c01\.[A-Z2-7]{24}$/);
    expect(ids.ag).toMatch(/^dt0g02\./);
    expect([...(await getApiToken(emulator, ids.ingest!))!.scopes].sort()).toEqual(["logs.ingest", "metrics.ingest"]);
    expect((await getApiToken(emulator, ids.installer!))!.scopes).toEqual(["InstallerDownload"]);
    await rememberSecrets();
    expect(secrets.size).toBe(3);
    const state = await stack.project.resources();
    const ingest = state.find((r) => r.id === ids.ingest);
    expect(ingest?.outputs?.token).toMatchObject({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" });
  });

  it("previews no change on a second run", async () => {
    const preview = await stack.project.preview();
    expect(preview.steps.filter((s) => s.op !== "same")).toEqual([]);
  });

  it("updates name and scopes in place", async () => {
    const before = await stack.ids();
    await apply(specs.map((s) => (s.resource === "ingest" ? { ...s, name: "ingest-v2", scopes: ["metrics.ingest"] } : s)));
    emulator.resetRequests();
    await stack.project.up();
    expect(await stack.ids()).toEqual(before);
    expect(await getApiToken(emulator, before.ingest!)).toMatchObject({ name: "ingest-v2", scopes: ["metrics.ingest"] });
    expect(emulator.requests().byRoute["PUT /api/v2/apiTokens/{id}"]).toBe(1);
  });

  it("replaces a token whose expirationDate changes", async () => {
    const before = await stack.ids();
    await apply(specs.map((s) => (s.resource === "ag" ? { ...s, expirationDate: "now+3M" } : s)));
    await stack.project.up();
    const after = await stack.ids();
    expect(after.ag).not.toBe(before.ag);
    expect(after.ingest).toBe(before.ingest);
    expect((await listActiveGateTokens(emulator)).map((t) => t.id)).toEqual([after.ag]);
    await rememberSecrets();
  });

  it("repairs drift after refresh: a token deleted by hand is recreated, a renamed and disabled one put back", async () => {
    const before = await stack.ids();
    const secretsBefore = await stack.secrets();
    expect((await adminRequest(emulator, "DELETE", `/api/v2/apiTokens/${before.installer}`)).status).toBe(204);
    expect((await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${before.ingest}`, { name: "by-hand", enabled: false })).status).toBe(204);
    await stack.project.refresh();
    const refreshed = (await stack.project.resources()).find((r) => r.id === before.ingest);
    expect(refreshed?.outputs).toMatchObject({ name: "by-hand", enabled: false });
    expect((await stack.secrets()).ingest).toBe(secretsBefore.ingest);

    emulator.resetRequests();
    await stack.project.up();
    const after = await stack.ids();
    expect(after.installer).not.toBe(before.installer);
    expect(after.ingest).toBe(before.ingest);
    expect(await getApiToken(emulator, after.installer!)).toMatchObject({ name: "installer" });
    expect(await getApiToken(emulator, after.ingest!)).toMatchObject({ name: "ingest-v2", enabled: true });
    expect(emulator.requests().byRoute["PUT /api/v2/apiTokens/{id}"]).toBe(1);
    await rememberSecrets();
  });

  it("leaves nothing after destroy, and never printed a secret", async () => {
    await stack.project.destroy();
    expect(await stack.project.resources()).toEqual([]);
    const left = (await listApiTokens(emulator)).filter((t) => !emulator.adminToken.startsWith(`${t.id}.`));
    expect(left).toEqual([]);
    expect(await listActiveGateTokens(emulator)).toEqual([]);
    await stack.expectNoSecretsPrinted(secrets);
  });
});

// The native plugin loads @pulumi/pulumi's generated protocol stubs and gRPC from the installed @pulumi/pulumi
// (provider/native/protocol.ts): those deep imports must work from the floor of the peer range too.
describe(`the native plugin with the lowest supported @pulumi/pulumi (${LOWEST})`, () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;

  beforeAll(async () => {
    emulator = await startEmulator();
    const consumerDir = await prepareConsumer();
    stack = await TokensStack.create(emulator, {
      face: "native",
      // The plugin of the program's own install, which loads that install's @pulumi/pulumi.
      discovery: "project",
      install: { dependencies: { "pulumi-dynatrace-tokens": `file:${packedTarball(consumerDir)}`, ...programDependencies(), "@pulumi/pulumi": LOWEST } },
    });
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  it("creates, shows a detailed diff, updates in place and destroys", async () => {
    const specs: TokenSpec[] = [{ resource: "ingest", kind: "api", scopes: ["metrics.ingest"] }, { resource: "ag", kind: "activeGate" }];
    await stack.setSpecs(specs);
    await stack.project.up();
    const ids = await stack.ids();
    const secrets = Object.values(await stack.secrets());
    expect(secrets).toHaveLength(2);
    expect((await stack.project.resources()).find((r) => r.urn.endsWith("::ingest"))?.type).toBe("dynatrace-tokens:index:ApiToken");

    await stack.setSpecs([{ ...specs[0]!, scopes: ["metrics.ingest", "logs.ingest"] }, specs[1]!]);
    const preview = await stack.project.preview();
    expect(preview.steps.find((s) => s.urn.endsWith("::ingest"))).toMatchObject({ op: "update", detailedDiff: { scopes: { kind: "update", inputDiff: true } } });
    await stack.project.up();
    expect((await getApiToken(emulator, ids.ingest!))?.scopes.sort()).toEqual(["logs.ingest", "metrics.ingest"]);

    await stack.project.destroy();
    expect((await listApiTokens(emulator)).map((t) => t.name)).toEqual(["emulator-admin"]);
    expect(await listActiveGateTokens(emulator)).toEqual([]);
    await stack.expectNoSecretsPrinted(secrets);
  });
});
