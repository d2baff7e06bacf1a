// Issue 19: the Python examples (examples/python/*) as a Python user runs them — the SDK installed by pip as the wheel
// built from sdk/python (the examples' requirements.txt name ../../../sdk/python), the plugin from
// `npm install -g pulumi-dynatrace-tokens` on PATH — through the lifecycle in languageExamples.ts, on the real CLI
// against the emulator; on the basic stack, dt-tokens review, drift, audit and recover as well.
import { describe } from "vitest";
import { describeExampleLifecycle, EXAMPLES, useEmulators, type LanguageSetup } from "./languageExamples";

const python: LanguageSetup = {
  language: "python",
  programFile: "__main__.py",
  // Python programs export snake_case names, as they name everything else.
  outputName: (name) => name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toLowerCase(),
  scopeLiteral: (scope) => JSON.stringify(scope),
  importedCode: /^import pulumi\nimport pulumi_dynatrace_tokens as dynatrace_tokens\n\nhandmade = dynatrace_tokens\.ApiToken\("handmade",\n\s+enabled=True,\n\s+name="handmade",\n\s+scopes=\["metrics\.read"\]/,
  // The printed code is a program of its own (imports first): appended, it runs after the example's.
  pasteImported: (program, code) => `${program}\n${code}\n`,
};

describe("Python examples on the real CLI", () => {
  const emulators = useEmulators();
  for (const example of EXAMPLES) describeExampleLifecycle(python, example, emulators, { dtTokens: example.name === "basic" });
});
