// Issue 19: the YAML examples (examples/yaml/*) as a YAML user runs them — nothing to install but the plugin, which
// Pulumi's YAML host asks for the package schema: from `npm install -g pulumi-dynatrace-tokens` on PATH, and for
// multi-environment named in Pulumi.yaml (`plugins: providers:`) — through the lifecycle in languageExamples.ts, on the
// real CLI against the emulator; on the basic stack, dt-tokens review, drift, audit and recover as well.
import { describe } from "vitest";
import { describeExampleLifecycle, EXAMPLES, useEmulators, type LanguageSetup } from "./languageExamples";

const yaml: LanguageSetup = {
  language: "yaml",
  programFile: "Pulumi.yaml",
  outputName: (name) => name,
  scopeLiteral: (scope) => JSON.stringify(scope),
  importedCode: /^resources:\n {2}handmade:\n {4}type: dynatrace-tokens:ApiToken\n {4}properties:\n {6}enabled: true\n {6}name: handmade\n/,
  // The printed code is a `resources:` section: its entries join the program's.
  pasteImported: (program, code) => program.replace(/^resources:\n/m, `${code}\n`),
};

describe("YAML examples on the real CLI", () => {
  const emulators = useEmulators();
  for (const example of EXAMPLES) {
    describeExampleLifecycle(yaml, example, emulators, {
      pluginFromProjectFile: example.name === "multi-environment",
      dtTokens: example.name === "basic",
    });
  }
});
