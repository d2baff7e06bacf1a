// Issue 14: the reference docs (docs/reference, generated from the TSDoc in sdk/) promise, for every input of every
// resource, its default, what a change does and whether it is secret; for every output, whether it is secret. This
// file holds those promises to what the code does: each input's `@onChange` against the provider's own `diff`, and
// every `@secret` against what the SDK sends and registers as secret. An input added without these tags fails here.
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";
import { activeGateTokenProvider, apiTokenProvider } from "../../provider";
import { FUNCTIONS, RESOURCES } from "../../provider/properties";
import { argumentNames } from "../../provider/properties/names";
import type { PropertyChanges } from "../../provider/resources/propertyChanges";
import { tenantTokenRotationProvider } from "../../provider/resources/tenantTokenRotation";
import { repoRoot } from "../harness/paths";

type Props = Record<string, unknown>;

/** What the SDK sent for one registration: the resolved inputs, the wire form (secrets visible), the secret outputs. */
interface Registration {
  inputs: Props;
  wire: Props;
  secretOutputs: string[];
}
const registrations = new Map<string, Registration>();

/** The JSDoc tags of one property, by tag name (`defaultValue`, `onChange`, `secret`). */
type Tags = Map<string, string>;

let checker: ts.TypeChecker;
let sdkExports: Map<string, ts.Symbol>;

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: `id-${args.name}`, state: args.inputs }),
      call: () => ({}),
    },
    "project",
    "stack",
    true,
  );
  // The mock monitor unwraps secrets and ignores additionalSecretOutputs; the request itself still carries both.
  const monitor = pulumi.runtime.getMonitor() as unknown as {
    registerResource(req: RegisterRequest, callback: unknown): void;
  };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) => {
    registrations.set(req.getName(), {
      inputs: {},
      wire: req.getObject()?.toJavaScript() ?? {},
      secretOutputs: req.getAdditionalsecretoutputsList(),
    });
    return register(req, callback);
  };

  const program = ts.createProgram([path.join(repoRoot, "sdk", "index.ts")], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: ["node"],
  });
  checker = program.getTypeChecker();
  const index = program.getSourceFile(path.join(repoRoot, "sdk", "index.ts"))!;
  sdkExports = new Map(checker.getExportsOfModule(checker.getSymbolAtLocation(index)!).map((s) => [s.name, s]));
}, 60_000);

interface RegisterRequest {
  getName(): string;
  getObject(): { toJavaScript(): Props } | undefined;
  getAdditionalsecretoutputsList(): string[];
}

/** Every property of the exported interface or class `name` (inherited ones included), with its JSDoc tags. */
function documentedProperties(name: string): Map<string, { optional: boolean; tags: Tags }> {
  let symbol = sdkExports.get(name);
  expect(symbol, `${name} is exported from sdk/index.ts`).toBeDefined();
  if (symbol!.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol!);
  // For a class, the declared type is its instance type: the outputs.
  const type = checker.getDeclaredTypeOfSymbol(symbol!);
  return new Map(
    checker.getPropertiesOfType(type).map((p) => [
      p.name,
      {
        optional: (p.flags & ts.SymbolFlags.Optional) !== 0,
        tags: new Map(p.getJsDocTags(checker).map((t) => [t.name, ts.displayPartsToString(t.text).trim()])),
      },
    ]),
  );
}

/** `@onChange` says one of these first. */
type OnChange = "updates in place" | "replaces" | "nothing";
function onChangeOf(tags: Tags): OnChange | undefined {
  const text = tags.get("onChange");
  return (["updates in place", "replaces", "nothing"] as const).find((kind) => text?.startsWith(kind));
}

/** What the provider's diff does when `news` follow `olds`. */
function verdict(diff: PropertyChanges): OnChange {
  if (diff.replaces.length > 0) return "replaces";
  return diff.updates.length > 0 ? "updates in place" : "nothing";
}

let serial = 0;
/** Registers a resource through the SDK (against the mocks) and returns what it sent. */
async function register(make: (name: string) => pulumi.CustomResource): Promise<Registration> {
  const name = `r${++serial}`;
  const resource = make(name);
  await new Promise((resolve) => resource.urn.apply(resolve));
  const registration = registrations.get(name)!;
  // Resolved values as the provider gets them (the wire form with secrets unwrapped).
  registration.inputs = unwrapSecrets(registration.wire) as Props;
  return registration;
}

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
const SECRET_VALUE = "1b47061264138c4ac30d75fd1eb44270";
function isWireSecret(value: unknown): boolean {
  return typeof value === "object" && value !== null && (value as Props)[SECRET_SIG] === SECRET_VALUE;
}
function unwrapSecrets(value: unknown): unknown {
  if (isWireSecret(value)) return unwrapSecrets((value as Props).value);
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  if (typeof value === "object" && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapSecrets(v)]));
  return value;
}

/**
 * For each input: the arguments a resource starts with and a change to one input. An input missing here fails the
 * test: add a base and a changed value for it, so its `@onChange` is checked against the provider's diff.
 */
interface Case {
  base: Props;
  change: Props;
}

interface ResourceKind {
  args: string;
  className: string;
  /** Registers a resource named `name`; token names are given, so that every registration asks for the same one. */
  make: (dt: typeof import("../../sdk"), name: string, args: Props) => pulumi.CustomResource;
  /** The state the provider would have stored after creating a resource from `inputs`. */
  state: (inputs: Props) => Props;
  diff: (olds: Props, news: Props) => Promise<PropertyChanges>;
  cases: Record<string, Case>;
}

// No resolved expirationDate in the state: the diff then needs no clock reading from a server.
const tokenState = (inputs: Props): Props => ({ ...inputs, requestedExpirationDate: inputs.expirationDate, expirationDate: undefined });
const commonApiTokenCases: Record<string, Case> = {
  name: { base: {}, change: { name: "renamed" } },
  enabled: { base: {}, change: { enabled: false } },
  expirationDate: { base: { expirationDate: "now+90d" }, change: { expirationDate: "now+30d" } },
  rotateBefore: { base: { expirationDate: "now+90d" }, change: { rotateBefore: "14d" } },
  rotationTrigger: { base: {}, change: { rotationTrigger: 2 } },
  keepPreviousFor: { base: {}, change: { keepPreviousFor: "24h" } },
  environment: { base: {}, change: { environment: "prod" } },
  adopt: { base: {}, change: { adopt: { id: "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX" } } },
};

const KINDS: ResourceKind[] = [
  {
    args: "ApiTokenArgs",
    className: "ApiToken",
    make: (dt, name, args) => new dt.ApiToken(name, { name: "token", scopes: ["metrics.read"], ...args } as never),
    state: tokenState,
    diff: (olds, news) => apiTokenProvider.diff("id", olds, news),
    cases: { ...commonApiTokenCases, scopes: { base: {}, change: { scopes: ["metrics.read", "logs.read"] } } },
  },
  {
    args: "PersonalAccessTokenArgs",
    className: "PersonalAccessToken",
    make: (dt, name, args) => new dt.PersonalAccessToken(name, { name: "token", scopes: ["metrics.read"], ...args } as never),
    state: tokenState,
    diff: (olds, news) => apiTokenProvider.diff("id", olds, news),
    cases: { ...commonApiTokenCases, scopes: { base: {}, change: { scopes: ["metrics.read", "logs.read"] } } },
  },
  {
    args: "PaasTokenArgs",
    className: "PaasToken",
    make: (dt, name, args) => new dt.PaasToken(name, { name: "token", ...args } as never),
    state: tokenState,
    diff: (olds, news) => apiTokenProvider.diff("id", olds, news),
    cases: { ...commonApiTokenCases, supportAlert: { base: {}, change: { supportAlert: true } } },
  },
  {
    args: "ActiveGateTokenArgs",
    className: "ActiveGateToken",
    make: (dt, name, args) => new dt.ActiveGateToken(name, { name: "token", ...args } as never),
    state: tokenState,
    diff: (olds, news) => activeGateTokenProvider.diff("id", olds, news),
    cases: {
      name: { base: {}, change: { name: "renamed" } },
      activeGateType: { base: {}, change: { activeGateType: "CLUSTER" } },
      seedToken: { base: {}, change: { seedToken: true } },
      expirationDate: { base: { expirationDate: "now+6M" }, change: { expirationDate: "now+3M" } },
      rotateBefore: { base: { expirationDate: "now+6M" }, change: { rotateBefore: "30d" } },
      rotationTrigger: { base: {}, change: { rotationTrigger: 2 } },
      keepPreviousFor: { base: {}, change: { keepPreviousFor: "24h" } },
      environment: { base: {}, change: { environment: "prod" } },
      adopt: { base: {}, change: { adopt: { id: "dt0g02.AAAAAAAA" } } },
    },
  },
  {
    args: "TenantTokenRotationArgs",
    className: "TenantTokenRotation",
    make: (dt, name, args) => new dt.TenantTokenRotation(name, args as never),
    state: (inputs) => ({ generation: 0, ...inputs, status: "ACTIVE", activeToken: "new", oldToken: "old", startedToken: "new" }),
    diff: (olds, news) => tenantTokenRotationProvider.diff("id", olds, news),
    cases: {
      phase: { base: { phase: "rotating", generation: 1 }, change: { phase: "finished" } },
      generation: { base: { phase: "finished", generation: 1 }, change: { phase: "rotating", generation: 2 } },
      environment: { base: { phase: "rotating" }, change: { environment: "prod" } },
    },
  },
];

describe("the reference docs' promises about inputs and outputs", () => {
  for (const kind of KINDS) {
    describe(kind.className, () => {
      it("documents every input's default and what a change does", () => {
        const inputs = documentedProperties(kind.args);
        expect(inputs.size).toBeGreaterThan(0);
        // The same arguments the class accepts (refuseUnknownArgs) and its table declares.
        const spec = RESOURCES.find((resource) => resource.name === kind.className)!;
        expect([...inputs.keys()].sort()).toEqual([...argumentNames(spec)].sort());
        for (const [name, { optional, tags }] of inputs) {
          expect(onChangeOf(tags), `${kind.args}.${name}: add "@onChange updates in place|replaces …|nothing …"`).toBeDefined();
          const defaultValue = tags.get("defaultValue");
          expect(defaultValue, `${kind.args}.${name}: add "@defaultValue …" ("required" for a required input)`).toBeTruthy();
          expect(defaultValue === "required", `${kind.args}.${name}: "@defaultValue required" exactly when the input is required`).toBe(!optional);
        }
      });

      it("says what the provider's diff does when each input changes", async () => {
        const dt = await import("../../sdk");
        const inputs = documentedProperties(kind.args);
        for (const [name, { tags }] of inputs) {
          const testCase = kind.cases[name];
          expect(testCase, `add a case for ${kind.args}.${name} to KINDS in test/sdk/inputDocs.test.ts`).toBeDefined();
          const before = await register((n) => kind.make(dt, n, testCase!.base));
          const after = await register((n) => kind.make(dt, n, { ...testCase!.base, ...testCase!.change }));
          const diff = await kind.diff(kind.state(before.inputs), after.inputs);
          expect(verdict(diff), `${kind.args}.${name}: @onChange says "${tags.get("onChange")}"`).toBe(onChangeOf(tags));
        }
      });

      it("marks as @secret exactly the outputs registered as secret", async () => {
        const dt = await import("../../sdk");
        const registration = await register((n) => kind.make(dt, n, Object.values(kind.cases)[0]?.base ?? {}));
        const outputs = documentedProperties(kind.className);
        const documented = [...outputs].filter(([, { tags }]) => tags.has("secret")).map(([name]) => name).sort();
        const registered = registration.secretOutputs.filter((name) => outputs.has(name)).sort();
        expect(registered.length).toBeGreaterThan(0);
        expect(documented).toEqual(registered);
      });
    });
  }

  it("marks as @secret exactly the inputs the SDK sends as secrets", async () => {
    const dt = await import("../../sdk");
    const registration = await register((n) => new dt.ApiToken(n, { scopes: ["metrics.read"], adopt: { token: "dt0c01.X.Y" } }));
    expect(isWireSecret((registration.wire.adopt as Props).token)).toBe(true);
    expect(isWireSecret(registration.wire.name)).toBe(false);

    const adopt = documentedProperties("AdoptArgs");
    expect([...adopt].filter(([, { tags }]) => tags.has("secret")).map(([name]) => name)).toEqual(["token"]);
    for (const kind of KINDS) {
      for (const [name, { tags }] of documentedProperties(kind.args)) {
        const sent = (await register((n) => kind.make(dt, n, { ...kind.cases[name]?.base, ...kind.cases[name]?.change }))).wire[name];
        expect(isWireSecret(sent), `${kind.args}.${name}`).toBe(tags.has("secret"));
      }
    }
  });
});

// The classes and functions are hand-written, so their own doc comments are too: held here to their tables, which the
// package schema (and so the other languages' docs) is made from.
describe("the classes' and functions' docs", () => {
  const words = (text: string) => text.replace(/\s+/g, " ").trim();

  it.each([...RESOURCES, ...FUNCTIONS].map((spec) => [spec.name, spec] as const))("%s says what its table says", (name, spec) => {
    let symbol = sdkExports.get(name);
    expect(symbol, `${name} is exported from sdk/index.ts`).toBeDefined();
    if (symbol!.flags & ts.SymbolFlags.Alias) symbol = checker.getAliasedSymbol(symbol!);
    const description = ts.displayPartsToString(symbol!.getDocumentationComment(checker));
    const example = symbol!.getJsDocTags(checker).find((tag) => tag.name === "example");
    const table = `provider/properties (${spec.token})`;
    expect(words(description), `${name}'s doc comment: write the description of ${table}`).toBe(words(spec.description));
    expect(ts.displayPartsToString(example?.text).trim(), `${name}'s @example: write the example of ${table}`).toBe(`\`\`\`ts\n${spec.example}\n\`\`\``);
  });
});
