// `npm run generate`: rewrites every file made from the property tables in provider/properties/ — schema.json (the
// Pulumi package schema) — and then the reference docs in docs/reference/, which typedoc makes from the SDK's TSDoc.
// Generated files are committed; test/sdk/generated.test.ts fails when one is stale.
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
execFileSync(process.execPath, [path.join(root, "node_modules", "typedoc", "bin", "typedoc"), "--options", "typedoc.json"], { cwd: root, stdio: "inherit" });
console.log("wrote     docs/reference/ (typedoc)");
