// Saved `pulumi preview --json` outputs (captured from Pulumi v3.259.0 runs of token resources, trimmed).
import * as fs from "node:fs";
import * as path from "node:path";

export const fixturesDir = path.join(__dirname, "..", "fixtures");

export function fixturePath(name: string): string {
  return path.join(fixturesDir, name);
}

export function readFixture(name: string): unknown {
  return JSON.parse(fs.readFileSync(fixturePath(name), "utf8"));
}
