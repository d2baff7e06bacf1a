// The programs in examples/ run as users copy them: each goes through `pulumi up` and `pulumi destroy` on the real
// CLI against the emulator, configured the way its README says, and type-checked by ts-node as `pulumi up` does for a
// user by default (issue 14: with TS_NODE_TRANSPILE_ONLY a type error a user would see went unnoticed).
import * as fs from "node:fs";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { withoutMarker } from "../../provider/client/createMarker";
import { prepareConsumer } from "../harness/consumer";
import { examplesDir, packageVersion } from "../harness/paths";
import { PulumiProject } from "../harness/pulumi";
import { selfLookupStatus } from "./tokensSupport";

interface ListedToken {
  id: string;
  name: string;
  scopes?: string[];
}

async function listTokens(emulator: RunningEmulator): Promise<ListedToken[]> {
  const response = await fetch(`${emulator.url}/api/v2/apiTokens?fields=%2Bscopes&pageSize=10000`, {
    headers: { Authorization: `Api-Token ${emulator.adminToken}` },
  });
  expect(response.status).toBe(200);
  const body = (await response.json()) as { apiTokens: ListedToken[] };
  // The admin token the emulator seeds is not the example's.
  // Names are compared as requested, without the create marker (provider/client/createMarker.ts).
  return body.apiTokens
    .filter((token) => !emulator.adminToken.startsWith(`${token.id}.`))
    .map((token) => ({ ...token, name: withoutMarker(token.name) }));
}

function credentials(emulator: RunningEmulator): Record<string, string | { secret: string }> {
  return { "dynatrace-tokens:envUrl": emulator.url, "dynatrace-tokens:apiToken": { secret: emulator.adminToken } };
}

describe("examples", () => {
  const cleanups: Array<() => Promise<void> | void> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  async function emulatorForTest(): Promise<RunningEmulator> {
    const emulator = await startEmulator();
    cleanups.push(() => emulator.close());
    return emulator;
  }

  async function example(name: string, config: Record<string, string | { secret: string }>): Promise<PulumiProject> {
    const project = await PulumiProject.create(await prepareConsumer(), { example: name, config, typecheck: true });
    cleanups.push(() => project.cleanup());
    return project;
  }

  it("basic: creates an ingest, a read-only and a PaaS token, and destroy removes them", async () => {
    const emulator = await emulatorForTest();
    const project = await example("basic", credentials(emulator));
    await project.up();
    const tokens = await listTokens(emulator);
    expect(tokens.map((t) => t.name).sort()).toEqual(["grafana-read", "oneagent-installer", "otel-ingest"]);
    expect(tokens.find((t) => t.name === "oneagent-installer")?.scopes).toContain("InstallerDownload");
    await project.destroy();
    expect(await listTokens(emulator)).toEqual([]);
  });

  it("rotation: replaces the ingest token once the clock reaches its rotateBefore window", async () => {
    const emulator = await emulatorForTest();
    const project = await example("rotation", credentials(emulator));
    await project.up();
    expect((await project.preview()).changeSummary).toEqual({ same: 4 });

    // 80 of the ingest token's 90 days: inside its 14-day window, far from the ActiveGate token's.
    emulator.clock.advance(80 * 24 * 60 * 60 * 1000);
    const preview = await project.preview();
    const replaced = preview.steps.filter((s) => s.op === "replace").map((s) => s.urn.split("::").pop());
    expect(replaced).toEqual(["otel-ingest"]);

    const before = (await listTokens(emulator)).find((t) => t.name === "otel-ingest")?.id;
    await project.up();
    const after = (await listTokens(emulator)).filter((t) => t.name === "otel-ingest");
    expect(after).toHaveLength(1);
    expect(after[0]?.id).not.toBe(before);
    await project.destroy();
  });

  it("rotation-overlap (issue 13): a rotation keeps the previous token valid for its overlap, then removes it", async () => {
    const emulator = await emulatorForTest();
    const project = await example("rotation-overlap", credentials(emulator));
    await project.up();
    const created = await project.outputs({ showSecrets: true });
    expect(String(created.activeGateAuthorization)).toMatch(/^authToken=dt0g02\.[A-Z0-9]{8}\.[A-Z0-9]{64}$/);
    const secretOf = (outputs: Record<string, unknown>) => (outputs.ingestSecret as { stringData: { DT_API_TOKEN: string } }).stringData.DT_API_TOKEN;
    const lookup = (secret: string) => selfLookupStatus(emulator, secret);

    // 80 of the ingest token's 90 days: inside its 14-day window. A rotation in place: an update, not a replacement.
    emulator.clock.advance(80 * 24 * 60 * 60 * 1000);
    const preview = await project.preview();
    expect(preview.steps.filter((s) => s.op !== "same").map((s) => [s.op, s.urn.split("::").pop()])).toEqual([["update", "otel-ingest"]]);
    await project.up();
    const rotated = await project.outputs({ showSecrets: true });
    expect(rotated.ingestPreviousTokenId).toBe(created.ingestTokenId);
    expect(rotated.ingestTokenId).not.toBe(created.ingestTokenId);
    expect(await lookup(secretOf(rotated))).toBe(200);
    expect(await lookup(secretOf(created))).toBe(200);

    emulator.clock.advance(25 * 60 * 60 * 1000);
    await project.up();
    expect((await project.outputs()).ingestPreviousTokenId).toBeUndefined();
    expect(await lookup(secretOf(created))).toBe(401);
    expect((await listTokens(emulator)).filter((t) => t.name === "otel-ingest").map((t) => t.id)).toEqual([rotated.ingestTokenId]);
    await project.destroy();
    expect(await listTokens(emulator)).toEqual([]);
  });

  it("multi-environment: one token in each configured environment", async () => {
    const staging = await emulatorForTest();
    const prod = await emulatorForTest();
    const project = await example("multi-environment", {});
    for (const [name, emulator] of [["staging", staging], ["prod", prod]] as const) {
      await project.pulumi(["config", "set", "--path", `dynatrace-tokens:environments.${name}.envUrl`, emulator.url]);
      await project.pulumi(["config", "set", "--secret", "--path", `dynatrace-tokens:environments.${name}.apiToken`, emulator.adminToken]);
    }
    await project.up();
    expect((await listTokens(staging)).map((t) => t.name)).toEqual(["otel-ingest-staging"]);
    expect((await listTokens(prod)).map((t) => t.name)).toEqual(["otel-ingest-prod"]);
    await project.destroy();
    expect(await listTokens(staging)).toEqual([]);
    expect(await listTokens(prod)).toEqual([]);
  });

  it("adopt: takes over existing tokens by value and by id without creating any", async () => {
    const emulator = await emulatorForTest();
    const byValue = emulator.seedToken({ name: "old-ingest", scopes: ["metrics.ingest", "logs.ingest"] });
    const byId = emulator.seedToken({ name: "old-read", scopes: ["metrics.read"] });
    const activeGate = emulator.seedToken({ kind: "activeGate", name: "edge-activegate" });
    const project = await example("adopt", {
      ...credentials(emulator),
      "dynatrace-tokens-adopt:legacyToken": { secret: byValue.token },
      "dynatrace-tokens-adopt:legacyTokenId": byId.id,
      "dynatrace-tokens-adopt:activeGateTokenId": activeGate.id,
      "dynatrace-tokens-adopt:activeGateTokenName": "edge-activegate",
    });
    emulator.resetRequests();
    const up = await project.up();
    expect(emulator.requests().byRoute["POST /api/v2/apiTokens"]).toBeUndefined();
    expect(emulator.requests().byRoute["POST /api/v2/activeGateTokens"]).toBeUndefined();
    expect((await project.outputs()).adoptedIds).toEqual([byValue.id, byId.id, activeGate.id]);

    const tokens = await listTokens(emulator);
    expect(tokens.map((t) => t.id).sort()).toEqual([byValue.id, byId.id].sort());
    // The program's names and scopes now apply to the adopted tokens.
    expect(tokens.find((t) => t.id === byValue.id)).toMatchObject({ name: "legacy-ingest", scopes: ["metrics.ingest"] });
    expect(tokens.find((t) => t.id === byId.id)).toMatchObject({ name: "legacy-read", scopes: ["metrics.read"] });

    const secretPart = byValue.token.split(".")[2]!;
    expect(up.stdout + up.stderr).not.toContain(secretPart);
    expect(await project.exportText()).not.toContain(secretPart);
    await project.destroy();
  });

  it("type-checks the program as pulumi up does for a user: a scope newer than the catalog compiles and previews with a warning, a likely typo fails at preview (issue 21)", async () => {
    const emulator = await emulatorForTest();
    const project = await example("basic", credentials(emulator));
    const program = (apiTokenScope: string) =>
      [
        'import * as dt from "pulumi-dynatrace-tokens";',
        `new dt.ApiToken("newer", { scopes: ["metrics.read", "${apiTokenScope}"] });`,
        'new dt.PersonalAccessToken("newer-personal", { scopes: ["hub.catalog.subscribe"] });',
        "",
      ].join("\n");

    // A scope Dynatrace added after this release: TypeScript takes any string (the catalog's still complete), and
    // check passes it on with a warning for Dynatrace to judge.
    project.writeProgram(program("hub.catalog.subscribe"));
    const newer = await project.pulumi(["preview"], { allowFailure: true });
    const newerPrinted = newer.stdout + newer.stderr;
    expect(newer.code, newerPrinted).toBe(0);
    expect(newerPrinted).not.toMatch(/error TS\d+/);
    expect(newerPrinted).toContain(`scopes: scopes[1] "hub.catalog.subscribe" is not in this release's scope catalog.`);
    expect(newerPrinted).toContain(`scopes: scopes[0] "hub.catalog.subscribe" is not in this release's scope catalog.`);

    // A likely typo compiles too, and fails at preview with check's did-you-mean, before any request (Pulumi stops at
    // the first failed check, so one typo).
    project.writeProgram(program("metrics.reed"));
    emulator.resetRequests();
    const typo = await project.pulumi(["preview"], { allowFailure: true });
    const typoPrinted = typo.stdout + typo.stderr;
    expect(typo.code).not.toBe(0);
    expect(typoPrinted).not.toMatch(/error TS\d+/);
    expect(typoPrinted).toContain('scopes[1]: "metrics.reed" is not a Dynatrace scope — did you mean "metrics.read"?');
    expect(emulator.requests().total).toBe(0);
  });

  it("depend on this release of the package, so a copied example installs what its code is written for", () => {
    const version = packageVersion();
    const [major, minor] = version.split(".");
    for (const name of fs.readdirSync(examplesDir)) {
      const manifest = path.join(examplesDir, name, "package.json");
      if (!fs.existsSync(manifest)) continue;
      const dependencies = (JSON.parse(fs.readFileSync(manifest, "utf8")) as { dependencies: Record<string, string> }).dependencies;
      // ^0.3.0 admits 0.3.x only; ^1.2.0 admits 1.x from 1.2.0.
      expect(dependencies["pulumi-dynatrace-tokens"], name).toBe(`^${major}.${minor}.0`);
    }
  });
});
