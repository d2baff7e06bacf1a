// Shared by examples-python, examples-go and examples-yaml (issue 19.3): the examples in examples/<language>/ run as a
// user runs them — the plugin from `npm install -g` on PATH (or named in Pulumi.yaml), the SDK installed the way its
// README says — on the real CLI against the emulator, each through the same lifecycle: up, a preview without changes,
// a scope updated in place, a token deleted by hand and brought back (refresh, up), a hand-made token imported with
// the code the language host prints pasted into the program, the secret read back and checked against the emulator,
// destroy. What differs between languages is said once per language (LanguageSetup); what differs between examples
// once per example (ExampleSpec), in words that hold in every language.
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { stackTag } from "../../provider/client/createMarker";
import { prepareGlobalInstall } from "../harness/consumer";
import { errorDiagnostics, PulumiProject, STACK_TRACE, type CommandResult } from "../harness/pulumi";
import { escapeRegExp } from "../harness/text";
import { adminRequest, listActiveGateTokens, listApiTokens, selfLookupStatus } from "./tokensSupport";

export type Language = "python" | "go" | "yaml";

/** What a language's programs look like, to the tests that edit them and read their outputs. */
export interface LanguageSetup {
  readonly language: Language;
  /** The file that holds the program. */
  readonly programFile: string;
  /** A stack output's name in this language's examples (`ingestToken` → Python's `ingest_token`). */
  outputName(name: string): string;
  /** A scope as the program writes it in a list (`"metrics.read"`, Go's `pulumi.String("metrics.read")`). */
  scopeLiteral(scope: string): string;
  /** What `pulumi import` prints for the hand-made token, in this language. */
  readonly importedCode: RegExp;
  /** The program with the code `pulumi import` printed added, as a user pastes it in. */
  pasteImported(program: string, printed: string): string;
  /** Environment for every pulumi command (the Go SDK's module proxy); PATH is set by the lifecycle. */
  env?(): Promise<Record<string, string>>;
  /** Work on the program's copy before the stack is created (the Go example's go.mod). */
  prepare?(project: PulumiProject): Promise<void>;
}

/** A token the example creates, and where. */
interface ExampleToken {
  readonly resource: string;
  readonly kind: "api" | "activeGate";
  /** Which emulator (multi-environment: "prod" is the second). */
  readonly environment?: "staging" | "prod";
}

/** An example, in language-independent words (output names as TypeScript writes them). */
export interface ExampleSpec {
  /** The folder under examples/<language>/. */
  readonly name: "basic" | "rotation-overlap" | "multi-environment";
  readonly tokens: readonly ExampleToken[];
  /** Where each token secret the example exports is, as [output, path inside it], with the resource it belongs to. */
  readonly secretOutputs: ReadonlyArray<{ readonly output: string; readonly path: readonly string[]; readonly resource: string }>;
  /** The scope the in-place update takes out of every list that has it, and the resources that then lose it. */
  readonly droppedScope: { readonly scope: string; readonly resources: readonly string[] };
  /** The token deleted by hand, to be repaired. */
  readonly driftResource: string;
  /** Explicit providers: the import adopts the hand-made token through this one. */
  readonly importProvider?: string;
}

export const EXAMPLES: readonly ExampleSpec[] = [
  {
    name: "basic",
    tokens: [
      { resource: "otel-ingest", kind: "api" },
      { resource: "grafana-read", kind: "api" },
      { resource: "oneagent-installer", kind: "api" },
    ],
    secretOutputs: [
      { output: "ingestToken", path: [], resource: "otel-ingest" },
      { output: "readOnlyToken", path: [], resource: "grafana-read" },
      { output: "paasToken", path: [], resource: "oneagent-installer" },
    ],
    droppedScope: { scope: "problems.read", resources: ["grafana-read"] },
    driftResource: "otel-ingest",
  },
  {
    name: "rotation-overlap",
    tokens: [
      { resource: "activegate", kind: "activeGate" },
      { resource: "otel-ingest", kind: "api" },
    ],
    secretOutputs: [{ output: "ingestSecret", path: ["stringData", "DT_API_TOKEN"], resource: "otel-ingest" }],
    droppedScope: { scope: "openTelemetryTrace.ingest", resources: ["otel-ingest"] },
    driftResource: "otel-ingest",
  },
  {
    name: "multi-environment",
    tokens: [
      { resource: "otel-ingest-staging", kind: "api", environment: "staging" },
      { resource: "otel-ingest-prod", kind: "api", environment: "prod" },
    ],
    secretOutputs: [
      { output: "ingestTokens", path: ["staging"], resource: "otel-ingest-staging" },
      { output: "ingestTokens", path: ["prod"], resource: "otel-ingest-prod" },
    ],
    droppedScope: { scope: "logs.ingest", resources: ["otel-ingest-staging", "otel-ingest-prod"] },
    driftResource: "otel-ingest-prod",
    importProvider: "staging",
  },
];

/** check's sentence for the misspelt scope, the same in every language (and in TypeScript). */
export const MISSPELT_SCOPE_SENTENCE = 'scopes[0]: "metrics.reed" is not a Dynatrace scope — did you mean "metrics.read"?';

/** The text `pulumi import` prints before the code. */
const IMPORT_CODE_INTRO = "will cause Pulumi to report that an update will happen on the next update command.\n";

/** The code `pulumi import` printed for the adopted resources (everything after its instructions). */
export function importedCodeOf(printed: string): string {
  const start = printed.indexOf(IMPORT_CODE_INTRO);
  expect(start, printed).toBeGreaterThanOrEqual(0);
  return printed.slice(start + IMPORT_CODE_INTRO.length).trim();
}

/** A value inside a stack output. */
function at(value: unknown, keys: readonly string[]): unknown {
  return keys.reduce<unknown>((inner, key) => (inner as Record<string, unknown> | undefined)?.[key], value);
}

/** The emulators of one test file: one environment, and a second one for multi-environment's `prod`. */
export interface Emulators {
  staging: RunningEmulator;
  prod: RunningEmulator;
}

/** Starts the file's emulators and stops them after its tests. */
export function useEmulators(): Emulators {
  const emulators = {} as Emulators;
  beforeAll(async () => {
    [emulators.staging, emulators.prod] = await Promise.all([startEmulator(), startEmulator()]);
  });
  afterAll(async () => {
    await Promise.all([emulators.staging?.close(), emulators.prod?.close()]);
  });
  return emulators;
}

/**
 * The example `example` in `setup`'s language: one stack, created before its tests and removed after them, walked
 * through the lifecycle by the tests this registers (in order: each builds on the state the one before left).
 */
export function describeExampleLifecycle(
  setup: LanguageSetup,
  example: ExampleSpec,
  emulators: Emulators,
  opts: {
    /** Name the plugin in Pulumi.yaml (`plugins: providers:`) instead of putting it on PATH. */
    pluginFromProjectFile?: boolean;
    /** Run `dt-tokens` review, drift, audit and recover on the stack as well (issue 19.5). */
    dtTokens?: boolean;
  } = {},
): void {
  describe(`examples/${setup.language}/${example.name}`, () => {
    let project: PulumiProject;
    const emulatorOf = (environment: ExampleToken["environment"]) => (environment === "prod" ? emulators.prod : emulators.staging);
    const tokenOf = (resource: string) => example.tokens.find((t) => t.resource === resource)!;
    let programName: string;
    let pluginBin: string;

    /** `dt-tokens` from the same global install as the plugin, in the project with its Pulumi environment. */
    const dtTokens = (args: string[]) =>
      project.exec(path.join(pluginBin, "dt-tokens"), args, { allowFailure: true, env: { DYNATRACE_API_TOKEN: emulators.staging.adminToken } });
    /** A `--format json` report (whatever its command). */
    const reportOf = (run: CommandResult): any => JSON.parse(run.stdout);

    beforeAll(async () => {
      pluginBin = await prepareGlobalInstall();
      const { staging, prod } = emulators;
      const config: Record<string, string | { secret: string }> =
        example.name === "multi-environment"
          ? { stagingEnvUrl: staging.url, stagingApiToken: { secret: staging.adminToken }, prodEnvUrl: prod.url, prodApiToken: { secret: prod.adminToken } }
          : { "dynatrace-tokens:envUrl": staging.url, "dynatrace-tokens:apiToken": { secret: staging.adminToken } };
      project = await PulumiProject.create(undefined, {
        example: `${setup.language}/${example.name}`,
        config,
        env: await setup.env?.(),
        // What `npm install -g pulumi-dynatrace-tokens` does for a user: the plugin on PATH; or the project names it.
        ...(opts.pluginFromProjectFile ? { plugins: [{ name: "dynatrace-tokens", path: pluginBin }] } : { extraPath: [pluginBin] }),
      });
      await setup.prepare?.(project);
      programName = /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8"))![1]!;
    });
    afterAll(async () => {
      // A failed test leaves tokens: destroy them, so the file's other examples start from an empty environment.
      if (project !== undefined && (await project.resources().catch(() => [])).length > 0) await project.destroy({ allowFailure: true });
      project?.cleanup();
    });

    const programPath = () => path.join(project.dir, setup.programFile);
    const readProgram = () => fs.readFileSync(programPath(), "utf8");
    const writeProgram = (text: string) => fs.writeFileSync(programPath(), text);

    /** The tokens of this stack at the emulators (those whose create marker names it), by resource name. */
    async function liveTokens(): Promise<Map<string, { id: string; scopes?: string[]; environment: ExampleToken["environment"] }>> {
      const marker = `⟨pulumi ${stackTag(programName, "test")}.`;
      const live = new Map<string, { id: string; scopes?: string[]; environment: ExampleToken["environment"] }>();
      for (const environment of ["staging", "prod"] as const) {
        const emulator = emulatorOf(environment);
        for (const token of await listApiTokens(emulator)) if (token.dynatraceName.includes(marker)) live.set(token.name, { ...token, environment });
        for (const token of await listActiveGateTokens(emulator)) if (token.dynatraceName.includes(marker)) live.set(token.name, { ...token, environment });
      }
      return live;
    }

    /** Each exported token secret: shown as [secret] without --show-secrets, and the one Dynatrace holds with it. */
    async function expectSecretsAuthenticate(): Promise<void> {
      const hidden = await project.outputs();
      const shown = await project.outputs({ showSecrets: true });
      const live = await liveTokens();
      for (const { output, path: keys, resource } of example.secretOutputs) {
        const name = setup.outputName(output);
        expect(JSON.stringify(hidden[name])).toContain("[secret]");
        const secret = at(shown[name], keys);
        expect(secret, `${name}.${keys.join(".")}`).toEqual(expect.stringMatching(/^dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}$/));
        expect(String(secret).startsWith(`${live.get(resource)?.id}.`), `${name} is ${resource}'s token`).toBe(true);
        expect(await selfLookupStatus(emulatorOf(tokenOf(resource).environment), String(secret))).toBe(200);
      }
      // The providers' own credentials are stack config and provider inputs: secrets in the state too.
      const state = await project.exportText();
      expect(state).not.toContain(emulators.staging.adminToken.split(".")[2]);
      expect(state).not.toContain(emulators.prod.adminToken.split(".")[2]);
    }

    if (example.name === "basic") {
      // First, on the new stack, as a user's first preview of a program with a typo.
      it(`a misspelt scope fails the first preview with the did-you-mean sentence alone, before any API call`, async () => {
        const program = readProgram();
        writeProgram(program.replace(setup.scopeLiteral("metrics.read"), setup.scopeLiteral("metrics.reed")));
        emulators.staging.resetRequests();
        const preview = await project.preview({ allowFailure: true });
        writeProgram(program);
        expect(preview.result.code).not.toBe(0);
        const errors = errorDiagnostics(preview).map((message) => message.trim());
        expect(errors).toEqual([expect.stringMatching(new RegExp(`${escapeRegExp(MISSPELT_SCOPE_SENTENCE)}$`))]);
        expect(preview.result.stdout + preview.result.stderr).not.toMatch(STACK_TRACE);
        expect(emulators.staging.requests().byRoute).toEqual({});
      });
    }

    it("up creates its tokens through the plugin, each secret a Pulumi secret that authenticates at the emulator", async () => {
      const up = await project.up();
      // Pulumi says where it found the plugin when it comes from PATH (and says nothing when Pulumi.yaml names it).
      const fromPath = (up.stdout + up.stderr).includes("using pulumi-resource-dynatrace-tokens from $PATH");
      expect(fromPath).toBe(!opts.pluginFromProjectFile);
      const live = await liveTokens();
      expect([...live.keys()].sort()).toEqual(example.tokens.map((t) => t.resource).sort());
      for (const token of example.tokens) expect(live.get(token.resource)?.environment).toBe(token.environment ?? "staging");
      await expectSecretsAuthenticate();
    });

    it("previews no change (preview --expect-no-changes exits 0)", async () => {
      const preview = await project.pulumi(["preview", "--expect-no-changes"], { allowFailure: true });
      expect(preview.code, preview.stdout + preview.stderr).toBe(0);
    });

    if (opts.dtTokens) {
      it(`dt-tokens review reads this ${setup.language} stack's preview --json: a scope that lets a token manage tokens is critical`, async () => {
        const program = readProgram();
        writeProgram(program.replace(setup.scopeLiteral(example.droppedScope.scope), `${setup.scopeLiteral(example.droppedScope.scope)}, ${setup.scopeLiteral("apiTokens.write")}`));
        const preview = await project.preview();
        writeProgram(program);
        fs.writeFileSync(path.join(project.dir, "preview.json"), preview.result.stdout);
        const review = await dtTokens(["review", "--preview-json", "preview.json", "--format", "json", "--fail-on", "critical"]);
        expect(review.code, review.stdout + review.stderr).toBe(2);
        const report = reportOf(review);
        const changed = example.droppedScope.resources[0]!;
        expect(report.changes.map((c: { action: string; resource: string }) => [c.action, c.resource])).toEqual([["update", changed]]);
        expect(report.changes[0]).toMatchObject({ scopesAdded: ["apiTokens.write"], scopesRemoved: [] });
        // (The token never expires, which is a low finding of its own.)
        const findings = report.findings.map((f: { level: string; rule: string; resource: string }) => [f.level, f.rule, f.resource]);
        expect(findings[0]).toEqual(["critical", "privilege-escalation", changed]);
      });
    }

    it("updates a scope in place: the same tokens, the scope gone at the emulator", async () => {
      const before = await liveTokens();
      const { scope, resources } = example.droppedScope;
      const edited = readProgram().replaceAll(`, ${setup.scopeLiteral(scope)}`, "");
      expect(edited).not.toBe(readProgram());
      writeProgram(edited);
      const preview = await project.preview();
      const changed = preview.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.urn.split("::").pop()]);
      expect(changed.sort()).toEqual(resources.map((resource) => ["update", resource]).sort());
      await project.up();
      const after = await liveTokens();
      for (const resource of resources) {
        expect(after.get(resource)?.id).toBe(before.get(resource)?.id);
        expect(after.get(resource)?.scopes).not.toContain(scope);
        expect(before.get(resource)?.scopes).toContain(scope);
      }
    });

    it("repairs a token deleted by hand: refresh drops it, up creates it again", async () => {
      const resource = example.driftResource;
      const { id } = (await liveTokens()).get(resource)!;
      const emulator = emulatorOf(tokenOf(resource).environment);
      expect((await adminRequest(emulator, "DELETE", `/api/v2/apiTokens/${id}`)).status).toBe(204);
      if (opts.dtTokens) {
        // dt-tokens drift runs `pulumi preview --refresh --json` on the stack and reports the token as deleted.
        const drift = await dtTokens(["drift", "--stack", "test", "--format", "json"]);
        expect(drift.code, drift.stdout + drift.stderr).toBe(2);
        expect(reportOf(drift).drifted.map((d: { resource: string; changes: { kind: string }[] }) => [d.resource, d.changes.map((c) => c.kind)])).toEqual([
          [resource, ["deleted"]],
        ]);
      }
      await project.refresh();
      expect((await project.resources()).some((r) => r.urn.endsWith(`::${resource}`))).toBe(false);
      await project.up();
      const recreated = (await liveTokens()).get(resource);
      expect(recreated?.id).toBeDefined();
      expect(recreated?.id).not.toBe(id);
      await expectSecretsAuthenticate();
      await project.pulumi(["preview", "--expect-no-changes"]);
    });

    if (example.name === "rotation-overlap") {
      it("hands out the ActiveGate's authorization line, a secret, from the plugin's function", async () => {
        expect(JSON.stringify((await project.outputs())[setup.outputName("activeGateAuthorization")])).toContain("[secret]");
        const line = (await project.outputs({ showSecrets: true }))[setup.outputName("activeGateAuthorization")];
        const [activeGate] = await listActiveGateTokens(emulators.staging);
        expect(line).toEqual(expect.stringMatching(new RegExp(`^authToken=${escapeRegExp(activeGate!.id)}\\.[A-Z0-9]{64}$`)));
      });

      it("rotates the ingest token in place within rotateBefore, keeps the previous one valid for keepPreviousFor, then deletes it", async () => {
        const emulator = emulators.staging;
        const outputs = async () => project.outputs({ showSecrets: true });
        const output = (values: Record<string, unknown>, name: string) => values[setup.outputName(name)];
        const secretOf = (values: Record<string, unknown>) => String(at(output(values, "ingestSecret"), ["stringData", "DT_API_TOKEN"]));
        const created = await outputs();

        // 80 of the ingest token's 90 days: inside its 14-day window, far from the ActiveGate token's 30 days of 6 months.
        emulator.clock.advance(80 * 24 * 60 * 60 * 1000);
        const preview = await project.preview();
        expect(preview.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.urn.split("::").pop()])).toEqual([["update", "otel-ingest"]]);
        await project.up();
        const rotated = await outputs();
        expect(output(rotated, "ingestPreviousTokenId")).toBe(output(created, "ingestTokenId"));
        expect(output(rotated, "ingestTokenId")).not.toBe(output(created, "ingestTokenId"));
        expect(await selfLookupStatus(emulator, secretOf(rotated))).toBe(200);
        expect(await selfLookupStatus(emulator, secretOf(created))).toBe(200);

        // A day and an hour later the previous token's time is up: the next up deletes it.
        emulator.clock.advance(25 * 60 * 60 * 1000);
        await project.up();
        // Gone from the outputs (Go exports a nil pointer as null).
        expect(output(await project.outputs(), "ingestPreviousTokenId") ?? undefined).toBeUndefined();
        expect(await selfLookupStatus(emulator, secretOf(created))).toBe(401);
        await expectSecretsAuthenticate();
      });
    }

    it(`imports a hand-made token: pulumi import prints ${setup.language} that, pasted into the program, previews no change`, async () => {
      const emulator = emulators.staging;
      const handmade = emulator.seedToken({ name: "handmade", scopes: ["metrics.read"] });
      const providerArgs: string[] = [];
      if (example.importProvider !== undefined) {
        const provider = (await project.resources()).find((r) => r.urn.endsWith(`::pulumi:providers:dynatrace-tokens::${example.importProvider}`));
        providerArgs.push("--provider", `${example.importProvider}=${provider!.urn}`);
      }
      const imported = await project.pulumi(["import", "dynatrace-tokens:index:ApiToken", "handmade", handmade.id, "--yes", "--protect=false", ...providerArgs]);
      const code = importedCodeOf(imported.stdout);
      expect(code).toMatch(setup.importedCode);
      writeProgram(setup.pasteImported(readProgram(), code));
      const preview = await project.pulumi(["preview", "--expect-no-changes"], { allowFailure: true });
      expect(preview.code, `${readProgram()}\n${preview.stdout}${preview.stderr}`).toBe(0);
      expect((await project.resources()).find((r) => r.urn.endsWith("::handmade"))?.id).toBe(handmade.id);
    });

    if (opts.dtTokens) {
      it("dt-tokens audit reads this stack's export: every token of it managed, the imported one too", async () => {
        const audit = await dtTokens(["audit", "--env-url", emulators.staging.url, "--stack", "test", "--format", "json"]);
        expect(audit.code, audit.stdout + audit.stderr).toBe(0);
        const report = reportOf(audit);
        const managed = report.tokens.filter((t: { managed: boolean }) => t.managed).map((t: { resource: string }) => t.resource).sort();
        const inStaging = example.tokens.filter((t) => (t.environment ?? "staging") === "staging").map((t) => t.resource);
        expect(managed).toEqual([...inStaging, "handmade"].sort());
        // Unmanaged: only the emulator's admin token, the credential the stack runs with.
        const unmanaged = report.tokens.filter((t: { managed: boolean }) => !t.managed).map((t: { id: string }) => t.id);
        expect(unmanaged).toEqual([emulators.staging.adminToken.split(".").slice(0, 2).join(".")]);
      });

      it("dt-tokens recover finds a token of this stack that its state lost, and deletes it; up makes it again", async () => {
        const resource = example.droppedScope.resources[0]!;
        const lost = (await project.resources()).find((r) => r.urn.endsWith(`::${resource}`))!;
        await project.pulumi(["state", "delete", lost.urn, "--yes"]);
        const recoverArgs = ["recover", "--env-url", emulators.staging.url, "--stack", "test", "--min-age", "1", "--format", "json"];
        const listed = await dtTokens(recoverArgs);
        expect(listed.code, listed.stdout + listed.stderr).toBe(2);
        expect(reportOf(listed).orphans.map((o: { id: string; name: string }) => [o.id, o.name])).toEqual([[lost.id, resource]]);
        const deleted = await dtTokens([...recoverArgs, "--delete"]);
        expect(deleted.code, deleted.stdout + deleted.stderr).toBe(0);
        expect((await liveTokens()).has(resource)).toBe(false);
        await project.up();
        expect((await liveTokens()).get(resource)?.id).toBeDefined();
        await project.pulumi(["preview", "--expect-no-changes"]);
      });
    }

    it("destroy leaves nothing at the emulators: neither its tokens nor the imported one", async () => {
      const handmade = (await project.resources()).find((r) => r.urn.endsWith("::handmade"))?.id;
      await project.destroy();
      expect(await project.resources()).toEqual([]);
      expect([...(await liveTokens()).keys()]).toEqual([]);
      const all = [...(await listApiTokens(emulators.staging)), ...(await listApiTokens(emulators.prod))].map((t) => t.id);
      expect(all).not.toContain(handmade);
    });
  });
}
