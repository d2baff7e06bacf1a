// The files generated from the property tables, with their text: one list for `npm run generate` to write and for the
// freshness test to compare. (docs/reference/ is typedoc's, made from the SDK's TSDoc after these are written.)
import * as fs from "node:fs";
import * as path from "node:path";
import { packageSchemaText, type PackageFacts } from "./packageSchema";
import { typescriptDeclarations } from "./typescript";

/** What schema.json repeats from package.json. */
export function packageFacts(root: string): PackageFacts {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
    description: string;
    keywords: string[];
    license: string;
    repository: { url: string };
  };
  const repository = manifest.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
  return { version: manifest.version, description: manifest.description, keywords: manifest.keywords, license: manifest.license, repository };
}

/** Path from the repository root → text, for every file generated from the tables. */
export function generatedFiles(root: string): Map<string, string> {
  return new Map([["schema.json", packageSchemaText(packageFacts(root))], ...typescriptDeclarations()]);
}
