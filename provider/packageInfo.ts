// Where this package is installed and which version it is: the package.json above this file (provider/ in the
// sources, dist/provider/ when built). The CLI prints the version, the native plugin reports it and ships the
// package schema (schema.json) beside it.
import * as fs from "node:fs";
import * as path from "node:path";

const PACKAGE_NAME = "pulumi-dynatrace-tokens";

/** The folder holding this package's package.json, or undefined when it can't be found (a bundled copy). */
export function packageRoot(): string | undefined {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json");
    if (fs.existsSync(file) && (JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string }).name === PACKAGE_NAME) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function packageVersion(): string {
  const root = packageRoot();
  if (root === undefined) return "0.0.0";
  return (JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version?: string }).version ?? "0.0.0";
}
