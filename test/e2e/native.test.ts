// Issue 18: the native provider plugin under the real CLI, a TypeScript program on pulumi-dynatrace-tokens/native
// against the emulator — up of every kind, a no-change preview with no request per token, an in-place update and a
// replacement with the right detailed-diff kinds, drift repair, `pulumi import` of every kind by id without
// recreating, bad provider config and bad inputs refused at preview before any API call, destroy; the plugin found
// on PATH and through Pulumi.yaml; two explicit providers serving two environments; no secret ever printed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { stackTag } from "../../provider/client/createMarker";
import { CLOCK_READING_ROUTE } from "../../provider/resources/rotation";
import { prepareConsumer } from "../harness/consumer";
import { faceOptions, typeToken } from "../harness/faces";
import { PulumiProject, type CommandResult, type PreviewJson as PreviewOutput } from "../harness/pulumi";

type PreviewJson = PreviewOutput & { result: CommandResult };
import { adminRequest, getApiToken, listActiveGateTokens, listApiTokens, requestLog, stepsFor, TokensStack, type TokenSpec } from "./tokensSupport";

const BASE: TokenSpec[] = [
  { resource: "ingest", kind: "api", scopes: ["metrics.ingest", "logs.ingest"], expirationDate: "now+90d" },
  { resource: "mine", kind: "personal", scopes: ["metrics.read"] },
  { resource: "installer", kind: "paas", supportAlert: true },
  { resource: "ag", kind: "activeGate", expirationDate: "now+6M" },
];

function withSpec(specs: TokenSpec[], resource: string, change: Partial<TokenSpec>): TokenSpec[] {
  return specs.map((s) => (s.resource === resource ? { ...s, ...change } : s));
}

/** What `pulumi preview --json` reported, as the lines a person reads. */
function diagnostics(preview: PreviewJson): string {
  return [...(preview.diagnostics ?? []).map((d) => d.message), preview.result.stderr].join("\n");
}

/** The emulator's requests since the last reset that aren't the one clock reading a process may take. */
function requestsBesidesClock(emulator: RunningEmulator): Record<string, number> {
  const { [CLOCK_READING_ROUTE]: _clock, ...rest } = emulator.requests().byRoute;
  return rest;
}

describe("native provider plugin on the real CLI: a TypeScript program on pulumi-dynatrace-tokens/native", () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let specs = BASE;
  const secrets = new Set<string | undefined>();

  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await TokensStack.create(emulator, { face: "native" });
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  async function apply(next: TokenSpec[]): Promise<void> {
    specs = next;
    await stack.setSpecs(specs);
  }

  it("creates every kind through the plugin found on PATH, with the token a secret in the state", async () => {
    await apply(BASE);
    emulator.resetRequests();
    const up = await stack.project.up();
    expect(up.stdout + up.stderr).toContain("using pulumi-resource-dynatrace-tokens from $PATH");
    expect(emulator.requests().byRoute["POST /api/v2/apiTokens"]).toBe(3);
    expect(emulator.requests().byRoute["POST /api/v2/activeGateTokens"]).toBe(1);
    const ids = await stack.ids();
    for (const secret of Object.values(await stack.secrets())) secrets.add(secret);

    expect(await getApiToken(emulator, ids.ingest!)).toMatchObject({ name: "ingest", personalAccessToken: false, scopes: ["logs.ingest", "metrics.ingest"] });
    expect(await getApiToken(emulator, ids.mine!)).toMatchObject({ name: "mine", personalAccessToken: true });
    expect((await getApiToken(emulator, ids.installer!))?.scopes.sort()).toEqual(["InstallerDownload", "SupportAlert"]);
    expect(await listActiveGateTokens(emulator)).toEqual([expect.objectContaining({ id: ids.ag, name: "ag" })]);
    // The create marker names this stack, from the URN.
    expect((await getApiToken(emulator, ids.ingest!))?.dynatraceName).toContain(`⟨pulumi ${stackTag("tokens", "test")}.`);

    const resources = await stack.project.resources();
    const ingest = resources.find((r) => r.urn.endsWith("::ingest"))!;
    expect(ingest.type).toBe(typeToken("native", "ApiToken"));
    expect(ingest.inputs).toEqual({ name: "ingest", scopes: ["logs.ingest", "metrics.ingest"], enabled: true, personalAccessToken: false, expirationDate: "now+90d" });
    expect(ingest.outputs?.token).toMatchObject({ ciphertext: expect.any(String) });
    // Pulumi records where each resource was declared: the program's line, not a line of this package's classes.
    const tokens = resources.filter((r) => r.type.startsWith("dynatrace-tokens:index:"));
    expect(tokens.map((r) => r.sourcePosition)).toEqual(tokens.map(() => expect.stringMatching(/^project:\/\/\/index\.ts#\d+,\d+$/)));
    expect(resources.map((r) => r.type).sort()).toEqual(
      ["PersonalAccessToken", "PaasToken", "ApiToken", "ActiveGateToken"].map((k) => typeToken("native", k)).concat("pulumi:providers:dynatrace-tokens", "pulumi:pulumi:Stack").sort(),
    );
  });

  it("previews no change without a request per token", async () => {
    emulator.resetRequests();
    const preview = await stack.project.preview();
    // The stack and the four tokens (the default provider isn't counted).
    expect(preview.changeSummary).toEqual({ same: 5 });
    expect(requestsBesidesClock(emulator)).toEqual({});
    expect(emulator.requests().total).toBeLessThanOrEqual(1);
  });

  it("updates scopes in place with one PUT, shown as an update of scopes", async () => {
    await apply(withSpec(specs, "ingest", { scopes: ["metrics.ingest"] }));
    const preview = await stack.project.preview();
    const [step] = stepsFor(preview.steps, "ingest");
    expect(step).toMatchObject({ op: "update", diffReasons: ["scopes"], detailedDiff: { scopes: { kind: "update", inputDiff: true } } });
    const before = (await stack.ids()).ingest;
    emulator.resetRequests();
    await stack.project.up();
    expect(requestsBesidesClock(emulator)).toEqual({ "PUT /api/v2/apiTokens/{id}": 1 });
    expect((await stack.ids()).ingest).toBe(before);
    expect((await getApiToken(emulator, before!))?.scopes).toEqual(["metrics.ingest"]);
  });

  it("replaces on an expirationDate change, shown as update-replace of expirationDate, new token first", async () => {
    await apply(withSpec(specs, "ingest", { expirationDate: "now+60d", enabled: false }));
    const preview = await stack.project.preview();
    const [step] = stepsFor(preview.steps, "ingest");
    expect(step).toMatchObject({
      op: "replace",
      replaceReasons: ["expirationDate"],
      detailedDiff: { expirationDate: { kind: "update-replace", inputDiff: true }, enabled: { kind: "update", inputDiff: true } },
    });
    const oldId = (await stack.ids()).ingest!;
    emulator.resetRequests();
    await stack.project.up();
    const newId = (await stack.ids()).ingest!;
    expect(newId).not.toBe(oldId);
    for (const secret of Object.values(await stack.secrets())) secrets.add(secret);
    const writes = (await requestLog(emulator)).filter((e) => e.method !== "GET" && e.route !== CLOCK_READING_ROUTE).map((e) => e.route);
    expect(writes).toEqual(["POST /api/v2/apiTokens", "PUT /api/v2/apiTokens/{id}", "DELETE /api/v2/apiTokens/{id}"]);
    expect(await getApiToken(emulator, oldId)).toBeUndefined();
  });

  it("recreates a token deleted by hand after a refresh", async () => {
    const id = (await stack.ids()).mine!;
    expect((await adminRequest(emulator, "DELETE", `/api/v2/apiTokens/${id}`)).status).toBe(204);
    await stack.project.refresh();
    expect((await stack.project.resources()).some((r) => r.urn.endsWith("::mine"))).toBe(false);
    const preview = await stack.project.preview();
    expect(stepsFor(preview.steps, "mine").map((s) => s.op)).toEqual(["create"]);
    await stack.project.up();
    const recreated = (await stack.ids()).mine!;
    expect(recreated).not.toBe(id);
    expect(await getApiToken(emulator, recreated)).toMatchObject({ name: "mine", personalAccessToken: true });
    for (const secret of Object.values(await stack.secrets())) secrets.add(secret);
  });

  it("imports a token of each kind by id without recreating it; the matching program then shows no change; so does the import option", async () => {
    const expires = "2030-01-01T00:00:00.000Z";
    const made = {
      "ext-api": { type: "ApiToken", ...emulator.seedToken({ name: "ext-api", scopes: ["metrics.read", "logs.read"], expirationDate: expires }) },
      "ext-pat": { type: "PersonalAccessToken", ...emulator.seedToken({ name: "ext-pat", scopes: ["entities.read"], personalAccessToken: true }) },
      "ext-paas": { type: "PaasToken", ...emulator.seedToken({ name: "ext-paas", scopes: ["InstallerDownload"] }) },
      "ext-ag": { type: "ActiveGateToken", ...emulator.seedToken({ kind: "activeGate", name: "ext-ag", expirationDate: expires }) },
    };
    for (const token of Object.values(made)) secrets.add(token.token);
    emulator.resetRequests();
    for (const [name, { type, id }] of Object.entries(made)) {
      const result = await stack.project.pulumi(["import", typeToken("native", type), name, id, "--yes", "--generate-code=false", "--protect=false"]);
      expect(result.stdout + result.stderr).toContain(`${type} "${name}" (${id}) was imported without its secret`);
    }
    expect(Object.keys(requestsBesidesClock(emulator)).every((route) => route.startsWith("GET "))).toBe(true);
    const state = await stack.project.resources();
    for (const [name, { type, id }] of Object.entries(made)) {
      expect(state.find((r) => r.urn.endsWith(`::${name}`))).toMatchObject({ type: typeToken("native", type), id });
    }
    expect(state.find((r) => r.urn.endsWith("::ext-api"))?.inputs).toEqual({ name: "ext-api", scopes: ["logs.read", "metrics.read"], enabled: true, expirationDate: expires });

    await apply([
      ...specs,
      { resource: "ext-api", kind: "api", scopes: ["metrics.read", "logs.read"], expirationDate: expires },
      { resource: "ext-pat", kind: "personal", scopes: ["entities.read"] },
      { resource: "ext-paas", kind: "paas" },
      { resource: "ext-ag", kind: "activeGate", expirationDate: expires },
    ]);
    const preview = await stack.project.preview();
    expect(preview.steps.filter((s) => s.op !== "same")).toEqual([]);
    emulator.resetRequests();
    await stack.project.up();
    expect(requestsBesidesClock(emulator)).toEqual({});
    const ids = await stack.ids();
    for (const [name, { id }] of Object.entries(made)) expect(ids[name]).toBe(id);

    // The `import` resource option, which the dynamic classes must refuse, adopts too.
    const byOption = emulator.seedToken({ name: "ext-option", scopes: ["metrics.read"] });
    secrets.add(byOption.token);
    await apply([...specs, { resource: "ext-option", kind: "api", scopes: ["metrics.read"], importId: byOption.id }]);
    emulator.resetRequests();
    await stack.project.up();
    expect(Object.keys(requestsBesidesClock(emulator)).every((route) => route.startsWith("GET "))).toBe(true);
    expect((await stack.ids())["ext-option"]).toBe(byOption.id);
  });

  it("refuses a bad input at preview with the sentence, before any API call", async () => {
    await apply(withSpec(specs, "mine", { scopes: ["metrics.reed"] }));
    emulator.resetRequests();
    const preview = await stack.project.preview({ allowFailure: true });
    expect(preview.result.code).not.toBe(0);
    expect(diagnostics(preview)).toContain('"metrics.reed" is not a Dynatrace scope — did you mean "metrics.read"?');
    // At most the clock reading the other tokens' diffs take (they have expiration dates).
    expect(requestsBesidesClock(emulator)).toEqual({});

    await apply(withSpec(specs, "mine", { scopes: ["metrics.read"], extraArgs: { scope: ["metrics.read"] } }));
    const refused = await stack.project.preview({ allowFailure: true });
    expect(diagnostics(refused)).toContain('PersonalAccessToken "mine": PersonalAccessToken has no property "scope" (did you mean "scopes"?)');
    expect(requestsBesidesClock(emulator)).toEqual({});
    await apply(withSpec(specs, "mine", { scopes: ["metrics.read"], extraArgs: undefined }));
  });

  it("refuses bad provider config at preview naming the key, before any API call", async () => {
    await stack.project.setConfig("dynatrace-tokens:envUrl", "ftp://abc12345.live.dynatrace.com");
    emulator.resetRequests();
    const preview = await stack.project.preview({ allowFailure: true });
    const printed = diagnostics(preview);
    expect(preview.result.code).not.toBe(0);
    expect(printed).toContain('dynatrace-tokens:envUrl "ftp://abc12345.live.dynatrace.com" must use https');
    expect(printed).not.toMatch(/\n\s+at \S.*:\d+:\d+\)?/);
    expect(emulator.requests().total).toBe(0);
    await stack.project.setConfig("dynatrace-tokens:envUrl", emulator.url);
  });

  it("never prints or exports a token secret", async () => {
    expect(secrets.size).toBeGreaterThanOrEqual(9);
    await stack.expectNoSecretsPrinted(secrets);
  });

  it("leaves nothing at the emulator after destroy", async () => {
    await stack.project.destroy();
    expect(await stack.project.resources()).toEqual([]);
    expect((await listApiTokens(emulator)).map((t) => t.name)).toEqual(["emulator-admin"]);
    expect(await listActiveGateTokens(emulator)).toEqual([]);
  });
});

describe("native provider plugin found through Pulumi.yaml, with explicit providers for two environments", () => {
  let prod: RunningEmulator;
  let staging: RunningEmulator;
  let project: PulumiProject;

  beforeAll(async () => {
    [prod, staging] = await Promise.all([startEmulator(), startEmulator()]);
    const consumerDir = await prepareConsumer();
    project = await PulumiProject.create(consumerDir, {
      fixture: "native-providers",
      ...faceOptions("native", consumerDir, "project"),
      config: {
        "environments:prodUrl": prod.url,
        "environments:prodToken": { secret: prod.adminToken },
        "environments:stagingUrl": staging.url,
        "environments:stagingToken": { secret: staging.adminToken },
      },
    });
  });

  afterAll(async () => {
    project?.cleanup();
    await Promise.all([prod?.close(), staging?.close()]);
  });

  it("previews a provider whose API token the program has yet to create, without refusing its unknown apiToken", async () => {
    const preview = await project.pulumi(["preview", "--json"]);
    const steps = (JSON.parse(preview.stdout) as { steps: Array<{ urn: string; op: string }> }).steps;
    expect(steps.filter((s) => s.urn.endsWith("::delegated") || s.urn.endsWith("::made-by-delegated")).map((s) => s.op)).toEqual(["create", "create"]);
    expect(preview.stdout + preview.stderr).not.toContain("does not look like");
  });

  it("creates each token in its provider's environment, and a tenant token rotation step", async () => {
    const up = await project.up();
    expect(up.stdout + up.stderr).not.toContain("from $PATH");
    const outputs = await project.outputs();
    expect((await getApiToken(prod, outputs.prodId as string))?.name).toBe("ingest");
    expect((await getApiToken(staging, outputs.stagingId as string))?.name).toBe("ingest");
    expect(await getApiToken(prod, outputs.stagingId as string)).toBeUndefined();
    // The delegated provider authenticated with the token this program made.
    expect((await getApiToken(prod, outputs.delegatedId as string))?.name).toBe("made-by-delegated");
    expect(outputs.phase).toBe("rotating");
    expect(staging.tenantTokens().valid).toHaveLength(2);
    // The function answered through the staging provider: its tenant token, as a secret.
    expect(outputs.tenantToken).toBe("[secret]");
    expect((await project.outputs({ showSecrets: true })).tenantToken).toBe(staging.tenantTokens().active);
  });

  it("keeps the providers' API tokens encrypted in the state, and never prints them", async () => {
    const exported = await project.exportText();
    expect(exported).not.toContain(prod.adminToken);
    expect(exported).not.toContain(staging.adminToken);
    const providers = (await project.resources()).filter((r) => r.type === "pulumi:providers:dynatrace-tokens");
    expect(providers.map((p) => p.urn.split("::").pop()).sort()).toEqual(["delegated", "prod", "staging"]);
    for (const provider of providers) expect(provider.inputs?.apiToken).toMatchObject({ ciphertext: expect.any(String) });
  });

  it("rotates the token a provider authenticates with once it nears expiry, and that provider's tokens stay", async () => {
    const before = await project.outputs();
    prod.clock.advance(25 * 24 * 60 * 60 * 1000); // 5 of 30 days left: inside rotateBefore's 7
    await project.up();
    const after = await project.outputs();
    expect(after.managerId).not.toBe(before.managerId);
    expect(await getApiToken(prod, before.managerId as string)).toBeUndefined();
    // The delegated provider's apiToken changed: an update of the provider, never a replacement of its tokens.
    expect(after.delegatedId).toBe(before.delegatedId);
    expect((await getApiToken(prod, after.delegatedId as string))?.name).toBe("made-by-delegated");
    // Refresh reads the delegated token with the new credential the provider recorded; nothing changes.
    const refresh = await project.pulumi(["refresh", "--yes", "--expect-no-changes"], { allowFailure: true });
    expect(refresh.code, refresh.stdout + refresh.stderr).toBe(0);
  });

  it("destroys in both environments", async () => {
    await project.destroy();
    expect((await listApiTokens(prod)).map((t) => t.name)).toEqual(["emulator-admin"]);
    expect((await listApiTokens(staging)).map((t) => t.name)).toEqual(["emulator-admin"]);
  });
  it("refuses an explicit provider's bad argument at preview, naming that provider's argument rather than a stack config key", async () => {
    await project.pulumi(["config", "set", "environments:stagingUrl", "ftp://staging.example"]);
    staging.resetRequests();
    const preview = await project.pulumi(["preview"], { allowFailure: true });
    expect(preview.code).not.toBe(0);
    expect(preview.stdout + preview.stderr).toContain(`Provider "staging"'s envUrl "ftp://staging.example" must use https. Pass the environment's address as Provider "staging"'s envUrl argument`);
    expect(preview.stdout + preview.stderr).not.toContain("pulumi config set dynatrace-tokens:envUrl");
    expect(staging.requests().total).toBe(0);
  });
});
