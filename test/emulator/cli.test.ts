import { type ChildProcessWithoutNullStreams, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./helpers";

const ROOT = resolve(__dirname, "../..");
const MAIN = join(ROOT, "dist/emulator/main.js");
const ADMIN = `dt0c01.${"ADMINADMINADMINADMINADMI"}.${"S".repeat(64)}`;

let dir: string;

beforeAll(() => {
  try {
    execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(ROOT, "tsconfig.build.json")], { cwd: ROOT, stdio: "pipe" });
  } catch {
    // Other folders may not compile yet; the emulator is emitted regardless, which the next line checks.
  }
  expect(existsSync(MAIN)).toBe(true);
  dir = mkdtempSync(join(tmpdir(), "dt-emulator-"));
}, 120_000);
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Started {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
  url: string;
  exited: Promise<number | null>;
}

async function startCli(args: string[], expectedLines = 1): Promise<Started> {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT });
  const exited = new Promise<number | null>((res) => child.on("exit", (code) => res(code)));
  let out = "";
  const lines = await new Promise<string[]>((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`no listening line; got ${out}`)), 10_000);
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const got = out.split("\n").filter((l) => l.length > 0);
      if (got.length >= expectedLines && out.endsWith("\n")) {
        clearTimeout(timer);
        res(got);
      }
    });
    child.on("exit", () => rej(new Error(`exited early: ${out}`)));
  });
  const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(lines[0]!)?.[1];
  if (!url) throw new Error(`unexpected first line ${lines[0]}`);
  return { child, lines, url, exited };
}

function runToExit(args: string[]): { code: number | null; stderr: string } {
  try {
    execFileSync(process.execPath, [MAIN, ...args], { stdio: "pipe", timeout: 10_000 });
    return { code: 0, stderr: "" };
  } catch (err) {
    const e = err as { status: number | null; stderr: Buffer };
    return { code: e.status, stderr: e.stderr.toString() };
  }
}

describe("npm run emulator", () => {
  it("prints exactly one line, never the full admin secret, and stops on SIGTERM", async () => {
    const started = performance.now();
    const emu = await startCli(["--port", "0", "--admin-token", ADMIN]);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(emu.lines).toHaveLength(1);
    expect(emu.lines[0]).toMatch(/^Dynatrace emulator listening on http:\/\/127\.0\.0\.1:\d+ \(admin token dt0c01\.ADMINADMINADMINADMINADMI…\)$/);
    expect(emu.lines[0]).not.toContain("S".repeat(64));
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: ADMIN })).status).toBe(200);
    emu.child.kill("SIGTERM");
    expect(await emu.exited).toBe(0);
  });

  it("generates an admin token when none is given and prints it on a labelled second line", async () => {
    const emu = await startCli(["--port", "0"], 2);
    const token = /^Admin token .*: (dt0c01\.[A-Z2-7]{24}\.[A-Z2-7]{64})$/.exec(emu.lines[1]!)?.[1];
    expect(token).toBeDefined();
    expect((await call(emu.url, "GET", "/_emulator/clock", { token })).status).toBe(200);
    emu.child.kill("SIGINT");
    expect(await emu.exited).toBe(0);
  });

  it("honours --env-id and --rate-limit", async () => {
    const emu = await startCli(["--admin-token", ADMIN, "--env-id", "prod01", "--rate-limit", "2/60000"]);
    expect((await call(emu.url, "GET", "/e/prod01/api/v2/apiTokens", { token: ADMIN })).status).toBe(200);
    expect((await call(emu.url, "GET", "/e/emulator/api/v2/apiTokens", { token: ADMIN })).status).toBe(404);
    // The wrong-environment 404 never reached the environment, so it didn't count against the limit.
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: ADMIN })).status).toBe(200);
    expect((await call(emu.url, "GET", "/api/v2/apiTokens", { token: ADMIN })).status).toBe(429);
    emu.child.kill("SIGTERM");
    await emu.exited;
  });

  it("honours --extra-scopes and --unknown-enums", async () => {
    const emu = await startCli(["--admin-token", ADMIN, "--extra-scopes", "hub.catalog.subscribe,hub.catalog.read", "--unknown-enums"]);
    const created = await call(emu.url, "POST", "/api/v2/apiTokens", { token: ADMIN, body: { name: "new", scopes: ["hub.catalog.read"] } });
    expect(created.status).toBe(201);
    expect((await call(emu.url, "GET", "/api/v2/tenantTokenRotation/status", { token: ADMIN })).body.status).toBe("PENDING");
    expect((await call(emu.url, "GET", "/_emulator/api-changes", { token: ADMIN })).body).toEqual({
      extraScopes: ["hub.catalog.subscribe", "hub.catalog.read"],
      unknownEnums: true,
    });
    emu.child.kill("SIGTERM");
    await emu.exited;
  });

  it.each([
    [["--extra-scopes", "a b"], /--extra-scopes/],
    [["--port", "http"], /--port/],
    [["--admin-token", "secret"], /--admin-token must be a dt0c01 token/],
    [["--rate-limit", "lots"], /--rate-limit/],
    [["--colour", "blue"], /Unknown option '--colour'/],
  ])("refuses %j with a friendly message and exit code 2", (args, message) => {
    const { code, stderr } = runToExit(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toContain("Usage:");
  });

  it("keeps tokens, tenant token and clock across restarts with --state", async () => {
    const state = join(dir, "state.json");
    const first = await startCli(["--admin-token", ADMIN, "--state", state]);
    const created = await call(first.url, "POST", "/api/v2/apiTokens", { token: ADMIN, body: { name: "survivor", scopes: ["metrics.read"] } });
    expect(created.status).toBe(201);
    await call(first.url, "POST", "/api/v2/tenantTokenRotation/start", { token: ADMIN });
    const tenant = (await call(first.url, "GET", "/_emulator/tenant-tokens", { token: ADMIN })).body;
    const advanced = await call(first.url, "POST", "/_emulator/clock", { token: ADMIN, body: { advance: "400d" } });
    // Written after each mutation, before shutdown.
    expect(readFileSync(state, "utf8")).toContain(created.body.id);
    expect(statSync(state).mode & 0o777).toBe(0o600);
    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);

    const second = await startCli(["--admin-token", ADMIN, "--state", state]);
    const got = await call(second.url, "GET", `/api/v2/apiTokens/${created.body.id}`, { token: ADMIN });
    expect(got.status).toBe(200);
    expect(got.body.name).toBe("survivor");
    expect((await call(second.url, "POST", "/api/v2/apiTokens/lookup", { token: created.body.token, body: { token: created.body.token } })).status).toBe(200);
    expect((await call(second.url, "GET", "/_emulator/tenant-tokens", { token: ADMIN })).body).toEqual(tenant);
    const clock = (await call(second.url, "GET", "/_emulator/clock", { token: ADMIN })).body.now;
    expect(Math.abs(Date.parse(clock) - Date.parse(advanced.body.now))).toBeLessThan(10_000);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("rejects a state file that isn't one", () => {
    const bad = join(dir, "bad.json");
    writeFileSync(bad, "{not json");
    const { code, stderr } = runToExit(["--admin-token", ADMIN, "--state", bad]);
    expect(code).toBe(1);
    expect(stderr).toContain("is not usable");
  });
});
