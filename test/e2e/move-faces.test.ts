// Issue 20, item 2: a stack made by the last release (0.3.0, the committed tarball) with the dynamic classes — every
// kind, an overlap in progress, a token in a second environment, one adopted by its secret, a tenant token rotation —
// is upgraded, moved to the native provider with `dt-tokens move` (the real CLI the package installs), its program
// changed as the move prints, and moved back the same way. Each time: no request reaches Dynatrace, the preview shows
// no change, the tokens keep their ids, every secret in the stack's outputs still authenticates, `dt-tokens recover`
// finds no orphan. The move refuses, changing nothing, a state with pending operations (a killed `pulumi up`), a
// resource it doesn't recognise and a token of an explicit provider; its backup puts the stack back.
//
// With DT_TOKENS_WRITE_MOVE_FIXTURES=1 it also writes the exports it meets to test/cli/fixtures/move/ (the unit tests'
// real states; see the README there).
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { markerOf, stackTag } from "../../provider/client/createMarker";
import { dtTokensBin, packedTarball, prepareConsumer, programDependencies } from "../harness/consumer";
import { FACE_ENV, faceOptions, typeToken } from "../harness/faces";
import { killRunningPulumi } from "../harness/killTrial";
import { PACKAGE } from "../harness/layouts";
import { repoRoot } from "../harness/paths";
import { PulumiProject, type CommandResult, type PreviewJson, type StateResource } from "../harness/pulumi";
import { comparableState, type ComparableOptions } from "../cli/helpers/states";
import { authenticates, expectNoSecretsIn, listActiveGateTokens, recordPrinted, writesSince } from "./tokensSupport";

const RELEASE_0_3_0 = path.join(repoRoot, "test", "golden", `${PACKAGE}-0.3.0.tgz`);
const FIXTURES = path.join(repoRoot, "test", "cli", "fixtures", "move");
const TOKEN_CLASSES = ["ApiToken", "PersonalAccessToken", "PaasToken", "ActiveGateToken", "TenantTokenRotation"];

/** The stack outputs of test/fixtures/move-faces, secrets shown. */
interface Outputs {
  ids: Record<string, string>;
  tokenIds: Record<string, string>;
  tokens: Record<string, string>;
  previousTokenIds: Record<string, string>;
  previousTokens: Record<string, string>;
  tenantActiveToken: string;
  tenantOldToken: string;
}

/** What `dt-tokens move --format json` prints (cli/commands/move.ts MoveResult). */
interface MoveReport {
  from: string;
  to: string;
  dryRun: boolean;
  moved: Array<{ className: string; name: string; id: string; environment?: string }>;
  provider?: { urn: string; created: boolean };
  removedProviders: string[];
  backup?: { file: string; restore: string };
  programChanges: Array<{ kind: string; from?: string; to?: string; pulumiYaml?: string; commands?: string[]; text: string }>;
}

interface Export {
  deployment: { resources: StateResource[]; pending_operations?: unknown[] };
}

function writeFixture(name: string, text: string): void {
  if (process.env.DT_TOKENS_WRITE_MOVE_FIXTURES !== "1") return;
  const exported = JSON.parse(text) as { deployment: { resources?: Array<Record<string, unknown>> } };
  // Source positions of the program's stack are noise for the unit tests; the rest is the export as Pulumi wrote it.
  for (const resource of exported.deployment.resources ?? []) delete resource.stackTrace;
  fs.mkdirSync(FIXTURES, { recursive: true });
  fs.writeFileSync(path.join(FIXTURES, name), `${JSON.stringify(exported, null, 2)}\n`);
}

/**
 * A state as far as the round trip must keep it: each resource's type, id, inputs and outputs; the serialized provider
 * by presence (see comparableState for secrets and provider ids).
 */
const ROUND_TRIP: ComparableOptions = { fields: ["type", "id", "inputs", "outputs"], stubsByPresence: true };

function changesOf(preview: PreviewJson): string[] {
  return preview.steps.filter((s) => s.op !== "same").map((s) => `${s.op} ${s.urn}`);
}

describe("dt-tokens move: a stack of 0.3.0 moves to the native provider and back without a new token (#20.2)", () => {
  let main: RunningEmulator;
  let second: RunningEmulator;
  let project: PulumiProject;
  let created: Outputs;
  /** `pulumi stack export` right before the first move: what its backup must hold; and with its secrets shown. */
  let beforeMove: string;
  let beforeMoveInClear: string;
  let firstMove: MoveReport;
  /** Every command's stdout and stderr (dt-tokens and pulumi, but `--show-secrets` ones). */
  const printed: string[] = [];

  const dtTokens = (args: string[], env: Record<string, string> = {}) =>
    project.exec(dtTokensBin(project.dir), args, { allowFailure: true, env }).then((r) => {
      printed.push(r.stdout, r.stderr);
      return r;
    });
  const pulumi = (args: string[]): Promise<CommandResult> => project.pulumi(args);
  const outputs = async () => JSON.parse((await project.pulumi(["stack", "output", "--json", "--show-secrets"])).stdout) as Outputs;
  const exportText = async () => (await pulumi(["stack", "export"])).stdout;
  const resources = async () => (JSON.parse(await exportText()) as Export).deployment.resources;
  const preview = async () => {
    const result = await pulumi(["preview", "--json"]);
    return JSON.parse(result.stdout) as PreviewJson;
  };
  const programFile = () => path.join(project.dir, "index.ts");

  async function move(to: "native" | "dynamic", extra: string[] = []): Promise<{ result: CommandResult; report: MoveReport }> {
    const result = await dtTokens(["move", "--to", to, "--format", "json", ...extra]);
    expect(result.code, result.stderr).toBe(0);
    return { result, report: JSON.parse(result.stdout) as MoveReport };
  }

  /** Changes the program as the move printed: the import path, and Pulumi.yaml's plugin entry when it gives one. */
  function changeProgram(report: MoveReport): void {
    const imports = report.programChanges.find((c) => c.kind === "import")!;
    const source = fs.readFileSync(programFile(), "utf8");
    expect(source).toContain(`from "${imports.from}";`);
    fs.writeFileSync(programFile(), source.replace(`from "${imports.from}";`, `from "${imports.to}";`));
    const plugin = report.programChanges.find((c) => c.kind === "plugin");
    const projectFile = path.join(project.dir, "Pulumi.yaml");
    if (plugin?.pulumiYaml !== undefined && !fs.readFileSync(projectFile, "utf8").includes(plugin.pulumiYaml)) fs.appendFileSync(projectFile, plugin.pulumiYaml);
  }

  /** Ids and secrets as 0.3.0 made them; every secret authenticates where its token lives; no orphan in either environment. */
  async function expectTokensKept(): Promise<void> {
    const now = await outputs();
    expect(now).toEqual(created);
    const apiTokens = ["ingest", "personal", "paas", "adopted"];
    for (const key of apiTokens) expect(await authenticates(main, now.tokens[key]), `${key} token`).toBe(true);
    expect(await authenticates(main, now.previousTokens.ingest), "ingest previous token").toBe(true);
    expect(await authenticates(second, now.tokens.second), "second-ingest token").toBe(true);
    // An ActiveGate token's secret is `<id>.<secret>`; the emulator answers for ActiveGate tokens only by id.
    const gates = (await listActiveGateTokens(main)).map((t) => t.id);
    expect(now.tokens.gate!.startsWith(`${now.tokenIds.gate}.`)).toBe(true);
    expect(now.previousTokens.gate!.startsWith(`${now.previousTokenIds.gate}.`)).toBe(true);
    expect(gates.sort()).toEqual([now.tokenIds.gate, now.previousTokenIds.gate].sort());
    expect(main.tenantTokens().valid.sort()).toEqual([now.tenantActiveToken, now.tenantOldToken].sort());
    for (const emulator of [main, second]) {
      const recover = await dtTokens(["recover", "--env-url", emulator.url, "--min-age", "1", "--format", "json"], { DYNATRACE_API_TOKEN: emulator.adminToken });
      expect(recover.code, recover.stderr).toBe(0);
      expect(JSON.parse(recover.stdout)).toMatchObject({ orphans: [], tooYoung: 0, skipped: [] });
    }
  }

  /** Every token resource of the state is of `face`, none is an extra or missing one, and no other face's trace is left. */
  function expectFace(state: StateResource[], face: "dynamic" | "native"): void {
    const tokens = state.filter((r) => TOKEN_CLASSES.some((c) => r.type === typeToken(face, c)));
    expect(tokens.map((r) => r.urn.split("::").pop()).sort()).toEqual(["adopted", "gate", "ingest", "paas", "personal", "second-ingest", "tenant-token"]);
    expect(state.filter((r) => TOKEN_CLASSES.some((c) => r.type === typeToken(face === "native" ? "dynamic" : "native", c)))).toEqual([]);
    const providers = state.filter((r) => r.type.startsWith("pulumi:providers:")).map((r) => r.urn.split("::").slice(-2).join("::"));
    expect(providers).toEqual([face === "native" ? "pulumi:providers:dynatrace-tokens::default" : "pulumi:providers:pulumi-nodejs::default"]);
    for (const token of tokens) {
      expect(token.inputs?.__provider !== undefined, `${token.urn} __provider`).toBe(face === "dynamic");
      // The create marker of each token this stack made carries the tag `dt-tokens recover` looks for.
      const marker = markerOf(token.outputs?.dynatraceName as string | undefined);
      if (marker) expect(marker.stackTag).toBe(stackTag("move-faces", "test"));
    }
  }

  beforeAll(async () => {
    [main, second] = await Promise.all([startEmulator(), startEmulator()]);
    const adopted = main.seedToken({ name: "made by hand", scopes: ["metrics.read"] });
    project = await PulumiProject.create(await prepareConsumer(), {
      fixture: "move-faces",
      config: {
        "dynatrace-tokens:envUrl": main.url,
        "dynatrace-tokens:apiToken": { secret: main.adminToken },
        "move:adoptedToken": { secret: adopted.token },
      },
      install: { dependencies: { [PACKAGE]: `file:${RELEASE_0_3_0}`, ...programDependencies() } },
    });
    recordPrinted(project, printed);
    await pulumi(["config", "set", "--path", "dynatrace-tokens:environments.second.envUrl", second.url]);
    await pulumi(["config", "set", "--secret", "--path", "dynatrace-tokens:environments.second.apiToken", second.adminToken]);
  }, 300_000);

  afterAll(async () => {
    project?.cleanup();
    await Promise.all([main?.close(), second?.close()]);
  });

  it("is created by 0.3.0: every kind, an overlap in progress, a second environment, a token adopted by its secret", async () => {
    await pulumi(["up", "--yes", "--skip-preview"]);
    // The rotation keeps the first tokens for 24 h: an overlap in progress.
    await project.setConfig("move:rotationTrigger", "2");
    await pulumi(["up", "--yes", "--skip-preview"]);
    created = await outputs();
    expect(Object.keys(created.previousTokenIds).sort()).toEqual(["gate", "ingest"]);
    expect(created.previousTokenIds.ingest).toBe(created.ids.ingest);
    expect(created.tokenIds.ingest).not.toBe(created.ids.ingest);
    expect(created.tenantOldToken).toBeTruthy();
    expectFace(await resources(), "dynamic");
  }, 300_000);

  it("takes this release with no change, and a dry run shows the move without writing anything", async () => {
    await project.npmInstall({ [PACKAGE]: `file:${packedTarball(await prepareConsumer())}`, ...programDependencies() });
    expect(changesOf(await preview())).toEqual([]);
    beforeMove = await exportText();
    writeFixture("dynamic-0.3.0.json", beforeMove);

    const { report } = await move("native", ["--dry-run"]);
    expect(report).toMatchObject({ from: "dynamic", to: "native", dryRun: true });
    expect(report.moved.map((m) => m.name).sort()).toEqual(["adopted", "gate", "ingest", "paas", "personal", "second-ingest", "tenant-token"]);
    expect(report.backup).toBeUndefined();
    expect(await exportText()).toBe(beforeMove);
    expect(fs.existsSync(path.join(project.dir, ".dt-tokens"))).toBe(false);
  }, 300_000);

  it("moves to the native provider: no request to Dynatrace, a backup, and the program changed as printed previews with no change", async () => {
    beforeMoveInClear = (await project.pulumi(["stack", "export", "--show-secrets"])).stdout;
    main.resetRequests();
    second.resetRequests();
    ({ report: firstMove } = await move("native"));
    expect(main.requests().total + second.requests().total).toBe(0);
    expect(firstMove.moved).toHaveLength(7);
    expect(firstMove.provider).toEqual({ urn: "urn:pulumi:test::move-faces::pulumi:providers:dynatrace-tokens::default", created: true });
    expect(firstMove.removedProviders).toEqual(["urn:pulumi:test::move-faces::pulumi:providers:pulumi-nodejs::default"]);
    // The backup is the export as it was, readable by its owner only, in a folder git ignores.
    expect(fs.readFileSync(firstMove.backup!.file, "utf8")).toBe(beforeMove);
    expect(fs.statSync(firstMove.backup!.file).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(path.join(project.dir, ".dt-tokens", ".gitignore"), "utf8")).toBe("*\n");
    const moved = await exportText();
    expectFace((JSON.parse(moved) as Export).deployment.resources, "native");
    writeFixture("native-moved.json", moved);

    changeProgram(firstMove);
    expect(fs.readFileSync(programFile(), "utf8")).toContain('import * as dt from "pulumi-dynatrace-tokens/native";');
    const after = await preview();
    expect(changesOf(after)).toEqual([]);
    expect(after.diagnostics?.filter((d) => d.severity === "error") ?? []).toEqual([]);
  }, 300_000);

  it("keeps every token: the same ids, every secret authenticates, recover finds no orphan", async () => {
    await expectTokensKept();
  }, 300_000);

  it("lets the native provider run pulumi up on the state the move wrote, creating and deleting nothing", async () => {
    main.resetRequests();
    second.resetRequests();
    await pulumi(["up", "--yes", "--skip-preview"]);
    expect(writesSince(main, second)).toEqual([]);
    const state = await exportText();
    expectFace((JSON.parse(state) as Export).deployment.resources, "native");
    writeFixture("native-up.json", state);
    expect(changesOf(await preview())).toEqual([]);
    expect(await outputs()).toEqual(created);
  }, 300_000);

  it("moves back to the dynamic classes the same way, to the state 0.3.0 wrote", async () => {
    main.resetRequests();
    second.resetRequests();
    const { report } = await move("dynamic");
    expect(main.requests().total + second.requests().total).toBe(0);
    expect(report.moved).toHaveLength(7);
    expect(report.provider).toEqual({ urn: "urn:pulumi:test::move-faces::pulumi:providers:pulumi-nodejs::default", created: true });
    expect(report.removedProviders).toEqual(["urn:pulumi:test::move-faces::pulumi:providers:dynatrace-tokens::default"]);
    changeProgram(report);
    expect(fs.readFileSync(programFile(), "utf8")).toContain('import * as dt from "pulumi-dynatrace-tokens";');
    expect(changesOf(await preview())).toEqual([]);
    expectFace(await resources(), "dynamic");
    await expectTokensKept();

    // Round trip: the resources, inputs and outputs (secrets compared in clear) 0.3.0 wrote. The dynamic provider's
    // record of the config outside `dynatrace-tokens:` is all the move can't write; the next `pulumi up` records it.
    const original = comparableState(JSON.parse(beforeMoveInClear) as Export, ROUND_TRIP);
    const defaultProvider = "urn:pulumi:test::move-faces::pulumi:providers:pulumi-nodejs::default";
    const ours = (record: unknown) => Object.fromEntries(Object.entries(record as Record<string, unknown>).filter(([k]) => k.startsWith("dynatrace-tokens:")));
    const movedBack = comparableState(JSON.parse((await project.pulumi(["stack", "export", "--show-secrets"])).stdout) as Export, ROUND_TRIP);
    const { [defaultProvider]: movedProvider, ...movedRest } = movedBack;
    const { [defaultProvider]: originalProvider, ...originalRest } = original;
    expect(movedRest).toEqual(originalRest);
    expect(ours((movedProvider as { inputs: unknown }).inputs)).toEqual(ours((originalProvider as { inputs: unknown }).inputs));
    main.resetRequests();
    await pulumi(["up", "--yes", "--skip-preview"]);
    expect(writesSince(main, second)).toEqual([]);
    const state = await exportText();
    writeFixture("dynamic-up.json", state);
    expect(comparableState(JSON.parse((await project.pulumi(["stack", "export", "--show-secrets"])).stdout) as Export, ROUND_TRIP)).toEqual(original);
  }, 300_000);

  it("puts the stack back from the backup with the command it printed", async () => {
    const restore = firstMove.backup!.restore.split(" ");
    expect(restore.slice(0, 3)).toEqual(["pulumi", "stack", "import"]);
    await pulumi(restore.slice(1));
    // Pulumi encrypts each secret afresh when it stores a state: compare with the secrets shown.
    const restored = (await project.pulumi(["stack", "export", "--show-secrets"])).stdout;
    expect((JSON.parse(restored) as Export).deployment.resources).toEqual((JSON.parse(beforeMoveInClear) as Export).deployment.resources);
    expect(changesOf(await preview())).toEqual([]);
  }, 300_000);

  it("moves to the native provider again, where up and refresh create and delete nothing", async () => {
    main.resetRequests();
    second.resetRequests();
    changeProgram((await move("native")).report);
    expect(main.requests().total + second.requests().total).toBe(0);
    expect(changesOf(await preview())).toEqual([]);
    await pulumi(["up", "--yes", "--skip-preview"]);
    await pulumi(["refresh", "--yes", "--skip-preview"]);
    expect(writesSince(main, second)).toEqual([]);
    expect(changesOf(await preview())).toEqual([]);
    await expectTokensKept();
  }, 300_000);

  it("refuses to move a token of an explicit provider to the dynamic classes, naming it, and changes nothing", async () => {
    await project.setConfig("move:explicitUrl", second.url);
    await project.setConfig("move:explicitToken", { secret: second.adminToken });
    await project.setConfig("move:explicitProvider", "true");
    await pulumi(["up", "--yes", "--skip-preview"]);
    const before = await exportText();
    writeFixture("native-explicit-provider.json", before);
    const refused = await dtTokens(["move", "--to", "dynamic"]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("dt-tokens move changed nothing.");
    expect(refused.stderr).toContain("dynatrace-tokens:index:ApiToken explicit-ingest uses the explicit provider explicit");
    expect(await exportText()).toBe(before);
    await pulumi(["config", "rm", "move:explicitProvider"]);
    await pulumi(["up", "--yes", "--skip-preview"]);
  }, 300_000);

  it("refuses a resource it doesn't recognise, naming it, and changes nothing", async () => {
    await project.setConfig("move:futureToken", "true");
    await pulumi(["up", "--yes", "--skip-preview"]);
    const before = await exportText();
    writeFixture("native-unknown-resource.json", before);
    const backups = fs.readdirSync(path.join(project.dir, ".dt-tokens", "backups"));
    const refused = await dtTokens(["move", "--to", "dynamic"]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain("does not recognise: pulumi-nodejs:dynamic/dynatrace:FutureToken future.");
    expect(await exportText()).toBe(before);
    expect(fs.readdirSync(path.join(project.dir, ".dt-tokens", "backups"))).toEqual(backups);
  }, 300_000);

  it("printed no secret, and no file it wrote holds one in clear", () => {
    const secrets = [...Object.values(created.tokens), ...Object.values(created.previousTokens), created.tenantActiveToken, created.tenantOldToken, main.adminToken, second.adminToken];
    const written = fs.readdirSync(path.join(project.dir, ".dt-tokens", "backups")).map((f) => fs.readFileSync(path.join(project.dir, ".dt-tokens", "backups", f), "utf8"));
    expect(written.length).toBeGreaterThanOrEqual(2);
    expectNoSecretsIn([...printed, ...written], secrets);
  });
});

/**
 * The `tokens` fixture on the dynamic classes, against an emulator of its own, for the describe block it is called in;
 * `credentialKeys` names the config keys its envUrl and apiToken are set under.
 */
function tokensStackOnDynamic(credentialKeys: { envUrl: string; apiToken: string }): { emulator: RunningEmulator; project: PulumiProject } {
  const stack = {} as { emulator: RunningEmulator; project: PulumiProject };
  beforeAll(async () => {
    stack.emulator = await startEmulator();
    const consumerDir = await prepareConsumer();
    stack.project = await PulumiProject.create(consumerDir, {
      fixture: "tokens",
      ...faceOptions("dynamic", consumerDir),
      config: { [credentialKeys.envUrl]: stack.emulator.url, [credentialKeys.apiToken]: { secret: stack.emulator.adminToken } },
    });
  }, 300_000);
  afterAll(async () => {
    stack.project?.cleanup();
    await stack.emulator?.close();
  });
  return stack;
}

describe("dt-tokens move refuses a stack a killed pulumi up left pending operations in", () => {
  const stack = tokensStackOnDynamic({ envUrl: "dynatrace-tokens:envUrl", apiToken: "dynatrace-tokens:apiToken" });

  it("names them, changes nothing and writes no backup", async () => {
    const { emulator, project } = stack;
    const specs = ["first", "second", "third"].map((resource) => ({ resource, kind: "api", scopes: ["metrics.read"] }));
    await project.pulumi(["config", "set", "--plaintext", "tokens:resources", JSON.stringify(specs)]);
    // Creates that take a while, so the kill lands while they run: the engine has written them as pending.
    emulator.setFaults([{ route: "POST /api/v2/apiTokens", latencyMs: 5000 }]);
    // The providers and the language host stop by themselves once the engine is gone; anything left of the session is ended.
    await killRunningPulumi(project, ["up", "--yes", "--skip-preview"], { until: () => !!emulator.requests().byRoute["POST /api/v2/apiTokens"] });
    emulator.clearFaults();

    const before = (await project.pulumi(["stack", "export"])).stdout;
    expect((JSON.parse(before) as Export).deployment.pending_operations?.length).toBeGreaterThan(0);
    writeFixture("dynamic-pending-operations.json", before);
    const refused = await project.exec(dtTokensBin(project.dir), ["move", "--to", "native"], { allowFailure: true });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/pending operations? of an interrupted update \(creating pulumi-nodejs:dynamic\/dynatrace:ApiToken (first|second|third)/);
    expect(refused.stderr).toContain("pulumi refresh --clear-pending-creates --yes");
    expect((await project.pulumi(["stack", "export"])).stdout).toBe(before);
    expect(fs.existsSync(path.join(project.dir, ".dt-tokens"))).toBe(false);
  }, 300_000);
});

describe("dt-tokens move: a stack configured with the @pulumiverse/dynatrace bridge's keys", () => {
  const stack = tokensStackOnDynamic({ envUrl: "dynatrace:dtEnvUrl", apiToken: "dynatrace:dtApiToken" });

  it("moves to the native provider, which previews with no change once the config commands it printed ran", async () => {
    const { emulator, project } = stack;
    await project.pulumi(["config", "set", "--plaintext", "tokens:resources", JSON.stringify([{ resource: "ingest", kind: "api", scopes: ["metrics.ingest"] }])]);
    await project.up();
    const before = (await project.outputs({ showSecrets: true })) as { ids: Record<string, string>; tokens: Record<string, string> };
    emulator.resetRequests();
    const moved = await project.exec(dtTokensBin(project.dir), ["move", "--to", "native", "--format", "json"]);
    const report = JSON.parse(moved.stdout) as MoveReport;
    const config = report.programChanges.find((c) => c.kind === "config")!;
    expect(config.commands).toEqual([
      'pulumi config set dynatrace-tokens:envUrl "$(pulumi config get dynatrace:dtEnvUrl)"',
      'pulumi config set --secret dynatrace-tokens:apiToken "$(pulumi config get dynatrace:dtApiToken)"',
    ]);
    for (const command of config.commands!) await project.exec("bash", ["-c", command]);
    fs.appendFileSync(path.join(project.dir, "Pulumi.yaml"), report.programChanges.find((c) => c.kind === "plugin")!.pulumiYaml!);
    // The tokens fixture takes its import from FACE_ENV: the program's change, here.
    const native = { [FACE_ENV]: "native" };
    const preview = JSON.parse((await project.pulumi(["preview", "--json"], { env: native })).stdout) as PreviewJson;
    expect(changesOf(preview)).toEqual([]);
    await project.pulumi(["refresh", "--yes", "--skip-preview"], { env: native });
    expect(writesSince(emulator)).toEqual([]);
    expect(await project.outputs({ showSecrets: true })).toMatchObject(before);
    expect(await authenticates(emulator, before.tokens.ingest)).toBe(true);
  }, 300_000);
});
