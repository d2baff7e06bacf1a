// Issue 4, validation: every bad input fails at `pulumi preview` with a message that names the field and the fix,
// before the provider makes a single API call (the emulator counts zero requests), and so does a stack without
// credentials — whose message says how to set them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { TokensStack, type TokenSpec } from "./tokensSupport";

interface BadInput {
  what: string;
  spec: TokenSpec;
  /** Texts the message must contain: the field and the fix. */
  says: string[];
}

const BAD_INPUTS: BadInput[] = [
  {
    what: "an unknown scope, with a did-you-mean",
    spec: { resource: "t", kind: "api", scopes: ["metrics.ingest", "metrics.reed"] },
    says: ['scopes[1]: "metrics.reed" is not a Dynatrace scope', 'did you mean "metrics.read"?'],
  },
  {
    what: "a legacy scope Dynatrace only reports on old tokens",
    spec: { resource: "t", kind: "api", scopes: ["ViewDashboard"] },
    says: ['scopes[0]: "ViewDashboard" is a legacy scope', "remove it"],
  },
  {
    what: "a scope that is no longer assignable",
    spec: { resource: "t", kind: "api", scopes: ["metrics.read", "MaintenanceWindows"] },
    says: ['scopes[1]: "MaintenanceWindows" is no longer assignable', "remove it"],
  },
  {
    what: "a duplicate scope",
    spec: { resource: "t", kind: "api", scopes: ["metrics.read", "logs.read", "metrics.read"] },
    says: ['scopes[2]: "metrics.read" is listed twice (also scopes[0])', "remove one"],
  },
  {
    what: "empty scopes",
    spec: { resource: "t", kind: "api", scopes: [] },
    says: ["scopes must not be empty", 'e.g. ["metrics.read"]'],
  },
  {
    what: "a v1 scope on a personal access token",
    spec: { resource: "t", kind: "personal", scopes: ["metrics.read", "DataExport"] },
    says: ['scopes[1]: "DataExport" is a v1 scope', "replace it, or use an ApiToken instead"],
  },
  {
    what: "a past expirationDate",
    spec: { resource: "t", kind: "api", scopes: ["metrics.read"], expirationDate: "2020-01-01T00:00:00Z" },
    says: ['expirationDate "2020-01-01T00:00:00Z" is in the past', 'use a future date such as "now+90d"'],
  },
  {
    what: "an unparseable expirationDate",
    spec: { resource: "t", kind: "paas", expirationDate: "next tuesday" },
    says: ['expirationDate: "next tuesday" is not a date Dynatrace understands', 'use a relative date like "now+90d"'],
  },
  {
    what: "an ActiveGate expiry more than two years away",
    spec: { resource: "t", kind: "activeGate", expirationDate: "now+3y" },
    says: ['expirationDate "now+3y"', "is more than 2 years away", 'use e.g. "now+1y"'],
  },
  {
    what: "a malformed rotateBefore",
    spec: { resource: "t", kind: "api", scopes: ["metrics.read"], expirationDate: "now+90d", rotateBefore: "two weeks" },
    says: ['rotateBefore: "two weeks" is not a duration', 'like "14d"'],
  },
  {
    what: "a rotateBefore without an expirationDate",
    spec: { resource: "t", kind: "activeGate", rotateBefore: "30d" },
    says: ['rotateBefore "30d" needs an expirationDate', 'add e.g. expirationDate: "now+90d"'],
  },
  {
    what: "a rotateBefore as long as the token's lifetime",
    spec: { resource: "t", kind: "api", scopes: ["metrics.read"], expirationDate: "now+7d", rotateBefore: "14d" },
    says: ['rotateBefore "14d" is at least as long as the token\'s remaining lifetime', "use a shorter rotateBefore"],
  },
  {
    what: "an empty name",
    spec: { resource: "t", kind: "api", name: "", scopes: ["metrics.read"] },
    says: ["name must not be empty", "leave it out to use the resource name"],
  },
];

// The messages are read from the text `pulumi preview` prints, as a person sees them (`--json` escapes the quotes).
describe("token resources on the real CLI: bad inputs fail at preview without an API call", () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let bare: TokensStack;

  beforeAll(async () => {
    emulator = await startEmulator();
    [stack, bare] = await Promise.all([TokensStack.create(emulator), TokensStack.create(emulator, { credentials: false })]);
  });

  afterAll(async () => {
    stack?.cleanup();
    bare?.cleanup();
    await emulator?.close();
  });

  for (const bad of BAD_INPUTS) {
    it(`rejects ${bad.what}`, async () => {
      await stack.setSpecs([bad.spec]);
      emulator.resetRequests();
      const preview = await stack.project.pulumi(["preview"], { allowFailure: true });
      expect(preview.code).not.toBe(0);
      const printed = preview.stdout + preview.stderr;
      for (const text of bad.says) expect(printed).toContain(text);
      expect(emulator.requests().total).toBe(0);
    });
  }

  it("accepts the same stack once the input is fixed (the failures above came from the inputs)", async () => {
    await stack.setSpecs([{ resource: "t", kind: "api", scopes: ["metrics.read"], expirationDate: "now+90d", rotateBefore: "14d" }]);
    emulator.resetRequests();
    const preview = await stack.project.preview();
    expect(preview.steps.map((s) => s.op)).toContain("create");
    expect(emulator.requests().total).toBe(0);
  });

  it("says how to set dynatrace-tokens:envUrl when no environment is configured", async () => {
    await bare.setSpecs([{ resource: "t", kind: "api", scopes: ["metrics.read"] }]);
    emulator.resetRequests();
    const preview = await bare.project.pulumi(["preview"], { allowFailure: true });
    expect(preview.code).not.toBe(0);
    const printed = preview.stdout + preview.stderr;
    expect(printed).toContain("No Dynatrace environment is configured");
    expect(printed).toContain("pulumi config set dynatrace-tokens:envUrl https://abc12345.live.dynatrace.com");
    expect(printed).toContain("DYNATRACE_ENV_URL");
    expect(emulator.requests().total).toBe(0);
  });

  it("says how to set dynatrace-tokens:apiToken when only the URL is configured", async () => {
    await bare.project.setConfig("dynatrace-tokens:envUrl", emulator.url);
    await bare.setSpecs([{ resource: "t", kind: "activeGate" }]);
    emulator.resetRequests();
    const preview = await bare.project.pulumi(["preview"], { allowFailure: true });
    expect(preview.code).not.toBe(0);
    const printed = preview.stdout + preview.stderr;
    expect(printed).toContain("No Dynatrace API token is configured");
    expect(printed).toContain("pulumi config set --secret dynatrace-tokens:apiToken <token>");
    expect(emulator.requests().total).toBe(0);
  });

  it("never prints the configured credential or any token secret in its error messages", async () => {
    expect(stack.printed.length + bare.printed.length).toBeGreaterThan(0);
    await stack.expectNoSecretsPrinted([]);
    await bare.expectNoSecretsPrinted([]);
  });
});
