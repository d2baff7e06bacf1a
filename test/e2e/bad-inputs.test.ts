// Issue 10, the bad-input corpus: ≥ 150 generated bad inputs (test/e2e/badInputCorpus.ts) through `pulumi preview` on
// the real CLI. Each must fail with a sentence that names the field and the fix — no JavaScript stack trace, no token
// secret, a short message — and the emulator must see no API call at all.
//
// The engine stops a preview at the first resource whose check fails, so each preview holds one resource carrying
// one bad value per field (every failure of that resource is printed); stack config cases run on a second stack.
// Both faces, with the same sentences: the dynamic resources refuse bad stack config in each resource's check, the
// native provider in its CheckConfig, so there the failure belongs to the provider resource.
import { randomInt } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { CONFIG_KEYS } from "../../provider/config";
import { TOKEN_SECRET_PATTERN } from "../../provider/tokenFormat";
import { prepareConsumer } from "../harness/consumer";
import { faceOptions, FACES, type Face } from "../harness/faces";
import { PulumiProject, type PreviewJson } from "../harness/pulumi";
import { BAD_ENVIRONMENT_ENTRIES, configRounds, FIX, resourceRounds, type BadInput, type ConfigRound, type ResourceRound } from "./badInputCorpus";

/** What one preview printed, reduced to what the assertions read. */
interface Outcome {
  readonly code: number;
  /** The error diagnostics of the resource under test: one per failure. */
  readonly failures: string[];
  /** Every diagnostic message, of any resource and severity. */
  readonly diagnostics: string[];
  readonly printed: string;
}

const RESOURCE = "bad";
/** The native default provider's name: bad config fails there. */
const DEFAULT_PROVIDER = "default";

/** A token secret that looks real (so redaction would catch it) and that the emulator never issued. */
function fakeSecret(): string {
  const base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  const pick = (n: number) => Array.from({ length: n }, () => base32[randomInt(32)]).join("");
  return `dt0c01.${pick(24)}.${pick(64)}`;
}

function label(round: { kind?: string; inputs: readonly BadInput[] }): string {
  const values = round.inputs.map((i) => `${i.field}=${JSON.stringify(i.value)?.slice(0, 30)}`).join(", ");
  return `${round.kind ?? "config"}: ${values}`;
}

/**
 * `pulumi preview --json` of `cases` (handed to the program in BAD_INPUT_CASES, which saves a config set each time);
 * `failing` names the resource whose failures count.
 */
async function previewOutcome(project: PulumiProject, cases: unknown[], failing = RESOURCE): Promise<Outcome> {
  const result = await project.pulumi(["preview", "--json"], { allowFailure: true, env: { BAD_INPUT_CASES: JSON.stringify(cases) } });
  const json = JSON.parse(result.stdout) as PreviewJson;
  const diagnostics = json.diagnostics ?? [];
  return {
    code: result.code,
    failures: diagnostics.filter((d) => d.severity === "error" && d.urn?.endsWith(`::${failing}`)).map((d) => d.message),
    diagnostics: diagnostics.map((d) => d.message),
    printed: result.stdout + result.stderr,
  };
}

/** The reason the provider gave, without the engine's "<type> resource '<name>': property … has a problem:" prefix. */
function reasonOf(message: string): string {
  return (/has a problem: ([\s\S]*)$/.exec(message)?.[1] ?? message).trim();
}

describe.each(FACES)("issue 10: the bad-input corpus through pulumi preview on the real CLI (%s)", (face: Face) => {
  const resourceRoundList = resourceRounds(face);
  const configRoundList = configRounds(face);
  const corpusSize = [...resourceRoundList, ...configRoundList].reduce((n, r) => n + r.inputs.length, 0);
  let emulator: RunningEmulator;
  let resources: PulumiProject;
  let config: PulumiProject;
  const secret = fakeSecret();
  const outcomes = new Map<object, Outcome>();
  const allPrinted: string[] = [];

  beforeAll(async () => {
    emulator = await startEmulator();
    const consumer = await prepareConsumer();
    const base = { [CONFIG_KEYS.envUrl]: emulator.url, [CONFIG_KEYS.apiToken]: { secret: emulator.adminToken } };
    // The native provider would refuse the bad entries for every resource (they are its config rounds).
    const entries: Record<string, { secret: string }> =
      face === "dynamic" ? { [CONFIG_KEYS.environments]: { secret: JSON.stringify(BAD_ENVIRONMENT_ENTRIES) } } : {};
    [resources, config] = await Promise.all([
      PulumiProject.create(consumer, {
        fixture: "bad-inputs",
        ...faceOptions(face, consumer),
        config: { ...base, ...entries, "badInputs:secret": { secret } },
      }),
      PulumiProject.create(consumer, { fixture: "bad-inputs", ...faceOptions(face, consumer), config: base }),
    ]);
    emulator.resetRequests();

    // The two stacks run side by side; each runs its previews one after the other.
    const runResources = async () => {
      for (const round of resourceRoundList) {
        outcomes.set(round, await previewOutcome(resources, [{ resource: RESOURCE, kind: round.kind, args: round.args }]));
      }
    };
    const runConfig = async () => {
      const current: Record<string, string> = {};
      for (const round of configRoundList) {
        await applyConfig(config, current, { [CONFIG_KEYS.envUrl]: emulator.url, [CONFIG_KEYS.apiToken]: emulator.adminToken, ...round.config });
        const failing = face === "native" ? DEFAULT_PROVIDER : RESOURCE;
        outcomes.set(round, await previewOutcome(config, [{ resource: RESOURCE, kind: "api", args: { scopes: ["metrics.read"] } }], failing));
      }
    };
    await Promise.all([runResources(), runConfig()]);
    for (const outcome of outcomes.values()) allPrinted.push(outcome.printed);
  }, 15 * 60 * 1000);

  afterAll(async () => {
    resources?.cleanup();
    config?.cleanup();
    await emulator?.close();
  });

  it(`holds at least 150 bad inputs (${corpusSize}) in ${resourceRoundList.length + configRoundList.length} previews`, () => {
    expect(corpusSize).toBeGreaterThanOrEqual(150);
    const fields = new Set([...resourceRoundList, ...configRoundList].flatMap((r) => r.inputs.map((i) => i.field.replace(/\[\d+\]$/, "[i]"))));
    for (const field of ["name", "scopes[i]", "expirationDate", "rotateBefore", "enabled", "supportAlert", "seedToken", "environment", "adopt.id", "adopt.token", "activeGateType", "phase", "generation", CONFIG_KEYS.environments, CONFIG_KEYS.envUrl, CONFIG_KEYS.apiToken]) {
      expect(fields).toContain(field);
    }
  });

  const check = (round: ResourceRound | ConfigRound) => {
    const outcome = outcomes.get(round);
    expect(outcome, "the preview ran").toBeDefined();
    const { code, failures, diagnostics } = outcome!;
    expect(code).not.toBe(0);
    // One failure per bad input: a reason that names the field, says the expected fix, and stays short.
    expect(failures, failures.join("\n")).toHaveLength(round.inputs.length);
    const unmatched = failures.map(reasonOf);
    for (const input of round.inputs) {
      const at = unmatched.findIndex((reason) => reason.includes(input.field) && (input.says === undefined || reason.includes(input.says)));
      expect(at, `a failure naming ${input.field}${input.says ? ` and saying "${input.says}"` : ""} among:\n${unmatched.join("\n")}`).toBeGreaterThanOrEqual(0);
      expect(unmatched[at]).toMatch(FIX);
      unmatched.splice(at, 1);
    }
    for (const message of failures) expect(message.length).toBeLessThan(2048);
    // The sentence alone: no JavaScript stack frame anywhere in the preview's diagnostics.
    for (const message of diagnostics) expect(message).not.toMatch(/\n\s+at \S.*:\d+:\d+\)?/);
  };

  describe("resources: one resource per preview, one bad value per field", () => {
    it.each(resourceRoundList.map((round) => [label(round), round] as const))("%s", (_label, round) => check(round));
  });

  describe("stack config: one case per preview", () => {
    it.each(configRoundList.map((round) => [label(round), round] as const))("%s", (_label, round) => check(round));
  });

  it("made no API call: every failure came from check, before anything reached the emulator", () => {
    expect(outcomes.size).toBe(resourceRoundList.length + configRoundList.length);
    expect(emulator.requests().total).toBe(0);
  });

  it("printed no token secret: not the adopt secret, not the credentials, nothing shaped like a secret", () => {
    for (const printed of allPrinted) {
      expect(printed.match(new RegExp(TOKEN_SECRET_PATTERN.source, "g")) ?? []).toEqual([]);
      for (const known of [secret, emulator.adminToken]) expect(printed).not.toContain(known.split(".")[2]);
    }
  });
});

/** Sets and removes stack config keys so that the stack holds exactly `desired` (credentials as secrets). */
async function applyConfig(project: PulumiProject, current: Record<string, string>, desired: Record<string, string>): Promise<void> {
  for (const key of Object.keys(current)) {
    if (!(key in desired)) {
      await project.pulumi(["config", "rm", key]);
      delete current[key];
    }
  }
  for (const [key, value] of Object.entries(desired)) {
    if (current[key] === value) continue;
    await project.setConfig(key, key === CONFIG_KEYS.envUrl ? value : { secret: value });
    current[key] = value;
  }
}
