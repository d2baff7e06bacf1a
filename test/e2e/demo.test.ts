// `npm run demo` on day two (#9): every demo command of the README works after the others, in any order, because the
// emulator comes back on the port the stack's recorded config names. Runs scripts/demo.ts as `npm run demo` does
// (after its build step), with its state in a scratch folder and its own stack name.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { TOKEN_SECRET_PATTERN } from "../../provider/tokenFormat";
import { prepareConsumer } from "../harness/consumer";
import { repoRoot } from "../harness/paths";

const demoDir = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-demo-"));
const stack = `demo-test-${process.pid}`;

interface DemoRun {
  code: number;
  output: string;
  url: string | undefined;
  /** The token identifiers the demo listed after `up`. */
  ids: string[];
}

function demo(...args: string[]): Promise<DemoRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["-r", "ts-node/register/transpile-only", path.join(repoRoot, "scripts", "demo.ts"), ...args],
      {
        cwd: repoRoot,
        env: { ...process.env, PULUMI_DT_DEMO_DIR: demoDir, PULUMI_DT_DEMO_STACK: stack, NO_COLOR: "1" },
        maxBuffer: 64 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const output = `${stdout}${stderr}`;
        resolve({
          code: error ? (typeof error.code === "number" ? error.code : 1) : 0,
          output,
          url: /Dynatrace emulator running at (\S+)/.exec(output)?.[1],
          ids: [...output.matchAll(/^ {2}(dt0[cg]0[12]\.[A-Z0-9]+)\s/gm)].map((m) => m[1]!).sort(),
        });
      },
    );
  });
}

afterAll(() => {
  fs.rmSync(demoDir, { recursive: true, force: true });
  fs.rmSync(path.join(repoRoot, `Pulumi.${stack}.yaml`), { force: true });
});

describe("npm run demo on day two (#9)", () => {
  it("runs up, up, --refresh, --destroy, up in sequence against the same emulator", async () => {
    await prepareConsumer(); // makes sure dist/ and the Pulumi CLI are there, as for every e2e test

    const first = await demo();
    expect(first.code, first.output).toBe(0);
    expect(first.ids).toHaveLength(4);
    const url = first.url;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const again = await demo();
    expect(again.code, again.output).toBe(0);
    expect(again.url).toBe(url);
    expect(again.ids).toEqual(first.ids); // an unchanged stack
    expect(again.output).toMatch(/Resources:\s+5 unchanged/); // the four tokens and the stack

    const refreshed = await demo("--refresh");
    expect(refreshed.code, refreshed.output).toBe(0);
    expect(refreshed.url).toBe(url);
    expect(refreshed.ids).toEqual(first.ids);

    const destroyed = await demo("--destroy");
    expect(destroyed.code, destroyed.output).toBe(0);
    expect(destroyed.url).toBe(url);
    expect(destroyed.output).toMatch(/Resources:\s+- 5 deleted/);
    expect(destroyed.output).not.toMatch(/ECONNREFUSED/);

    const recreated = await demo();
    expect(recreated.code, recreated.output).toBe(0);
    expect(recreated.ids).toHaveLength(4);
    expect(recreated.ids.filter((id) => first.ids.includes(id))).toEqual([]);
    for (const run of [first, again, refreshed, destroyed, recreated]) {
      expect(run.output.match(new RegExp(TOKEN_SECRET_PATTERN.source, "g")) ?? []).toEqual([]);
    }
  }, 300_000);
});
