// The state move of `dt-tokens move` (cli/move/rewrite.ts) on real exports (test/cli/fixtures/move/, written by
// test/e2e/move-faces.test.ts): a stack 0.3.0 made becomes what the engine itself writes for the native provider, a
// native stack what it writes for the dynamic classes, the round trip gives back the original, secrets stay the very
// ciphertext they were, and what can't move is refused by name with nothing changed.
import * as fs from "node:fs";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../../cli/errors";
import { stackExportSchema, type StackExport, type StateResource } from "../../cli/move/deployment";
import { dynamicStubs } from "../../cli/move/dynamicStubs";
import { programChanges } from "../../cli/move/programChanges";
import { moveState, type MoveOptions } from "../../cli/move/rewrite";
import { markerOf, stackTag } from "../../provider/client/createMarker";
import type { ProviderKind } from "../../provider/resourceKinds";
import { comparableState } from "./helpers/states";

const FIXTURES = path.join(__dirname, "fixtures", "move");

function fixture(name: string): StackExport {
  return stackExportSchema.parse(JSON.parse(fs.readFileSync(path.join(FIXTURES, name), "utf8")));
}

const SECRET = "4dabf18193072939515e22adb298388d";
const DYNAMIC_PROVIDER = "urn:pulumi:test::move-faces::pulumi:providers:pulumi-nodejs::default";
const NATIVE_PROVIDER = "urn:pulumi:test::move-faces::pulumi:providers:dynatrace-tokens::default";

let stubs: Readonly<Record<ProviderKind, string>>;
const options = (to: "native" | "dynamic"): MoveOptions => ({ to, dynamicStub: (kind) => stubs[kind], newProviderId: () => "0b5ed1f0-0000-4000-8000-000000000000" });

const byUrn = (exported: StackExport) => new Map((exported.deployment.resources ?? []).map((r) => [r.urn, r]));

/** Every secret object of a state, by where it is. */
function secretsOf(exported: StackExport): Map<string, unknown> {
  const found = new Map<string, unknown>();
  const walk = (where: string, v: unknown) => {
    if (v === null || typeof v !== "object") return;
    if (SECRET in (v as object)) return void found.set(where, v);
    for (const [k, x] of Object.entries(v as object)) walk(`${where}.${k}`, x);
  };
  for (const r of exported.deployment.resources ?? []) walk(r.urn.split("::").pop()!, { inputs: r.inputs, outputs: r.outputs });
  return found;
}

function refusal(exported: StackExport, to: "native" | "dynamic"): CliError {
  try {
    moveState(exported, options(to));
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).code).toBe("STATE");
    return error as CliError;
  }
  throw new Error("the move was not refused");
}

beforeAll(async () => {
  stubs = await dynamicStubs();
});

describe("dt-tokens move: the state a stack of 0.3.0 moves to", () => {
  const original = fixture("dynamic-0.3.0.json");
  const engineNative = fixture("native-up.json");

  it("is the state the engine writes for the native provider: types, URNs, provider, inputs and outputs", () => {
    const moved = moveState(original, options("native"));
    expect(moved.moved.map((m) => m.className).sort()).toEqual(["ActiveGateToken", "ApiToken", "ApiToken", "ApiToken", "PaasToken", "PersonalAccessToken", "TenantTokenRotation"]);
    expect(comparableState(moved.exported)).toEqual(comparableState(engineNative));
    // And what `pulumi stack import` stored of it, in the e2e run, is the same again.
    expect(comparableState(moved.exported)).toEqual(comparableState(fixture("native-moved.json")));
  });

  it("keeps each secret the very ciphertext the export held, and decrypts nothing", () => {
    const moved = moveState(original, options("native"));
    const before = secretsOf(original);
    const after = secretsOf(moved.exported);
    // The token resources' secrets, and the provider's credential, moved as they are; the dynamic provider's other
    // namespaces (the program's own secret config) went with it.
    for (const [where, secret] of after) {
      const source = where.startsWith("default.") ? where.replace(/^default\.(inputs|outputs)\./, "default.$1.dynatrace-tokens:") : where;
      expect(before.get(source), where).toEqual(secret);
    }
    expect([...after.keys()].filter((w) => w.endsWith(".outputs.token")).length).toBe(6);
    expect(JSON.stringify(moved.exported)).not.toContain('"plaintext"');
  });

  it("renames the URNs other resources name, and puts the provider before the resources that reference it", () => {
    const moved = moveState(original, options("native"));
    const resources = moved.exported.deployment.resources!;
    const personal = resources.find((r) => r.urn.endsWith("::personal"))!;
    const paas = "urn:pulumi:test::move-faces::dynatrace-tokens:index:PaasToken::paas";
    expect(personal.dependencies).toEqual([paas]);
    expect(personal.propertyDependencies?.name).toEqual([paas]);
    const order = resources.map((r) => r.urn);
    expect(order.indexOf(NATIVE_PROVIDER)).toBeLessThan(Math.min(...resources.filter((r) => r.provider?.startsWith(NATIVE_PROVIDER)).map((r) => order.indexOf(r.urn))));
    expect(order.indexOf(paas)).toBeLessThan(order.indexOf(personal.urn));
    expect(order).not.toContain(DYNAMIC_PROVIDER);
    expect(moved.removedProviders).toEqual([DYNAMIC_PROVIDER]);
  });

  it("leaves the create markers matching the stack tag dt-tokens recover looks for", () => {
    const moved = moveState(original, options("native"));
    const marked = moved.exported.deployment.resources!.filter((r) => markerOf(r.outputs?.dynatraceName as string | undefined));
    expect(marked.length).toBeGreaterThanOrEqual(5);
    for (const r of marked) expect(markerOf(r.outputs!.dynatraceName as string)!.stackTag).toBe(stackTag(moved.project, moved.stack));
  });

  it("tells the program to import the native classes, let Pulumi find the plugin, and keep the environments config", () => {
    const changes = programChanges(moveState(original, options("native")));
    expect(changes.map((c) => c.kind)).toEqual(["import", "plugin", "note"]);
    expect(changes[0]).toMatchObject({ from: "pulumi-dynatrace-tokens", to: "pulumi-dynatrace-tokens/native" });
    expect(changes[1]).toMatchObject({ pulumiYaml: "plugins:\n  providers:\n    - name: dynatrace-tokens\n      path: ./node_modules/.bin\n" });
    expect(changes[2]!.text).toContain("`second`");
  });

  it("comes back to the state 0.3.0 wrote, but for the provider id and the config outside dynatrace-tokens: the next up records it", () => {
    const there = moveState(original, options("native"));
    const back = moveState(there.exported, options("dynamic"));
    const originals = byUrn(original);
    const { [DYNAMIC_PROVIDER]: provider, ...rest } = comparableState(back.exported);
    const { [DYNAMIC_PROVIDER]: originalProvider, ...originalRest } = comparableState(original);
    expect(rest).toEqual(originalRest);
    const inputs = (r: unknown) => (r as { inputs: Record<string, unknown> }).inputs;
    expect(Object.keys(inputs(originalProvider)).filter((k) => !k.startsWith("dynatrace-tokens:"))).toEqual(["move:adoptedToken", "move:rotationTrigger"]);
    expect(inputs(provider)).toEqual(Object.fromEntries(Object.entries(inputs(originalProvider)).filter(([k]) => k.startsWith("dynatrace-tokens:"))));
    // Even the serialized provider is the text 0.3.0 stored, and each secret the same ciphertext.
    for (const r of back.exported.deployment.resources!) {
      if (r.inputs?.__provider !== undefined) expect(r.inputs.__provider).toBe(originals.get(r.urn)!.inputs!.__provider);
    }
    for (const [where, secret] of secretsOf(back.exported)) expect(secretsOf(original).get(where), where).toEqual(secret);
  });
});

describe("dt-tokens move: the state a native stack moves to", () => {
  it("is the state the engine writes for the dynamic classes, the serialized provider included", () => {
    const moved = moveState(fixture("native-up.json"), options("dynamic"));
    const engineDynamic = fixture("dynamic-up.json");
    const ours = comparableState(moved.exported);
    const engines = comparableState(engineDynamic);
    const dynatraceKeys = (r: unknown) => {
      const { inputs, outputs, ...rest } = r as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
      const ours = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([k]) => k.startsWith("dynatrace-tokens:")));
      return { ...rest, inputs: ours(inputs), outputs: ours(outputs) };
    };
    expect({ ...ours, [DYNAMIC_PROVIDER]: dynatraceKeys(ours[DYNAMIC_PROVIDER]) }).toEqual({ ...engines, [DYNAMIC_PROVIDER]: dynatraceKeys(engines[DYNAMIC_PROVIDER]) });
    for (const r of moved.exported.deployment.resources!) {
      if (r.inputs?.__provider !== undefined) expect(r.inputs.__provider).toBe(byUrn(engineDynamic).get(r.urn)!.inputs!.__provider);
    }
  });

  it("moves nothing where every token is of the face asked for", () => {
    const native = fixture("native-up.json");
    const moved = moveState(native, options("native"));
    expect(moved.moved).toEqual([]);
    expect(moved.alreadyThere).toBe(7);
    expect(moved.exported).toBe(native);
    expect(programChanges(moved)).toEqual([]);
  });
});

describe("dt-tokens move refuses, naming what stands in the way", () => {
  it("a state with the pending operations of a killed pulumi up", () => {
    const error = refusal(fixture("dynamic-pending-operations.json"), "native");
    expect(error.message).toMatch(/^dt-tokens move changed nothing\. The stack has \d+ pending operations? of an interrupted update \(creating pulumi-nodejs:dynamic\/dynatrace:ApiToken (first|second|third)/);
    expect(error.message).toContain("`pulumi refresh --clear-pending-creates --yes`, then `dt-tokens recover`");
  });

  it("a resource of a class this release doesn't have", () => {
    const error = refusal(fixture("native-unknown-resource.json"), "dynamic");
    expect(error.message).toContain("It holds resources dt-tokens move does not recognise: pulumi-nodejs:dynamic/dynatrace:FutureToken future.");
  });

  it("a token of an explicit provider, which the dynamic classes can't have", () => {
    const error = refusal(fixture("native-explicit-provider.json"), "dynamic");
    expect(error.message).toContain("dynatrace-tokens:index:ApiToken explicit-ingest uses the explicit provider explicit: the dynamic classes have no explicit providers");
  });
});
