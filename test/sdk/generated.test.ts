// Issues 18 and 19: generated files are code. schema.json, the SDK's declarations in sdk/generated/, the Python and Go
// SDKs in sdk/python and sdk/go (Pulumi's generators on schema.json) and the reference pages in docs/reference/ are
// made from the property tables (provider/properties/) by `npm run generate` and committed; this test regenerates each
// into memory or a scratch folder and fails, naming the command, when a committed one differs. It needs no network:
// the Go SDK's go.sum (which `go mod tidy` writes, maybe from the module proxy) is checked, not rewritten.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { generatedFiles, packageFacts } from "../../scripts/generate/files";
import { generateLanguageSdks, GO_SDK_DIR, PYTHON_SDK_DIR } from "../../scripts/generate/languageSdks";
import { repoRoot } from "../harness/paths";

const run = promisify(execFile);
const STALE = "out of date with the property tables: run `npm run generate` and commit the result";

/** File → content of every file under `dir`. */
function filesUnder(dir: string): Map<string, string> {
  if (!fs.existsSync(dir)) return new Map();
  return new Map(
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => {
        const file = path.join(entry.parentPath, entry.name);
        return [path.relative(dir, file), fs.readFileSync(file, "utf8")];
      }),
  );
}

/** File → content of the files git would commit under `dir` (a folder of the repository): tracked or not ignored. */
async function committedFilesUnder(dir: string): Promise<Map<string, string>> {
  const { stdout } = await run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", dir], { cwd: repoRoot });
  return new Map(
    stdout
      .split("\0")
      .filter((file) => file !== "" && fs.existsSync(path.join(repoRoot, file)))
      .map((file) => [path.relative(dir, file), fs.readFileSync(path.join(repoRoot, file), "utf8")]),
  );
}

/** A go.mod as `go mod edit -json` reads it (offline). */
interface GoMod {
  Module: { Path: string };
  Go?: string;
  Require?: Array<{ Path: string; Version: string; Indirect?: boolean }>;
  Replace?: unknown[];
}

async function readGoMod(file: string): Promise<GoMod> {
  const { stdout } = await run("go", ["mod", "edit", "-json", file]);
  return JSON.parse(stdout) as GoMod;
}

/** `1.25.11` → [1, 25, 11], for comparing go directives. */
const goVersionParts = (version = "0") => version.split(".").map(Number);
function goVersionAtLeast(version: string | undefined, minimum: string | undefined): boolean {
  const [a, b] = [goVersionParts(version), goVersionParts(minimum)];
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  return true;
}

/**
 * What is wrong with the committed go.mod and go.sum, given the go.mod gen-sdk writes before `go mod tidy`: tidy only
 * adds (indirect requirements, packages the generated code imports directly, a newer go directive a dependency
 * needs), so every generated requirement must be a direct one at the same version, and go.sum must hold a checksum
 * for every requirement.
 */
async function goModuleProblems(generatedGoMod: string, committedDir: string): Promise<string[]> {
  const problems: string[] = [];
  const generated = await readGoMod(generatedGoMod);
  const committed = await readGoMod(path.join(committedDir, "go.mod"));
  if (committed.Module.Path !== generated.Module.Path) problems.push(`module ${committed.Module.Path}, not ${generated.Module.Path}`);
  if (!goVersionAtLeast(committed.Go, generated.Go)) problems.push(`go ${committed.Go}, older than the generator's go ${generated.Go}`);
  if ((committed.Replace ?? []).length > 0) problems.push("replace directives (a user's go get would ignore them)");
  const direct = new Map((committed.Require ?? []).filter((r) => !r.Indirect).map((r) => [r.Path, r.Version]));
  for (const required of generated.Require ?? []) {
    if (direct.get(required.Path) !== required.Version) problems.push(`no direct requirement ${required.Path} ${required.Version}`);
  }
  const sums = new Set(
    fs
      .readFileSync(path.join(committedDir, "go.sum"), "utf8")
      .split("\n")
      .map((line) => line.split(" ").slice(0, 2).join(" ")),
  );
  for (const required of committed.Require ?? []) {
    if (!sums.has(`${required.Path} ${required.Version}/go.mod`)) problems.push(`go.sum lacks ${required.Path} ${required.Version}/go.mod`);
    if (!required.Indirect && !sums.has(`${required.Path} ${required.Version}`)) problems.push(`go.sum lacks ${required.Path} ${required.Version}`);
  }
  return problems;
}

/** The files of `expected` whose committed copy differs, or that are missing, or (under `dir`) that nobody makes. */
function staleFiles(expected: Map<string, string>, committed: Map<string, string>): string[] {
  return [...new Set([...expected.keys(), ...committed.keys()])].filter((file) => expected.get(file) !== committed.get(file)).sort();
}

describe("generated files", () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-generated-"));
  afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

  it("schema.json and sdk/generated/ are what `npm run generate` makes from the tables", () => {
    const expected = generatedFiles(repoRoot);
    const committed = new Map([...expected.keys()].filter((file) => fs.existsSync(path.join(repoRoot, file))).map((file) => [file, fs.readFileSync(path.join(repoRoot, file), "utf8")]));
    // Anything else in sdk/generated/ is a file the tables no longer make.
    for (const [file, text] of filesUnder(path.join(repoRoot, "sdk", "generated"))) committed.set(path.posix.join("sdk/generated", file), text);
    expect(expected.size).toBeGreaterThan(0);
    expect(staleFiles(expected, committed), `these files are ${STALE}`).toEqual([]);
  });

  it("sdk/python and sdk/go are what `npm run generate` makes from schema.json with Pulumi's generators", async () => {
    const out = path.join(scratch, "language-sdks");
    const schema = path.join(out, "schema.json");
    fs.mkdirSync(out, { recursive: true });
    fs.writeFileSync(schema, generatedFiles(repoRoot).get("schema.json")!);
    await generateLanguageSdks(repoRoot, packageFacts(repoRoot), { schema, python: path.join(out, "python"), go: path.join(out, "go"), goTidy: false });

    const python = filesUnder(path.join(out, "python"));
    expect(python.has(path.join("pulumi_dynatrace_tokens", "api_token.py"))).toBe(true);
    expect(staleFiles(python, await committedFilesUnder(PYTHON_SDK_DIR)).map((file) => path.posix.join(PYTHON_SDK_DIR, file)), `these files are ${STALE}`).toEqual([]);

    // go.mod and go.sum are `go mod tidy`'s, which this test doesn't run (it may need the module proxy).
    const tidied = new Set(["go.mod", "go.sum"]);
    const withoutTidied = (files: Map<string, string>) => new Map([...files].filter(([file]) => !tidied.has(file)));
    const go = filesUnder(path.join(out, "go"));
    expect(go.has(path.join("dynatracetokens", "apiToken.go"))).toBe(true);
    expect(staleFiles(withoutTidied(go), withoutTidied(await committedFilesUnder(GO_SDK_DIR))).map((file) => path.posix.join(GO_SDK_DIR, file)), `these files are ${STALE}`).toEqual([]);
    expect(await goModuleProblems(path.join(out, "go", "go.mod"), path.join(repoRoot, GO_SDK_DIR)), `${GO_SDK_DIR}/go.mod or go.sum is ${STALE}`).toEqual([]);
  }, 300_000);

  it("docs/reference is what `npm run generate` makes with typedoc from the SDK's TSDoc", async () => {
    const out = path.join(scratch, "reference");
    await run(process.execPath, [path.join(repoRoot, "node_modules", "typedoc", "bin", "typedoc"), "--options", "typedoc.json", "--out", out], {
      cwd: repoRoot,
      maxBuffer: 64 * 1024 * 1024,
    });
    const generated = filesUnder(out);
    expect(generated.size).toBeGreaterThan(0);
    expect(staleFiles(generated, filesUnder(path.join(repoRoot, "docs", "reference"))), `docs/reference is ${STALE}`).toEqual([]);
  }, 120_000);
});
