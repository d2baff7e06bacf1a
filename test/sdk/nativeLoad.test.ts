// Issue 18: a program on pulumi-dynatrace-tokens/native loads the classes, not the plugin. Every `pulumi up` loads
// them once, so the plugin's runtime (zod, undici, the gRPC stubs) would cost each program run its load time for
// nothing: the classes need only the property tables' names.
import { execFile } from "node:child_process";
import * as path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../harness/paths";

const run = promisify(execFile);

describe("pulumi-dynatrace-tokens/native in a program", () => {
  it("loads its classes without zod, undici or the plugin's code", async () => {
    const script = [
      `require(${JSON.stringify(path.join(repoRoot, "sdk", "native", "index.ts"))});`,
      "const loaded = Object.keys(require.cache);",
      'console.log(JSON.stringify(loaded.filter((f) => /node_modules\\/(zod|undici)\\/|provider\\/native\\/(server|protocol)|provider\\/config\\./.test(f))));',
    ].join("\n");
    const { stdout } = await run(process.execPath, ["-r", "ts-node/register/transpile-only", "-e", script], { cwd: repoRoot });
    expect(JSON.parse(stdout)).toEqual([]);
  }, 60_000);
});
