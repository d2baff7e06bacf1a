// The Python and Go SDKs, generated from the package schema by Pulumi's own code generators (scripts/gen-sdk.sh →
// tools/pulumi/cmd/gen-sdk): one call for `npm run generate` (into sdk/python and sdk/go) and for the freshness test
// (into a scratch folder).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import type { PackageFacts } from "./packageSchema";
import { goSdkReadme } from "./sdkReadmes";

const run = promisify(execFile);

/** Where the SDKs live in the repository. */
export const PYTHON_SDK_DIR = "sdk/python";
export const GO_SDK_DIR = "sdk/go";

export interface LanguageSdkTargets {
  /** The package schema to generate from. */
  readonly schema: string;
  readonly python: string;
  readonly go: string;
  /**
   * Run `go mod tidy` in the Go SDK (writes go.sum and the indirect requirements into go.mod). It may need the Go
   * module proxy, so the freshness test leaves it out and checks go.mod and go.sum without rewriting them.
   */
  readonly goTidy: boolean;
}

/**
 * Writes both SDKs, each into a directory gen-sdk replaces as a whole, and the Go SDK's README.md: Pulumi's Go
 * generator writes none, and it is what GitHub shows in the folder and pkg.go.dev on the module's page.
 */
export async function generateLanguageSdks(root: string, facts: PackageFacts, targets: LanguageSdkTargets): Promise<void> {
  await run(
    "bash",
    [path.join(root, "scripts", "gen-sdk.sh"), "-schema", targets.schema, "-python", targets.python, "-go", targets.go, `-go-tidy=${targets.goTidy}`],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  fs.writeFileSync(path.join(targets.go, "README.md"), goSdkReadme(facts));
}
