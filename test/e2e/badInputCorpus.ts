// The bad-input corpus of issue 10, generated: every kind of input a user can get wrong — scopes, names, dates,
// durations (rotateBefore, keepPreviousFor), booleans, environments, adopt, ActiveGate type, rotation phases and
// generations, stack config — each paired with what the failure must name. test/e2e/bad-inputs.test.ts runs it through `pulumi preview`.
//
// The engine stops a preview at the first resource whose `check` fails (it bails with "resource … is invalid"), but
// prints every failure of that resource. So the corpus is packed into rounds: one resource per preview, carrying one
// bad value for each field its kind has. Stack config applies to every resource, so each config case is a round of its own.
import { CONFIG_KEYS } from "../../provider/config";
import type { Face } from "../harness/faces";
import { isAssignableScope, isV1ScopeName, RESPONSE_ONLY_SCOPES, SCOPE_NAMES } from "../../provider/catalog/scopes";

/** Stands for the secret stack config value in a case's arguments (see test/fixtures/bad-inputs). */
export const SECRET = "$secret";

/** One bad input and what its failure must say. */
export interface BadInput {
  /** The field the user got wrong, as the reason must name it (`scopes[3]`, `adopt.id`, `dynatrace:envUrl`). */
  readonly field: string;
  readonly value: unknown;
  /** Text the reason must contain besides the field, when a particular fix is expected. */
  readonly says?: string;
}

export type ResourceKind = "api" | "personal" | "paas" | "activeGate" | "rotation";

/** One preview of one resource. */
export interface ResourceRound {
  readonly kind: ResourceKind;
  readonly args: Record<string, unknown>;
  readonly inputs: readonly BadInput[];
}

/** One preview of a valid resource under bad stack config. */
export interface ConfigRound {
  readonly config: Record<string, string>;
  readonly inputs: readonly [BadInput];
}

/** A fix, in the words the reasons use: every failure must tell the user what to do. */
export const FIX =
  /\b(use|write|remove|add|set|give|leave it out|replace|move|did you mean|create|pass|end it|declare|put|must be|needs|see the)\b/i;

/** `dynatrace:environments` entries that are well-formed config but unusable, named by what is wrong with them. */
export const BAD_ENVIRONMENT_ENTRIES: Record<string, { envUrl: string; apiToken: string }> = {
  plainHttp: { envUrl: "http://abc12345.live.dynatrace.com", apiToken: wellFormedToken("A") },
  dotLocalhost: { envUrl: "http://emulator.localhost:8080", apiToken: wellFormedToken("B") },
  notUrl: { envUrl: "abc12345 live dynatrace com", apiToken: wellFormedToken("C") },
  withQuery: { envUrl: "https://abc12345.live.dynatrace.com/?tenant=x", apiToken: wellFormedToken("D") },
  badToken: { envUrl: "https://abc12345.live.dynatrace.com", apiToken: "not-a-token" },
};

/** A token-shaped credential that is not real (the emulator never issued it). */
function wellFormedToken(fill: string): string {
  return `dt0c01.${fill.repeat(24)}.${fill.repeat(64)}`;
}

const entry = (name: string, part: "envUrl" | "apiToken") => `${CONFIG_KEYS.environments}.${name}.${part}`;

// Values by field. Each list is drained into rounds by `resourceRounds`.
const NAMES: BadInput[] = [
  { field: "name", value: "", says: "must not be empty" },
  { field: "name", value: "   ", says: "must not be empty" },
  { field: "name", value: "x".repeat(201), says: "use at most 200" },
  { field: "name", value: "y".repeat(1000), says: "use at most 200" },
  { field: "name", value: "line\nbreak", says: "remove them" },
  { field: "name", value: "nul\u0000", says: "remove them" },
  { field: "name", value: 42, says: "write it in quotes" },
  { field: "name", value: true, says: "write it in quotes" },
  { field: "name", value: { text: "n" }, says: "write it in quotes" },
];

const DATES: BadInput[] = [
  "next tuesday", "now+14x", "2021-02-30T00:00:00Z", "now+300000y", "now+8000y",
  "99999999999999999", "2020-01-01T00:00:00Z", "now-1d", "now",
].map((value) => ({ field: "expirationDate", value }) as BadInput)
  .concat([-5, true].map((value) => ({ field: "expirationDate", value })));

/** ActiveGate tokens live at most two years. */
const ACTIVE_GATE_DATES: BadInput[] = ["now+3y", "now+800d"].map((value) => ({ field: "expirationDate", value, says: "is more than 2 years away" }));

const DURATIONS: BadInput[] = ["two weeks", "14", "0d", "-1d", "14 days", "", "1.5d", "14D", "300000y", "99999999999m"]
  .map((value) => ({ field: "rotateBefore", value }) as BadInput)
  .concat([14, { days: 14 }].map((value) => ({ field: "rotateBefore", value, says: "duration string" })));

// keepPreviousFor (issue 13) takes the same durations as rotateBefore.
const OVERLAPS: BadInput[] = ["24 hours", "24", "0h", "-1h", "", "1.5h", "24H", "300000y"]
  .map((value) => ({ field: "keepPreviousFor", value }) as BadInput)
  .concat([24, { hours: 24 }].map((value) => ({ field: "keepPreviousFor", value, says: "duration string" })));

const booleans = (field: string, values: unknown[]): BadInput[] => values.map((value) => ({ field, value, says: `${field}:` }));

const ENVIRONMENTS: BadInput[] = [
  ...[5, "", true, { name: "prod" }].map((value) => ({ field: "environment", value, says: "leave it out to use the default environment" })),
  { field: "environment", value: "nope", says: "is not defined in" },
];

/**
 * Resources naming a bad `environments` entry. The dynamic resources refuse the entry when a resource uses it; the
 * native provider refuses its whole configuration at preview (CheckConfig), used or not: for it these are config rounds.
 */
const BAD_ENTRY_USES: BadInput[] = [
  { field: entry("plainHttp", "envUrl"), value: "plainHttp", says: "must use https" },
  { field: entry("dotLocalhost", "envUrl"), value: "dotLocalhost", says: "use http://127.0.0.1:8080" },
  { field: entry("notUrl", "envUrl"), value: "notUrl", says: "is not a URL" },
  { field: entry("withQuery", "envUrl"), value: "withQuery", says: "without query" },
  { field: entry("badToken", "apiToken"), value: "badToken", says: "does not look like a Dynatrace access token" },
];

const ADOPTS: BadInput[] = [
  { field: "adopt.id", value: { id: "not-an-id", token: SECRET }, says: "is not a token identifier" },
  { field: "adopt.id", value: { id: SECRET }, says: "move it to adopt.token" },
  { field: "adopt.id", value: { id: 5 }, says: "is not a token identifier" },
  { field: "adopt.id", value: { id: "dt0c01.SHORT" }, says: "is not a token identifier" },
  { field: "adopt.id", value: { id: "ABCDEFGHIJKLMNOPQRSTUVWX" }, says: "is not a token identifier" },
  { field: "adopt.token", value: { token: "not-a-secret" }, says: "pass the full token value" },
  { field: "adopt.token", value: { token: 5 }, says: "pass the full token value" },
  { field: "adopt", value: {}, says: "remove adopt to create a new token" },
  // The dynamic SDK keeps only `id` and `token` of what it is given, so these arrive as an empty adopt (the native
  // plugin sees them as written: see `adoptsOf`).
  { field: "adopt", value: "dt0c01.ABC", says: "remove adopt to create a new token" },
  { field: "adopt", value: 7, says: "remove adopt to create a new token" },
];

/** ADOPTS as `face` reports them: the native plugin refuses an adopt that isn't an object as such. */
function adoptsOf(face: Face): BadInput[] {
  return ADOPTS.map((input) => (face === "native" && typeof input.value !== "object" ? { ...input, says: "adopt must be an object" } : input));
}

// ActiveGate tokens are adopted by id alone (issue 12): no lookup by secret, and only "dt0g02." identifiers.
const ACTIVE_GATE_ADOPTS: BadInput[] = [
  { field: "adopt.id", value: { id: "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX" }, says: "is not an ActiveGate token's id" },
  { field: "adopt.id", value: { id: "dt0g02.AB" }, says: "is not an ActiveGate token identifier" },
  { field: "adopt.id", value: { id: 5 }, says: "is not an ActiveGate token identifier" },
  { field: "adopt.id", value: { id: SECRET }, says: "holds a token secret" },
  { field: "adopt.token", value: { token: SECRET }, says: "can only be adopted by its id" },
  { field: "adopt", value: {}, says: "remove adopt to create a new token" },
];

const ACTIVE_GATE_TYPES: BadInput[] = [
  { field: "activeGateType", value: "environment", says: 'did you mean "ENVIRONMENT"?' },
  { field: "activeGateType", value: "Cluster", says: 'did you mean "CLUSTER"?' },
  ...["CLUSTERS", 5].map((value) => ({ field: "activeGateType", value, says: 'must be "ENVIRONMENT" or "CLUSTER"' })),
];

/** Scopes Dynatrace would refuse; `badScopeLists` spreads them over short lists, one preview each. */
function badScopes(): BadInput[] {
  const typos = new Set<string>();
  const mutations = [
    (s: string) => s.replace(/\.read$/, ".reed"),
    (s: string) => s.replace(/\.write$/, ".wirte"),
    (s: string) => s.toUpperCase(),
    (s: string) => `${s}s`,
    (s: string) => s.slice(0, -1),
    (s: string) => s.replace(".", "_"),
  ];
  for (const [i, scope] of SCOPE_NAMES.entries()) {
    const typo = mutations[i % mutations.length]!(scope);
    if (typo !== scope && !isAssignableScope(typo) && !RESPONSE_ONLY_SCOPES.includes(typo as never)) typos.add(typo);
    if (typos.size >= 40) break;
  }
  const scopes: BadInput[] = [
    ...[...typos].map((value) => ({ field: "", value, says: "is not a Dynatrace scope" })),
    ...["analyzers.read", "analyzers.write", "AppMonIntegration", "MaintenanceWindows", "LogImport"].map((value) => ({ field: "", value, says: "remove it" })),
    ...RESPONSE_ONLY_SCOPES.map((value) => ({ field: "", value, says: "is a legacy scope" })),
    ...[5, true, { scope: "metrics.read" }].map((value) => ({ field: "", value, says: "must be a scope name" })),
    { field: "", value: "metrics.read", says: "is listed twice" },
  ];
  return scopes;
}

/** Bad scopes a round holds: check lists at most 10 problems of one property before it counts the rest. */
const BAD_SCOPES_PER_ROUND = 9;

/**
 * The bad scopes in lists of a valid first scope and up to BAD_SCOPES_PER_ROUND bad ones, each bad input named by its
 * index in its own list (the duplicate `metrics.read` repeats that first scope).
 */
function badScopeLists(): Array<{ values: unknown[]; inputs: BadInput[] }> {
  const scopes = badScopes();
  const lists: Array<{ values: unknown[]; inputs: BadInput[] }> = [];
  for (let start = 0; start < scopes.length; start += BAD_SCOPES_PER_ROUND) {
    const chunk = scopes.slice(start, start + BAD_SCOPES_PER_ROUND);
    lists.push({ values: ["metrics.read", ...chunk.map((s) => s.value)], inputs: chunk.map((s, i) => ({ ...s, field: `scopes[${i + 1}]` })) });
  }
  return lists;
}

type TokenKind = "api" | "personal" | "paas" | "activeGate";

/** The queues each token kind takes a value from (`activeGateExpiration` fills `expirationDate`, `activeGateAdopt` fills `adopt`). */
const FIELDS_OF: Record<TokenKind, string[]> = {
  api: ["name", "enabled", "expirationDate", "rotateBefore", "keepPreviousFor", "environment", "adopt"],
  personal: ["name", "enabled", "expirationDate", "rotateBefore", "keepPreviousFor", "environment", "adopt"],
  paas: ["name", "supportAlert", "expirationDate", "rotateBefore", "keepPreviousFor", "environment", "adopt", "enabled"],
  activeGate: ["name", "activeGateType", "seedToken", "activeGateExpiration", "expirationDate", "rotateBefore", "keepPreviousFor", "environment", "activeGateAdopt"],
};

/**
 * The resource rounds. Rounds that need a set-up of their own (a long scope list, a rotateBefore that only fails
 * with a fitting expirationDate) come first; every round, those included, then takes one value from each queue
 * of its kind's fields, so that the whole corpus needs few previews.
 */
export function resourceRounds(face: Face = "dynamic"): ResourceRound[] {
  const queues: Record<string, BadInput[]> = {
    name: [...NAMES],
    expirationDate: [...DATES],
    rotateBefore: [...DURATIONS],
    keepPreviousFor: [...OVERLAPS],
    environment: face === "dynamic" ? [...ENVIRONMENTS, ...BAD_ENTRY_USES] : [...ENVIRONMENTS],
    adopt: adoptsOf(face),
    activeGateAdopt: [...ACTIVE_GATE_ADOPTS],
    enabled: booleans("enabled", ["false", "true", 1, 0, "yes", { on: true }]),
    supportAlert: booleans("supportAlert", ["false", 1, "no", ["true"]]),
    seedToken: booleans("seedToken", ["true", 0, "yes", { on: false }]),
    activeGateType: [...ACTIVE_GATE_TYPES],
    activeGateExpiration: [...ACTIVE_GATE_DATES],
  };
  const fill = (kind: TokenKind, fixed: Record<string, unknown>, fixedInputs: BadInput[]): ResourceRound => {
    const args: Record<string, unknown> = { ...fixed };
    const inputs = [...fixedInputs];
    for (const queue of FIELDS_OF[kind]) {
      const property = queue === "activeGateExpiration" ? "expirationDate" : queue === "activeGateAdopt" ? "adopt" : queue;
      if (property in args) continue;
      const next = queues[queue]!.shift();
      if (!next) continue;
      args[property] = next.value;
      inputs.push(next);
    }
    return { kind, args, inputs };
  };

  const v1 = SCOPE_NAMES.filter(isV1ScopeName).slice(0, 8);
  const rounds: ResourceRound[] = [
    ...badScopeLists().map((list) => fill("api", { scopes: list.values }, list.inputs)),
    fill("api", { scopes: [] }, [{ field: "scopes", value: [], says: "must not be empty" }]),
    fill("paas", { scopes: undefined }, []), // PaasToken sets its own scopes; a plain round
    fill("api", { scopes: "metrics.read" }, [{ field: "scopes", value: "metrics.read", says: 'such as ["metrics.read"]' }]),
    fill("personal", { scopes: v1 }, v1.map((value, i) => ({ field: `scopes[${i}]`, value, says: "use an ApiToken instead" }))),
    // rotateBefore that fails only with a fitting expirationDate.
    fill("api", { scopes: ["metrics.read"], expirationDate: "now+7d", rotateBefore: "14d" }, [{ field: "rotateBefore", value: "14d", says: "use a shorter rotateBefore" }]),
    fill("activeGate", { rotateBefore: "30d", expirationDate: undefined }, [{ field: "rotateBefore", value: "30d", says: 'add e.g. expirationDate: "now+90d"' }]),
    fill("paas", { expirationDate: "now+1d", rotateBefore: "1d" }, [{ field: "rotateBefore", value: "1d", says: "use a shorter rotateBefore" }]),
  ];
  while (Object.values(queues).some((q) => q.length > 0)) {
    for (const kind of ["activeGate", "api", "paas"] as const) {
      const round = fill(kind, kind === "api" ? { scopes: ["metrics.read"] } : {}, []);
      if (round.inputs.length > 0) rounds.push(round);
    }
  }
  return [...rounds.map(withoutUndefined), ...rotationRounds()];
}

/** `undefined` marks a property a round keeps unset; it must not reach the program as a key. */
function withoutUndefined(round: ResourceRound): ResourceRound {
  return { ...round, args: Object.fromEntries(Object.entries(round.args).filter(([, v]) => v !== undefined)) };
}

/** Tenant token rotations: phases, generations, and the moves refused for a new resource. */
function rotationRounds(): ResourceRound[] {
  const phases: BadInput[] = [
    { field: "phase", value: "Finished", says: 'did you mean "finished"?' },
    { field: "phase", value: "ROTATING", says: 'did you mean "rotating"?' },
    ...["done", 5].map((value) => ({ field: "phase", value, says: "must be one of" })),
  ];
  const generations: BadInput[] = [-1, 1.5, "1", true].map((value) => ({ field: "generation", value, says: "whole number" }));
  const environments: BadInput[] = [7, "", "nope", { env: "prod" }].map((value) => ({ field: "environment", value }));
  const rounds: ResourceRound[] = [];
  for (let i = 0; i < phases.length; i++) {
    const inputs = [phases[i], generations[i], environments[i]].filter((x): x is BadInput => x !== undefined);
    rounds.push({ kind: "rotation", args: Object.fromEntries(inputs.map((x) => [x.field, x.value])), inputs });
  }
  // A new resource can only start a rotation; finishing or cancelling what never started is refused.
  rounds.push(
    { kind: "rotation", args: { phase: "finished" }, inputs: [{ field: "phase", value: "finished", says: 'Create the resource with phase: "rotating"' }] },
    { kind: "rotation", args: { phase: "cancelled", generation: 2, environment: true }, inputs: [
      { field: "phase", value: "cancelled", says: 'Create the resource with phase: "rotating"' },
      { field: "environment", value: true },
    ] },
  );
  return rounds;
}

/**
 * Stack config that cannot work, one case per round; the program holds one valid ApiToken. The native provider also
 * gets each bad `environments` entry on its own (the dynamic resources meet them in resource rounds).
 */
export function configRounds(face: Face = "dynamic"): ConfigRound[] {
  const environments = (value: string, says: string): ConfigRound => ({
    config: { [CONFIG_KEYS.environments]: value },
    inputs: [{ field: CONFIG_KEYS.environments, value, says }],
  });
  return [
    environments(JSON.stringify({ prod: "https://abc12345.live.dynatrace.com" }), "must map names to { envUrl, apiToken }"),
    environments("{prod: {envUrl: https://abc12345.live.dynatrace.com}", "it is not valid JSON"),
    environments(JSON.stringify({ prod: { envUrl: "https://abc12345.live.dynatrace.com" } }), "prod.apiToken"),
    ...[
      ["http://abc12345.live.dynatrace.com", "must use https"],
    ].map(([value, says]): ConfigRound => ({
      config: { [CONFIG_KEYS.envUrl]: value!, [CONFIG_KEYS.apiToken]: wellFormedToken("F") },
      inputs: [{ field: CONFIG_KEYS.envUrl, value, says }],
    })),
    ...["not-a-token"].map((value): ConfigRound => ({
      config: { [CONFIG_KEYS.envUrl]: "https://abc12345.live.dynatrace.com", [CONFIG_KEYS.apiToken]: value },
      inputs: [{ field: CONFIG_KEYS.apiToken, value, says: "does not look like a Dynatrace access token" }],
    })),
    ...(face === "native"
      ? BAD_ENTRY_USES.map((use): ConfigRound => {
          const name = use.value as keyof typeof BAD_ENVIRONMENT_ENTRIES;
          const value = JSON.stringify({ [name]: BAD_ENVIRONMENT_ENTRIES[name] });
          return { config: { [CONFIG_KEYS.environments]: value }, inputs: [{ ...use, value }] };
        })
      : []),
  ];
}
