import * as path from "node:path";

/** The repository root (this file lives in test/harness/). */
export const repoRoot = path.resolve(__dirname, "..", "..");

/** Where scripts/install-pulumi.sh puts the Pulumi CLI, its language hosts and the dynamic-provider shim. */
export const pulumiBinDir = path.join(repoRoot, ".tools", "pulumi", "bin");

/** Fixture Pulumi programs used by the e2e tests. */
export const fixturesDir = path.join(repoRoot, "test", "fixtures");

/** The example programs users copy; the e2e tests run them as they are. */
export const examplesDir = path.join(repoRoot, "examples");
