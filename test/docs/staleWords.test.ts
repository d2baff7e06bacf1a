// Issue 21, item 4: the words users copy stay current. README, docs/ (docs/reference too: it is generated from the
// TSDoc, where a stale key would come from) and examples/ name 0.1.0's config keys only where they explain the move
// from 0.1.0, and every policy-pack version they show is the package's.
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { LEGACY_CONFIG_KEYS } from "../../provider/config";
import { examplesDir, packageVersion, repoRoot } from "../harness/paths";

const version = packageVersion();

/** Every text file users read or copy: README.md, docs/**, examples/** (not node_modules). */
function userFacingFiles(): string[] {
  const under = (dir: string) =>
    fs
      .readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile() && /\.(md|ts|js|json|ya?ml)$/.test(entry.name) && !entry.parentPath.includes("node_modules"))
      .map((entry) => path.relative(repoRoot, path.join(entry.parentPath, entry.name)));
  return ["README.md", ...under(path.join(repoRoot, "docs")), ...under(examplesDir)].sort();
}

/**
 * The only places that may name 0.1.0's keys: the README's sentence that a stack still on them is told how to move,
 * and the section of docs/credentials.md that shows the move. A section runs to the next heading; a sentence to its
 * full stop.
 */
const UPGRADE_NOTES = [
  { file: "README.md", sentence: "A stack still on 0.1.0's" },
  { file: path.join("docs", "credentials.md"), section: "### Moving from 0.1.0's keys" },
] as const;

/** Where in `text` the upgrade note starting with `note` lies, as [start, end). */
function span(text: string, note: (typeof UPGRADE_NOTES)[number]): [number, number] {
  if ("sentence" in note) {
    const start = text.indexOf(note.sentence);
    return [start, text.indexOf(". ", start) + 1];
  }
  const start = text.indexOf(`\n${note.section}\n`);
  const next = text.slice(start + note.section.length + 2).search(/^#{1,3} /m);
  return [start, next < 0 ? text.length : start + note.section.length + 2 + next];
}

/** `file:line: text` for every occurrence of `pattern` in `file` outside `allowed`. */
function occurrences(file: string, text: string, pattern: RegExp, allowed: Array<[number, number]> = []): string[] {
  return [...text.matchAll(pattern)]
    .filter((match) => !allowed.some(([start, end]) => match.index >= start && match.index < end))
    .map((match) => `${file}:${text.slice(0, match.index).split("\n").length}: ${match[0]}`);
}

describe("words users copy (issue 21)", () => {
  const files = userFacingFiles();

  it("name 0.1.0's config keys only in the notes on moving from 0.1.0", () => {
    const legacy = new RegExp(Object.values(LEGACY_CONFIG_KEYS).map((key) => key.replace(/[.:]/g, "\\$&")).join("|") + "\\b", "g");
    const stale = files.flatMap((file) => {
      const text = fs.readFileSync(path.join(repoRoot, file), "utf8");
      const allowed = UPGRADE_NOTES.filter((note) => note.file === file).map((note) => {
        const [start, end] = span(text, note);
        expect(start, `${file} no longer has the upgrade note "${"sentence" in note ? note.sentence : note.section}": update UPGRADE_NOTES`).toBeGreaterThanOrEqual(0);
        return [start, end] as [number, number];
      });
      return occurrences(file, text, legacy, allowed);
    });
    expect(files).toContain(path.join("docs", "inputs.md"));
    expect(stale, "0.1.0's keys (the dynatrace: namespace belongs to @pulumiverse/dynatrace now): write dynatrace-tokens:…").toEqual([]);
  });

  it("show the policy pack at the package's version", () => {
    const pack = JSON.parse(fs.readFileSync(path.join(repoRoot, "policy-pack", "package.json"), "utf8")) as { version: string };
    // @pulumi/policy reports the pack as dynatrace-tokens@v<this version>.
    expect(pack.version, "policy-pack/package.json").toBe(version);
    const shown = files.flatMap((file) => occurrences(file, fs.readFileSync(path.join(repoRoot, file), "utf8"), /dynatrace-tokens@v\d+\.\d+\.\d+/g));
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.filter((line) => !line.endsWith(`@v${version}`))).toEqual([]);
  });
});
