// The native plugin's gRPC service, called the way the engine calls it (an in-process client against the server on
// port 0), against the emulator: the wire format of secrets and unknowns, the presets, the detailed diff's kinds,
// previews that ask nothing of Dynatrace, `pulumi import` by id, functions, sentences without stacks, and Cancel.
import type { Struct } from "google-protobuf/google/protobuf/struct_pb";
import type * as grpcTypes from "@grpc/grpc-js";
import type { ResourceProviderClient } from "@pulumi/pulumi/proto/provider_grpc_pb";
import type * as proto from "@pulumi/pulumi/proto/provider_pb";
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { stackTag } from "../../provider/client/createMarker";
import { closeConnections, setConnectionDefaults } from "../../provider/connection";
import { resetConfiguration } from "../../provider/config";
import { setLogSink } from "../../provider/log";
import { decode, encode, reveal, Secret, SECRET_SIGNATURE, SIGNATURE_KEY, carrySecrets, type Properties } from "../../provider/native/marshal";
import { grpc, providerProto, providerService, statusProto } from "../../provider/native/protocol";
import { startProviderServer } from "../../provider/native/server";
import { UNKNOWN } from "../../provider/validation/unknown";
import { unknownPropertiesMessage } from "../../provider/validation/unknownProperties";
import { API_TOKEN } from "../../provider/properties";
import { argumentNames } from "../../provider/properties/names";
import { TOKEN_SECRET_PATTERN } from "../../provider/tokenFormat";
import { repoRoot } from "../harness/paths";

type Props = Record<string, unknown>;
const urnOf = (type: string, name: string) => `urn:pulumi:dev::shop::dynatrace-tokens:index:${type}::${name}`;

describe("the native plugin's ResourceProvider service", () => {
  let emulator: RunningEmulator;
  let server: { tryShutdown(cb: () => void): void };
  let client: ResourceProviderClient;
  const logs: string[] = [];
  let restoreLog: () => void;

  /** One unary call, as a promise; a failure rejects with the gRPC error (its `details` is what the CLI prints). */
  function call<Req, Res>(method: string, request: Req): Promise<Res> {
    return new Promise((resolve, reject) => {
      (client as unknown as Record<string, (r: Req, cb: (e: Error | null, v: Res) => void) => void>)[method]!.call(client, request, (error, value) =>
        error ? reject(error) : resolve(value),
      );
    });
  }

  async function check(type: string, name: string, news: Props, olds: Props = {}): Promise<{ inputs: Properties; failures: Array<{ property: string; reason: string }> }> {
    const req = new providerProto.CheckRequest().setUrn(urnOf(type, name)).setOlds(encode(olds)).setNews(encode(news));
    const res = await call<proto.CheckRequest, proto.CheckResponse>("check", req);
    return { inputs: decode(res.getInputs()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
  }

  async function create(type: string, name: string, inputs: Props, preview = false): Promise<{ id: string; outs: Properties }> {
    const req = new providerProto.CreateRequest().setUrn(urnOf(type, name)).setProperties(encode(inputs)).setPreview(preview);
    const res = await call<proto.CreateRequest, proto.CreateResponse>("create", req);
    return { id: res.getId(), outs: decode(res.getProperties()) };
  }

  async function diff(type: string, name: string, id: string, oldInputs: Props, olds: Props, news: Props) {
    const req = new providerProto.DiffRequest()
      .setUrn(urnOf(type, name))
      .setId(id)
      .setOldInputs(encode(oldInputs))
      .setOlds(encode(olds))
      .setNews(encode(news));
    const res = await call<proto.DiffRequest, proto.DiffResponse>("diff", req);
    const detailed: Record<string, { kind: string; inputDiff: boolean }> = {};
    const kinds = Object.fromEntries(Object.entries(providerProto.PropertyDiff.Kind).map(([k, v]) => [v, k]));
    res.getDetaileddiffMap().forEach((entry, key) => (detailed[key] = { kind: kinds[entry.getKind()]!, inputDiff: entry.getInputdiff() }));
    return {
      changes: res.getChanges(),
      replaces: res.getReplacesList(),
      diffs: res.getDiffsList(),
      hasDetailedDiff: res.getHasdetaileddiff(),
      detailed,
    };
  }

  /** A token made through check and create, with its checked inputs (secrets as the engine would keep them). */
  async function made(type: string, name: string, args: Props) {
    const { inputs, failures } = await check(type, name, args);
    expect(failures).toEqual([]);
    const { id, outs } = await create(type, name, inputs);
    return { id, inputs, outs };
  }

  beforeAll(async () => {
    emulator = await startEmulator();
    setConnectionDefaults({ retry: { minDelayMs: 10, maxDelayMs: 200 } });
    restoreLog = setLogSink((line) => logs.push(line));
    const started = await startProviderServer();
    server = started.server;
    client = new providerService.ResourceProviderClient(`127.0.0.1:${started.port}`, grpc.credentials.createInsecure()) as ResourceProviderClient;
    const configureRequest = new providerProto.ConfigureRequest()
      .setArgs(encode({ envUrl: emulator.url, apiToken: new Secret(emulator.adminToken) }))
      .setAcceptsecrets(true);
    const configured = await call<proto.ConfigureRequest, proto.ConfigureResponse>("configure", configureRequest);
    expect(configured.getAcceptsecrets()).toBe(true);
    expect(configured.getSupportspreview()).toBe(true);
  });

  afterAll(async () => {
    client?.close();
    await new Promise<void>((resolve) => (server ? server.tryShutdown(resolve) : resolve()));
    restoreLog?.();
    await closeConnections();
    resetConfiguration();
    await emulator?.close();
  });

  describe("wire format", () => {
    it("decodes secrets into Secret and encodes them back in Pulumi's envelope; unknowns pass unchanged", () => {
      const wire = { token: { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: "s" }, scopes: ["a", UNKNOWN], nested: { inner: { [SIGNATURE_KEY]: SECRET_SIGNATURE, value: 1 } } };
      const decoded = decode(encode(wire as Props));
      expect(decoded.token).toBeInstanceOf(Secret);
      expect(reveal(decoded)).toEqual({ token: "s", scopes: ["a", UNKNOWN], nested: { inner: 1 } });
      expect((encode(decoded).toJavaScript() as Props).token).toEqual(wire.token);
      // undefined can't travel: left out.
      expect((encode({ a: undefined, b: [undefined] }) as Struct).toJavaScript()).toEqual({ b: [null] });
    });

    it("carries secrets from inputs to outputs as the engine does, property by property inside objects", () => {
      const inputs = decode(encode({ rotationTrigger: new Secret("x"), expirationDate: new Secret("now+1d"), adopt: { token: new Secret("t"), id: "i" } }));
      const outs = carrySecrets({ rotationTrigger: "x", requestedExpirationDate: "now+1d", adopt: { token: "t", id: "i" }, token: "s", name: "n" }, inputs, ["token"], {
        requestedExpirationDate: "expirationDate",
      });
      expect(outs.rotationTrigger).toBeInstanceOf(Secret);
      expect(outs.requestedExpirationDate).toBeInstanceOf(Secret);
      expect(outs.token).toBeInstanceOf(Secret);
      expect(outs.name).toBe("n");
      expect((outs.adopt as Props).token).toBeInstanceOf(Secret);
      expect((outs.adopt as Props).id).toBe("i");
    });
  });

  describe("plugin info and schema", () => {
    it("reports the package version", async () => {
      const info = await call<unknown, { getVersion(): string }>("getPluginInfo", new (await import("google-protobuf/google/protobuf/empty_pb")).Empty());
      expect(info.getVersion()).toBe(JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).version);
    });

    it("answers the committed schema.json", async () => {
      const answer = await call<proto.GetSchemaRequest, proto.GetSchemaResponse>("getSchema", new providerProto.GetSchemaRequest());
      expect(answer.getSchema()).toBe(fs.readFileSync(path.join(repoRoot, "schema.json"), "utf8"));
    });
  });

  describe("configuration", () => {
    async function checkConfig(news: Props, provider = "default") {
      const req = new providerProto.CheckRequest().setUrn(`urn:pulumi:dev::shop::pulumi:providers:dynatrace-tokens::${provider}`).setNews(encode(news));
      const res = await call<proto.CheckRequest, proto.CheckResponse>("checkConfig", req);
      return res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() }));
    }

    it("accepts good config, and the version the engine adds", async () => {
      expect(await checkConfig({ envUrl: emulator.url, apiToken: emulator.adminToken, version: "0.4.0" })).toEqual([]);
    });

    it("refuses a bad value naming its key, and an unknown key with a suggestion, one sentence each", async () => {
      expect(await checkConfig({ envUrl: "ftp://abc.example" })).toEqual([
        { property: "envUrl", reason: expect.stringMatching(/^dynatrace-tokens:envUrl "ftp:\/\/abc\.example" must use https\. .*pulumi config set dynatrace-tokens:envUrl/) },
      ]);
      expect(await checkConfig({ apiToken: "not-a-token" })).toEqual([
        { property: "apiToken", reason: expect.stringMatching(/^dynatrace-tokens:apiToken does not look like a Dynatrace access token/) },
      ]);
      expect(await checkConfig({ environments: { prod: { envUrl: "https://abc.live.dynatrace.com", apiToken: "x" } } })).toEqual([
        { property: "environments", reason: expect.stringContaining("dynatrace-tokens:environments.prod.apiToken does not look like") },
      ]);
      const [failure] = await checkConfig({ envURL: "https://abc.live.dynatrace.com" });
      expect(failure).toEqual({ property: "envURL", reason: expect.stringContaining('dynatrace-tokens has no config key "envURL" (did you mean "envUrl"?)') });
    });

    it("names an explicit provider's arguments, not stack config, in its sentences", async () => {
      expect(await checkConfig({ envUrl: "ftp://abc.example" }, "prod")).toEqual([
        {
          property: "envUrl",
          reason: expect.stringMatching(/^Provider "prod"'s envUrl "ftp:\/\/abc\.example" must use https\. Pass the environment's address as Provider "prod"'s envUrl argument/),
        },
      ]);
      const [token] = await checkConfig({ environments: { eu: { envUrl: "https://abc.live.dynatrace.com", apiToken: "x" } } }, "prod");
      expect(token).toEqual({ property: "environments", reason: expect.stringContaining(`Provider "prod"'s environments.eu.apiToken does not look like`) });
      expect(token!.reason).not.toContain("pulumi config set");
      // A default provider of a pinned version is still the stack config's.
      expect((await checkConfig({ envUrl: "ftp://abc.example" }, "default_0_4_0"))[0]!.reason).toMatch(/^dynatrace-tokens:envUrl /);
    });

    it("leaves values not known at preview (another resource's outputs) to Configure", async () => {
      expect(await checkConfig({ envUrl: UNKNOWN, apiToken: UNKNOWN }, "prod")).toEqual([]);
      expect(await checkConfig({ environments: { eu: { envUrl: UNKNOWN, apiToken: UNKNOWN } } })).toEqual([]);
      expect(await checkConfig({ environments: UNKNOWN })).toEqual([]);
    });

    it("never replaces the provider when its config changes", async () => {
      const req = new providerProto.DiffRequest()
        .setUrn("urn:pulumi:dev::shop::pulumi:providers:dynatrace-tokens::prod")
        .setOldInputs(encode({ envUrl: "https://a.live.dynatrace.com" }))
        .setOlds(encode({ envUrl: "https://a.live.dynatrace.com" }))
        .setNews(encode({ envUrl: "https://b.live.dynatrace.com", apiToken: new Secret("x") }));
      const res = await call<proto.DiffRequest, proto.DiffResponse>("diffConfig", req);
      expect(res.getChanges()).toBe(providerProto.DiffResponse.DiffChanges.DIFF_SOME);
      expect(res.getReplacesList()).toEqual([]);
      expect(res.getDiffsList().sort()).toEqual(["apiToken", "envUrl"]);
    });
  });

  describe("check", () => {
    it("applies each class's presets: the resource name, personalAccessToken, a PaaS token's scopes", async () => {
      expect((await check("ApiToken", "ingest", { scopes: ["metrics.ingest"] })).inputs).toMatchObject({ name: "ingest", personalAccessToken: false, enabled: true });
      expect((await check("PersonalAccessToken", "mine", { name: "me", scopes: ["metrics.read"] })).inputs).toMatchObject({ name: "me", personalAccessToken: true });
      expect((await check("PaasToken", "installer", { supportAlert: true })).inputs).toMatchObject({ scopes: ["InstallerDownload", "SupportAlert"], personalAccessToken: false });
      expect((await check("PaasToken", "installer", {})).inputs).toMatchObject({ scopes: ["InstallerDownload"] });
      expect((await check("PaasToken", "installer", { supportAlert: UNKNOWN })).inputs).toMatchObject({ scopes: UNKNOWN });
    });

    it("keeps a secret input secret", async () => {
      const { inputs } = await check("ApiToken", "adopted", { scopes: ["metrics.read"], adopt: { token: new Secret("dt0c01.X.Y") }, rotationTrigger: new Secret(3) });
      expect((inputs.adopt as Props).token).toBeInstanceOf(Secret);
      expect(inputs.rotationTrigger).toBeInstanceOf(Secret);
    });

    it("refuses a property the class doesn't have with the SDK's sentence, before anything else", async () => {
      const { failures } = await check("ApiToken", "ingest", { scope: ["metrics.ingest"] });
      // The sentence the SDK's declaration refuses with: the class's arguments from its property table.
      const sentence = unknownPropertiesMessage("ApiToken", "ingest", { scope: [] }, argumentNames(API_TOKEN));
      expect(failures).toEqual([{ property: "scope", reason: sentence!.message }]);
      expect(failures[0]!.reason).toContain('"scope" (did you mean "scopes"?)');
      expect((await check("PaasToken", "installer", { scopes: ["InstallerDownload"] })).failures.map((f) => f.property)).toEqual(["scopes"]);
      expect((await check("ApiToken", "x", { scopes: ["metrics.read"], adopt: { tokn: "t" } })).failures).toEqual([
        { property: "adopt.tokn", reason: expect.stringContaining('adopt has no property "tokn" (did you mean "token"?)') },
      ]);
    });

    it("reports a bad input with the provider's sentence", async () => {
      const { failures } = await check("ApiToken", "ingest", { scopes: ["metrics.reed"] });
      expect(failures).toEqual([{ property: expect.any(String), reason: expect.stringContaining('"metrics.reed" is not a Dynatrace scope — did you mean "metrics.read"') }]);
    });
  });

  describe("create", () => {
    it("asks nothing of Dynatrace in a preview, and says what it knows of the outputs", async () => {
      const { inputs } = await check("ApiToken", "preview", { scopes: ["metrics.read"], expirationDate: "now+30d" });
      emulator.resetRequests();
      const { id, outs } = await create("ApiToken", "preview", inputs, true);
      expect(emulator.requests().total).toBe(0);
      expect(id).toBe("");
      expect(reveal(outs)).toEqual({ name: "preview", scopes: ["metrics.read"], enabled: true, personalAccessToken: false, requestedExpirationDate: "now+30d" });
    });

    it("keeps a token whose create succeeded but whose finishing failed: the engine gets its id and outputs", async () => {
      const { inputs } = await check("ApiToken", "half", { scopes: ["metrics.read"], enabled: false });
      emulator.setFaults([{ route: "/api/v2/apiTokens/*", method: "PUT", errorRate: 1, errorStatus: 500 }]);
      const error = (await create("ApiToken", "half", inputs).catch((e: unknown) => e)) as { details: string; metadata: grpcTypes.Metadata };
      emulator.clearFaults();
      expect(error.details).toMatch(/^API token dt0c01\.\w+ was created, but finishing it failed: /);
      const [details] = error.metadata.get("grpc-status-details-bin") as Buffer[];
      const [packed] = statusProto.Status.deserializeBinary(details!).getDetailsList();
      expect(packed!.getTypeName()).toBe("pulumirpc.ErrorResourceInitFailed");
      const failed = providerProto.ErrorResourceInitFailed.deserializeBinary(packed!.getValue_asU8());
      const outs = decode(failed.getProperties());
      expect(failed.getId()).toMatch(/^dt0c01\./);
      expect(outs.token).toBeInstanceOf(Secret);
      expect(reveal<Props>(outs)).toMatchObject({ name: "half", enabled: true });
      // The plugin always returns tokenId, here too.
      expect(reveal<Props>(outs).tokenId).toBe(failed.getId());
      expect(reveal<Props>(decode(failed.getInputs()))).toMatchObject({ enabled: false });
    });

    it("returns the token as a secret, marked with the stack of the URN", async () => {
      const { id, outs } = await made("ApiToken", "ingest", { scopes: ["metrics.ingest"] });
      expect(outs.token).toBeInstanceOf(Secret);
      expect(reveal<Props>(outs).token).toMatch(new RegExp(`^${id.replace(".", "\\.")}\\.`));
      expect(outs.dynatraceName).toContain(`⟨pulumi ${stackTag("shop", "dev")}.`);
    });

    // Issue 19: a Python, Go or YAML program reads `tokenId` exactly as the plugin returns it; the provider stores it
    // only once a rotation in place makes it differ, so the plugin returns the id (the table's fallback) until then.
    it("returns tokenId, the resource's id, for a token that never rotated in place", async () => {
      const api = await made("ApiToken", "in-use", { scopes: ["metrics.read"] });
      expect(api.outs.tokenId).toBe(api.id);
      const gate = await made("ActiveGateToken", "gate-in-use", {});
      expect(gate.outs.tokenId).toBe(gate.id);
    });
  });

  describe("diff", () => {
    it("says per property whether it updates or replaces, and whether the program changed it", async () => {
      const { id, inputs, outs } = await made("ApiToken", "t1", { scopes: ["metrics.read"], expirationDate: "now+30d" });
      const plain = reveal<Props>(outs);
      const unchanged = await diff("ApiToken", "t1", id, inputs, plain, inputs);
      expect(unchanged).toMatchObject({ changes: providerProto.DiffResponse.DiffChanges.DIFF_NONE, replaces: [], hasDetailedDiff: true, detailed: {} });

      const next = (await check("ApiToken", "t1", { scopes: ["metrics.read", "logs.read"], expirationDate: "now+60d", rotateBefore: "7d" }, inputs)).inputs;
      const changed = await diff("ApiToken", "t1", id, inputs, plain, next);
      expect(changed.changes).toBe(providerProto.DiffResponse.DiffChanges.DIFF_SOME);
      expect(changed.replaces).toEqual(["expirationDate"]);
      expect(changed.detailed).toEqual({
        scopes: { kind: "UPDATE", inputDiff: true },
        rotateBefore: { kind: "ADD", inputDiff: true },
        expirationDate: { kind: "UPDATE_REPLACE", inputDiff: true },
      });
      const { expirationDate: _dropped, ...withoutDate } = inputs;
      expect((await diff("ApiToken", "t1", id, inputs, plain, withoutDate)).detailed).toEqual({ expirationDate: { kind: "DELETE_REPLACE", inputDiff: true } });
    });

    it("shows time's work as output changes: an expired token's `expired`, a due rotateBefore", async () => {
      const { id, inputs, outs } = await made("ActiveGateToken", "ag1", { expirationDate: "now+10d", rotateBefore: "3d" });
      emulator.clock.advance(8 * 24 * 3600 * 1000);
      // Any answer tells the provider the server's clock; it extrapolates from the last one.
      await call("invoke", new providerProto.InvokeRequest().setTok("dynatrace-tokens:index:getTenantToken").setArgs(encode({})));
      const due = await diff("ActiveGateToken", "ag1", id, inputs, reveal(outs), inputs);
      expect(due.replaces).toEqual(["rotateBefore"]);
      // Nothing in the program changed: the replacement is time's.
      expect(due.detailed).toEqual({ rotateBefore: { kind: "UPDATE_REPLACE", inputDiff: false } });

      const plainToken = await made("ApiToken", "old", { scopes: ["metrics.read"], expirationDate: "now+1d" });
      emulator.clock.advance(2 * 24 * 3600 * 1000);
      await call("invoke", new providerProto.InvokeRequest().setTok("dynatrace-tokens:index:getTenantToken").setArgs(encode({})));
      const expired = await diff("ApiToken", "old", plainToken.id, plainToken.inputs, reveal(plainToken.outs), plainToken.inputs);
      expect(expired.replaces).toEqual([]);
      expect(expired.detailed).toEqual({ expired: { kind: "UPDATE", inputDiff: false } });
    });

    it("fails with the sentence alone, no stack", async () => {
      const { id, inputs, outs } = await made("ApiToken", "adopting", { scopes: ["metrics.read"] });
      const error = await diff("ApiToken", "adopting", id, inputs, reveal(outs), { ...inputs, rotationTrigger: 2, adopt: { id } }).catch((e: { details: string }) => e);
      expect((error as { details: string }).details).toMatch(/^API token dt0c01\.\w+ must be replaced \(rotationTrigger changed\), but `adopt` is still set.*then run again\.$/s);
      expect((error as { details: string }).details).not.toContain("    at ");
    });
  });

  describe("pulumi import (Read with only an id)", () => {
    async function read(type: string, name: string, id: string) {
      const req = new providerProto.ReadRequest().setUrn(urnOf(type, name)).setId(id).setProperties(encode({}));
      const res = await call<proto.ReadRequest, proto.ReadResponse>("read", req);
      return { id: res.getId(), outs: reveal<Props>(decode(res.getProperties())), inputs: reveal<Props>(decode(res.getInputs())) };
    }

    it("returns the inputs a program of each class writes, and outputs without a secret, with a warning", async () => {
      const api = await made("ApiToken", "i1", { name: "external", scopes: ["metrics.read", "logs.read"], expirationDate: "2030-01-01T00:00:00Z" });
      logs.length = 0;
      const imported = await read("ApiToken", "ext", api.id);
      expect(imported.id).toBe(api.id);
      expect(imported.inputs).toEqual({ name: "external", scopes: ["logs.read", "metrics.read"], enabled: true, expirationDate: "2030-01-01T00:00:00.000Z" });
      expect(imported.outs).toMatchObject({ name: "external", adopted: "id", scopes: ["logs.read", "metrics.read"] });
      expect(imported.outs.token).toBeUndefined();
      expect(imported.outs.tokenId).toBe(api.id);
      expect(logs.join("\n")).toContain(`ApiToken "ext" (${api.id}) was imported without its secret`);

      const pat = await made("PersonalAccessToken", "i2", { scopes: ["metrics.read"] });
      expect((await read("PersonalAccessToken", "p", pat.id)).inputs).toEqual({ name: "i2", scopes: ["metrics.read"], enabled: true });
      await expect(read("ApiToken", "p", pat.id)).rejects.toMatchObject({ details: expect.stringContaining(`${pat.id} is a personal access token: import it as dynatrace-tokens:index:PersonalAccessToken`) });

      const paas = await made("PaasToken", "i3", { supportAlert: true });
      expect((await read("PaasToken", "q", paas.id)).inputs).toEqual({ name: "i3", supportAlert: true, enabled: true });
      await expect(read("PaasToken", "q", api.id)).rejects.toMatchObject({ details: expect.stringContaining("a PaaS token has InstallerDownload") });

      const ag = await made("ActiveGateToken", "i4", { seedToken: true });
      expect((await read("ActiveGateToken", "g", ag.id)).inputs).toEqual({ name: "i4", activeGateType: "ENVIRONMENT", seedToken: true });
    });

    // Issue 20: the engine keeps the arguments Read returned as an imported resource's inputs, without the class's
    // presets; the next preview must read them as the same token (an expired one included, whose date is never
    // judged again while it is unchanged).
    it("checks the program of an imported token against its imported inputs as unchanged, expired or not", async () => {
      const past = new Date(Date.now() - 30 * 24 * 60 * 60 * 1000);
      const cases: Array<[string, Parameters<RunningEmulator["seedToken"]>[0]]> = [
        ["PersonalAccessToken", { personalAccessToken: true, scopes: ["metrics.read"] }],
        ["ApiToken", { scopes: ["metrics.read"] }],
        ["PaasToken", { scopes: ["InstallerDownload", "SupportAlert"] }],
        ["ActiveGateToken", { kind: "activeGate", activeGateType: "ENVIRONMENT" }],
      ];
      for (const [type, fields] of cases) {
        const { id } = emulator.seedToken({ name: `old ${type}`, expirationDate: past, ...fields });
        const imported = await read(type, "old", id);
        expect(imported.inputs.expirationDate).toBe(past.toISOString());
        const program = { ...imported.inputs };
        delete program.enabled;
        expect((await check(type, "old", program, imported.inputs)).failures, type).toEqual([]);
      }
    });

    it("answers no id for a token that doesn't exist, and a sentence for a tenant token rotation", async () => {
      expect((await read("ApiToken", "gone", "dt0c01.AAAAAAAAAAAAAAAAAAAAAAAA")).id).toBe("");
      await expect(read("TenantTokenRotation", "r", "x")).rejects.toMatchObject({ details: expect.stringMatching(/a tenant token rotation has nothing to import/) });
    });
  });

  describe("read (the refresh step)", () => {
    async function configureWith(apiToken: string) {
      const req = new providerProto.ConfigureRequest().setArgs(encode({ envUrl: emulator.url, apiToken: new Secret(apiToken) })).setAcceptsecrets(true);
      await call<proto.ConfigureRequest, proto.ConfigureResponse>("configure", req);
    }

    // Issue 21: a refresh uses the credential recorded at the last `pulumi up`; the way out of its rejection is an up
    // without --refresh, as the dynamic face says (test/provider/sentenceErrors.test.ts).
    it("tells a rejected credential as the refresh step's, with `pulumi up` without --refresh as the way out", async () => {
      const { id, outs } = await made("ApiToken", "refreshed", { scopes: ["metrics.read"] });
      const stale = emulator.seedToken({ name: "stale admin", scopes: ["apiTokens.read", "apiTokens.write"], expirationDate: new Date(Date.now() - 24 * 3600 * 1000) });
      await configureWith(stale.token);
      try {
        const req = new providerProto.ReadRequest().setUrn(urnOf("ApiToken", "refreshed")).setId(id).setProperties(encode(outs));
        const error = (await call<proto.ReadRequest, proto.ReadResponse>("read", req).catch((e: unknown) => e)) as { details: string };
        expect(error.details).toMatch(/rejected the API token/);
        expect(error.details).toContain("This failed in a refresh (`pulumi refresh`, or the refresh step of `pulumi up --refresh`");
        expect(error.details).toContain("run `pulumi up` without `--refresh` next, which records the current one (or `pulumi refresh --run-program` first)");
        expect(error.details).not.toContain("    at ");
      } finally {
        await configureWith(emulator.adminToken);
      }
    });
  });

  describe("functions", () => {
    async function invoke(tok: string, args: Props) {
      const res = await call<proto.InvokeRequest, proto.InvokeResponse>("invoke", new providerProto.InvokeRequest().setTok(tok).setArgs(encode(args)));
      return { result: decode(res.getReturn()), failures: res.getFailuresList().map((f) => ({ property: f.getProperty(), reason: f.getReason() })) };
    }

    it("answers getTenantToken with the tenant token as a secret", async () => {
      const { result } = await invoke("dynatrace-tokens:index:getTenantToken", {});
      expect(result.tenantToken).toBeInstanceOf(Secret);
      expect(reveal<Props>(result).tenantToken).toBe(emulator.tenantTokens().active);
      expect(reveal<Props>(result).tenantUUID).toEqual(expect.any(String));
    });

    it("answers the agent hand-off helpers in the shapes of the table, with the token as a secret, and refuses a missing token", async () => {
      const { result } = await invoke("dynatrace-tokens:index:activeGateAuthorizationLine", { token: "dt0g02.ABCDEFGH.x" });
      expect(result.line).toBeInstanceOf(Secret);
      expect(reveal<Props>(result)).toEqual({ line: "authToken=dt0g02.ABCDEFGH.x" });
      expect(reveal<Props>((await invoke("dynatrace-tokens:index:oneAgentSetTenantTokenCommand", { token: "t" })).result)).toEqual({
        command: "oneagentctl --set-tenant-token=t --restart-service",
      });
      const manifest = (await invoke("dynatrace-tokens:index:tenantTokenSecret", { token: "t", metadata: { name: "s" } })).result;
      expect(manifest.stringData).toBeInstanceOf(Secret);
      expect(reveal<Props>(manifest)).toEqual({ apiVersion: "v1", kind: "Secret", metadata: { name: "s" }, type: "Opaque", stringData: { tenantToken: "t" } });
      expect((await invoke("dynatrace-tokens:index:oneAgentSetTenantTokenCommand", {})).failures).toEqual([
        { property: "token", reason: "token must be the tenant token, got nothing" },
      ]);
    });
  });

  it("never puts a secret in a message", () => {
    expect(logs.join("\n").match(new RegExp(TOKEN_SECRET_PATTERN.source, "g")) ?? []).toEqual([]);
    expect(logs.join("\n")).not.toContain(emulator.adminToken);
  });

  // Last: Cancel stops this process's creates for good.
  it("creates nothing after Cancel", async () => {
    const { inputs } = await check("ApiToken", "late", { scopes: ["metrics.read"] });
    await call("cancel", new (await import("google-protobuf/google/protobuf/empty_pb")).Empty());
    emulator.resetRequests();
    await expect(create("ApiToken", "late", inputs)).rejects.toMatchObject({
      details: 'Not creating API token "late": the Pulumi operation that asked for it was cancelled.',
    });
    expect(emulator.requests().byRoute["POST /api/v2/apiTokens"]).toBeUndefined();
  });
});
