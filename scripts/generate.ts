// `npm run generate`: rewrites every file made from the property tables in provider/properties/ — schema.json (the
// Pulumi package schema), the SDK's declarations in sdk/generated/ — then the Python and Go SDKs (sdk/python,
// sdk/go), which Pulumi's code generators make from schema.json, and the reference docs in docs/reference/, which
// typedoc makes from the SDK's TSDoc. Generated files are committed; test/sdk/generated.test.ts fails when one is
// stale.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { generatedFiles, packageFacts } from "./generate/files";
import { generateLanguageSdks, GO_SDK_DIR, PYTHON_SDK_DIR } from "./generate/languageSdks";

const root = path.resolve(__dirname, "..");

const facts = packageFacts(root);
const files = generatedFiles(root);
for (const [file, text] of files) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const changed = !fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text;
  if (changed) fs.writeFileSync(target, text);
  console.log(`${changed ? "wrote    " : "unchanged"} ${file}`);
}
// A declaration file the tables no longer make would linger: sdk/generated/ holds nothing else.
const generatedDir = path.join(root, "sdk", "generated");
const made = new Set(files.keys());
for (const name of fs.readdirSync(generatedDir)) {
  const file = path.posix.join("sdk/generated", name);
  if (!made.has(file)) {
    fs.rmSync(path.join(generatedDir, name));
    console.log(`removed   ${file}`);
  }
}

async function main(): Promise<void> {
  // `go mod tidy` writes the Go SDK's go.sum (from the module cache, or the Go module proxy for what it lacks).
  await generateLanguageSdks(root, facts, {
    schema: path.join(root, "schema.json"),
    python: path.join(root, PYTHON_SDK_DIR),
    go: path.join(root, GO_SDK_DIR),
    goTidy: true,
  });
  console.log(`wrote     ${PYTHON_SDK_DIR}/ and ${GO_SDK_DIR}/ (gen-sdk)`);

  execFileSync(process.execPath, [path.join(root, "node_modules", "typedoc", "bin", "typedoc"), "--options", "typedoc.json"], { cwd: root, stdio: "inherit" });
  console.log("wrote     docs/reference/ (typedoc)");
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
