// Install layouts a user's project can have, for the upgrade tests (issue 9): this package released under another
// version, and a wrapper package that brings it in its own node_modules (a platform team's package of defaults).
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { programDependencies } from "./consumer";
import type { PulumiProject } from "./pulumi";

const run = promisify(execFile);

export const PACKAGE = "pulumi-dynatrace-tokens";
/** The wrapper package's name. */
export const WRAPPER = "platform-tokens";

/** `tarball` repacked with another version in its package.json: the same code, released as `version`. */
export async function repack(tarball: string, version: string, into: string): Promise<string> {
  const work = fs.mkdtempSync(path.join(into, "repack-"));
  await run("tar", ["xzf", tarball, "-C", work]);
  const manifest = path.join(work, "package", "package.json");
  fs.writeFileSync(manifest, JSON.stringify({ ...JSON.parse(fs.readFileSync(manifest, "utf8")), version }, null, 2));
  const out = path.join(into, `${PACKAGE}-${version}.tgz`);
  await run("tar", ["czf", out, "-C", work, "package"]);
  fs.rmSync(work, { recursive: true, force: true });
  return out;
}

/** Writes the wrapper package into `scratch` (it re-exports this package, from `tarball`); returns its directory. */
export function writeWrapper(scratch: string, tarball: string): string {
  const wrapper = path.join(scratch, WRAPPER);
  fs.mkdirSync(wrapper);
  fs.writeFileSync(
    path.join(wrapper, "package.json"),
    JSON.stringify({
      name: WRAPPER,
      version: "1.0.0",
      main: "index.js",
      dependencies: { [PACKAGE]: `file:${tarball}` },
      peerDependencies: { "@pulumi/pulumi": ">=3.139.0 <4" },
    }),
  );
  fs.writeFileSync(path.join(wrapper, "index.js"), `module.exports = require("${PACKAGE}");\n`);
  return wrapper;
}

/**
 * Installs the wrapper into `project` with npm so that this package lands only in the wrapper's own node_modules
 * (`--install-links` copies the wrapper in; `--install-strategy=shallow` keeps its dependencies there); returns the
 * path of the nested copy's package.json.
 */
export async function installNestedUnderWrapper(project: PulumiProject, wrapper: string): Promise<string> {
  await project.npmInstall({ [WRAPPER]: `file:${wrapper}`, ...programDependencies() }, ["--install-links", "--install-strategy=shallow"]);
  return path.join(project.dir, "node_modules", WRAPPER, "node_modules", PACKAGE, "package.json");
}
