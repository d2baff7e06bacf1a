// Issue 19: the Go examples (examples/go/*) as a Go user runs them outside this repository — go.mod without the
// replace line, the SDK fetched as `go get` fetches it (a module proxy serving sdk/go, test/harness/goSdk.ts), the
// plugin from `npm install -g pulumi-dynatrace-tokens` on PATH — through the lifecycle in languageExamples.ts, on the
// real CLI against the emulator. Each command builds the program with the user's Go build cache.
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect } from "vitest";
import { GO_MODULE, goEnvWithSdk, goSdkVersion, writeGoSdkProxy } from "../harness/goSdk";
import { describeExampleLifecycle, EXAMPLES, useEmulators, type LanguageSetup } from "./languageExamples";

const proxyDir = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-go-sdk-proxy-"));
let proxy: Promise<string> | undefined;

/** The body of the `pulumi.Run` function `pulumi import` printed: the statements that declare the adopted resource. */
function runBody(code: string): string {
  const start = code.indexOf("error {\n");
  const end = code.lastIndexOf("\t\treturn nil\n\t})");
  expect(start, code).toBeGreaterThan(0);
  return code.slice(start + "error {\n".length, end).trimEnd();
}

const go: LanguageSetup = {
  language: "go",
  programFile: "main.go",
  outputName: (name) => name,
  scopeLiteral: (scope) => `pulumi.String(${JSON.stringify(scope)})`,
  importedCode: /dynatracetokens\.NewApiToken\(ctx, "handmade", &dynatracetokens\.ApiTokenArgs\{\n\s+Enabled: pulumi\.Bool\(true\),\n\s+Name: +pulumi\.String\("handmade"\),/,
  // The printed code is a whole program: its statements go, in a block of their own (they declare `err` again), at
  // the end of the example's function.
  pasteImported: (program, code) => {
    const end = program.lastIndexOf("\t\treturn nil\n\t})");
    return `${program.slice(0, end)}\t\t{\n${runBody(code)}\n\t\t}\n${program.slice(end)}`;
  },
  env: async () => goEnvWithSdk(await (proxy ??= writeGoSdkProxy(proxyDir))),
  // What a user's go.mod says outside this repository: the SDK at a version the module proxy serves, no replace.
  prepare: async (project) => {
    await project.exec("go", ["mod", "edit", `-dropreplace=${GO_MODULE}`, `-require=${GO_MODULE}@${goSdkVersion()}`]);
  },
};

describe("Go examples on the real CLI", () => {
  const emulators = useEmulators();
  afterAll(() => fs.rmSync(proxyDir, { recursive: true, force: true }));
  for (const example of EXAMPLES) describeExampleLifecycle(go, example, emulators);
});
