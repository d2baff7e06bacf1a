// The generated Go SDK (sdk/go) as a Go user gets it: a module proxy in a scratch folder serves the repository's
// sdk/go — as the Go module proxy serves it from GitHub — so a program's `go get github.com/…/sdk/go/dynatracetokens@…`
// (or a go.mod that requires the module without a replace line) resolves, downloads and builds it as a user's does.
//
// The version served is a pseudo-version made from the files' hash (`v0.4.1-0.20261201000000-<hash>`, what
// `go get …@<commit>` gets between releases): Go keeps a downloaded version in its module cache for good, so a
// regenerated SDK must come under a new version, or the cache's older copy would be built instead.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { GO_MODULE } from "../../scripts/generate/sdkReadmes";
import { packageVersion, repoRoot } from "./paths";

const run = promisify(execFile);

export { GO_MODULE, GO_PACKAGE } from "../../scripts/generate/sdkReadmes";

const sdkDir = path.join(repoRoot, "sdk", "go");

/** Every file under sdk/go, relative, sorted. */
function sdkFiles(): string[] {
  return fs
    .readdirSync(sdkDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(sdkDir, path.join(entry.parentPath, entry.name)))
    .sort();
}

/** The pseudo-version sdk/go is served as: after the package's version, named by the hash of its files. */
export function goSdkVersion(): string {
  const hash = createHash("sha256");
  for (const file of sdkFiles()) hash.update(file).update("\0").update(fs.readFileSync(path.join(sdkDir, file))).update("\0");
  const [major, minor, patch] = packageVersion().split(".").map(Number);
  return `v${major}.${minor}.${patch! + 1}-0.20261201000000-${hash.digest("hex").slice(0, 12)}`;
}

/**
 * Writes a GOPROXY folder (https://go.dev/ref/mod#goproxy-protocol) into `dir` that serves sdk/go as the module
 * GO_MODULE at goSdkVersion(): `@v/list`, `.info`, `.mod` and the module zip (every file under sdk/go, under
 * `<module>@<version>/`). Returns the proxy's file:// URL.
 */
export async function writeGoSdkProxy(dir: string): Promise<string> {
  const version = goSdkVersion();
  const versions = path.join(dir, ...GO_MODULE.split("/"), "@v");
  fs.mkdirSync(versions, { recursive: true });
  fs.writeFileSync(path.join(versions, "list"), `${version}\n`);
  fs.writeFileSync(path.join(versions, `${version}.info`), JSON.stringify({ Version: version, Time: "2026-12-01T00:00:00Z" }));
  fs.copyFileSync(path.join(sdkDir, "go.mod"), path.join(versions, `${version}.mod`));
  const zip = [
    "import json, os, sys, zipfile",
    "source, prefix, target, files = sys.argv[1], sys.argv[2], sys.argv[3], json.loads(sys.argv[4])",
    "with zipfile.ZipFile(target, 'w', zipfile.ZIP_DEFLATED) as archive:",
    "    for file in files:",
    "        archive.write(os.path.join(source, file), prefix + '/' + file.replace(os.sep, '/'))",
  ].join("\n");
  await run(process.env.PULUMI_DT_TEST_PYTHON ?? "python3", [
    "-c",
    zip,
    sdkDir,
    `${GO_MODULE}@${version}`,
    path.join(versions, `${version}.zip`),
    JSON.stringify(sdkFiles()),
  ]);
  return `file://${dir}`;
}

/**
 * The environment for `go` (and for `pulumi`, whose Go language host builds with it) with the SDK served from
 * `proxyUrl` first, then wherever Go gets modules from otherwise. The SDK isn't in the public checksum database, so
 * GONOSUMDB names it (as for any module not published yet); -mod=mod lets go.sum take its checksum.
 */
export async function goEnvWithSdk(proxyUrl: string, opts: { offline?: boolean } = {}): Promise<Record<string, string>> {
  const { stdout } = await run("go", ["env", "GOPROXY", "GOMODCACHE", "GOFLAGS"]);
  const [proxy = "https://proxy.golang.org,direct", modCache = "", flags = ""] = stdout.split("\n");
  // Offline: the rest only from the module cache (a proxy folder too), never the network.
  const rest = opts.offline ? `file://${path.join(modCache, "cache", "download")}` : proxy;
  return {
    GOPROXY: `${proxyUrl},${rest}`,
    GONOSUMDB: GO_MODULE,
    GOFLAGS: `${flags} -mod=mod`.trim(),
  };
}

/** Downloads the SDK's requirements (sdk/go/go.mod) into the module cache, so that `goEnvWithSdk(…, { offline })` works. */
export async function downloadGoSdkRequirements(): Promise<void> {
  await run("go", ["mod", "download"], { cwd: sdkDir, maxBuffer: 64 * 1024 * 1024 });
}
