import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { fixturesDir, repoRoot } from "./paths";
import { pythonProjectWheel } from "./python";

const run = promisify(execFile);

/** The code generation fixture: a small schema in this package's shape, and a provider double that serves it. */
export const codegenSchema = path.join(fixturesDir, "codegen", "schema.json");
const fixtureProviderModule = path.join(fixturesDir, "codegen", "provider");

/** The environment for `go` commands: the user's GOFLAGS plus -mod=mod, so go.sum entries are filled in from the proxy. */
export function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOFLAGS: `${process.env.GOFLAGS ?? ""} -mod=mod`.trim() };
}

/** Writes the fixture schema's Python and Go SDKs into `<outDir>/python` and `<outDir>/go` (scripts/gen-sdk.sh). */
export async function generateFixtureSdks(outDir: string): Promise<void> {
  await run(
    "bash",
    [path.join(repoRoot, "scripts", "gen-sdk.sh"), "-schema", codegenSchema, "-python", path.join(outDir, "python"), "-go", path.join(outDir, "go")],
    { maxBuffer: 64 * 1024 * 1024 },
  );
}

/**
 * Builds the fixture's provider plugin (`pulumi-resource-dynatrace-tokens`, serving the fixture schema) into outDir,
 * for a Pulumi.yaml's `plugins: providers: [{ name: dynatrace-tokens, path }]`.
 */
export async function buildFixtureProvider(outDir: string): Promise<void> {
  fs.mkdirSync(outDir, { recursive: true });
  await run("go", ["build", "-o", path.join(outDir, "pulumi-resource-dynatrace-tokens"), "."], {
    cwd: fixtureProviderModule,
    env: goEnv(),
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.copyFileSync(codegenSchema, path.join(outDir, "schema.json"));
}

/**
 * Builds the generated Python SDK in `pythonSdk` into a wheel (`pythonProjectWheel`, kept by the folder's content) and
 * installs it with the virtualenv's pip, without dependencies, into `site` for PYTHONPATH. Returns the wheel.
 */
export async function buildPythonSdk(venv: string, pythonSdk: string, site: string): Promise<string> {
  const wheel = await pythonProjectWheel(pythonSdk);
  await run(path.join(venv, "bin", "python"), ["-m", "pip", "install", "--quiet", "--no-deps", "--target", site, wheel], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return wheel;
}
