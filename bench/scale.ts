// Issue #11: this package against the engine's own floor, on the real CLI against the emulator, in one process tree
// and one run. For each size, the `scale` fixture (N API tokens) and the `scale-baseline` fixture (N no-op dynamic
// resources with the same inputs) go through the same phases, interleaved so both see the same machine; it prints the
// wall time of each, the ratio to the baseline, the CPU seconds of each side's pulumi process tree (and by process:
// engine, program, provider) and the API requests of each phase from the emulator's request log. The same run has the
// native face too (issue 18): the `scale` fixture on pulumi-dynatrace-tokens/native, and the `scale-native-baseline`
// fixture, N resources of a native plugin that does nothing; with the state bytes per resource of each after `up`.
// `--faces dynamic` leaves the native pair out; `--faces native` leaves the dynamic package out (the dynamic no-op
// stays: it is the floor of both faces). `--faces native,shaped` adds the native no-op with a token's state
// (`native-shaped`: the same plugin answering a token's defaults and outputs, sizes included, the secret a secret),
// which tells the cost of what a token stores from the package's own work.
//
//   npm run build && npx ts-node --transpile-only bench/scale.ts [--sizes 200,1000] [--rate-limit 200] [--memory 10000] [--profile 1000]
//
// --phases LIST   runs only these phases of each size (of up,preview,refresh,update,destroy; up is needed first).
// --rate-limit N  also runs `up` of N tokens against a limit of 20 requests/s (the emulator's fixed window).
// --memory N      also refreshes N tokens (seeded in the emulator, grafted into the state) and reports the provider
//                 process's peak RSS (VmHWM). `--memory-kinds package` skips the baseline; with PDT_HEAP_DIR=<dir> the
//                 provider logs its memory use every 250 ms there (and PDT_HEAP_AT_MB=<n> writes one heap snapshot),
//                 see bench/heapSnapshotHook.js.
// --profile N     also CPU-profiles a no-change preview of N tokens (bench/cpuProfileHook.js) and prints where the
//                 program and the provider process spend their time; `--profile-phase up` profiles the `up` instead;
//                 `--profile-kinds native,native-baseline` profiles the native face and its no-op (default: package,baseline).
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { CONFIG_KEYS } from "../provider/config";
import { startEmulator, type RunningEmulator } from "../emulator";
import { prepareConsumer } from "../test/harness/consumer";
import { faceOptions } from "../test/harness/faces";
import { PulumiProject } from "../test/harness/pulumi";

/** The package and its no-op floor, on each face: dynamic resources, and the native plugin's. */
type Kind = "package" | "baseline" | "native" | "native-baseline" | "native-shaped";
const FIXTURE_OF: Record<Kind, string> = {
  package: "scale",
  baseline: "scale-baseline",
  native: "scale",
  "native-baseline": "scale-native-baseline",
  "native-shaped": "scale-native-baseline",
};
const PHASES = ["up", "preview", "refresh", "update", "destroy"] as const;
type Phase = (typeof PHASES)[number];

// The stack config keys for the provider's credentials, in one place.
const CREDENTIAL_KEYS = { envUrl: CONFIG_KEYS.envUrl, apiToken: CONFIG_KEYS.apiToken } as const;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

// `--sizes none` runs only the extra scenarios.
const sizes = arg("sizes") === "none" ? [] : (arg("sizes") ?? "200,1000").split(",").map(Number);
const rateLimitCount = arg("rate-limit") === undefined ? undefined : Number(arg("rate-limit"));
const memoryCount = arg("memory") === undefined ? undefined : Number(arg("memory"));
// `--memory-kinds package` skips the baseline's refresh (e.g. with PDT_HEAP_DIR, see bench/heapSnapshotHook.js).
const memoryKinds = (arg("memory-kinds") ?? "package,baseline").split(",") as Kind[];
const profileCount = arg("profile") === undefined ? undefined : Number(arg("profile"));
const profilePhase = (arg("profile-phase") ?? "preview") as "preview" | "up";
if (profilePhase !== "preview" && profilePhase !== "up") throw new Error(`--profile-phase: "${profilePhase}" is not preview or up`);
// `--phases up,preview` runs only these phases of each size (a phase needs the ones before it: up first, destroy last).
const phases = (arg("phases")?.split(",") ?? PHASES) as readonly Phase[];
const faces = (arg("faces") ?? "dynamic,native").split(",");
const withNative = faces.includes("native");
const withDynamic = faces.includes("dynamic");
const withShaped = withNative && faces.includes("shaped");
const profileKinds = (arg("profile-kinds") ?? "package,baseline").split(",") as Kind[];
const unknownPhase = phases.find((p) => !PHASES.includes(p));
if (unknownPhase !== undefined) throw new Error(`--phases: "${unknownPhase}" is not a phase; use some of ${PHASES.join(",")}`);

async function makeProject(consumer: string, kind: Kind, emulator: RunningEmulator, count: number): Promise<PulumiProject> {
  // The native plugins are named in Pulumi.yaml: no PATH warning, the same lookup for both.
  const noop = kind === "native-baseline" || kind === "native-shaped";
  const plugins = kind === "native" ? faceOptions("native", consumer, "project") : noop ? { plugins: [{ name: "noopnative", path: "." }] } : {};
  // The shaped no-op: the program declares the token's secret outputs, the plugin answers a token's state.
  const shape: Record<string, string> = kind === "native-shaped" ? { "scale:shape": "token", "noopnative:shape": "token" } : {};
  const project = await PulumiProject.create(consumer, {
    fixture: FIXTURE_OF[kind],
    ...plugins,
    config: { [CREDENTIAL_KEYS.envUrl]: emulator.url, [CREDENTIAL_KEYS.apiToken]: { secret: emulator.adminToken }, ...shape },
  });
  await project.setConfig("scale:count", String(count));
  return project;
}

async function runPhase(project: PulumiProject, phase: Phase, env?: Record<string, string>): Promise<void> {
  if (process.env.BENCH_DEBUG) console.error(`[${new Date().toISOString()}] ${phase} in ${project.dir}`);
  switch (phase) {
    case "up":
      await project.pulumi(["up", "--yes", "--skip-preview"], { env });
      return;
    case "preview": {
      const result = await project.pulumi(["preview", "--json"], { env });
      const steps = (JSON.parse(result.stdout) as { steps: Array<{ op: string }> }).steps;
      const changed = steps.filter((s) => s.op !== "same");
      if (changed.length > 0) throw new Error(`the no-change preview shows ${changed.length} changes`);
      return;
    }
    case "refresh":
      await project.pulumi(["refresh", "--yes", "--skip-preview"], { env });
      return;
    case "update":
      await project.setConfig("scale:suffix", "_v2");
      await project.pulumi(["up", "--yes", "--skip-preview"], { env });
      return;
    case "destroy":
      await project.pulumi(["destroy", "--yes", "--skip-preview"], { env });
      return;
  }
}

async function timed(fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

/**
 * CPU seconds (user + system) used so far by this process's waited-for descendants: the `pulumi` CLI and what it
 * waited for (the program, the provider processes). Less sensitive than wall time to the other work on a shared
 * machine, so it shows where a ratio comes from when the wall times are noisy.
 */
function childrenCpuSeconds(): number {
  // /proc/<pid>/stat: the fields after the parenthesized command name; cutime and cstime are fields 16 and 17.
  const fields = fs.readFileSync("/proc/self/stat", "utf8").replace(/^.*\) /, "").split(" ");
  const ticksPerSecond = 100; // USER_HZ, which Linux fixes at 100 for /proc
  return (Number(fields[13]) + Number(fields[14])) / ticksPerSecond;
}

type Role = "engine" | "program" | "provider";

/** Which part of a Pulumi run a process is, from its command line. */
function roleOf(cmdline: string): Role | undefined {
  if (/dynamic-provider|pulumi-resource-dynatrace-tokens|native\/main\.js|pulumi-resource-noopnative/.test(cmdline)) return "provider";
  if (cmdline.includes("cmd/run") || cmdline.includes("language-nodejs")) return "program";
  if (/(^|\/)pulumi\0/.test(cmdline)) return "engine";
  return undefined;
}

/**
 * CPU seconds of each process of one project's Pulumi runs (found by `marker` in their environment), by role:
 * sampled from /proc every 100 ms until `stop`, so a process that lives less than that is missed.
 */
function watchCpuByRole(marker: string): { stop: () => Record<Role, number> } {
  const perPid = new Map<string, { role: Role; seconds: number }>();
  // Each process is classified once: this runs in the emulator's process, and reading every process's command line
  // and environment ten times a second would hold up the emulator's answers, slowing only the package's side. Only
  // the command line of a process already counted is read again: a plugin sampled between the engine's fork and its
  // exec still has the engine's, and would otherwise count as the engine for the rest of its life.
  const roles = new Map<string, { cmdline: string; role: Role | null }>();
  const classify = (pid: string): { cmdline: string; role: Role | null } => {
    const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    const role = roleOf(cmdline);
    return { cmdline, role: role !== undefined && fs.readFileSync(`/proc/${pid}/environ`, "utf8").includes(marker) ? role : null };
  };
  const sample = () => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        const known = roles.get(pid);
        if (known === undefined || (known.role !== null && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8") !== known.cmdline)) roles.set(pid, classify(pid));
        const role = roles.get(pid)!.role;
        if (!role) continue;
        const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
        perPid.set(pid, { role, seconds: (Number(fields[11]) + Number(fields[12])) / 100 }); // utime + stime, USER_HZ
      } catch {
        // The process ended between listing and reading: its last sample stands.
      }
    }
  };
  const timer = setInterval(sample, 100);
  return {
    stop: () => {
      clearInterval(timer);
      const total: Record<Role, number> = { engine: 0, program: 0, provider: 0 };
      for (const { role, seconds } of perPid.values()) total[role] += seconds;
      return total;
    },
  };
}

/** Wall and CPU seconds of `fn` (CPU: see childrenCpuSeconds), and the CPU by role when `marker` is given. */
async function measured(fn: () => Promise<void>, marker?: string): Promise<{ wall: number; cpu: number; roles?: Record<Role, number>; bench: number }> {
  const cpu = childrenCpuSeconds();
  const own = process.cpuUsage();
  const watch = marker === undefined ? undefined : watchCpuByRole(marker);
  const wall = await timed(fn);
  const ownUsed = process.cpuUsage(own);
  return { wall, cpu: childrenCpuSeconds() - cpu, roles: watch?.stop(), bench: (ownUsed.user + ownUsed.system) / 1e6 };
}

/** CPU by process, and this process's own: the emulator answering the requests (and the /proc sampling). */
function formatRoles(m: { roles?: Record<Role, number>; bench: number }): string {
  const roles = m.roles === undefined ? "" : `engine ${m.roles.engine.toFixed(1)}, program ${m.roles.program.toFixed(1)}, provider ${m.roles.provider.toFixed(1)}, `;
  return `${roles}bench process (emulator) ${m.bench.toFixed(1)}`;
}

async function statusCounts(emulator: RunningEmulator): Promise<Record<string, number>> {
  const res = await fetch(`${emulator.url}/_emulator/requests`, { headers: { authorization: `Api-Token ${emulator.adminToken}` } });
  return ((await res.json()) as { byStatus: Record<string, number> }).byStatus;
}

function formatRoutes(byRoute: Record<string, number>): string {
  const entries = Object.entries(byRoute);
  return entries.length === 0 ? "0" : `${entries.reduce((n, [, c]) => n + c, 0)} (${entries.map(([r, c]) => `${c}× ${r.replace("/api/v2/", "")}`).join(", ")})`;
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(header), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

/** Bytes per token resource in the state (`pulumi stack export`): what every checkpoint write carries. */
async function stateBytesPerResource(project: PulumiProject, count: number): Promise<number> {
  const resources = (await project.resources()).filter((r) => /::t\d+$/.test(r.urn));
  return resources.reduce((n, r) => n + JSON.stringify(r).length, 0) / count;
}

async function scaleRun(consumer: string, count: number): Promise<{ rows: string[][]; nativeRows: string[][] }> {
  const emulator = await startEmulator();
  const kinds: Kind[] = [
    ...(withDynamic ? (["package"] as const) : []),
    "baseline",
    ...(withNative ? (["native", "native-baseline"] as const) : []),
    ...(withShaped ? (["native-shaped"] as const) : []),
  ];
  const projects = {} as Record<Kind, PulumiProject>;
  for (const kind of kinds) projects[kind] = await makeProject(consumer, kind, emulator, count);
  const rows: string[][] = [];
  const nativeRows: string[][] = [];
  try {
    for (const phase of phases) {
      const m = {} as Record<Kind, Awaited<ReturnType<typeof measured>>>;
      const requests = {} as Record<Kind, Record<string, number>>;
      // Interleaved, so that each side sees the same machine.
      for (const kind of kinds) {
        emulator.resetRequests();
        m[kind] = await measured(() => runPhase(projects[kind], phase), projectMarker(projects[kind]));
        requests[kind] = emulator.requests().byRoute;
      }
      // Each project's state after an up, exported once: the native table and the summary line both show it.
      const stateBytes =
        phase === "up" ? Object.fromEntries(await Promise.all(kinds.map(async (kind) => [kind, await stateBytesPerResource(projects[kind], count)] as const))) : undefined;
      const pkg = m.package;
      const base = m.baseline;
      if (withDynamic) {
        rows.push([
          String(count),
          phase,
          pkg.wall.toFixed(1),
          base.wall.toFixed(1),
          (pkg.wall / base.wall).toFixed(2),
          `${pkg.cpu.toFixed(1)} / ${base.cpu.toFixed(1)} = ${(pkg.cpu / base.cpu).toFixed(2)}`,
          formatRoutes(requests.package),
        ]);
        console.log(`  N=${count} ${phase}: ${rows.at(-1)!.slice(2).join(" | ")}`);
        console.log(`    CPU s by process: package ${formatRoles(pkg)}; baseline ${formatRoles(base)}`);
      }
      if (withNative) {
        const native = m.native;
        const floor = m["native-baseline"];
        const state = stateBytes ? `${stateBytes.native!.toFixed(0)} B` : "";
        nativeRows.push([
          String(count),
          phase,
          native.wall.toFixed(1),
          floor.wall.toFixed(1),
          (native.wall / base.wall).toFixed(2),
          (native.wall / floor.wall).toFixed(2),
          `${native.cpu.toFixed(1)} / ${base.cpu.toFixed(1)} / ${floor.cpu.toFixed(1)}`,
          state,
          formatRoutes(requests.native),
          ...(withShaped ? [(native.wall / m["native-shaped"].wall).toFixed(2), `${native.cpu.toFixed(1)} / ${m["native-shaped"].cpu.toFixed(1)}`] : []),
        ]);
        console.log(`  N=${count} ${phase} native: ${nativeRows.at(-1)!.slice(2).join(" | ")}`);
        console.log(`    CPU s by process: native ${formatRoles(native)}; native no-op ${formatRoles(floor)}`);
        if (withShaped) console.log(`    CPU s by process: native no-op with a token's state ${formatRoles(m["native-shaped"])}`);
      }
      if (stateBytes) console.log(`    state per resource: ${kinds.map((kind) => `${kind} ${stateBytes[kind]!.toFixed(0)} B`).join(", ")}`);
    }
  } finally {
    for (const kind of kinds) projects[kind].cleanup();
    await emulator.close();
  }
  return { rows, nativeRows };
}

async function rateLimitRun(consumer: string, count: number): Promise<string> {
  const perSecond = 20;
  const emulator = await startEmulator();
  const project = await makeProject(consumer, "package", emulator, count);
  try {
    emulator.setRateLimit({ limit: perSecond, windowMs: 1000 });
    emulator.resetRequests();
    const seconds = await timed(() => runPhase(project, "up"));
    const statuses = await statusCounts(emulator);
    const answered = Object.entries(statuses).reduce((n, [status, c]) => n + (status === "429" ? 0 : c), 0);
    const ideal = answered / perSecond;
    emulator.setRateLimit(undefined);
    await runPhase(project, "destroy");
    return (
      `up of ${count} tokens at ${perSecond} requests/s: ${seconds.toFixed(1)} s; ${answered} requests answered, ` +
      `${statuses["429"] ?? 0} answered 429; ideal ${ideal.toFixed(1)} s (requests / limit): ${(seconds / ideal).toFixed(2)}× the ideal`
    );
  } finally {
    project.cleanup();
    await emulator.close();
  }
}

/** What the environment of every process of a project's Pulumi runs contains: the project's scratch root. */
function projectMarker(project: PulumiProject): string {
  return project.dir.replace(/\/program$/, "");
}

/** Peak RSS (VmHWM, MB) of dynamic-provider processes whose environment names `marker`, sampled until `stop`. */
function watchProviderRss(marker: string): { stop: () => number } {
  let peak = 0;
  const sample = () => {
    for (const pid of fs.readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
      try {
        if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("dynamic-provider")) continue;
        if (!fs.readFileSync(`/proc/${pid}/environ`, "utf8").includes(marker)) continue;
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) peak = Math.max(peak, Number(hwm[1]) / 1024);
      } catch {
        // The process ended between listing and reading: its last sample stands.
      }
    }
  };
  const timer = setInterval(sample, 50);
  return {
    stop: () => {
      clearInterval(timer);
      return peak;
    },
  };
}

interface ExportedResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  [key: string]: unknown;
}

async function memoryRun(consumer: string, count: number, kind: Kind): Promise<string> {
  const emulator = await startEmulator();
  const project = await makeProject(consumer, kind, emulator, 1);
  try {
    await runPhase(project, "up");
    // Graft `count` tokens into the state: seeded in the emulator, cloned from the one real resource.
    const exported = JSON.parse((await project.pulumi(["stack", "export"])).stdout) as { deployment: { resources: ExportedResource[] } };
    const template = exported.deployment.resources.find((r) => r.type.startsWith("pulumi-nodejs:dynamic/"))!;
    const others = exported.deployment.resources.filter((r) => r !== template);
    const grafted: ExportedResource[] = [template];
    for (let i = 1; i < count; i++) {
      const name = `scale-${i}`;
      const id = kind === "package" ? emulator.seedToken({ name, scopes: ["metrics.read"] }).id : `noop-${name}`;
      grafted.push({
        ...template,
        urn: template.urn.replace(/::t0$/, `::t${i}`),
        id,
        inputs: { ...template.inputs, name },
        outputs: { ...template.outputs, name },
      });
    }
    exported.deployment.resources = [...others, ...grafted];
    const file = path.join(os.tmpdir(), `pdt-scale-${process.pid}.json`);
    fs.writeFileSync(file, JSON.stringify(exported));
    await project.pulumi(["stack", "import", "--file", file]);
    fs.rmSync(file);
    emulator.resetRequests();
    const watch = watchProviderRss(projectMarker(project));
    // The engine rewrites the whole checkpoint after every step; at 10 000 resources that, not the provider, would
    // take the time. The provider's memory is what this measures, so only the final checkpoint is written.
    const heap: Record<string, string> = process.env.PDT_HEAP_DIR ? { NODE_OPTIONS: `--require ${path.join(__dirname, "heapSnapshotHook.js")}` } : {};
    const seconds = await timed(() => runPhase(project, "refresh", { PULUMI_SKIP_CHECKPOINTS: "true", ...heap }));
    const peak = watch.stop();
    const requests = emulator.requests().byRoute;
    const kept = (await project.resources()).filter((r) => r.type.startsWith("pulumi-nodejs:dynamic/")).length;
    return `${kind}: refresh of ${count} resources: ${seconds.toFixed(1)} s, ${formatRoutes(requests)}, ${kept} kept in state; provider process peak RSS ${peak.toFixed(0)} MB`;
  } finally {
    project.cleanup();
    await emulator.close();
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

function category(url: string, fn: string): string {
  if (url === "") return fn.startsWith("(") ? fn : "(native)";
  if (url.includes("pulumi-dynatrace-tokens")) return `package: ${url.replace(/^.*pulumi-dynatrace-tokens\//, "")}`;
  if (url.includes("/zod/")) return "zod";
  if (url.includes("@grpc") || url.includes("google-protobuf")) return "grpc/protobuf";
  if (url.includes("require-from-string")) return "require-from-string";
  if (url.includes("@pulumi/pulumi")) return `@pulumi/pulumi: ${url.replace(/^.*@pulumi\/pulumi\//, "")}`;
  if (url.startsWith("node:internal/modules")) return "node: module loading";
  if (url.startsWith("node:")) return `node: ${url.replace(/^node:(internal\/)?/, "").split("/")[0]}`;
  return url.replace(/^.*node_modules\//, "");
}

/** CPU time of each profiled role (provider, program): self time by where the code lives, and by function. */
function summarizeProfiles(dir: string): Map<string, { byCategory: Map<string, number>; byFunction: Map<string, number> }> {
  const roles = new Map<string, { byCategory: Map<string, number>; byFunction: Map<string, number> }>();
  for (const file of fs.readdirSync(dir)) {
    const role = file.split("-")[0]!;
    if (!roles.has(role)) roles.set(role, { byCategory: new Map(), byFunction: new Map() });
    const { byCategory, byFunction } = roles.get(role)!;
    const profile = JSON.parse(fs.readFileSync(path.join(dir, file), "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const node = byId.get(id)!;
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      const key = category(node.callFrame.url, node.callFrame.functionName);
      byCategory.set(key, (byCategory.get(key) ?? 0) + ms);
      const fn = `${node.callFrame.functionName || "(anonymous)"} ${key}:${node.callFrame.lineNumber + 1}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + ms);
    });
  }
  return roles;
}

async function profileRun(consumer: string, count: number): Promise<string> {
  const emulator = await startEmulator();
  const lines: string[] = [];
  for (const kind of profileKinds) {
    const project = await makeProject(consumer, kind, emulator, count);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-prof-"));
    try {
      if (profilePhase === "preview") await runPhase(project, "up");
      const hook = path.join(__dirname, "cpuProfileHook.js");
      const { wall, cpu } = await measured(() => runPhase(project, profilePhase, { NODE_OPTIONS: `--require ${hook}`, PDT_PROF_DIR: dir }));
      const what = profilePhase === "up" ? "up" : "no-change preview";
      lines.push(`${kind}: ${what} of ${count} resources, profiled: ${wall.toFixed(1)} s, ${cpu.toFixed(1)} s CPU in the pulumi process tree`);
      for (const [role, { byCategory, byFunction }] of summarizeProfiles(dir)) {
        const total = [...byCategory.entries()].filter(([k]) => k !== "(idle)").reduce((n, [, ms]) => n + ms, 0);
        lines.push(`  ${role} process on CPU ${total.toFixed(0)} ms (idle excluded), ${(total / count).toFixed(2)} ms per resource; by where the code lives:`);
        for (const [k, ms] of [...byCategory.entries()].filter(([k]) => k !== "(idle)").sort((a, b) => b[1] - a[1]).slice(0, 10)) {
          lines.push(`    ${ms.toFixed(0).padStart(7)} ms  ${k}`);
        }
        lines.push("   hottest functions:");
        for (const [k, ms] of [...byFunction.entries()].filter(([k]) => !k.startsWith("(idle)")).sort((a, b) => b[1] - a[1]).slice(0, 6)) {
          lines.push(`    ${ms.toFixed(0).padStart(7)} ms  ${k}`);
        }
      }
      await runPhase(project, "destroy");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
      project.cleanup();
    }
  }
  await emulator.close();
  return lines.join("\n");
}

async function main(): Promise<void> {
  const consumer = await prepareConsumer();
  console.log(
    `bench/scale: ${os.cpus().length} cores, node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}; ` +
      `times in seconds (wall), ratio = package / baseline; CPU = CPU seconds of the pulumi process tree\n`,
  );
  const rows: string[][] = [];
  const nativeRows: string[][] = [];
  for (const count of sizes) {
    const run = await scaleRun(consumer, count);
    rows.push(...run.rows);
    nativeRows.push(...run.nativeRows);
  }
  if (rows.length > 0) console.log(`\n${table(["N", "phase", "package s", "baseline s", "ratio", "CPU s, package / baseline", "API requests (package)"], rows)}\n`);
  if (nativeRows.length > 0) {
    const header = ["N", "phase", "native s", "native no-op s", "/ dynamic no-op", "/ native no-op", "CPU s, native / dynamic no-op / native no-op", "state per token", "API requests (native)"];
    if (withShaped) header.push("/ no-op with a token's state", "CPU s, native / no-op with a token's state");
    console.log(`${table(header, nativeRows)}\n`);
  }
  if (rateLimitCount !== undefined) console.log(await rateLimitRun(consumer, rateLimitCount));
  if (memoryCount !== undefined) {
    for (const kind of memoryKinds) console.log(await memoryRun(consumer, memoryCount, kind));
  }
  if (profileCount !== undefined) console.log(await profileRun(consumer, profileCount));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
