// The provider stub that lands in the state (#9): what it captures, how it finds the installed package from the
// Pulumi project, and that stubs written by the released version (test/golden/) still read and delete. Each case runs
// the stub the way Pulumi's dynamic provider host does — `require-from-string` of the serialized text, in a child Node
// process whose working directory is a scratch project — against an emulator this test starts.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { CONFIG_KEYS } from "../../provider/config";
import { repoRoot } from "../harness/paths";

const run = promisify(execFile);
const goldenStubs = (version: string) =>
  JSON.parse(fs.readFileSync(path.join(repoRoot, "test", "golden", `provider-stub-${version}.json`), "utf8")) as Record<
    "ApiToken" | "ActiveGateToken",
    string
  >;
const golden = goldenStubs("0.1.0");

/**
 * Runs in the child: deserializes the stub (`STUB_FILE`, or serialized now from dist/ for `STUB_KIND`), configures it
 * with the emulator's credentials, then create → read → (node_modules moved away) read → delete → read, printing what
 * each step returned as one JSON line.
 */
const CHILD = `
const fs = require("node:fs");
const path = require("node:path");
const repo = process.env.REPO;
const requireFromString = require(path.join(repo, "node_modules", "require-from-string"));
async function stubText() {
  if (process.env.STUB_FILE) return fs.readFileSync(process.env.STUB_FILE, "utf8");
  const { serializeFunction } = require(path.join(repo, "node_modules/@pulumi/pulumi/runtime/closure/serializeClosure"));
  const { providerStub } = require(path.join(repo, "dist/sdk/providerStub"));
  const stub = providerStub(process.env.STUB_KIND);
  return (await serializeFunction(() => stub, { allowSecrets: true })).text;
}
(async () => {
  const text = await stubText();
  const out = { text };
  try {
    const provider = requireFromString(text).handler();
    const config = { [process.env.KEY_URL]: process.env.EMU_URL, [process.env.KEY_TOKEN]: process.env.EMU_TOKEN };
    await provider.configure({ config: { get: (k) => config[k] } });
    const news = JSON.parse(process.env.INPUTS);
    const checked = await provider.check({}, news);
    if (checked.failures && checked.failures.length) throw new Error(JSON.stringify(checked.failures));
    const created = await provider.create(checked.inputs);
    out.id = created.id;
    out.read = (await provider.read(created.id, created.outs)).id;
    // Memoized: once loaded, the provider no longer needs the package to be found (no require per call).
    fs.renameSync(path.join(process.cwd(), "node_modules"), path.join(process.cwd(), "node_modules.away"));
    out.readAfterMove = (await provider.read(created.id, created.outs)).id;
    await provider.delete(created.id, created.outs);
    out.readAfterDelete = (await provider.read(created.id, created.outs)).id ?? "";
  } catch (error) {
    out.error = String(error && error.message || error);
    // What @pulumi/pulumi's dynamic-provider host prints for it.
    out.printed = \`\${error}: \${error && error.stack}\`;
  }
  console.log(JSON.stringify(out));
  process.exit(0);
})();
`;

const apiTokenInputs = { name: "stub-test", scopes: ["metrics.read"], enabled: true, personalAccessToken: false, expirationDate: "now+30d" };
const activeGateInputs = { name: "stub-test-ag", activeGateType: "ENVIRONMENT", seedToken: false, expirationDate: "now+30d" };

interface ChildResult {
  text: string;
  id?: string;
  read?: string;
  readAfterMove?: string;
  readAfterDelete?: string;
  error?: string;
  printed?: string;
}

let emulator: RunningEmulator;
const scratch: string[] = [];

beforeAll(async () => {
  if (!fs.existsSync(path.join(repoRoot, "dist", "sdk", "providerStub.js"))) throw new Error("dist/ is missing: run `npm run build` first");
  emulator = await startEmulator({});
});
afterAll(async () => {
  await emulator?.close();
  for (const dir of scratch) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * A scratch Pulumi project with this package installed at `layout` below it (a link to this repository, which is
 * what `npm pack` would install: package.json with its exports, and dist/), or not at all.
 */
function project(layout: string | undefined): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-stub-"));
  scratch.push(dir);
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "stub-project", private: true }));
  if (layout !== undefined) {
    const target = path.join(dir, layout);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.symlinkSync(repoRoot, target, "dir");
  } else {
    fs.mkdirSync(path.join(dir, "node_modules"));
  }
  return dir;
}

async function runStub(cwd: string, stub: { file?: string; kind?: string }, inputs: object): Promise<ChildResult> {
  const { stdout } = await run(process.execPath, ["-e", CHILD], {
    cwd,
    env: {
      ...process.env,
      REPO: repoRoot,
      STUB_FILE: stub.file ?? "",
      STUB_KIND: stub.kind ?? "",
      KEY_URL: CONFIG_KEYS.envUrl,
      KEY_TOKEN: CONFIG_KEYS.apiToken,
      EMU_URL: emulator.url,
      EMU_TOKEN: emulator.adminToken,
      INPUTS: JSON.stringify(inputs),
    },
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout.trim().split("\n").pop()!) as ChildResult;
}

function expectFullLifecycle(result: ChildResult, prefix: string): void {
  expect(result.error).toBeUndefined();
  expect(result.id).toMatch(new RegExp(`^${prefix.replace(".", "\\.")}`));
  expect(result.read).toBe(result.id);
  expect(result.readAfterMove).toBe(result.id);
  expect(result.readAfterDelete).toBe("");
}

describe("the provider stub in the state (#9)", () => {
  it("captures no path of this machine", async () => {
    const result = await runStub(project("node_modules/pulumi-dynatrace-tokens"), { kind: "ApiToken" }, apiTokenInputs);
    for (const machinePath of [repoRoot, os.tmpdir(), os.homedir()]) expect(result.text).not.toContain(machinePath);
    expect(result.text).not.toMatch(/"\/(work|tmp|home|root|Users)\//);
  });

  it("finds the package in the project's node_modules, and keeps working once loaded", async () => {
    expectFullLifecycle(await runStub(project("node_modules/pulumi-dynatrace-tokens"), { kind: "ApiToken" }, apiTokenInputs), "dt0c01.");
  });

  it("finds the package nested under a wrapper package, unscoped and scoped", async () => {
    const nested = project("node_modules/platform-tokens/node_modules/pulumi-dynatrace-tokens");
    expectFullLifecycle(await runStub(nested, { kind: "ActiveGateToken" }, activeGateInputs), "dt0g02.");
    const scoped = project("node_modules/@acme/platform/node_modules/pulumi-dynatrace-tokens");
    expectFullLifecycle(await runStub(scoped, { kind: "ApiToken" }, apiTokenInputs), "dt0c01.");
  });

  it("finds the package in pnpm's store when it is only a transitive dependency", async () => {
    const pnpm = project("node_modules/.pnpm/pulumi-dynatrace-tokens@0.2.0/node_modules/pulumi-dynatrace-tokens");
    expectFullLifecycle(await runStub(pnpm, { kind: "ApiToken" }, apiTokenInputs), "dt0c01.");
  });

  it("takes the highest version when pnpm's store holds several (an older copy listed first)", async () => {
    const pnpm = project("node_modules/.pnpm/pulumi-dynatrace-tokens@0.3.0/node_modules/pulumi-dynatrace-tokens");
    // An older copy left in the store, whose provider module has no providers: taking it would fail every call.
    const old = path.join(pnpm, "node_modules", ".pnpm", "pulumi-dynatrace-tokens@0.2.10", "node_modules", "pulumi-dynatrace-tokens");
    fs.mkdirSync(old, { recursive: true });
    fs.writeFileSync(
      path.join(old, "package.json"),
      JSON.stringify({ name: "pulumi-dynatrace-tokens", version: "0.2.10", exports: { "./provider": "./provider.js" } }),
    );
    fs.writeFileSync(path.join(old, "provider.js"), "exports.providers = {};");
    expectFullLifecycle(await runStub(pnpm, { kind: "ApiToken" }, apiTokenInputs), "dt0c01.");
  });

  it("says how to install the package when the project has none", async () => {
    const empty = project(undefined);
    const result = await runStub(empty, { kind: "ApiToken" }, apiTokenInputs);
    expect(result.error).toContain("pulumi-dynatrace-tokens is not installed where the Pulumi project in");
    expect(result.error).toContain("`npm install pulumi-dynatrace-tokens`");
    // #12: the sentence alone, without a JavaScript stack after it.
    expect(result.printed).toBe(`pulumi-dynatrace-tokens: ${result.error}`);
  });

  it("fails when a resource is declared in a project that can't load the package, saying how to install it", async () => {
    const declare = `
      const { ApiToken } = require(${JSON.stringify(path.join(repoRoot, "dist", "sdk"))});
      try { new ApiToken("t", { scopes: ["metrics.read"] }); console.log("constructed"); } catch (e) { console.log(e.message); }
    `;
    const empty = await run(process.execPath, ["-e", declare], { cwd: project(undefined) });
    expect(empty.stdout).toContain("pulumi-dynatrace-tokens is not installed where the Pulumi project in");
    expect(empty.stdout).toContain("`npm install pulumi-dynatrace-tokens`");
    // Where the package is installed, the check passes and construction goes on (to Pulumi, absent here).
    const installed = await run(process.execPath, ["-e", declare], { cwd: project("node_modules/pulumi-dynatrace-tokens") });
    expect(installed.stdout).toContain("constructed");
  });

  it("keeps state written by 0.1.0 working: its stubs read and delete through the installed package", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-golden-"));
    scratch.push(dir);
    for (const [kind, inputs, prefix] of [
      ["ApiToken", apiTokenInputs, "dt0c01."],
      ["ActiveGateToken", activeGateInputs, "dt0g02."],
    ] as const) {
      const file = path.join(dir, `${kind}.js`);
      fs.writeFileSync(file, golden[kind]);
      // 0.1.0's fallback path points into a directory that no longer exists, as after a move.
      expect(golden[kind]).toContain("/MACHINE/PROJECT/");
      expectFullLifecycle(await runStub(project("node_modules/pulumi-dynatrace-tokens"), { file }, inputs), prefix);
    }
  });

  it("keeps state written by 0.2.0 working: its stubs read and delete through the installed package, in every layout", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-golden-"));
    scratch.push(dir);
    const stubs = goldenStubs("0.2.0");
    for (const [kind, inputs, prefix, layout] of [
      ["ApiToken", apiTokenInputs, "dt0c01.", "node_modules/pulumi-dynatrace-tokens"],
      ["ActiveGateToken", activeGateInputs, "dt0g02.", "node_modules/@acme/platform/node_modules/pulumi-dynatrace-tokens"],
      ["ApiToken", apiTokenInputs, "dt0c01.", "node_modules/.pnpm/pulumi-dynatrace-tokens@0.3.0/node_modules/pulumi-dynatrace-tokens"],
    ] as const) {
      const file = path.join(dir, `${kind}.js`);
      fs.writeFileSync(file, stubs[kind]);
      expectFullLifecycle(await runStub(project(layout), { file }, inputs), prefix);
    }
  });
});
