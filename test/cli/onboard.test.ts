// Issue 20, item 1: what `dt-tokens audit --import-file/--adopt-code` makes of an environment's hand-made tokens —
// resource names (valid, unique, stable), the class per token, the filters, what is left out and why, the import file
// and the TypeScript — without an API or Pulumi in the way.
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { classifyActiveGateToken, classifyToken, type AuditedToken } from "../../cli/audit/classify";
import type { Onboarding } from "../../cli/commands/audit";
import { importFileOf, importFileSchema, importFileText } from "../../cli/onboard/importFile";
import { namePattern } from "../../cli/onboard/namePattern";
import { planOnboarding, type OnboardingFilters } from "../../cli/onboard/plan";
import { resourceNames, slugOf, type NamedToken } from "../../cli/onboard/resourceNames";
import { adoptCode } from "../../cli/reports/adoptCode";
import { markedName, newMarker } from "../../provider/client/createMarker";
import { handMadeTokens } from "../harness/handMadeTokens";
import { repoRoot } from "../harness/paths";

const NOW = new Date("2026-12-06T12:00:00Z");
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/** A made-up identifier, the same for the same index every time. */
function idFor(index: number, activeGate: boolean): string {
  let n = (index + 1) * 2654435761;
  let text = "";
  for (let i = 0; i < (activeGate ? 8 : 24); i++) {
    text += BASE32[n % 32];
    n = Math.floor(n / 32) + (i + 1) * 7919 * (index + 3);
  }
  return `${activeGate ? "dt0g02" : "dt0c01"}.${text}`;
}

const policy = { unusedDays: 90, expiringDays: 30, now: NOW, managed: new Map() };

/** The 120 hand-made tokens as `dt-tokens audit` classifies them against a stack that manages none. */
function audited(): AuditedToken[] {
  return handMadeTokens(NOW).map((t, i) => {
    const f = t.fields;
    const iso = (d: unknown) => (d instanceof Date ? d.toISOString() : undefined);
    const common = { id: idFor(i, f.kind === "activeGate"), name: f.name, owner: f.owner, creationDate: iso(f.creationDate), expirationDate: iso(f.expirationDate), lastUsedDate: iso(f.lastUsedDate) };
    return f.kind === "activeGate"
      ? classifyActiveGateToken({ ...common, activeGateType: f.activeGateType, seedToken: f.seedToken }, policy)
      : classifyToken({ ...common, scopes: f.scopes, enabled: f.enabled ?? true, personalAccessToken: f.personalAccessToken ?? false }, policy);
  });
}

const ALL: OnboardingFilters = { kinds: [], names: [], excludeNames: [], owners: [], excludeExpired: false, excludeDisabled: false, includeMarked: false, paas: true };
const VALID_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

describe("resource names from token names", () => {
  it.each([
    ["CI ingest", "ci-ingest"],
    ["   spaced   out  ", "spaced-out"],
    ["Käse-Überwachung", "kase-uberwachung"],
    ["Straße", "strasse"],
    ["Ørsted — Łódź", "orsted-lodz"],
    ["ÆØÅ backup", "aeoa-backup"],
    ["naïve café", "naive-cafe"],
    ['a/b\\c:d "x"', "a-b-c-d-x"],
    ["日本語トークン", ""],
    ["😀", ""],
    ["🚀 deploy", "deploy"],
    ["", ""],
    [markedName("otel ingest", newMarker("abcdefgh")), "otel-ingest"],
    ["very long name ".repeat(11), "very-long-name-very-long-name-very-long"],
    // The docs' example.
    ["Käse-Überwachung (prod) ⟨pulumi abcdefgh.abcdefghijkl⟩", "kase-uberwachung-prod"],
  ])("%j → %j", (name, slug) => {
    expect(slugOf(name)).toBe(slug);
  });

  const tokens: NamedToken[] = [
    ...audited().map((t) => ({ id: t.id, name: t.name ?? "", fallback: t.kind === "ActiveGate token" ? "activegate-token" : "api-token" })),
    { id: idFor(500, false), name: "", fallback: "api-token" },
    { id: idFor(501, false), name: "", fallback: "api-token" },
  ];

  it("gives 122 tokens (120 hand-made, two without a name) valid, unique names", () => {
    const names = resourceNames(tokens);
    expect(names.size).toBe(122);
    for (const name of names.values()) expect(name).toMatch(VALID_NAME);
    expect(new Set(names.values()).size).toBe(122);
  });

  it("keeps a name whose slug only one token has, and adds a short id where tokens share one", () => {
    const names = resourceNames(tokens);
    const byName = (name: string) => tokens.filter((t) => t.name === name).map((t) => names.get(t.id));
    const perSlug = new Map<string, number>();
    for (const t of tokens) perSlug.set(slugOf(t.name), (perSlug.get(slugOf(t.name)) ?? 0) + 1);
    const alone = tokens.filter((t) => slugOf(t.name) !== "" && perSlug.get(slugOf(t.name)) === 1);
    expect(alone.length).toBeGreaterThan(20);
    for (const t of alone) expect(names.get(t.id), t.name).toBe(slugOf(t.name));
    for (const t of tokens.filter((t) => slugOf(t.name) !== "" && perSlug.get(slugOf(t.name))! > 1)) {
      expect(names.get(t.id), t.name).toBe(`${slugOf(t.name)}-${t.id.slice(7, 15).toLowerCase()}`);
    }
    // "CI ingest" (twice), "ci-ingest" and "CI  Ingest!" slug alike: each gets 8 characters of its id.
    const ciIngest = [...byName("CI ingest"), ...byName("ci-ingest"), ...byName("CI  Ingest!")];
    expect(ciIngest.length).toBeGreaterThanOrEqual(4);
    for (const name of ciIngest) expect(name).toMatch(/^ci-ingest-[a-z2-7]{8}$/);
    // A name with no ASCII form, or none at all, takes the class's slug, with a short id as several do.
    for (const name of [...byName("日本語トークン"), ...byName("😀"), ...byName("")]) expect(name).toMatch(/^(api|activegate)-token-[a-z2-7]{8}$/);
    // The suffix is the id's own: anyone can tell which token a resource is.
    const first = tokens.find((t) => t.name === "CI ingest")!;
    expect(names.get(first.id)).toBe(`ci-ingest-${first.id.slice(7, 15).toLowerCase()}`);
  });

  it("gives the same names whatever order the tokens come in", () => {
    const expected = resourceNames(tokens);
    for (const seed of [1, 2, 3, 4, 5]) expect(resourceNames(shuffled(tokens, seed))).toEqual(expected);
  });

  it("never takes a name a resource of the stack already has", () => {
    const x = tokens.find((t) => t.name === "dot.separated.name")!;
    const taken = new Set(["dot-separated-name", `dot-separated-name-${x.id.slice(7, 15).toLowerCase()}`, "ci-ingest"]);
    const names = resourceNames(tokens, taken);
    const values = [...names.values()];
    for (const name of taken) expect(values).not.toContain(name);
    expect(names.get(x.id)).toBe(`dot-separated-name-${x.id.slice(7).toLowerCase()}`);
    expect(new Set(values).size).toBe(values.length);
  });

  it("keeps tokens apart when a slug plus a short id is another token's slug", () => {
    const a = { id: "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX", name: "gate", fallback: "api-token" };
    const b = { id: "dt0c01.ZZZZZZZZIJKLMNOPQRSTUVWX", name: "gate", fallback: "api-token" };
    const c = { id: "dt0c01.QQQQQQQQQQQQQQQQQQQQQQQQ", name: "gate abcdefgh", fallback: "api-token" };
    const names = resourceNames([a, b, c]);
    expect(new Set(names.values()).size).toBe(3);
    expect(names.get(b.id)).toBe("gate-zzzzzzzz");
  });
});

describe("the onboarding plan", () => {
  const tokens = audited();
  const specs = handMadeTokens(NOW);

  it("brings every hand-made token in as the class it is", () => {
    const plan = planOnboarding(tokens, ALL, { taken: new Set() });
    expect(plan.unmanaged).toBe(120);
    // "x" twice is fine; "very long name …" and the rest are names the provider takes.
    expect(plan.leftOut).toEqual([]);
    expect(plan.tokens).toHaveLength(120);
    const byId = new Map(plan.tokens.map((t) => [t.id, t]));
    specs.forEach((spec, i) => expect(byId.get(tokens[i]!.id)?.resourceClass, spec.fields.name).toBe(spec.resourceClass));
    expect(plan.tokens.map((t) => t.resource)).toEqual([...plan.tokens.map((t) => t.resource)].sort());
  });

  it("describes each token as it is: name without marker, sorted scopes, supportAlert, disabled, dates, ActiveGate type", () => {
    const plan = planOnboarding(tokens, ALL, { taken: new Set() });
    const find = (name: string, resourceClass: string) => plan.tokens.find((t) => t.inputs.name === name && t.resourceClass === resourceClass)!;
    expect(find("Heroku", "PaasToken").inputs).toEqual({ name: "Heroku", supportAlert: true, expirationDate: expect.any(String) });
    expect(find("installer", "PaasToken").inputs).not.toHaveProperty("supportAlert");
    expect(find("seed (installer)", "ActiveGateToken").inputs).toMatchObject({ seedToken: true, activeGateType: expect.stringMatching(/ENVIRONMENT|CLUSTER/) });
    const disabled = plan.tokens.filter((t) => t.inputs.enabled === false);
    expect(disabled.length).toBe(specs.filter((s) => s.disabled).length);
    expect(plan.tokens.filter((t) => t.expired).length).toBe(specs.filter((s) => s.expired).length);
    for (const t of plan.tokens) if (t.inputs.scopes) expect(t.inputs.scopes).toEqual([...t.inputs.scopes].sort());
  });

  it("selects by kind, name (glob or regex), owner, expiry and state", () => {
    const with_ = (filters: Partial<OnboardingFilters>) => planOnboarding(tokens, { ...ALL, ...filters }, { taken: new Set() });
    expect(with_({ kinds: ["activegate"] }).tokens.every((t) => t.resourceClass === "ActiveGateToken")).toBe(true);
    expect(with_({ kinds: ["activegate"] }).tokens).toHaveLength(30);
    expect(with_({ kinds: ["paas", "personal"] }).tokens).toHaveLength(18);
    expect(with_({ kinds: ["api"], paas: false }).tokens.filter((t) => t.resourceClass === "PaasToken")).toEqual([]);
    expect(with_({ kinds: ["api"], paas: false }).tokens).toHaveLength(80);
    expect(with_({ names: [namePattern("gateway *", "--name")] }).tokens.map((t) => t.inputs.name).sort()).toEqual(["gateway eu-1", "gateway eu-1", "gateway us-1"]);
    expect(with_({ names: [namePattern("/^gateway /i", "--name")] }).tokens).toHaveLength(4);
    expect(with_({ excludeNames: [namePattern("*", "--exclude-name")] }).tokens).toEqual([]);
    expect(with_({ owners: ["ALICE@example.com"] }).tokens.every((t) => specs[tokens.findIndex((a) => a.id === t.id)]!.fields.owner === "alice@example.com")).toBe(true);
    const live = with_({ excludeExpired: true, excludeDisabled: true });
    expect(live.tokens.some((t) => t.expired || t.inputs.enabled === false)).toBe(false);
    expect(live.leftOut.every((t) => t.reason === "filtered")).toBe(true);
    expect(live.tokens.length + live.leftOut.length).toBe(120);
  });

  it("names each token the same whatever the filters choose", () => {
    const all = new Map(planOnboarding(tokens, ALL, { taken: new Set() }).tokens.map((t) => [t.id, t.resource]));
    for (const filters of [{ kinds: ["api" as const] }, { excludeExpired: true }, { names: [namePattern("CI*", "--name")] }]) {
      const chosen = planOnboarding(tokens, { ...ALL, ...filters }, { taken: new Set() }).tokens;
      expect(chosen.length).toBeGreaterThan(0);
      for (const t of chosen) expect(t.resource).toBe(all.get(t.id));
    }
  });

  it("leaves out the credential, other stacks' tokens and tokens the provider would refuse, saying why", () => {
    const marked = classifyToken({ id: idFor(600, false), name: markedName("app", newMarker("abcdefgh")), scopes: ["metrics.read"] }, policy);
    const empty = classifyToken({ id: idFor(601, false), name: "", scopes: ["metrics.read"] }, policy);
    const control = classifyToken({ id: idFor(602, false), name: "line\nbreak", scopes: ["metrics.read"] }, policy);
    const legacy = classifyToken({ id: idFor(603, false), name: "legacy", scopes: ["DTAQLAccess", "LogImport"] }, policy);
    const managed = { ...classifyToken({ id: idFor(604, false), name: "managed", scopes: ["metrics.read"] }, policy), managed: true };
    const all = [...tokens, marked, empty, control, legacy, managed];
    const plan = planOnboarding(all, ALL, { taken: new Set(), credentialId: tokens[0]!.id });
    expect(plan.unmanaged).toBe(124);
    expect(plan.leftOut.map((t) => [t.id, t.reason])).toEqual(
      expect.arrayContaining([[tokens[0]!.id, "credential"], [marked.id, "marked"], [empty.id, "refused"], [control.id, "refused"]]),
    );
    expect(plan.leftOut.find((t) => t.id === marked.id)?.detail).toBe("abcdefgh");
    expect(plan.leftOut.find((t) => t.id === empty.id)?.detail).toContain("name must not be empty");
    expect(plan.leftOut.find((t) => t.id === control.id)?.detail).toContain("control characters");
    expect(plan.tokens.map((t) => t.id)).not.toContain(managed.id);
    const included = planOnboarding(all, { ...ALL, includeMarked: true }, { taken: new Set() });
    expect(included.tokens.find((t) => t.id === marked.id)).toMatchObject({ resource: expect.stringMatching(/^app(-|$)/), inputs: { name: "app" } });
  });
});

describe("the import file", () => {
  const plan = planOnboarding(audited(), ALL, { taken: new Set() });

  it("holds type, name and id of each token, in the form pulumi import --file reads", () => {
    const file = importFileOf(plan);
    expect(importFileSchema.parse(JSON.parse(importFileText(file)))).toEqual(file);
    expect(file.resources).toHaveLength(120);
    expect(new Set(file.resources.map((r) => r.name)).size).toBe(120);
    expect(new Set(file.resources.map((r) => r.type))).toEqual(
      new Set(["dynatrace-tokens:index:ApiToken", "dynatrace-tokens:index:PersonalAccessToken", "dynatrace-tokens:index:PaasToken", "dynatrace-tokens:index:ActiveGateToken"]),
    );
    for (const r of file.resources) expect(Object.keys(r)).toEqual(["type", "name", "id"]);
  });

  it("is the same text for the same environment, whatever the order of its tokens", () => {
    const again = planOnboarding(shuffled(audited(), 9), ALL, { taken: new Set() });
    expect(importFileText(importFileOf(again))).toBe(importFileText(importFileOf(plan)));
  });
});

describe("the adopt code", () => {
  const withOddName = [
    ...audited(),
    classifyToken({ id: idFor(700, false), name: 'quote " back\\slash \u2028 line separator', scopes: ["metrics.read"], expirationDate: "2027-01-01T00:00:00.000Z" }, policy),
  ];
  const plan = planOnboarding(withOddName, ALL, { taken: new Set(), credentialId: withOddName[5]!.id });
  const onboarding = (adopt: "dynamic" | "native"): Onboarding => ({ ...plan, adoptCode: adopt });

  it("declares every token but the expired ones with adopt: { id }, and says why each left-out one is", () => {
    const code = adoptCode(onboarding("dynamic"), "https://abc12345.live.dynatrace.com");
    const expired = plan.tokens.filter((t) => t.expired);
    expect(expired.length).toBeGreaterThan(0);
    expect(code.match(/^new dt\./gm)).toHaveLength(plan.tokens.length - expired.length);
    expect(code.match(/adopt: \{ id: "dt0[cg]0[12]\.[A-Z2-7]+" \}/g)).toHaveLength(plan.tokens.length - expired.length);
    for (const t of expired) expect(code).toContain(`//   ${t.id} `);
    expect(code).toContain(`// Left out: 1 the token dt-tokens ran with`);
    expect(code).toContain('import * as dt from "pulumi-dynatrace-tokens";');
    expect(code).toContain("\\u2028");
    expect(code).not.toContain("\u2028");
  });

  it("declares every token, expired ones too, without adopt for the native face", () => {
    const code = adoptCode(onboarding("native"), "https://abc12345.live.dynatrace.com");
    expect(code.match(/^new dt\./gm)).toHaveLength(plan.tokens.length);
    expect(code).not.toContain("adopt:");
    expect(code).toContain('import * as dt from "pulumi-dynatrace-tokens/native";');
  });

  // The strongest check there is short of running it: the printed program type-checks against the SDK's Args.
  it("type-checks against the SDK", () => {
    const dir = fs.mkdtempSync(path.join(repoRoot, "node_modules", ".cache", "adopt-code-"));
    try {
      fs.writeFileSync(path.join(dir, "index.ts"), adoptCode(onboarding("dynamic"), "https://abc12345.live.dynatrace.com"));
      fs.writeFileSync(
        path.join(dir, "tsconfig.json"),
        JSON.stringify({ extends: path.join(repoRoot, "tsconfig.json"), compilerOptions: { noEmit: true, rootDir: repoRoot, baseUrl: repoRoot }, include: ["index.ts"], exclude: [] }),
      );
      execFileSync(process.execPath, [path.join(repoRoot, "node_modules", "typescript", "bin", "tsc"), "-p", dir], { stdio: "pipe" });
    } catch (error) {
      throw new Error(String((error as { stdout?: Buffer }).stdout ?? error));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

