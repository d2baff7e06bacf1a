// `npm run generate`: rewrites every file made from the property tables in provider/properties/ — schema.json (the
// Pulumi package schema), the SDK's declarations in sdk/generated/ — and then the reference docs in docs/reference/,
// which typedoc makes from the SDK's TSDoc. Generated files are committed; test/sdk/generated.test.ts fails when one
// is stale.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { generatedFiles } from "./generate/files";

const root = path.resolve(__dirname, "..");

for (const [file, text] of generatedFiles(root)) {
  const target = path.join(root, file);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const changed = !fs.existsSync(target) || fs.readFileSync(target, "utf8") !== text;
  if (changed) fs.writeFileSync(target, text);
  console.log(`${changed ? "wrote    " : "unchanged"} ${file}`);
}
// A declaration file the tables no longer make would linger: sdk/generated/ holds nothing else.
const generatedDir = path.join(root, "sdk", "generated");
const made = new Set([...generatedFiles(root).keys()]);
for (const name of fs.readdirSync(generatedDir)) {
  const file = path.posix.join("sdk/generated", name);
  if (!made.has(file)) {
    fs.rmSync(path.join(generatedDir, name));
    console.log(`removed   ${file}`);
  }
}

execFileSync(process.execPath, [path.join(root, "node_modules", "typedoc", "bin", "typedoc"), "--options", "typedoc.json"], { cwd: root, stdio: "inherit" });
console.log("wrote     docs/reference/ (typedoc)");
