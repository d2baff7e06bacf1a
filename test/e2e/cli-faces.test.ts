// Issue 20, item 3, on the real Pulumi CLI: `dt-tokens review`, `drift`, `audit` and `recover` read a stack of the
// native provider as they read one of the dynamic classes — the same stack, the same hand-made changes, the same
// answers — including a resource rotated in place (its token in use `tokenId`, the kept one `previousTokenId`).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { markedName, newMarker, stackTag } from "../../provider/client/createMarker";
import { runCli, type CliRun } from "../cli/helpers/cli";
import { FACES } from "../harness/faces";
import { adminRequest, TokensStack, type TokenSpec } from "./tokensSupport";

const specs = (trigger: number, ciScopes: string[] = ["metrics.read"]): TokenSpec[] => [
  { resource: "ci", kind: "api", name: "ci", scopes: ciScopes as TokenSpec["scopes"], expirationDate: "now+90d" },
  { resource: "ing", kind: "api", name: "ing", scopes: ["metrics.ingest"], expirationDate: "now+90d", extraArgs: { keepPreviousFor: "1h", rotationTrigger: trigger } },
  { resource: "edge", kind: "activeGate", name: "edge", expirationDate: "now+90d" },
];

describe.each(FACES)("dt-tokens on a stack of the %s face", (face) => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let orphan: string;

  beforeAll(async () => {
    emulator = await startEmulator();
    stack = await TokensStack.create(emulator, { face });
    await stack.setSpecs(specs(1));
    await stack.project.up();
    // A rotation in place: `ing` now holds a new token and keeps its first one for an hour.
    await stack.setSpecs(specs(2));
    await stack.project.up();
    // A token of this stack whose create never reached the state (the marker of project `tokens`, stack `test`).
    orphan = emulator.seedToken({ name: markedName("lost", newMarker(stackTag("tokens", "test"))), scopes: ["metrics.read"], creationDate: new Date(Date.now() - 3_600_000) }).id;
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  function dtTokens(args: string[]): Promise<CliRun> {
    return runCli([...args, "--cwd", stack.project.dir, "--quiet"], { cwd: stack.project.dir, env: { ...stack.project.commandEnv(), DYNATRACE_API_TOKEN: emulator.adminToken } });
  }

  async function resourceTokens() {
    const state = await stack.project.resources();
    const ing = state.find((r) => r.urn.endsWith("::ing"))!;
    return { ids: await stack.ids(), current: ing.outputs?.tokenId as string, previous: ing.outputs?.previousTokenId as string };
  }

  it("audit counts every token the stack holds as managed, the rotated one's kept token too", async () => {
    const { ids, current, previous } = await resourceTokens();
    expect(previous).toBe(ids.ing);
    expect(current).not.toBe(previous);
    const audit = await dtTokens(["audit", "--env-url", emulator.url, "--format", "json"]);
    expect(audit.code, audit.stderr).toBe(0);
    const byId = new Map<string, { managed: boolean; resource?: string; previousUntil?: string }>(JSON.parse(audit.stdout).tokens.map((t: { id: string }) => [t.id, t]));
    expect(byId.get(ids.ci!)).toMatchObject({ managed: true, resource: "ci" });
    expect(byId.get(ids.edge!)).toMatchObject({ managed: true, resource: "edge" });
    expect(byId.get(current)).toMatchObject({ managed: true, resource: "ing" });
    expect(byId.get(previous)).toMatchObject({ managed: true, resource: "ing", previousUntil: expect.any(String) });
    expect(byId.get(orphan)).toMatchObject({ managed: false });
  });

  it("recover finds exactly the orphan, never a token the state holds", async () => {
    const recover = await dtTokens(["recover", "--env-url", emulator.url, "--format", "json"]);
    expect(recover.code, recover.stderr).toBe(2);
    expect(JSON.parse(recover.stdout).orphans.map((o: { id: string }) => o.id)).toEqual([orphan]);
  });

  it("drift reports the changes made by hand", async () => {
    const { ids, current } = await resourceTokens();
    expect((await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${ids.ci}`, { scopes: ["metrics.read", "settings.write"] })).status).toBe(204);
    expect((await adminRequest(emulator, "PUT", `/api/v2/apiTokens/${current}`, { enabled: false })).status).toBe(204);
    expect((await adminRequest(emulator, "DELETE", `/api/v2/activeGateTokens/${ids.edge}`)).status).toBe(204);
    const drift = await dtTokens(["drift", "--format", "json"]);
    expect(drift.code, drift.stderr).toBe(2);
    const report = JSON.parse(drift.stdout);
    expect(report.checked).toBe(3);
    expect(report.drifted.map((d: { resource: string; id: string; changes: { kind: string }[] }) => [d.resource, d.id, d.changes.map((c) => c.kind)])).toEqual([
      ["ci", ids.ci, ["scopes-widened"]],
      ["edge", ids.edge, ["deleted"]],
      ["ing", current, ["disabled"]],
    ]);
  });

  it("review flags a grant of apiTokens.write as critical", async () => {
    await stack.setSpecs(specs(2, ["metrics.read", "apiTokens.write"]));
    const review = await dtTokens(["review", "--format", "json"]);
    expect(review.code, review.stderr).toBe(0);
    const report = JSON.parse(review.stdout);
    expect(report.changes.map((c: { resource: string; action: string; kind: string; scopesAdded: string[] }) => [c.resource, c.action, c.kind, c.scopesAdded])).toEqual([
      ["ci", "update", "API token", ["apiTokens.write"]],
    ]);
    expect(report.findings).toEqual([{ level: "critical", rule: "privilege-escalation", resource: "ci", message: expect.stringContaining("grants `apiTokens.write` (token-admin)") }]);
    expect(report.previousTokens).toEqual([expect.objectContaining({ resource: "ing", removedByThisUp: false })]);
  });
});
