// Issue 4, lifecycle: every token kind under the real Pulumi CLI against the emulator — up creates each with the
// right scopes, a second preview and reordered scopes show no change, name/scopes/enabled update in place with one
// PUT, expirationDate and ActiveGate edits replace create-before-delete, destroy leaves nothing, and no secret is
// ever printed or exported. Both faces: the dynamic resources and the native plugin's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLOCK_READING_ROUTE } from "../../provider/resources/rotation";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { FACES, type Face } from "../harness/faces";
import {
  getApiToken,
  listActiveGateTokens,
  listApiTokens,
  requestLog,
  stepsFor,
  TokensStack,
  type LiveApiToken,
  type TokenSpec,
} from "./tokensSupport";

const BASE: TokenSpec[] = [
  { resource: "ingest", kind: "api", name: "ingest", scopes: ["metrics.ingest", "logs.ingest", "openTelemetryTrace.ingest"], expirationDate: "now+90d" },
  { resource: "mine", kind: "personal", name: "mine", scopes: ["metrics.read", "entities.read"] },
  { resource: "installer", kind: "paas", name: "installer", supportAlert: true },
  { resource: "ag", kind: "activeGate", name: "ag", activeGateType: "ENVIRONMENT", seedToken: false, expirationDate: "now+6M" },
];

function withSpec(specs: TokenSpec[], resource: string, change: Partial<TokenSpec>): TokenSpec[] {
  return specs.map((s) => (s.resource === resource ? { ...s, ...change } : s));
}

describe.each(FACES)("token resources on the real CLI: lifecycle (%s)", (face: Face) => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let specs = BASE;
  let ids: Record<string, string> = {};
  const secrets = new Set<string | undefined>();

  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await TokensStack.create(emulator, { face });
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  async function apply(next: TokenSpec[]): Promise<void> {
    specs = next;
    await stack.setSpecs(specs);
  }

  async function remember(): Promise<void> {
    ids = await stack.ids();
    for (const secret of Object.values(await stack.secrets())) secrets.add(secret);
  }

  it("creates each kind with its scopes", async () => {
    await apply(BASE);
    emulator.resetRequests();
    await stack.project.up();
    expect(emulator.requests().byRoute["POST /api/v2/apiTokens"]).toBe(3);
    expect(emulator.requests().byRoute["POST /api/v2/activeGateTokens"]).toBe(1);
    await remember();

    const ingest = await getApiToken(emulator, ids.ingest!);
    expect(ingest).toMatchObject({ name: "ingest", enabled: true, personalAccessToken: false });
    expect([...ingest!.scopes].sort()).toEqual(["logs.ingest", "metrics.ingest", "openTelemetryTrace.ingest"]);
    expect(ingest!.expirationDate).toBeDefined();

    const mine = await getApiToken(emulator, ids.mine!);
    expect(mine).toMatchObject({ name: "mine", enabled: true, personalAccessToken: true });
    expect([...mine!.scopes].sort()).toEqual(["entities.read", "metrics.read"]);

    const installer = await getApiToken(emulator, ids.installer!);
    expect(installer).toMatchObject({ name: "installer", enabled: true, personalAccessToken: false });
    expect([...installer!.scopes].sort()).toEqual(["InstallerDownload", "SupportAlert"]);

    expect(ids.ag).toMatch(/^dt0g02\.[A-Z0-9]{8}$/);
    expect(await listActiveGateTokens(emulator)).toEqual([expect.objectContaining({ id: ids.ag, name: "ag" })]);

    const tokenSecrets = await stack.secrets();
    expect(tokenSecrets.ingest).toMatch(new RegExp(`^${ids.ingest!.replace(".", "\\.")}\\.[A-Z0-9]{64}$`));
    expect(tokenSecrets.ag).toMatch(new RegExp(`^${ids.ag!.replace(".", "\\.")}\\.[A-Z0-9]{64}$`));
  });

  it("previews no changes on a second run", async () => {
    emulator.resetRequests();
    const preview = await stack.project.preview();
    // The CLI lists only the stack among unchanged steps; the summary counts every resource (4 tokens + the stack).
    expect(preview.changeSummary).toEqual({ same: 5 });
    expect(preview.steps.filter((s) => s.op !== "same")).toEqual([]);
    expect(emulator.requests().byRoute["POST /api/v2/apiTokens"]).toBeUndefined();
  });

  it("shows no change when scopes are reordered", async () => {
    await apply(withSpec(specs, "ingest", { scopes: ["openTelemetryTrace.ingest", "logs.ingest", "metrics.ingest"] }));
    await apply(withSpec(specs, "mine", { scopes: ["entities.read", "metrics.read"] }));
    const preview = await stack.project.preview();
    expect(preview.changeSummary).toEqual({ same: 5 });
  });

  const inPlace: Array<[string, Partial<TokenSpec>, Partial<LiveApiToken>]> = [
    ["name", { name: "ingest-renamed" }, { name: "ingest-renamed" }],
    ["scopes", { scopes: ["metrics.ingest", "logs.ingest"] }, { scopes: ["logs.ingest", "metrics.ingest"] }],
    ["enabled", { enabled: false }, { enabled: false }],
  ];
  for (const [what, change, expected] of inPlace) {
    it(`updates ${what} in place with one PUT`, async () => {
      await apply(withSpec(specs, "ingest", change));
      const preview = await stack.project.preview();
      expect(stepsFor(preview.steps, "ingest").map((s) => s.op)).toEqual(["update"]);
      expect(preview.changeSummary).toEqual({ same: 4, update: 1 });

      emulator.resetRequests();
      await stack.project.up();
      const byRoute = emulator.requests().byRoute;
      expect(byRoute["PUT /api/v2/apiTokens/{id}"]).toBe(1);
      expect(byRoute["POST /api/v2/apiTokens"]).toBeUndefined();
      expect(byRoute["DELETE /api/v2/apiTokens/{id}"]).toBeUndefined();

      expect((await stack.ids()).ingest).toBe(ids.ingest);
      const live = await getApiToken(emulator, ids.ingest!);
      expect({ ...live, scopes: [...live!.scopes].sort() }).toMatchObject(expected);
    });
  }

  it("updates a personal access token's scopes in place with one PUT", async () => {
    await apply(withSpec(specs, "mine", { scopes: ["metrics.read"] }));
    emulator.resetRequests();
    await stack.project.up();
    expect(emulator.requests().byRoute["PUT /api/v2/apiTokens/{id}"]).toBe(1);
    expect((await stack.ids()).mine).toBe(ids.mine);
    expect((await getApiToken(emulator, ids.mine!))?.scopes).toEqual(["metrics.read"]);
  });

  it("replaces on expiration change, creating the new token before deleting the old one", async () => {
    await apply(withSpec(specs, "ingest", { expirationDate: "now+60d" }));
    const preview = await stack.project.preview();
    // `preview --json` folds create-replacement and delete-replaced into the one replace step; the order is
    // proven below from the emulator's request log.
    expect(stepsFor(preview.steps, "ingest").map((s) => s.op)).toEqual(["replace"]);
    expect(stepsFor(preview.steps, "ingest")[0]?.replaceReasons).toEqual(["expirationDate"]);

    const oldId = ids.ingest!;
    emulator.resetRequests();
    await stack.project.up();
    await remember();
    expect(ids.ingest).not.toBe(oldId);

    const log = (await requestLog(emulator)).filter((e) => (e.method === "POST" || e.method === "DELETE") && e.route !== CLOCK_READING_ROUTE);
    expect(log.map((e) => `${e.route} ${e.status}`)).toEqual([
      "POST /api/v2/apiTokens 201",
      "DELETE /api/v2/apiTokens/{id} 204",
    ]);
    expect(log[1]!.path).toContain(oldId);
    expect(await getApiToken(emulator, oldId)).toBeUndefined();
    // The replacement keeps the in-place edits made before.
    expect(await getApiToken(emulator, ids.ingest!)).toMatchObject({ name: "ingest-renamed", enabled: false });
  });

  it("replaces an ActiveGate token when seedToken changes, new one first", async () => {
    await apply(withSpec(specs, "ag", { seedToken: true }));
    const preview = await stack.project.preview();
    expect(stepsFor(preview.steps, "ag").map((s) => s.op)).toEqual(["replace"]);
    expect(stepsFor(preview.steps, "ag")[0]?.replaceReasons).toEqual(["seedToken"]);

    const oldId = ids.ag!;
    emulator.resetRequests();
    await stack.project.up();
    await remember();
    expect(ids.ag).not.toBe(oldId);
    const log = (await requestLog(emulator)).filter((e) => (e.method === "POST" || e.method === "DELETE") && e.route !== CLOCK_READING_ROUTE);
    expect(log.map((e) => e.route)).toEqual([
      "POST /api/v2/activeGateTokens",
      "DELETE /api/v2/activeGateTokens/{activeGateTokenIdentifier}",
    ]);
    expect(await listActiveGateTokens(emulator)).toEqual([expect.objectContaining({ id: ids.ag, seedToken: true })]);
  });

  it("replaces an ActiveGate token when its expirationDate changes", async () => {
    await apply(withSpec(specs, "ag", { expirationDate: "now+3M" }));
    const oldId = ids.ag!;
    const preview = await stack.project.preview();
    expect(stepsFor(preview.steps, "ag").find((s) => s.op === "replace")?.replaceReasons).toEqual(["expirationDate"]);
    await stack.project.up();
    await remember();
    expect(ids.ag).not.toBe(oldId);
    expect((await listActiveGateTokens(emulator)).map((t) => t.id)).toEqual([ids.ag]);
  });

  it("never prints or exports a token secret", async () => {
    expect(secrets.size).toBeGreaterThanOrEqual(6);
    await stack.expectNoSecretsPrinted(secrets);
  });

  it("leaves no tokens after destroy", async () => {
    await stack.project.destroy();
    expect(await stack.project.resources()).toEqual([]);
    const remaining = await listApiTokens(emulator);
    expect(remaining.map((t) => t.name)).toEqual(["emulator-admin"]);
    expect(await listActiveGateTokens(emulator)).toEqual([]);
  });
});
