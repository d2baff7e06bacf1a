// The provider object handed to `pulumi.dynamic.Resource` is serialized into the stack's state, and `read` and
// `delete` run that stored copy (pulumi/pulumi#16826). So it is only a stub: on first use it finds the package
// installed in the Pulumi project and delegates to it, and upgrading the package fixes existing resources too.
//
// What the stub captures is persisted for years and read by every later release: the kind, and the code below —
// never a path of the machine that wrote it (test/golden/ holds what earlier releases wrote; keep them working).
import type * as dynamic from "@pulumi/pulumi/dynamic";

/** The provider implementations in `provider/index.ts`. */
export type ProviderKind = "ApiToken" | "ActiveGateToken" | "TenantTokenRotation";

/** The package whose provider the stub loads. */
const PACKAGE = "pulumi-dynatrace-tokens";

/**
 * The file that `pulumi-dynatrace-tokens/provider` resolves to for the Pulumi project in `projectDir` (the working
 * directory of both the program and the provider process), or undefined when it isn't installed there.
 *
 * Serialized into the stub, so it uses nothing but Node built-ins, required inside. Order: Node's resolution from the
 * project (its node_modules and their parents, and the package itself when the project is this repository, through
 * the package's self-reference); then, for layouts Node doesn't see from the project, a bounded look one level into
 * the project's node_modules — a wrapper package's own node_modules (`node_modules/<pkg>/node_modules/…`,
 * `node_modules/@scope/<pkg>/node_modules/…`) and pnpm's store (`node_modules/.pnpm/<name>@<version>/node_modules/…`)
 * — taking the highest version found.
 */
export function resolveProviderModule(projectDir: string): string | undefined {
  const { createRequire } = require("node:module") as typeof import("node:module");
  const fs = require("node:fs") as typeof import("node:fs");
  const path = require("node:path") as typeof import("node:path");
  const name = "pulumi-dynatrace-tokens";
  const entry = `${name}/provider`;
  const resolveFrom = (dir: string): string | undefined => {
    try {
      // A file name inside `dir` (it need not exist) makes `dir` the base of the resolution and its package scope.
      return createRequire(path.join(dir, "package.json")).resolve(entry);
    } catch (error) {
      const code = (error as { code?: string }).code;
      if (code === "MODULE_NOT_FOUND" || code === "ERR_PACKAGE_PATH_NOT_EXPORTED") return undefined;
      throw error;
    }
  };
  const fromProject = resolveFrom(projectDir);
  if (fromProject !== undefined) return fromProject;

  const nodeModules = path.join(projectDir, "node_modules");
  const list = (dir: string): string[] => {
    try {
      return fs.readdirSync(dir);
    } catch {
      return []; // No such folder: nothing installed there.
    }
  };
  const candidates: string[] = [];
  for (const entryName of list(nodeModules)) {
    if (entryName === ".pnpm") {
      for (const stored of list(path.join(nodeModules, ".pnpm"))) {
        if (stored.startsWith(`${name}@`)) candidates.push(path.join(nodeModules, ".pnpm", stored, "node_modules", name));
      }
    } else if (entryName.startsWith("@")) {
      for (const scoped of list(path.join(nodeModules, entryName))) {
        candidates.push(path.join(nodeModules, entryName, scoped, "node_modules", name));
      }
    } else if (!entryName.startsWith(".")) {
      candidates.push(path.join(nodeModules, entryName, "node_modules", name));
    }
  }
  const versionOf = (dir: string): number[] | undefined => {
    try {
      const { version } = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { version?: string };
      return String(version).split(/[.+-]/).slice(0, 3).map((part) => Number.parseInt(part, 10) || 0);
    } catch {
      return undefined; // Not installed in this folder.
    }
  };
  const found = candidates
    .map((dir) => ({ dir, version: versionOf(dir) }))
    .filter((c): c is { dir: string; version: number[] } => c.version !== undefined)
    .sort((a, b) => b.version[0]! - a.version[0]! || b.version[1]! - a.version[1]! || b.version[2]! - a.version[2]! || a.dir.localeCompare(b.dir));
  for (const { dir } of found) {
    const resolved = resolveFrom(dir);
    if (resolved !== undefined) return resolved;
  }
  return undefined;
}

/** What to tell a user whose Pulumi project can't load the package. */
export function notInstalledMessage(projectDir: string): string {
  return (
    `${PACKAGE} is not installed where the Pulumi project in ${projectDir} can load it, so Pulumi could not run its ` +
    `resources' provider. Install it in the project: \`npm install ${PACKAGE}\` (or \`pnpm add ${PACKAGE}\`, ` +
    `\`yarn add ${PACKAGE}\`) in ${projectDir}, next to Pulumi.yaml.`
  );
}

/** A serializable stub that delegates every provider method to the installed package's provider for `kind`. */
export function providerStub(kind: ProviderKind): dynamic.ResourceProvider {
  const resolve = resolveProviderModule;
  const notInstalled = notInstalledMessage;
  // Filled on first use in the provider process: Pulumi deserializes a stub once per process and kind.
  const memo: { provider?: dynamic.ResourceProvider } = {};
  const load = (): dynamic.ResourceProvider => {
    if (memo.provider) return memo.provider;
    const file = resolve(process.cwd());
    if (file === undefined) throw new Error(notInstalled(process.cwd()));
    const loaded = require(file) as { providers: Record<string, dynamic.ResourceProvider> };
    const provider = loaded.providers[kind];
    if (!provider) throw new Error(`pulumi-dynatrace-tokens has no provider for ${kind}; upgrade the package.`);
    memo.provider = provider;
    return provider;
  };
  return {
    configure: async (req) => load().configure?.(req),
    check: async (olds, news) => (load().check ? load().check!(olds, news) : { inputs: news }),
    diff: async (id, olds, news) => (load().diff ? load().diff!(id, olds, news) : {}),
    create: async (inputs) => load().create(inputs),
    read: async (id, props) => (load().read ? load().read!(id, props) : { id, props }),
    update: async (id, olds, news) => (load().update ? load().update!(id, olds, news) : {}),
    delete: async (id, props) => load().delete?.(id, props),
  };
}

let installChecked = false;

/**
 * Returns `stub` once the program has made sure the provider process will find the package: it runs in the same
 * project directory, so a package the program can't locate now would fail every provider call later, less clearly.
 */
export function installedProvider(stub: dynamic.ResourceProvider): dynamic.ResourceProvider {
  if (!installChecked) {
    if (resolveProviderModule(process.cwd()) === undefined) throw new Error(notInstalledMessage(process.cwd()));
    installChecked = true;
  }
  return stub;
}
