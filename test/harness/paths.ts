import * as fs from "node:fs";
import * as path from "node:path";

/** The repository root (this file lives in test/harness/). */
export const repoRoot = path.resolve(__dirname, "..", "..");

/** Where scripts/install-pulumi.sh puts the Pulumi CLI, its language hosts and the dynamic-provider shim. */
export const pulumiBinDir = path.join(repoRoot, ".tools", "pulumi", "bin");

/** Fixture Pulumi programs used by the e2e tests. */
export const fixturesDir = path.join(repoRoot, "test", "fixtures");

/** The example programs users copy; the e2e tests run them as they are. */
export const examplesDir = path.join(repoRoot, "examples");

/** The repository's package.json. */
export function packageManifest(): { version: string; repository: { url: string } } {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string; repository: { url: string } };
}

/** This package's version (package.json). */
export function packageVersion(): string {
  return packageManifest().version;
}
