// One trial of issue 10's kill test: `pulumi up` of many tokens killed with SIGKILL at a random moment while it
// creates them, then the recovery docs/recovery.md gives, step by step, and a count of what is left wrong.
// Shared by test/e2e/tokens-kill.test.ts (a few trials) and bench/kill-recovery.ts (the figures, ≥ 10 trials).
// Bounded and loopback only: every process it kills is one it started (its own session, by process group).
import { execFile, execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import type { RunningEmulator } from "../../emulator";
import { withoutMarker } from "../../provider/client/createMarker";
import { CONFIG_KEYS } from "../../provider/config";
import { dtTokensBin, prepareConsumer } from "./consumer";
import { faceOptions, isTokenType, type Face } from "./faces";
import { pulumiBinDir } from "./paths";
import { PulumiProject } from "./pulumi";

const run = promisify(execFile);

export interface KillTrialOptions {
  /** Tokens in the stack (API and ActiveGate, some sharing a name). */
  readonly tokens: number;
  /** The kill lands this long after the first create reached the API (ms). */
  readonly killAfterMs: number;
  /** Added to each create at the emulator, so the creates of one `up` spread over time (ms). */
  readonly createLatencyMs?: number;
  /** Leave the state file empty after the kill, as a kill in the middle of a checkpoint write does. */
  readonly cutStateFile?: boolean | "with-backup";
  /** The face the program runs: the dynamic resources (default) or the native plugin's classes. */
  readonly face?: Face;
}

export interface KillTrialResult {
  readonly killAfterMs: number;
  /** Creates that reached the API before the kill took effect, and tokens in the state right after it. */
  readonly postsBeforeKill: number;
  readonly inStateAfterKill: number;
  /** Pending creates the killed run left in the state. */
  readonly pendingCreates: number;
  /** Tokens `dt-tokens recover --delete` removed: the orphans the kill left; and those it left as too young. */
  readonly orphansRemoved: number;
  readonly tooYoung: number;
  /** After the recovery: tokens in Dynatrace the state doesn't hold, names held by more tokens than asked for, */
  readonly orphans: number;
  readonly duplicates: number;
  /** resources whose stored secret doesn't work (or is missing), */
  readonly lostSecrets: number;
  /** provider processes still running 10 s after the kill (they must stop themselves), */
  readonly strayProviders: number;
  /** and processes of the run (providers, language hosts, programs) alive 10 s after the kill or at the end, */
  readonly strayProcesses: number;
  /** of which Pulumi language hosts (they watch the engine's health and exit by themselves). */
  readonly languageHostsEnded: number;
  /** Whether `pulumi preview` after the recovery shows no change. */
  readonly previewClean: boolean;
  /** Every command of the recovery, with its exit code. */
  readonly steps: readonly string[];
  /** For a trial that left something wrong: what `recover` reported and the tokens the state doesn't hold. */
  readonly diagnosis?: string;
}

interface Spec {
  resource: string;
  kind: "api" | "activeGate";
  name: string;
  scopes?: string[];
}

function specsFor(count: number): Spec[] {
  // Every fourth an ActiveGate token; pairs of API tokens share a name, so only the marker tells them apart.
  return Array.from({ length: count }, (_, i) =>
    i % 4 === 3
      ? { resource: `ag-${i}`, kind: "activeGate" as const, name: `ag-${i}` }
      : { resource: `api-${i}`, kind: "api" as const, name: `shared-${Math.floor(i / 2)}`, scopes: ["metrics.read"] },
  );
}

/** Processes of a session: pid, process group and command line. */
export function sessionProcesses(sid: number): Array<{ pid: number; pgid: number; args: string }> {
  let text = "";
  try {
    text = execFileSync("ps", ["-o", "pid=,pgid=,stat=,args=", "-s", String(sid)], { encoding: "utf8" });
  } catch {
    // ps exits 1 when the session is empty.
    return [];
  }
  return text
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null && !m[3]!.startsWith("Z"))
    .map((m) => ({ pid: Number(m[1]), pgid: Number(m[2]), args: m[4]! }));
}

type SessionProcess = ReturnType<typeof sessionProcesses>[number];

export interface KillRunningOptions {
  /** Holds once the run reached the moment to kill it (polled every 10 ms; `printed` is its stdout so far). */
  readonly until: (printed: string) => boolean;
  /** Stop waiting for `until` after this long and kill anyway (ms; default 120 s). */
  readonly timeoutMs?: number;
  /** Then wait this long more (ms; default 0). */
  readonly thenWaitMs?: number;
  /** Called just before the kill: the caller's own checks and counts of the moment. */
  readonly beforeKill?: (run: { session: number; exited: boolean; printed: string }) => void | Promise<void>;
}

export interface KilledRun {
  readonly session: number;
  /** Processes of the run's session still alive 10 s after the kill; they are ended by now. */
  readonly leftovers: SessionProcess[];
  /** The run's stdout. */
  readonly printed: string;
}

/**
 * Starts `pulumi <args>` in a session of its own, waits until `until` holds (or the run ends, or the timeout passes),
 * kills the engine's own process group with SIGKILL — not the groups Pulumi starts its plugins and language hosts in —,
 * gives those 10 s to notice and stop by themselves, then ends whatever outlived that (also when `beforeKill` throws),
 * so nothing of the run is left. What outlived the 10 s is returned for the caller to check.
 */
export async function killRunningPulumi(project: PulumiProject, args: string[], options: KillRunningOptions): Promise<KilledRun> {
  const child = project.spawnDetached(args);
  const session = child.pid!;
  let exited = false;
  let printed = "";
  const exit = new Promise<void>((resolve) => child.once("exit", () => ((exited = true), resolve())));
  child.stdout!.on("data", (chunk: Buffer) => (printed += chunk.toString()));
  child.stderr!.resume();
  try {
    for (const deadline = Date.now() + (options.timeoutMs ?? 120_000); !options.until(printed) && !exited && Date.now() < deadline; ) await sleep(10);
    if (options.thenWaitMs) await sleep(options.thenWaitMs);
    await options.beforeKill?.({ session, exited, printed });
    if (!exited) process.kill(-session, "SIGKILL");
    await exit;
    let leftovers = sessionProcesses(session);
    for (const until = Date.now() + 10_000; leftovers.length > 0 && Date.now() <= until; await sleep(200)) leftovers = sessionProcesses(session);
    return { session, leftovers, printed };
  } finally {
    if (!exited) {
      try {
        process.kill(-session, "SIGKILL");
      } catch {
        // Gone already.
      }
    }
    for (const pgid of new Set(sessionProcesses(session).map((p) => p.pgid))) {
      try {
        process.kill(-pgid, "SIGKILL");
      } catch {
        // Ended in the meantime.
      }
    }
  }
}

async function adminJson<T>(emulator: RunningEmulator, method: string, apiPath: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${emulator.url}${apiPath}`, {
    method,
    headers: { Authorization: `Api-Token ${emulator.adminToken}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
}

async function liveTokens(emulator: RunningEmulator, withDates = false): Promise<Array<{ id: string; name: string }>> {
  const api = await adminJson<{ apiTokens: Array<{ id: string; name: string }> }>(emulator, "GET", `/api/v2/apiTokens?pageSize=10000${withDates ? "&fields=%2BcreationDate" : ""}`);
  const ag = await adminJson<{ activeGateTokens: Array<{ id: string; name: string }> }>(emulator, "GET", "/api/v2/activeGateTokens?pageSize=3000");
  return [...api.body.apiTokens, ...ag.body.activeGateTokens].filter((t) => !emulator.adminToken.startsWith(`${t.id}.`));
}

export async function killTrial(emulator: RunningEmulator, options: KillTrialOptions): Promise<KillTrialResult> {
  const specs = specsFor(options.tokens);
  const consumerDir = await prepareConsumer();
  const project = await PulumiProject.create(consumerDir, {
    fixture: "tokens",
    ...faceOptions(options.face ?? "dynamic", consumerDir),
    config: { [CONFIG_KEYS.envUrl]: emulator.url, [CONFIG_KEYS.apiToken]: { secret: emulator.adminToken } },
  });
  const steps: string[] = [];
  try {
    await project.pulumi(["config", "set", "--plaintext", "tokens:resources", JSON.stringify(specs)]);
    const latencyMs = options.createLatencyMs ?? 300;
    emulator.setFaults([
      { route: "POST /api/v2/apiTokens", latencyMs },
      { route: "POST /api/v2/activeGateTokens", latencyMs },
    ]);
    emulator.resetRequests();
    const posts = () => (emulator.requests().byRoute["POST /api/v2/apiTokens"] ?? 0) + (emulator.requests().byRoute["POST /api/v2/activeGateTokens"] ?? 0);

    // --parallel 4 spreads the creates over a few seconds, so a random kill can land anywhere in them. The kill hits
    // the engine's own group: Pulumi starts its plugins in groups of their own, which is what the issue saw survive.
    let postsBeforeKill = 0;
    const { session: sid, leftovers } = await killRunningPulumi(project, ["up", "--yes", "--skip-preview", "--parallel", "4"], {
      until: () => posts() > 0,
      thenWaitMs: options.killAfterMs,
      beforeKill: () => void (postsBeforeKill = posts()),
    });

    // The provider and the language host must notice that their engine is gone and stop by themselves: what outlived
    // the 10 s is counted as stray (killRunningPulumi ended it, so the trial leaves nothing).
    const strayProviders = leftovers.filter((p) => p.args.includes("dynamic-provider") || p.args.includes("pulumi-resource-dynatrace-tokens") || p.args.includes("native/main.js")).length;
    const languageHostsEnded = leftovers.filter((p) => p.args.includes("pulumi-language-nodejs")).length;
    const strayAfterKill = leftovers.length;
    emulator.clearFaults();
    // Creates the server was still working on finish now (with room for a loaded machine); then "wait a minute", as
    // the docs say, on the emulator's clock.
    await sleep(latencyMs + 2500);
    emulator.clock.advance(61 * 1000);

    // A kill while the engine writes its checkpoint leaves the file backend's state file cut short ("failed to load
    // checkpoint: EOF"); the docs' step 0 puts back the previous checkpoint, which Pulumi keeps beside it.
    const stateFile = path.join(project.dir, "..", "backend", ".pulumi", "stacks", "tokens", "test.json");
    if (options.cutStateFile) fs.writeFileSync(stateFile, "");
    if (options.cutStateFile === "with-backup") fs.writeFileSync(`${stateFile}.bak`, "");
    const stateLoads = async () => (await project.pulumi(["stack", "export"], { allowFailure: true })).code === 0;
    if (!(await stateLoads())) {
      fs.copyFileSync(`${stateFile}.bak`, stateFile);
      steps.push("cp <stack>.json.bak <stack>.json");
      if (!(await stateLoads())) {
        // The .bak is empty too: the state is lost; set both aside and start the stack afresh (step 0 of the docs).
        fs.renameSync(stateFile, `${stateFile}.lost`);
        fs.renameSync(`${stateFile}.bak`, `${stateFile}.bak.lost`);
        for (const attrs of [`${stateFile}.attrs`, `${stateFile}.bak.attrs`]) fs.rmSync(attrs, { force: true });
        // The killed run's lock would refuse the init; `pulumi cancel` needs a stack that loads, so remove it by hand.
        fs.rmSync(path.join(path.dirname(stateFile), "..", "..", "locks", "organization", "tokens", "test"), { recursive: true, force: true });
        await project.pulumi(["stack", "init", "test"]);
        steps.push("mv <stack>.json* *.lost && pulumi stack init <stack>");
      }
    }
    const exported = JSON.parse((await project.pulumi(["stack", "export"])).stdout) as {
      deployment: { resources?: Array<{ id?: string; type: string }>; pending_operations?: unknown[] };
    };
    const inStateAfterKill = (exported.deployment.resources ?? []).filter((r) => isTokenType(r.type) && r.id).length;
    const pendingCreates = (exported.deployment.pending_operations ?? []).length;

    // The recovery, as docs/recovery.md gives it.
    const step = async (label: string, file: string, args: string[], env: NodeJS.ProcessEnv = project.commandEnv()) => {
      const result = await run(file, args, { cwd: project.dir, env, maxBuffer: 64 * 1024 * 1024 }).then(
        (r) => ({ code: 0, ...r }),
        (e: { code?: number; stdout?: string; stderr?: string }) => ({ code: typeof e.code === "number" ? e.code : 1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" }),
      );
      steps.push(`${label} → ${result.code}`);
      return result;
    };
    const pulumi = path.join(pulumiBinDir, "pulumi");
    await step("pulumi cancel --yes", pulumi, ["cancel", "--yes", "--non-interactive"]);
    await step("pulumi refresh --clear-pending-creates --yes", pulumi, ["refresh", "--clear-pending-creates", "--yes", "--skip-preview", "--non-interactive"]);
    // After the refresh: recover must judge against the state the next `up` works from.
    const recover = await step("dt-tokens recover --delete", dtTokensBin(project.dir), ["recover", "--env-url", emulator.url, "--delete", "--format", "json"], {
      ...project.commandEnv(),
      DYNATRACE_API_TOKEN: emulator.adminToken,
    });
    const recovered = recover.code === 0 ? (JSON.parse(recover.stdout) as { orphans: unknown[]; tooYoung: number }) : undefined;
    const orphansRemoved = recovered ? recovered.orphans.length : Number.NaN;
    await step("pulumi up --yes", pulumi, ["up", "--yes", "--skip-preview", "--non-interactive"]);

    // What is left.
    const resources = (JSON.parse((await project.pulumi(["stack", "export", "--show-secrets"])).stdout) as {
      deployment: { resources?: Array<{ id?: string; type: string; urn: string; outputs?: { token?: unknown } }>; pending_operations?: unknown[] };
    }).deployment.resources!.filter((r) => isTokenType(r.type));
    const stateIds = new Set(resources.map((r) => r.id));
    const live = await liveTokens(emulator, true);
    const unknown = live.filter((t) => !stateIds.has(t.id));
    const orphans = unknown.length;
    const wanted = new Map<string, number>();
    for (const s of specs) wanted.set(s.name, (wanted.get(s.name) ?? 0) + 1);
    const have = new Map<string, number>();
    for (const t of live) have.set(withoutMarker(t.name), (have.get(withoutMarker(t.name)) ?? 0) + 1);
    const duplicates = [...have].reduce((n, [name, k]) => n + Math.max(0, k - (wanted.get(name) ?? 0)), 0);
    let lostSecrets = specs.length - resources.length;
    const liveIds = new Set(live.map((t) => t.id));
    for (const r of resources) {
      // `stack export --show-secrets` gives a secret as `{ <sig>: …, plaintext: "<JSON of the value>" }`.
      const stored = r.outputs?.token as { plaintext?: string } | string | undefined;
      const secret = typeof stored === "object" && stored.plaintext !== undefined ? (JSON.parse(stored.plaintext) as string) : typeof stored === "string" ? stored : undefined;
      const works = r.id?.startsWith("dt0g02.")
        ? secret?.startsWith(`${r.id}.`) === true && liveIds.has(r.id)
        : secret !== undefined && (await adminJson<{ id: string }>(emulator, "POST", "/api/v2/apiTokens/lookup", { token: secret })).body?.id === r.id;
      if (!works) lostSecrets++;
    }
    const preview = await project.pulumi(["preview", "--json"], { allowFailure: true });
    const summary = preview.code === 0 ? (JSON.parse(preview.stdout) as { changeSummary?: Record<string, number> }).changeSummary : undefined;
    const previewClean = summary !== undefined && Object.keys(summary).every((k) => k === "same");
    return {
      killAfterMs: options.killAfterMs,
      postsBeforeKill,
      inStateAfterKill,
      pendingCreates,
      orphansRemoved,
      tooYoung: recovered?.tooYoung ?? Number.NaN,
      orphans,
      duplicates,
      lostSecrets,
      strayProviders,
      strayProcesses: strayAfterKill + sessionProcesses(sid).length,
      languageHostsEnded,
      previewClean,
      steps,
      ...(orphans > 0 ? { diagnosis: JSON.stringify({ recovered, recoverStderr: recover.stderr, unknown, emulatorNow: emulator.clock.now() }) } : {}),
    };
  } finally {
    emulator.clearFaults();
    project.cleanup();
  }
}
