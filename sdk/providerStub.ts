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

/**
 * The source of `(projectDir) => file`: the file that `pulumi-dynatrace-tokens/provider` resolves to for the Pulumi
 * project in `projectDir` (the working directory of both the program and the provider process), or undefined when it
 * isn't installed there.
 *
 * Order: Node's resolution from the project (its node_modules and their parents, and the package itself when the
 * project is this repository, through the package's self-reference; a file name inside a folder, which need not exist,
 * makes that folder the base of the resolution and its package scope); then, for layouts Node doesn't see from the
 * project, a bounded look one level into the project's node_modules — a wrapper package's own node_modules
 * (`node_modules/<pkg>/node_modules/…`, `node_modules/@scope/<pkg>/node_modules/…`) and pnpm's store
 * (`node_modules/.pnpm/<name>@<version>/node_modules/…`) — taking the highest version found (a folder that can't be
 * listed or read holds nothing).
 *
 * Kept as source text, joined into one line, because this text is what lands in the state: stored twice with every
 * resource and sent with every call the engine makes to the provider. The same logic as compiled TypeScript, which
 * Pulumi serializes with its indentation and a wrapper per captured function, made a stub of 3.5 KB instead of 2 KB,
 * and `up` measurably slower (every checkpoint write carries it, issue #11, docs/performance.md). Single quotes
 * because the state is JSON, where each double quote costs a backslash. It uses nothing but Node built-ins and the
 * `require` of the module it runs in.
 */
const LOCATE = [
  "(d) => {",
  "const {join} = require('path'), fs = require('fs'), n = 'pulumi-dynatrace-tokens', m = join(d, 'node_modules');",
  "const ls = (p, f) => { try { return fs.readdirSync(p).filter(f).map((e) => join(p, e)) } catch { return [] } };",
  "const rank = (p) => { try { const [a, b, c] = String(JSON.parse(fs.readFileSync(join(p, 'package.json'))).version)",
  ".split(/[.+-]/).map((x) => parseInt(x) || 0); return a * 1e12 + b * 1e6 + c } catch { return -1 } };",
  "const found = ls(m, (e) => e[0] != '.' || e == '.pnpm')",
  ".flatMap((e) => e == join(m, '.pnpm') ? ls(e, (s) => s.startsWith(n + '@')) : e.startsWith(join(m, '@')) ? ls(e, () => 1) : [e])",
  ".map((e) => [rank(join(e, 'node_modules', n)), join(e, 'node_modules', n)]).filter((f) => f[0] >= 0)",
  ".sort((a, b) => b[0] - a[0] || (a[1] < b[1] ? -1 : 1));",
  "for (const p of [d, ...found.map((f) => f[1])]) try { return require('module').createRequire(join(p, 'package.json'))",
  ".resolve(`${n}/provider`) } catch (e) { if (!/^(MODULE_NOT_FOUND|ERR_PACKAGE_PATH_NOT_EXPORTED)$/.test(e.code)) throw e }",
  "}",
].join("");

/** The source of `(projectDir) => message`: what to tell a user whose Pulumi project can't load the package. */
const NOT_INSTALLED =
  "(d) => `pulumi-dynatrace-tokens is not installed where the Pulumi project in ${d} can load it: run " +
  "\\`npm install pulumi-dynatrace-tokens\\` (or pnpm add, yarn add) in ${d}, next to Pulumi.yaml.`";

/** The package's provider module for the project in `projectDir`, or undefined when it isn't installed there (see LOCATE). */
export const locateProvider = new Function("require", `return ${LOCATE}`)(require) as (projectDir: string) => string | undefined;

/** What to tell a user whose Pulumi project in `projectDir` can't load the package (see NOT_INSTALLED). */
export const notInstalledMessage = new Function(`return ${NOT_INSTALLED}`)() as (projectDir: string) => string;

/**
 * A serializable stub for `kind`: nothing but `configure`, which loads the installed package's provider and puts its
 * methods on the stub itself. Pulumi's dynamic provider host deserializes a stub once per process and calls its
 * `configure` before handing it out for any other call (the package can't work without it: credentials come from
 * `configure`), and the methods are in place before `configure` returns the provider's own configure promise, so a
 * concurrent call that finds the stub in the host's cache finds them too.
 *
 * Built from source text like LOCATE, and strict so that Pulumi need not serialize a sloppy function's own
 * `arguments` and `caller`. In the provider process it is a function of the serialized module, so `require` is that
 * module's.
 */
export function providerStub(kind: ProviderKind): dynamic.ResourceProvider {
  const configure = new Function(
    "req",
    [
      "'use strict';",
      // Its own errors reach the CLI as their sentence, printed like provider/sentenceErrors.ts's sentenceOnly
      // (`pulumi-dynatrace-tokens: <sentence>`, no stack).
      "const fail = (m) => Object.assign(new Error(m), { stack: m, toString: () => 'pulumi-dynatrace-tokens' });",
      `const file = (${LOCATE})(process.cwd());`,
      `if (file === undefined) throw fail((${NOT_INSTALLED})(process.cwd()));`,
      `const p = require(file).providers['${kind}'];`,
      `if (!p) throw fail('pulumi-dynatrace-tokens has no provider for ${kind}; upgrade the package.');`,
      "for (const m of ['check', 'diff', 'create', 'read', 'update', 'delete']) if (p[m]) this[m] = p[m].bind(p);",
      "return p.configure && p.configure(req)",
    ].join(" "),
  );
  return { configure } as unknown as dynamic.ResourceProvider;
}

let installChecked = false;

/**
 * Returns `stub` once the program has made sure the provider process will find the package: it runs in the same
 * project directory, so a package the program can't locate now would fail every provider call later, less clearly.
 */
export function installedProvider(stub: dynamic.ResourceProvider): dynamic.ResourceProvider {
  if (!installChecked) {
    if (locateProvider(process.cwd()) === undefined) throw new DeclarationError(notInstalledMessage(process.cwd()));
    installChecked = true;
  }
  return stub;
}
