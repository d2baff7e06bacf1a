// `dt-tokens recover` against the emulator (issue 10): it lists and deletes exactly the tokens with this stack's tag
// that the stack's state does not hold — never another stack's, a hand-made or older unmarked one, a known one, or
// one young enough to be a create still in flight.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../../cli/commands/recover";
import { processContext } from "../../cli/context";
import { render } from "../../cli/reports/recover";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { markedName, newMarker, stackTag } from "../../provider/client/createMarker";
import { nativeFace } from "./helpers/faces";

describe("dt-tokens recover", () => {
  let emulator: RunningEmulator;
  let dir: string;
  const ids: Record<string, string> = {};
  const mine = stackTag("infra", "prod");
  const theirs = stackTag("infra", "staging");

  async function createActiveGateToken(name: string): Promise<string> {
    const response = await fetch(`${emulator.url}/api/v2/activeGateTokens`, {
      method: "POST",
      headers: { Authorization: `Api-Token ${emulator.adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ name, activeGateType: "ENVIRONMENT" }),
    });
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  }

  async function liveIds(): Promise<string[]> {
    const headers = { Authorization: `Api-Token ${emulator.adminToken}` };
    const api = (await (await fetch(`${emulator.url}/api/v2/apiTokens?pageSize=1000`, { headers })).json()) as { apiTokens: { id: string }[] };
    const ag = (await (await fetch(`${emulator.url}/api/v2/activeGateTokens`, { headers })).json()) as { activeGateTokens: { id: string }[] };
    return [...api.apiTokens, ...ag.activeGateTokens].map((t) => t.id);
  }

  const context = () => ({ ...processContext(), cwd: dir, env: { DYNATRACE_API_TOKEN: emulator.adminToken } });

  beforeAll(async () => {
    emulator = await startEmulator();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "dt-tokens-recover-"));
    const seed = (key: string, name: string) => (ids[key] = emulator.seedToken({ name, scopes: ["metrics.read"] }).id);
    seed("orphan", markedName("shared", newMarker(mine)));
    seed("known", markedName("shared", newMarker(mine)));
    seed("otherStack", markedName("shared", newMarker(theirs)));
    seed("byHand", "shared");
    // A resource rotated in place (keepPreviousFor): its token in use is `tokenId`, the one kept `previousTokenId`.
    seed("rotatedFirst", markedName("rotated", newMarker(mine)));
    seed("rotatedNow", markedName("rotated", newMarker(mine)));
    ids.agOrphan = await createActiveGateToken(markedName("gate", newMarker(mine)));
    ids.agKnown = await createActiveGateToken(markedName("gate", newMarker(mine)));
    emulator.clock.advance(5 * 60 * 1000);
    // Made just now: perhaps a create of a run still going.
    seed("young", markedName("shared", newMarker(mine)));
    const exported = {
      version: 3,
      deployment: {
        resources: [
          { urn: "urn:pulumi:prod::infra::pulumi:pulumi:Stack::infra-prod", type: "pulumi:pulumi:Stack" },
          { urn: "urn:pulumi:prod::infra::pulumi-nodejs:dynamic/dynatrace:ApiToken::a", type: "pulumi-nodejs:dynamic/dynatrace:ApiToken", id: ids.known },
          { urn: "urn:pulumi:prod::infra::pulumi-nodejs:dynamic/dynatrace:ActiveGateToken::g", type: "pulumi-nodejs:dynamic/dynatrace:ActiveGateToken", id: ids.agKnown },
          {
            urn: "urn:pulumi:prod::infra::pulumi-nodejs:dynamic/dynatrace:ApiToken::r",
            type: "pulumi-nodejs:dynamic/dynatrace:ApiToken",
            id: "dt0c01.GONEGONEGONEGONEGONEGONE",
            inputs: { pulumiStack: "infra/prod", __provider: "stub" },
            outputs: { tokenId: ids.rotatedNow, previousTokenId: ids.rotatedFirst, __provider: "stub" },
          },
        ],
        pending_operations: [{ type: "creating", resource: { urn: "urn:pulumi:prod::infra::pulumi-nodejs:dynamic/dynatrace:ApiToken::b", type: "x" } }],
      },
    };
    fs.writeFileSync(path.join(dir, "export.json"), JSON.stringify(exported));
  });

  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    await emulator?.close();
  });

  it("lists exactly the stack's orphans and exits with findings, deleting nothing", async () => {
    const result = await run({ envUrl: emulator.url, stackExport: "export.json" }, context());
    expect(result).toMatchObject({ outcome: "findings", project: "infra", stack: "prod", stackTag: mine, tooYoung: 1 });
    expect(result.orphans.map((o) => [o.kind, o.id, o.name, o.deleted]).sort()).toEqual(
      [
        ["API token", ids.orphan, "shared", false],
        ["ActiveGate token", ids.agOrphan, "gate", false],
      ].sort(),
    );
    expect(await liveIds()).toEqual(expect.arrayContaining(Object.values(ids)));
    const printed = render(result, "markdown");
    expect(printed).toContain("**2 orphans** of stack `infra/prod`");
    expect(printed).toContain("1 token is younger than 60 s");
  });

  // Issue 20, item 3: a stack of the native provider holds its tokens in the same outputs.
  it("finds the same orphans in a stack of the native provider", async () => {
    fs.writeFileSync(path.join(dir, "native.json"), JSON.stringify(nativeFace(JSON.parse(fs.readFileSync(path.join(dir, "export.json"), "utf8")))));
    expect(fs.readFileSync(path.join(dir, "native.json"), "utf8")).toContain("dynatrace-tokens:index:ApiToken::r");
    const result = await run({ envUrl: emulator.url, stackExport: "native.json" }, context());
    expect(result).toMatchObject({ outcome: "findings", project: "infra", stack: "prod", stackTag: mine, tooYoung: 1 });
    expect(result.orphans.map((o) => o.id).sort()).toEqual([ids.orphan, ids.agOrphan].sort());
  });

  it("deletes exactly those with --delete, and then finds none", async () => {
    const deleted = await run({ envUrl: emulator.url, stackExport: "export.json", delete: true }, context());
    expect(deleted.outcome).toBe("clean");
    expect(deleted.orphans.map((o) => o.id).sort()).toEqual([ids.orphan, ids.agOrphan].sort());
    const live = await liveIds();
    expect(live).not.toContain(ids.orphan);
    expect(live).not.toContain(ids.agOrphan);
    for (const key of ["known", "otherStack", "byHand", "agKnown", "young", "rotatedFirst", "rotatedNow"]) expect(live).toContain(ids[key]);

    const again = await run({ envUrl: emulator.url, stackExport: "export.json" }, context());
    expect(again).toMatchObject({ outcome: "clean", orphans: [] });
    expect(render(again, "markdown")).toContain("**No orphans:**");
  });
});
