// Issue 19.1: every resource, argument, output, function, object type and config key the property tables declare is in
// the committed Python and Go SDKs under the name its language gives it — Python snake_case keywords and properties,
// Go PascalCase fields and functions — with the table's words as its documentation. The expected names are derived
// from the tables (provider/properties/), not listed by hand. Python: the wheel pip builds from sdk/python, imported
// and inspected. Go: a program that names each of them, compiled against the SDK fetched the way a Go user fetches it
// (`go get …/sdk/go/dynatracetokens@<version>` from a module proxy serving sdk/go, as the Go module proxy serves the
// repository): a missing name is a compile error that names it.
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FUNCTIONS, PROVIDER_CONFIG, RESOURCES } from "../../provider/properties/index";
import { publicArguments, publicOutputs } from "../../provider/properties/names";
import type { FieldSpec, ObjectType, PropertyType } from "../../provider/properties/types";
import { buildPythonSdk } from "../harness/codegen";
import { downloadGoSdkRequirements, GO_MODULE, GO_PACKAGE, goEnvWithSdk, goSdkVersion, writeGoSdkProxy } from "../harness/goSdk";
import { fixturesDir, packageVersion, repoRoot } from "../harness/paths";
import { pythonVenv } from "../harness/python";

const run = promisify(execFile);

/** Pulumi's Python names: `expirationDate` → `expiration_date`, `tenantUUID` → `tenant_uuid`. */
function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .toLowerCase();
}

/** Pulumi's Go names: `expirationDate` → `ExpirationDate`, `getTenantToken` → `GetTenantToken`. */
function pascalCase(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The first sentence of a description (or all of it), which every SDK's docs must carry. */
function firstSentence(description: string): string {
  const end = description.search(/\.(\s|$)/);
  return (end < 0 ? description : description.slice(0, end + 1)).replace(/\s+/g, " ");
}

/** What a table declares, in the shape both languages' checks read. */
interface Member {
  /** The table's (TypeScript) name. */
  readonly name: string;
  readonly description: string;
}
interface ResourceNames {
  readonly name: string;
  readonly inputs: readonly Member[];
  readonly outputs: readonly Member[];
}
interface FunctionNames {
  readonly name: string;
  readonly inputs: readonly Member[];
  readonly outputs: readonly Member[];
}

const members = (fields: Readonly<Record<string, { readonly description: string }>>): Member[] =>
  Object.entries(fields).map(([name, field]) => ({ name, description: field.description }));

const resources: ResourceNames[] = RESOURCES.map((resource) => ({
  name: resource.name,
  inputs: publicArguments(resource).map(([name, p]) => ({ name, description: p.description })),
  outputs: publicOutputs(resource).map(([name, p]) => ({ name, description: p.description })),
}));
const functions: FunctionNames[] = FUNCTIONS.map((fn) => ({ name: fn.name, inputs: members(fn.inputs), outputs: members(fn.outputs) }));
const config = members(PROVIDER_CONFIG.fields);

/** Every name a description may put in a code span that each language spells its own way: properties, functions, resource options. */
const spelledNames: ReadonlySet<string> = new Set(
  [
    ...resources.flatMap((r) => [...r.inputs, ...r.outputs].map((m) => m.name)),
    ...functions.flatMap((f) => [f.name, ...f.inputs.map((m) => m.name), ...f.outputs.map((m) => m.name)]),
    ...config.map((m) => m.name),
    "retainOnDelete",
  ].filter((name) => name !== "id"),
);

/** A description in a language's spelling of names and literals. */
function spelled(description: string, spell: (name: string) => string, literals: Readonly<Record<string, string>>): string {
  return description.replace(/`([A-Za-z][A-Za-z0-9]*)`/g, (span, name: string) =>
    literals[name] !== undefined ? `\`${literals[name]}\`` : spelledNames.has(name) ? `\`${spell(name)}\`` : span,
  );
}

/** A description as the Python SDK must carry it: `expirationDate` → `expiration_date`, `null` → `None`. */
const inPython = (description: string) => spelled(description, snakeCase, { null: "None", true: "True", false: "False" });

/** A description as the Go SDK must carry it: `expirationDate` → `ExpirationDate`, `null` → `nil`. */
const inGo = (description: string) => spelled(description, pascalCase, { null: "nil" });

/** Every named object type the tables use (`Adopt`, `Environment`, the tenant-token secret's manifest parts). */
const objectTypes: ObjectType[] = (() => {
  const found = new Map<string, ObjectType>();
  const visit = (type: PropertyType): void => {
    if (typeof type !== "object") return;
    if ("array" in type) visit(type.array);
    else if ("map" in type) visit(type.map);
    else if ("object" in type && !found.has(type.object.name)) {
      found.set(type.object.name, type.object);
      for (const field of Object.values(type.object.fields)) visit(field.type);
    }
  };
  for (const resource of RESOURCES) for (const property of Object.values(resource.properties)) if (property.internal === undefined) visit(property.type);
  const fields: FieldSpec[] = [...FUNCTIONS.flatMap((fn) => [...Object.values(fn.inputs), ...Object.values(fn.outputs)]), ...Object.values(PROVIDER_CONFIG.fields)];
  for (const field of fields) visit(field.type);
  return [...found.values()];
})();

describe("the generated SDKs name everything the property tables declare", () => {
  let work: string;
  beforeAll(() => {
    work = fs.mkdtempSync(path.join(os.tmpdir(), "pdt-sdk-names-"));
  });
  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("the tables declare what this test walks", () => {
    expect(resources.map((r) => r.name)).toEqual(["ApiToken", "PersonalAccessToken", "PaasToken", "ActiveGateToken", "TenantTokenRotation"]);
    expect(functions.map((f) => f.name)).toEqual(["getTenantToken", "activeGateAuthorizationLine", "oneAgentSetTenantTokenCommand", "tenantTokenSecret"]);
    expect(objectTypes.map((t) => t.name)).toEqual(expect.arrayContaining(["Adopt", "ActiveGateAdopt", "Environment"]));
    expect(snakeCase("tenantUUID")).toBe("tenant_uuid");
    expect(snakeCase("lastUsedIpAddress")).toBe("last_used_ip_address");
    expect(pascalCase("tenantUUID")).toBe("TenantUUID");
  });

  it("Python docstrings and Go comments name properties, functions and options as their language does, not as TypeScript does", () => {
    const camelCase = [...spelledNames].filter((name) => /[A-Z]/.test(name));
    const spans = (dir: string, ext: string) =>
      fs
        .readdirSync(dir, { recursive: true, encoding: "utf8" })
        .filter((file) => file.endsWith(ext))
        .flatMap((file) => [...fs.readFileSync(path.join(dir, file), "utf8").matchAll(/`([A-Za-z][A-Za-z0-9_]*)`/g)].map((m) => m[1]!));
    const python = spans(path.join(repoRoot, "sdk", "python"), ".py");
    const go = spans(path.join(repoRoot, "sdk", "go"), ".go");
    expect(python.filter((name) => camelCase.includes(name) || name === "null")).toEqual([]);
    expect(go.filter((name) => camelCase.includes(name))).toEqual([]);
    // What they say instead.
    expect(python).toEqual(expect.arrayContaining(["expiration_date", "rotate_before", "keep_previous_for", "retain_on_delete", "None"]));
    expect(go).toEqual(expect.arrayContaining(["ExpirationDate", "RotateBefore", "KeepPreviousFor", "RetainOnDelete"]));
  });

  it(
    "Python: the wheel built from sdk/python has each class, snake_case argument and output, function and config key, documented from the tables",
    async () => {
      const venv = await pythonVenv(fs.readFileSync(path.join(fixturesDir, "sdk-python", "requirements.txt"), "utf8"));
      const site = path.join(work, "site");
      const wheel = await buildPythonSdk(venv, path.join(repoRoot, "sdk", "python"), site);
      expect(path.basename(wheel)).toBe(`pulumi_dynatrace_tokens-${packageVersion()}-py3-none-any.whl`);
      // Typed: the marker file that tells type checkers to read the package's annotations ships in the wheel.
      expect(fs.existsSync(path.join(site, "pulumi_dynatrace_tokens", "py.typed"))).toBe(true);

      const expected = {
        resources: resources.map((r) => ({
          cls: r.name,
          inputs: r.inputs.map((m) => ({ name: snakeCase(m.name), doc: firstSentence(inPython(m.description)) })),
          outputs: r.outputs.map((m) => ({ name: snakeCase(m.name), doc: firstSentence(inPython(m.description)) })),
        })),
        functions: functions.map((f) => ({
          fn: snakeCase(f.name),
          result: `${pascalCase(f.name)}Result`,
          inputs: f.inputs.map((m) => snakeCase(m.name)),
          outputs: f.outputs.map((m) => ({ name: snakeCase(m.name), doc: firstSentence(inPython(m.description)) })),
        })),
        types: objectTypes.map((t) => ({ name: t.name, fields: Object.keys(t.fields).map(snakeCase) })),
        config: config.map((m) => ({ name: snakeCase(m.name), doc: firstSentence(inPython(m.description)) })),
      };
      const probe = `
import inspect, json, sys
import pulumi
import pulumi_dynatrace_tokens as dt
from pulumi_dynatrace_tokens import outputs as dt_outputs
from pulumi_dynatrace_tokens.config import vars as dt_config

spec = json.loads(sys.argv[1])
missing = []
def norm(text):  # Pulumi's Markdown renderer re-spaces code spans: compare without whitespace
    return "".join((text or "").split())
def has_property(cls, name, doc=None, where=""):
    prop = inspect.getattr_static(cls, name, None)
    if not isinstance(prop, property):
        missing.append(f"{where}{cls.__name__}.{name}")
    elif doc is not None and norm(doc) not in norm(prop.__doc__):
        missing.append(f"{where}{cls.__name__}.{name}'s docstring: {doc!r}")

for r in spec["resources"]:
    cls, args = getattr(dt, r["cls"], None), getattr(dt, r["cls"] + "Args", None)
    if cls is None or not issubclass(cls, pulumi.CustomResource) or args is None:
        missing.append(r["cls"] + " or " + r["cls"] + "Args"); continue
    keywords = inspect.signature(cls._internal_init).parameters
    for i in r["inputs"]:
        if i["name"] not in keywords: missing.append(f"{r['cls']}(…, {i['name']}=)")
        has_property(args, i["name"], i["doc"])
    for o in r["outputs"]:
        has_property(cls, o["name"], o["doc"])

for f in spec["functions"]:
    for name in (f["fn"], f["fn"] + "_output"):
        fn = getattr(dt, name, None)
        if not callable(fn): missing.append(name + "()"); continue
        params = inspect.signature(fn).parameters
        missing += [f"{name}({i}=)" for i in f["inputs"] if i not in params]
    result = getattr(dt, f["result"], None)
    if result is None: missing.append(f["result"]); continue
    for o in f["outputs"]: has_property(result, o["name"], o["doc"])

for t in spec["types"]:
    classes = [c for c in (getattr(dt, t["name"] + "Args", None), getattr(dt, t["name"], None), getattr(dt_outputs, t["name"], None)) if c is not None]
    if not classes: missing.append(t["name"] + "Args / " + t["name"])
    for cls in classes:
        for field in t["fields"]: has_property(cls, field, where=cls.__module__ + ".")

provider_keywords = inspect.signature(dt.Provider._internal_init).parameters
for c in spec["config"]:
    if c["name"] not in provider_keywords: missing.append(f"Provider(…, {c['name']}=)")
    has_property(dt_config._ExportableConfig, c["name"], c["doc"], "config.")
print(json.dumps(missing))
`;
      const { stdout } = await run(path.join(venv, "bin", "python"), ["-c", probe, JSON.stringify(expected)], {
        env: { ...process.env, PYTHONPATH: site },
        maxBuffer: 16 * 1024 * 1024,
      });
      expect(JSON.parse(stdout) as string[]).toEqual([]);
    },
    300_000,
  );

  it(
    "Go: a program fetched with `go get …/sdk/go/dynatracetokens` compiles naming each type, PascalCase field, function and config getter",
    async () => {
      await downloadGoSdkRequirements();
      const env = { ...process.env, ...(await goEnvWithSdk(await writeGoSdkProxy(path.join(work, "goproxy")), { offline: true })) };
      const program = path.join(work, "go-program");
      fs.mkdirSync(program);
      await run("go", ["mod", "init", "sdk-names-probe"], { cwd: program, env });
      // The SDK's go.sum vouches for its requirements, as the checksum database would for a user.
      fs.copyFileSync(path.join(repoRoot, "sdk", "go", "go.sum"), path.join(program, "go.sum"));
      // The package's import path: Go finds the module sdk/go/go.mod declares (GO_MODULE) as its longest existing prefix.
      await run("go", ["get", `${GO_PACKAGE}@${goSdkVersion()}`], { cwd: program, env, maxBuffer: 16 * 1024 * 1024 });
      const { stdout: resolved } = await run("go", ["list", "-m", GO_MODULE], { cwd: program, env });
      expect(resolved.trim()).toBe(`${GO_MODULE} ${goSdkVersion()}`);

      const lines: string[] = [];
      for (const r of resources) {
        lines.push(`var _ = dynatracetokens.New${r.name}`);
        lines.push(`var _ = func(a dynatracetokens.${r.name}Args) { ${r.inputs.map((m) => `_ = a.${pascalCase(m.name)}`).join("; ")} }`);
        lines.push(`var _ = func(r *dynatracetokens.${r.name}) { ${r.outputs.map((m) => `_ = r.${pascalCase(m.name)}`).join("; ")} }`);
      }
      for (const f of functions) {
        const name = pascalCase(f.name);
        lines.push(`var _, _ = dynatracetokens.${name}, dynatracetokens.${name}Output`);
        lines.push(`var _ = func(a dynatracetokens.${name}Args) { ${f.inputs.map((m) => `_ = a.${pascalCase(m.name)}`).join("; ")} }`);
        lines.push(`var _ = func(a dynatracetokens.${name}OutputArgs) { ${f.inputs.map((m) => `_ = a.${pascalCase(m.name)}`).join("; ")} }`);
        lines.push(`var _ = func(r dynatracetokens.${name}Result) { ${f.outputs.map((m) => `_ = r.${pascalCase(m.name)}`).join("; ")} }`);
        lines.push(`var _ = func(r dynatracetokens.${name}ResultOutput) { ${f.outputs.map((m) => `_ = r.${pascalCase(m.name)}()`).join("; ")} }`);
      }
      for (const t of objectTypes) {
        lines.push(`var _ = func(v dynatracetokens.${t.name}) { ${Object.keys(t.fields).map((field) => `_ = v.${pascalCase(field)}`).join("; ")} }`);
      }
      lines.push(`var _ = func(a dynatracetokens.ProviderArgs) { ${config.map((m) => `_ = a.${pascalCase(m.name)}`).join("; ")} }`);
      lines.push(`var _ = dynatracetokens.NewProvider`);
      for (const m of config) lines.push(`var _ = config.Get${pascalCase(m.name)}`);
      fs.writeFileSync(
        path.join(program, "main.go"),
        [
          "package main",
          "",
          "import (",
          `\t"${GO_PACKAGE}"`,
          `\t"${GO_PACKAGE}/config"`,
          ")",
          "",
          ...lines,
          "",
          "func main() {}",
          "",
        ].join("\n"),
      );
      const vet = await run("go", ["vet", "."], { cwd: program, env, maxBuffer: 16 * 1024 * 1024 }).catch((error: { stderr?: string }) => ({
        stderr: error.stderr ?? String(error),
        failed: true,
      }));
      expect("failed" in vet ? vet.stderr : "").toBe("");

      // The docs: each argument's and output's comment in the Go source starts from the table's words.
      const source = fs
        .readdirSync(path.join(repoRoot, "sdk", "go", "dynatracetokens"))
        .filter((file) => file.endsWith(".go"))
        .map((file) => fs.readFileSync(path.join(repoRoot, "sdk", "go", "dynatracetokens", file), "utf8"))
        .join("\n")
        .replace(/\n\s*\/\//g, "")
        .replace(/\s+/g, "");
      const undocumented = [...resources.flatMap((r) => [...r.inputs, ...r.outputs]), ...functions.flatMap((f) => [...f.inputs, ...f.outputs])]
        .map((m) => firstSentence(inGo(m.description)))
        .filter((sentence) => !source.includes(sentence.replace(/\s+/g, "")));
      expect(undocumented).toEqual([]);
    },
    600_000,
  );
});
