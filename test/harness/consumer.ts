import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { pulumiBinDir, repoRoot } from "./paths";

const run = promisify(execFile);

/**
 * Versions a user's Pulumi project would have next to this package. They match the dev dependencies
 * so the tests exercise what the package declares it supports.
 */
function consumerDependencies(tarball: string): Record<string, string> {
  const dev = devDependencies();
  return {
    "pulumi-dynatrace-tokens": `file:${tarball}`,
    ...programDependencies(),
    // The optional peer dependency the policy pack (pulumi-dynatrace-tokens/policy) needs.
    "@pulumi/policy": dev["@pulumi/policy"]!,
  };
}

function devDependencies(): Record<string, string> {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")).devDependencies as Record<string, string>;
}

/** What a TypeScript Pulumi program needs besides this package, at the versions this package is tested with. */
export function programDependencies(): Record<string, string> {
  const dev = devDependencies();
  return {
    "@pulumi/pulumi": dev["@pulumi/pulumi"]!,
    "@types/node": dev["@types/node"]!,
    "ts-node": dev["ts-node"]!,
    typescript: dev["typescript"]!,
  };
}

/** The tarball `npm pack` made of this package, in the consumer directory `prepareConsumer` returned. */
export function packedTarball(consumerDir: string): string {
  return path.join(consumerDir, "pulumi-dynatrace-tokens.tgz");
}

/**
 * Packs this package with `npm pack` and installs the tarball into a scratch consumer project, the
 * way a user installs it. Returns the consumer's directory; e2e projects link its node_modules.
 * The install is reused across runs while the tarball's contents are unchanged.
 */
async function packAndInstall(): Promise<string> {
  const packDir = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-pack-"));
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", packDir, "--ignore-scripts"], {
    cwd: repoRoot,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [packed] = JSON.parse(stdout) as Array<{ filename: string }>;
  if (!packed) throw new Error("npm pack produced no tarball");
  const tarballInPack = path.join(packDir, packed.filename);
  const digest = createHash("sha256").update(fs.readFileSync(tarballInPack)).digest("hex").slice(0, 16);

  const consumerDir = path.join(os.tmpdir(), `pdt-consumer-${digest}`);
  const tarball = packedTarball(consumerDir);
  if (fs.existsSync(path.join(consumerDir, ".installed"))) {
    fs.rmSync(packDir, { recursive: true, force: true });
    return consumerDir;
  }
  fs.rmSync(consumerDir, { recursive: true, force: true });
  fs.mkdirSync(consumerDir, { recursive: true });
  fs.renameSync(tarballInPack, tarball);
  fs.rmSync(packDir, { recursive: true, force: true });
  fs.writeFileSync(
    path.join(consumerDir, "package.json"),
    JSON.stringify({ name: "e2e-consumer", private: true, dependencies: consumerDependencies(tarball) }, null, 2),
  );
  await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
    cwd: consumerDir,
    maxBuffer: 64 * 1024 * 1024,
  });
  fs.writeFileSync(path.join(consumerDir, ".installed"), new Date().toISOString());
  return consumerDir;
}

/** The pnpm release the e2e tests install with (newer ones may not be served for this platform). */
const PNPM_VERSION = "12.4.2";

let pnpmPrepared: Promise<{ pnpm: string; storeDir: string }> | undefined;

/**
 * pnpm, installed once with npm into a scratch folder (from npm's cache when it has it), and a package store shared by
 * the tests. pnpm fetches what its store lacks from the npm registry.
 */
export function preparePnpm(): Promise<{ pnpm: string; storeDir: string }> {
  pnpmPrepared ??= withLock(path.join(os.tmpdir(), "pdt-pnpm.lock"), async () => {
    const dir = path.join(os.tmpdir(), `pdt-pnpm-${PNPM_VERSION}`);
    const pnpm = path.join(dir, "node_modules", ".bin", "pnpm");
    if (!fs.existsSync(pnpm)) {
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "pdt-pnpm", private: true }));
      await run("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", "-E", `pnpm@${PNPM_VERSION}`], {
        cwd: dir,
        maxBuffer: 64 * 1024 * 1024,
      });
    }
    return { pnpm, storeDir: path.join(dir, "store") };
  });
  return pnpmPrepared;
}

let prepared: Promise<string> | undefined;

/**
 * The consumer directory for this test run, prepared once per worker. Test files run in parallel
 * workers, so the install is guarded by a lock directory and reused by the others.
 */
export function prepareConsumer(): Promise<string> {
  prepared ??= withLock(path.join(os.tmpdir(), "pdt-consumer.lock"), () => {
    for (const [what, file, fix] of [
      ["dist/ is missing", path.join(repoRoot, "dist", "sdk", "index.js"), "npm run build"],
      ["the Pulumi CLI is missing", path.join(pulumiBinDir, "pulumi"), "npm run pulumi:install"],
    ] as const) {
      if (!fs.existsSync(file)) throw new Error(`${what}: run the tests with \`npm test\`, or run \`${fix}\` first`);
    }
    return packAndInstall();
  });
  return prepared;
}

/** The `dt-tokens` CLI a program's directory installed with this package (its node_modules/.bin). */
export function dtTokensBin(projectDir: string): string {
  return path.join(projectDir, "node_modules", ".bin", "dt-tokens");
}

let globalInstall: Promise<string> | undefined;

/**
 * This package installed the way `npm install -g pulumi-dynatrace-tokens` installs it — into a prefix of its own,
 * from the tarball `prepareConsumer` packed, its peer dependency `@pulumi/pulumi` resolved by npm as for a user — and
 * returns the prefix's bin folder, which holds `pulumi-resource-dynatrace-tokens` (and `dt-tokens`) as a global
 * install puts them on a user's PATH. Reused while the tarball is unchanged.
 */
export function prepareGlobalInstall(): Promise<string> {
  globalInstall ??= prepareConsumer().then((consumerDir) =>
    makeOnce(`${consumerDir}-global`, { marker: ".installed", lock: path.join(os.tmpdir(), "pdt-global.lock") }, async (prefix) => {
      await run("npm", ["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", packedTarball(consumerDir)], {
        maxBuffer: 64 * 1024 * 1024,
      });
    }).then(() => path.join(`${consumerDir}-global`, "bin")),
  );
  return globalInstall;
}

/**
 * Makes `dir` with `make` unless an earlier run (or another test file) made it already, as its marker file says. Under
 * the lock directory `lock` (default `<dir>.lock`), which `make` may use for scratch files, `dir` is made afresh in
 * place (a virtualenv can't be moved) and marked complete last, so a run killed halfway leaves nothing another run
 * would use.
 */
export async function makeOnce(
  dir: string,
  options: { marker?: string; lock?: string },
  make: (dir: string, lock: string) => Promise<void>,
): Promise<void> {
  const marker = path.join(dir, options.marker ?? ".complete");
  const lock = options.lock ?? `${dir}.lock`;
  if (fs.existsSync(marker)) return;
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  await withLock(lock, async () => {
    if (fs.existsSync(marker)) return;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    await make(dir, lock);
    fs.writeFileSync(marker, new Date().toISOString());
  });
}

/** Runs `fn` holding the lock directory `lockDir`; a lock older than 10 min is taken for a killed run's. */
export async function withLock<T>(lockDir: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10 * 60 * 1000; // 10 min: a cold npm install on a slow machine
  for (;;) {
    try {
      fs.mkdirSync(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // A lock left by a killed run is stale after the deadline's length.
      const lockedAt = fs.statSync(lockDir, { throwIfNoEntry: false })?.mtimeMs;
      if (lockedAt !== undefined && Date.now() - lockedAt > 10 * 60 * 1000) {
        fs.rmSync(lockDir, { recursive: true, force: true });
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${lockDir}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true });
  }
}
