// Issue 18: generated files are code. schema.json, the SDK's declarations in sdk/generated/ and the reference pages in
// docs/reference/ are made from the property tables (provider/properties/) by `npm run generate` and committed; this
// test regenerates each into memory or a scratch folder and fails, naming the command, when a committed one differs.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { generatedFiles } from "../../scripts/generate/files";
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
