// Emulator latency: startup time, then p50/p99 of list (first page, cold and warm), a deep page and get,
// at 100, 1k and 10k tokens. Run: npx ts-node bench/emulator-latency.ts

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Agent, request } from "undici";
import { startEmulator, type RunningEmulator } from "../emulator";

const ITERATIONS = 200;
const SIZES = [100, 1_000, 10_000];

const agent = new Agent({ connections: 1, pipelining: 1 });

async function get(emu: RunningEmulator, path: string): Promise<any> {
  const res = await request(`${emu.url}${path}`, { headers: { authorization: `Api-Token ${emu.adminToken}` }, dispatcher: agent });
  const body = await res.body.json();
  if (res.statusCode !== 200) throw new Error(`${path}: HTTP ${res.statusCode} ${JSON.stringify(body)}`);
  return body;
}

async function put(emu: RunningEmulator, path: string, body: unknown): Promise<void> {
  const res = await request(`${emu.url}${path}`, {
    method: "PUT",
    headers: { authorization: `Api-Token ${emu.adminToken}`, "content-type": "application/json" },
    body: JSON.stringify(body),
    dispatcher: agent,
  });
  await res.body.dump();
  if (res.statusCode !== 204) throw new Error(`PUT ${path}: HTTP ${res.statusCode}`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function measure(fn: () => Promise<unknown>, before?: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 10; i++) await fn(); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < ITERATIONS; i++) {
    if (before) await before();
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99) };
}

/** Time from spawning `node dist/emulator/main.js` to its "listening" line (needs `npm run build` first). */
function cliStartupMs(): Promise<number> {
  const main = join(__dirname, "..", "dist", "emulator", "main.js");
  if (!existsSync(main)) return Promise.resolve(NaN);
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [main, "--port", "0"]);
    child.stdout.once("data", () => {
      const ms = performance.now() - t0;
      child.once("exit", () => resolve(ms));
      child.kill("SIGTERM");
    });
    child.once("error", reject);
  });
}

async function main(): Promise<void> {
  const startups: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const emu = await startEmulator();
    startups.push(performance.now() - t0);
    await emu.close();
  }
  startups.sort((a, b) => a - b);
  console.log(`startup, in process (startEmulator, median of 5): ${percentile(startups, 50).toFixed(1)} ms (target < 1000 ms)`);
  const cli: number[] = [];
  for (let i = 0; i < 3; i++) cli.push(await cliStartupMs());
  cli.sort((a, b) => a - b);
  console.log(`startup, CLI (spawn node dist/emulator/main.js to its listening line, median of 3): ${percentile(cli, 50).toFixed(0)} ms (target < 1000 ms)\n`);

  const rows: string[][] = [];
  for (const size of SIZES) {
    const emu = await startEmulator();
    const t0 = performance.now();
    const ids: string[] = [];
    for (let i = 1; i < size; i++) ids.push(emu.seedToken({ name: `bench-${i}`, scopes: ["metrics.read"] }).id);
    const seedMs = performance.now() - t0;
    let key: string | null = (await get(emu, "/api/v2/apiTokens")).nextPageKey;
    let deepKey = key;
    while (key) {
      deepKey = key;
      key = (await get(emu, `/api/v2/apiTokens?nextPageKey=${encodeURIComponent(key)}`)).nextPageKey;
    }
    let flip = 0;
    const cases: Array<[string, () => Promise<unknown>, (() => Promise<unknown>)?]> = [
      ["list first page (warm)", () => get(emu, "/api/v2/apiTokens")],
      ["list first page (cold: after a PUT)", () => get(emu, "/api/v2/apiTokens"), () => put(emu, `/api/v2/apiTokens/${ids[0]}`, { name: `renamed-${flip++}` })],
      ["list deep (last) page", () => get(emu, `/api/v2/apiTokens?nextPageKey=${encodeURIComponent(deepKey ?? "")}`)],
      ["get by id", () => get(emu, `/api/v2/apiTokens/${ids[Math.floor(ids.length / 2)]}`)],
    ];
    for (const [label, fn, before] of cases) {
      if (label.startsWith("list deep") && !deepKey) continue;
      const { p50, p99 } = await measure(fn, before);
      rows.push([String(size), label, p50.toFixed(2), p99.toFixed(2)]);
    }
    rows.push([String(size), `(seeding ${size - 1} tokens in process)`, seedMs.toFixed(0), ""]);
    await emu.close();
  }
  const header = ["tokens", "operation", "p50 ms", "p99 ms"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
  await agent.close();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
