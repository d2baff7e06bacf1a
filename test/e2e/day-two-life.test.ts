// Issue 9, "Done means", first line: ONE stack walked through its life on the real CLI.
//   1. created by the REAL previous release, 0.1.0 (the committed tarball test/golden/pulumi-dynatrace-tokens-0.1.0.tgz),
//      configured with 0.1.0's keys: API tokens (relative expiry + rotateBefore; an absolute expiry not far ahead), a
//      PaaS token and an ActiveGate token
//   2. this release installed nested under a wrapper package, the project moved: preview fails at once naming the new
//      keys (zero API calls); the commands the error prints, run as printed, fix it; refresh, an in-place update and a
//      no-change preview work on 0.1.0's resources; the state holds no path of this machine
//   3. the provider's credential rotated as docs/credentials.md says ("Planned"), the old one revoked: refresh,
//      `dt-tokens drift` and up work
//   4. the emulator's clock passes the rotateBefore window (preview shows the replacement with a warning, up rotates)
//      and the absolute expiry (up deploys the rest; a warning and the `expired` output)
//   5. Dynatrace accepts a scope the catalog doesn't know (passes with a warning, up creates it) and answers with an
//      unknown enum value (refresh works)
//   6. destroy leaves only the emulator's admin token and the provider's credential.
// Everything every command printed, and the exported state, is scanned for token secrets and for the credentials.
//
// Clocks: the emulator starts 30 days behind this machine, and the absolute date is 45 s ahead of this machine's clock
// (0.1.0 judges it locally at create) — 30 days ahead of the server's. By step 4 it has passed on both clocks.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, UNKNOWN_ENUM_VALUES, type RunningEmulator } from "../../emulator";
import { CONFIG_KEYS, LEGACY_CONFIG_KEYS } from "../../provider/config";
import { TOKEN_SECRET_PATTERN } from "../../provider/tokenFormat";
import { packedTarball, prepareConsumer, programDependencies } from "../harness/consumer";
import { installNestedUnderWrapper, PACKAGE, repack, writeWrapper } from "../harness/layouts";
import { repoRoot } from "../harness/paths";
import { PulumiProject, type CommandResult, type StateResource } from "../harness/pulumi";
import { adminRequest, getApiToken, listActiveGateTokens, listApiTokens, newCredential, revokeCredential, stepsFor } from "./tokensSupport";

/** The real 0.1.0 release, packed once from commit ee56042 (see test/golden/README.md); never from git history. */
const RELEASE_0_1_0 = path.join(repoRoot, "test", "golden", `${PACKAGE}-0.1.0.tgz`);
const DAY_MS = 24 * 60 * 60 * 1000;
const NEW_SCOPE = "hub.catalog.subscribe";

interface Spec {
  resource: string;
  kind: "api" | "paas" | "activeGate";
  name?: string;
  scopes?: string[];
  expirationDate?: string;
  rotateBefore?: string;
}

function text(result: CommandResult): string {
  return `${result.stdout}\n${result.stderr}`;
}

describe("day two, one stack's life on the real CLI: 0.1.0 → upgrade and move → credential rotation → time → a changing API → destroy (#9)", () => {
  let emulator: RunningEmulator;
  let project: PulumiProject;
  let scratch: string;
  let specs: Spec[];
  let ids: Record<string, string>;
  let absoluteExpiry: string;
  /** This release's tarball, repacked as 0.2.0-b. */
  let versionB: string;
  /** The provider credentials, oldest first; the last one is in use. */
  const credentials: string[] = [];
  /** Token secrets the stack ever held. */
  const secrets = new Set<string>();
  /** stdout + stderr of every command run (pulumi, npm, bash, dt-tokens), failed ones included. */
  const printed: string[] = [];

  async function newStackCredential(name: string): Promise<string> {
    const token = await newCredential(emulator, name);
    credentials.push(token);
    return token;
  }

  async function setSpecs(next: Spec[]): Promise<void> {
    specs = next;
    await project.setConfig("life:resources", JSON.stringify(specs));
  }

  async function stateOf(resource: string): Promise<StateResource> {
    const found = (await project.resources()).find((r) => r.urn.endsWith(`::${resource}`));
    expect(found, `${resource} in the state`).toBeDefined();
    return found!;
  }

  /** The stack's ids, and every token secret it holds (remembered for the scan, never printed). */
  async function readOutputs(): Promise<Record<string, string>> {
    const outputs = await project.outputs({ showSecrets: true });
    for (const secret of Object.values((outputs.tokens ?? {}) as Record<string, string | undefined>)) if (secret) secrets.add(secret);
    return outputs.ids as Record<string, string>;
  }

  beforeAll(async () => {
    expect(fs.statSync(RELEASE_0_1_0).size).toBeLessThan(300_000);
    emulator = await startEmulator({ now: new Date(Date.now() - 30 * DAY_MS) });
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-life-"));
    project = await PulumiProject.create(await prepareConsumer(), {
      fixture: "day-two-life",
      install: { dependencies: { [PACKAGE]: `file:${RELEASE_0_1_0}`, ...programDependencies() } },
    });
    // Record everything printed; `stack output --show-secrets` is the test asking for the secrets.
    const pulumi = project.pulumi.bind(project);
    const exec = project.exec.bind(project);
    const recorded =
      <A extends unknown[]>(fn: (...args: A) => Promise<CommandResult>) =>
      async (...args: A): Promise<CommandResult> => {
        try {
          const result = await fn(...args);
          if (!result.args.includes("--show-secrets")) printed.push(text(result));
          return result;
        } catch (error) {
          printed.push((error as Error).message);
          throw error;
        }
      };
    project.pulumi = recorded(pulumi);
    project.exec = recorded(exec);
  });

  afterAll(async () => {
    project?.cleanup();
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
    await emulator?.close();
  });

  it("1. is created by the real 0.1.0, configured with its keys", async () => {
    const installed = path.join(project.dir, "node_modules", PACKAGE, "package.json");
    expect(JSON.parse(fs.readFileSync(installed, "utf8")).version).toBe("0.1.0");
    await project.setConfig(LEGACY_CONFIG_KEYS.envUrl, emulator.url);
    await project.setConfig(LEGACY_CONFIG_KEYS.apiToken, { secret: await newStackCredential("provider-credential-1") });
    absoluteExpiry = new Date(Math.ceil((Date.now() + 45_000) / 1000) * 1000).toISOString();
    await setSpecs([
      { resource: "relative", kind: "api", scopes: ["metrics.ingest"], expirationDate: "now+30d", rotateBefore: "14d" },
      { resource: "absolute", kind: "api", scopes: ["logs.ingest"], expirationDate: absoluteExpiry },
      { resource: "paas", kind: "paas", name: "life-paas" },
      { resource: "gate", kind: "activeGate", expirationDate: "now+60d" },
    ]);
    await project.up();
    ids = await readOutputs();
    expect(Object.keys(ids).sort()).toEqual(["absolute", "gate", "paas", "relative"]);
    expect(await getApiToken(emulator, ids.absolute!)).toMatchObject({ scopes: ["logs.ingest"], expirationDate: absoluteExpiry });
    expect((await listActiveGateTokens(emulator)).map((t) => t.id)).toContain(ids.gate);
    // 0.1.0 wrote its provider stub, with this machine's path in it, into the state.
    expect(String((await stateOf("paas")).inputs?.__provider)).toContain(project.dir);
  });

  it("2. upgraded (nested under a wrapper) and moved: refused with the move commands, which fix it as printed", async () => {
    versionB = await repack(packedTarball(await prepareConsumer()), "0.2.0-b", scratch);
    const wrapper = writeWrapper(scratch, versionB);
    const oldDir = project.dir;
    const nested = await installNestedUnderWrapper(project, wrapper);
    expect(fs.existsSync(path.join(oldDir, "node_modules", PACKAGE))).toBe(false);
    expect(JSON.parse(fs.readFileSync(nested, "utf8")).version).toBe("0.2.0-b");
    await project.setConfig("life:sdk", "platform-tokens");
    project.moveTo(path.join(scratch, "moved", "tokens-project"));
    await project.pulumi(["stack", "select", "test"]); // Pulumi remembers the selected stack per project path

    emulator.resetRequests();
    const refused = await project.pulumi(["preview"], { allowFailure: true });
    expect(refused.code).not.toBe(0);
    expect(text(refused)).toContain(`${LEGACY_CONFIG_KEYS.envUrl} → ${CONFIG_KEYS.envUrl}, ${LEGACY_CONFIG_KEYS.apiToken} → ${CONFIG_KEYS.apiToken}`);
    expect(emulator.requests().total).toBe(0);
    expect(text(refused)).not.toContain("Cannot find module");
    // What the user runs: the commands the error prints, exactly, then `pulumi up` as it says.
    const move = /Move them with: (.*?)\. Then run `pulumi up`/.exec(text(refused))?.[1];
    const commands = [...(move ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    expect(commands).toHaveLength(4);
    for (const command of commands) await project.exec("bash", ["-c", command]);
    // This up also replaces 0.1.0's provider stub in each resource's state (it names the old project path, and read
    // and delete run it): an update that changes nothing in Dynatrace.
    emulator.resetRequests();
    const healed = await project.up();
    expect(text(healed)).toMatch(/Resources:\s+~ 4 updated\s+1 unchanged/);
    // Reads and the one clock reading (lookup of the credential) only: nothing written.
    expect(Object.keys(emulator.requests().byRoute).filter((route) => !route.startsWith("GET ") && route !== "POST /api/v2/apiTokens/lookup")).toEqual([]);
    expect(text(healed)).toContain(`API token "life-paas" (${ids.paas}): the state holds the provider stub written by pulumi-dynatrace-tokens 0.1.0`);
    expect(await readOutputs()).toEqual(ids);

    // refresh, an in-place update and a no-change preview, on the resources 0.1.0 created.
    await project.refresh();
    await setSpecs(specs.map((s) => (s.resource === "paas" ? { ...s, name: "life-paas-renamed" } : s)));
    await project.up();
    expect(await readOutputs()).toEqual(ids);
    expect((await getApiToken(emulator, ids.paas!))?.name).toBe("life-paas-renamed");
    const quiet = await project.preview();
    expect(quiet.changeSummary).toEqual({ same: 5 }); // four tokens and the stack

    const exported = await project.exportText();
    for (const machinePath of [repoRoot, scratch, oldDir, project.dir, os.homedir(), `${os.tmpdir()}${path.sep}`]) {
      expect(exported).not.toContain(machinePath);
    }
  });

  it("3. rotates the provider's credential as docs/credentials.md says; refresh, dt-tokens drift and up work", async () => {
    const [old] = credentials.slice(-1);
    // "create the new token in Dynatrace (same scopes), then:"
    await project.pulumi(["config", "set", "--secret", CONFIG_KEYS.apiToken, await newStackCredential("provider-credential-2")]);
    const up = await project.up(); // "no resource changes; records the new credential in the state"
    expect(text(up)).toMatch(/Resources:\s+5 unchanged/);
    await revokeCredential(emulator, old!); // "revoke the old token in Dynatrace"
    // "npx --no-install dt-tokens drift": here the package is only the wrapper's dependency, so npx doesn't find it —
    // and, as docs/cli.md says, fails instead of running an unrelated `dt-tokens` from the registry …
    // (npm offline here, so the test never waits on the registry.)
    const offline = { npm_config_offline: "true" };
    const notHere = await project.exec("npx", ["--no-install", "dt-tokens", "drift"], { allowFailure: true, env: offline });
    expect(notHere.code).not.toBe(0);
    expect(text(notHere)).not.toContain("drift");
    // … so the user adds it to the project at the wrapper's version (docs/cli.md), and drift works.
    // (`npm install -D pulumi-dynatrace-tokens@<version>`; this version is a local tarball, not in the registry.)
    await project.exec("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", "-D", versionB,
      "--install-links", "--install-strategy=shallow"]);
    const drift = await project.exec("npx", ["--no-install", "dt-tokens", "drift"], { allowFailure: true, env: offline });
    expect(drift.code, text(drift)).toBe(0);
    expect(drift.stdout).toContain("**No drift:** all 4 tokens match what the code deployed.");
    await project.refresh();
    await project.up();
    expect(await readOutputs()).toEqual(ids);
  });

  it("4. time passes: rotateBefore's window opens (preview warns, up rotates), then the absolute expiry passes", async () => {
    emulator.clock.advance(20 * DAY_MS); // "relative": 10 days left, inside 14d; "absolute": 10 days left
    const preview = await project.preview();
    expect(stepsFor(preview.steps, "relative").map((s) => [s.op, s.replaceReasons])).toEqual([["replace", ["rotateBefore"]]]);
    expect(preview.changeSummary).toEqual({ same: 4, replace: 1 });
    expect((preview.diagnostics ?? []).map((d) => d.message).join("\n")).toMatch(/API token "relative" \(dt0c01\.[A-Z0-9]{24}\) will be rotated: expires \S+, within rotateBefore 14d/);
    await project.up();
    const rotated = await readOutputs();
    expect(rotated.relative).not.toBe(ids.relative);
    expect({ ...rotated, relative: "" }).toEqual({ ...ids, relative: "" });
    expect(await getApiToken(emulator, ids.relative!)).toBeUndefined();
    ids = rotated;

    emulator.clock.advance(11 * DAY_MS); // "absolute" expired a day ago on the server
    const wait = Date.parse(absoluteExpiry) + 1000 - Date.now(); // …and on this machine's clock
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    // The same up changes another token: the expired one must not block it.
    await setSpecs(specs.map((s) => (s.resource === "paas" ? { ...s, name: "life-paas-day-31" } : s)));
    const up = await project.up();
    expect(text(up)).toMatch(new RegExp(`API token "absolute" \\(${ids.absolute!.replace(".", "\\.")}\\) expired at ${absoluteExpiry.replace(/\./g, "\\.")}`));
    expect((await getApiToken(emulator, ids.paas!))?.name).toBe("life-paas-day-31");
    expect((await stateOf("absolute")).outputs).toMatchObject({ expired: true, expirationDate: absoluteExpiry });
    expect((await stateOf("relative")).outputs).toMatchObject({ expired: false });
    expect(await readOutputs()).toEqual(ids);
    expect(await getApiToken(emulator, ids.absolute!)).toBeDefined();
  });

  it("5. Dynatrace changes: a scope the catalog doesn't know is created with a warning; an unknown enum value refreshes", async () => {
    emulator.setApiChanges({ extraScopes: [NEW_SCOPE] });
    await setSpecs([...specs, { resource: "newscope", kind: "api", scopes: ["metrics.read", NEW_SCOPE] }]);
    const up = await project.up();
    expect(text(up)).toContain(`"${NEW_SCOPE}" is not in this release's scope catalog`);
    ids = await readOutputs();
    expect((await getApiToken(emulator, ids.newscope!))?.scopes).toEqual([NEW_SCOPE, "metrics.read"]);

    emulator.setApiChanges({ extraScopes: [NEW_SCOPE], unknownEnums: true });
    const live = await adminRequest<{ activeGateType: string }>(emulator, "GET", `/api/v2/activeGateTokens/${ids.gate}`);
    expect(live.body.activeGateType).toBe(UNKNOWN_ENUM_VALUES.activeGateType);
    await project.refresh();
    expect((await stateOf("gate")).outputs).toMatchObject({ activeGateType: "ENVIRONMENT" });
    expect(await readOutputs()).toEqual(ids);
  });

  it("6. destroy leaves only the admin token and the provider's credential; nothing printed a secret", async () => {
    await project.destroy();
    expect(await project.resources()).toEqual([]);
    const left = (await listApiTokens(emulator)).map((t) => t.id).sort();
    const keep = [emulator.adminToken, credentials.at(-1)!].map((t) => t.split(".").slice(0, 2).join(".")).sort();
    expect(left).toEqual(keep);
    expect(await listActiveGateTokens(emulator)).toEqual([]);

    printed.push(await project.exportText());
    expect(secrets.size).toBeGreaterThanOrEqual(6);
    for (const output of printed) {
      expect(output.match(new RegExp(TOKEN_SECRET_PATTERN.source, "g")) ?? []).toEqual([]);
      for (const secret of [...secrets, ...credentials, emulator.adminToken]) {
        expect(output).not.toContain(secret.split(".")[2]);
      }
    }
  });
});
