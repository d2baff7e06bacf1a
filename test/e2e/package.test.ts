// Issue 14: the package as npm installs it. `npm test` lints the tarball with publint and arethetypeswrong
// (scripts/lint-package.sh); this file checks what those tools don't: what the tarball holds, and that a TypeScript
// project on `module: commonjs` with its default module resolution (`node10`) type-checks every public subpath.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { packedTarball, prepareConsumer } from "../harness/consumer";
import { repoRoot } from "../harness/paths";

const run = promisify(execFile);

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)));
}

describe("the packed package", () => {
  let consumerDir: string;
  let scratch: string;
  let files: string[];
  let unpacked: string;

  beforeAll(async () => {
    consumerDir = await prepareConsumer();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-package-"));
    await run("tar", ["-xzf", packedTarball(consumerDir), "-C", scratch]);
    unpacked = path.join(scratch, "package");
    files = filesUnder(unpacked);
  });

  afterAll(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  it("ships the Apache-2.0 license its package.json names", () => {
    expect(files).toContain("LICENSE");
    expect(fs.readFileSync(path.join(unpacked, "LICENSE"), "utf8")).toContain("Apache License\n                           Version 2.0, January 2004");
    expect(JSON.parse(fs.readFileSync(path.join(unpacked, "package.json"), "utf8")).license).toBe("Apache-2.0");
  });

  it("ships compiled code and declarations, no source maps, sources or tests", () => {
    expect(files).toContain("dist/sdk/index.js");
    expect(files).toContain("dist/sdk/index.d.ts");
    expect(files.filter((f) => f.endsWith(".map"))).toEqual([]);
    expect(files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"))).toEqual([]);
    expect(files.filter((f) => f.includes(".test."))).toEqual([]);
  });

  it("holds no path of the machine that packed it", () => {
    for (const file of files) {
      const text = fs.readFileSync(path.join(unpacked, file), "utf8");
      for (const machinePath of [repoRoot, os.homedir()]) expect(text, file).not.toContain(machinePath);
    }
  });

  /**
   * Runs `tsc` on `source` as a consumer project with `module: commonjs` and no `moduleResolution`, which then resolves
   * as `node10` and ignores package.json `exports` (TS2307 on every subpath before `typesVersions`). Returns what tsc
   * printed: nothing when the program type-checks.
   */
  async function typecheckConsumer(name: string, source: string[], compilerOptions: Record<string, unknown> = {}): Promise<string> {
    const project = path.join(scratch, name);
    fs.mkdirSync(project);
    fs.symlinkSync(path.join(consumerDir, "node_modules"), path.join(project, "node_modules"), "dir");
    fs.writeFileSync(
      path.join(project, "tsconfig.json"),
      JSON.stringify({
        // esModuleInterop by default: zod's declarations, which /provider and /emulator lead into, need it.
        compilerOptions: { module: "commonjs", target: "ES2022", strict: true, esModuleInterop: true, resolveJsonModule: true, noEmit: true, types: ["node"], ...compilerOptions },
        files: ["index.ts"],
      }),
    );
    fs.writeFileSync(path.join(project, "index.ts"), source.join("\n") + "\n");
    const tsc = path.join(consumerDir, "node_modules", "typescript", "bin", "tsc");
    const result = await run(process.execPath, [tsc, "-p", project]).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? String(error) }));
    return result.stdout;
  }

  it("type-checks the main entry and /sdk with neither esModuleInterop nor skipLibCheck", async () => {
    // What a Pulumi program imports: its declarations must not lead into a dependency's (zod's) that need either flag.
    const printed = await typecheckConsumer(
      "commonjs-sdk-consumer",
      [
        'import * as dt from "pulumi-dynatrace-tokens";',
        'import { ApiToken, type ApiTokenArgs } from "pulumi-dynatrace-tokens/sdk";',
        'import * as native from "pulumi-dynatrace-tokens/native";',
        "// A subpath the package doesn't export must not resolve: proof that resolution is real, not `any`.",
        "// @ts-expect-error",
        'import * as hidden from "pulumi-dynatrace-tokens/not-exported";',
        "",
        'const args: ApiTokenArgs = { scopes: ["metrics.read"] };',
        "const sameClass: typeof dt.ApiToken = ApiToken;",
        'const phase: dt.RotationPhase = "rotating";',
        "// The native classes take the same arguments, and have the same outputs.",
        'const nativeToken = new native.ApiToken("t", args, { import: "dt0c01.ABC" });',
        "const secret: import(\"@pulumi/pulumi\").Output<string | undefined> = nativeToken.token;",
        'const provider = new native.Provider("prod", { envUrl: "https://abc12345.live.dynatrace.com" });',
        "export { args, sameClass, phase, hidden, secret, provider };",
      ],
      { esModuleInterop: false },
    );
    expect(printed).toBe("");
  });

  it("type-checks /provider, /emulator and package.json under module commonjs and its default resolution", async () => {
    const printed = await typecheckConsumer("commonjs-consumer", [
      'import { providers, redact } from "pulumi-dynatrace-tokens/provider";',
      'import { startEmulator, type RunningEmulator } from "pulumi-dynatrace-tokens/emulator";',
      'import * as manifest from "pulumi-dynatrace-tokens/package.json";',
      "",
      "const kinds: string[] = Object.keys(providers);",
      'const redacted: string = redact("text");',
      "const start: () => Promise<RunningEmulator> = startEmulator;",
      "const version: string = manifest.version;",
      "export { kinds, redacted, start, version };",
    ]);
    expect(printed).toBe("");
  });

  it("type-checks the policy subpath the same way", async () => {
    const printed = await typecheckConsumer(
      "commonjs-policy-consumer",
      [
        'import { dynatraceTokenPolicies, type DynatraceTokenPolicyConfig } from "pulumi-dynatrace-tokens/policy";',
        "const config: DynatraceTokenPolicyConfig = {};",
        "const policyCount: number = dynatraceTokenPolicies(config).length;",
        "export { policyCount };",
      ],
      // @pulumi/policy 1.21's own declarations don't type-check (index.d.ts imports names ./proxy doesn't export).
      { skipLibCheck: true },
    );
    expect(printed).toBe("");
  });
});
