// The provider object handed to `pulumi.dynamic.Resource` is serialized into the stack's state, and `read` and
// `delete` run that stored copy (pulumi/pulumi#16826). So it is only a stub: when Pulumi configures it, it finds the
// package installed in the Pulumi project and takes that package's provider methods, so upgrading the package fixes
// existing resources too.
//
// What the stub captures is persisted for years and read by every later release: the kind, and the code below —
// never a path of the machine that wrote it (test/golden/ holds what earlier releases wrote; keep them working).
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { DeclarationError } from "./declaration";

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
 * the package's self-reference; a file name inside a folder, which need not exist, makes that folder the base of the
 * resolution and its package scope); then, for layouts Node doesn't see from the project, a bounded look one level
 * into the project's node_modules — a wrapper package's own node_modules (`node_modules/<pkg>/node_modules/…`,
 * `node_modules/@scope/<pkg>/node_modules/…`) and pnpm's store (`node_modules/.pnpm/<name>@<version>/node_modules/…`)
 * — taking the highest version found (a folder that can't be listed or read holds nothing).
 *
 * Written tersely and with no comment inside on purpose: its text is stored twice with every resource in the state and
 * sent with every call the engine makes to the provider (issue #11: state size, and memory during a refresh).
 */
export function resolveProviderModule(projectDir: string): string | undefined {
  const { createRequire } = require("node:module") as typeof import("node:module");
  const fs = require("node:fs") as typeof import("node:fs");
  const { join, basename } = require("node:path") as typeof import("node:path");
  const name = "pulumi-dynatrace-tokens";
  const at = (dir: string): string | undefined => {
    try {
      return createRequire(join(dir, "package.json")).resolve(`${name}/provider`);
    } catch (e) {
      if (!/^(MODULE_NOT_FOUND|ERR_PACKAGE_PATH_NOT_EXPORTED)$/.test(String((e as { code?: string }).code))) throw e;
    }
  };
  const ls = (dir: string): string[] => {
    try {
      return fs.readdirSync(dir).map((e) => join(dir, e));
    } catch {
      return [];
    }
  };
  const found: Array<{ dir: string; v: number[] }> = [];
  for (const e of ls(join(projectDir, "node_modules"))) {
    const b = basename(e);
    for (const d of b === ".pnpm" ? ls(e).filter((s) => basename(s).startsWith(`${name}@`)) : b[0] === "@" ? ls(e) : b[0] === "." ? [] : [e]) {
      try {
        const v = String(JSON.parse(fs.readFileSync(join(d, "node_modules", name, "package.json"), "utf8")).version).split(/[.+-]/);
        found.push({ dir: join(d, "node_modules", name), v: [0, 1, 2].map((i) => Number.parseInt(v[i]!, 10) || 0) });
      } catch {}
    }
  }
  found.sort((a, b) => b.v[0]! - a.v[0]! || b.v[1]! - a.v[1]! || b.v[2]! - a.v[2]! || a.dir.localeCompare(b.dir));
  return [projectDir, ...found.map((f) => f.dir)].reduce<string | undefined>((r, dir) => r ?? at(dir), undefined);
}

/** What to tell a user whose Pulumi project can't load the package. */
export function notInstalledMessage(projectDir: string): string {
  return (
    `${PACKAGE} is not installed where the Pulumi project in ${projectDir} can load it, so Pulumi could not run its ` +
    `resources' provider. Install it in the project: \`npm install ${PACKAGE}\` (or \`pnpm add ${PACKAGE}\`, ` +
    `\`yarn add ${PACKAGE}\`) in ${projectDir}, next to Pulumi.yaml.`
  );
}

/** The provider methods the stub hands over to the package's provider once it is loaded. */
const METHODS = ["check", "diff", "create", "read", "update", "delete"] as const;

/**
 * A serializable stub for `kind`: nothing but `configure`, which loads the installed package's provider and puts its
 * methods on the stub itself. Pulumi's dynamic provider host deserializes a stub once per process and calls its
 * `configure` before handing it out for any other call (the package can't work without it: credentials come from
 * `configure`), and the methods are in place before `configure`'s first `await`, so a concurrent call that finds the
 * stub in the host's cache finds them too. One function instead of seven keeps the serialized text — stored twice
 * with every resource in the state and sent with every call the engine makes — small (issue #11).
 */
export function providerStub(kind: ProviderKind): dynamic.ResourceProvider {
  const resolve = resolveProviderModule;
  const notInstalled = notInstalledMessage;
  const methods = METHODS;
  // The stub's own errors reach the CLI as their sentence, printed like provider/sentenceErrors.ts's sentenceOnly
  // (`pulumi-dynatrace-tokens: <sentence>`, no stack); inline rather than captured, which would cost a wrapper in the
  // stored text.
  const stub = {
    configure: async function (this: Record<string, unknown>, req: dynamic.ConfigureRequest): Promise<void> {
      const fail = (m: string) => Object.assign(new Error(m), { stack: m, toString: () => "pulumi-dynatrace-tokens" });
      const file = resolve(process.cwd());
      if (file === undefined) throw fail(notInstalled(process.cwd()));
      const p = (require(file) as { providers: Record<string, Record<string, Function | undefined>> }).providers[kind];
      if (!p) throw fail(`pulumi-dynatrace-tokens has no provider for ${kind}; upgrade the package.`);
      for (const m of methods) if (p[m]) this[m] = p[m]!.bind(p);
      await p.configure?.(req);
    },
  };
  return stub as unknown as dynamic.ResourceProvider;
}

let installChecked = false;

/**
 * Returns `stub` once the program has made sure the provider process will find the package: it runs in the same
 * project directory, so a package the program can't locate now would fail every provider call later, less clearly.
 */
export function installedProvider(stub: dynamic.ResourceProvider): dynamic.ResourceProvider {
  if (!installChecked) {
    if (resolveProviderModule(process.cwd()) === undefined) throw new DeclarationError(notInstalledMessage(process.cwd()));
    installChecked = true;
  }
  return stub;
}
