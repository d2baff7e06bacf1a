// Issue 12, words: what the provider raises on purpose reaches the real CLI as its sentence — without a JavaScript
// stack after it — from diff (a refused replacement), read (a revoked credential at refresh) and the stub's configure
// (a project that can't load the package); a 403 names where the provider's token came from; and a refresh that fails
// on the credential the state recorded names that step and the command that gets past it (issue 21).
import * as fs from "node:fs";
import * as path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type RunningEmulator } from "../../emulator";
import { adminRequest, newCredential, revokeCredential, TokensStack, type TokenSpec } from "./tokensSupport";

/** A line of a JavaScript stack trace, as Node prints it. */
const STACK_FRAME = /\n\s+at \S.*:\d+:\d+\)?/;

/** Everything a failed command printed, after checking that it failed without a stack trace. */
function failedWithSentence(result: { code: number; stdout: string; stderr: string }): string {
  expect(result.code).not.toBe(0);
  const printed = result.stdout + result.stderr;
  expect(printed).not.toMatch(STACK_FRAME);
  return printed;
}

describe("provider errors on the real CLI: the sentence, no stack", () => {
  let emulator: RunningEmulator;
  let stack: TokensStack;
  let credential: string;
  let seeded: { id: string; token: string };
  let specs: TokenSpec[];

  beforeAll(async () => {
    emulator = await startEmulator();
    seeded = emulator.seedToken({ name: "made-by-hand", scopes: ["metrics.read"] });
    stack = await TokensStack.create(emulator, { credentials: false });
    specs = [{ resource: "adopted", kind: "api", name: "made-by-hand", scopes: ["metrics.read"], adoptId: seeded.id }];
  });

  afterAll(async () => {
    stack?.cleanup();
    await emulator?.close();
  });

  it("names the environment variable a 403's credential came from, not `pulumi config set`", async () => {
    const { status, body } = await adminRequest<{ token: string }>(emulator, "POST", "/api/v2/apiTokens", { name: "read-only", scopes: ["apiTokens.read"] });
    expect(status).toBe(201);
    await stack.setSpecs([{ resource: "new", kind: "api", scopes: ["metrics.read"] }]);
    const result = await stack.project.pulumi(["up", "--yes", "--skip-preview"], {
      allowFailure: true,
      env: { DYNATRACE_ENV_URL: emulator.url, DYNATRACE_API_TOKEN: body.token },
    });
    const printed = failedWithSentence(result);
    expect(printed).toContain('the API token from the DYNATRACE_API_TOKEN environment variable needs the scope "apiTokens.write"');
    expect(printed).toContain("create a token that has it and put it in the DYNATRACE_API_TOKEN environment variable of the shell that runs pulumi.");
    expect(printed).not.toContain("pulumi config set");
  });

  it("prints a refusal from diff as its sentence alone", async () => {
    credential = await newCredential(emulator, "provider");
    await stack.project.setConfig("dynatrace-tokens:envUrl", emulator.url);
    await stack.project.setConfig("dynatrace-tokens:apiToken", { secret: credential });
    await stack.setSpecs(specs);
    await stack.project.up();
    await stack.setSpecs(specs.map((spec) => ({ ...spec, expirationDate: "now+30d" })));
    const printed = failedWithSentence(await stack.project.pulumi(["preview"], { allowFailure: true }));
    const sentence = `API token ${seeded.id} must be replaced (expirationDate changed), but \`adopt\` is still set`;
    expect(printed).toContain(`pulumi-dynatrace-tokens: ${sentence}`);
    expect(printed).toContain(`error: ${sentence}`);
    expect(printed).not.toContain("(reported by");
  });

  it("prints a failed read (a revoked credential at refresh) as its sentence alone", async () => {
    await stack.setSpecs(specs);
    await revokeCredential(emulator, credential);
    const printed = failedWithSentence(await stack.project.refresh({ allowFailure: true }));
    expect(printed).toContain("rejected the API token from stack config dynatrace-tokens:apiToken (401)");
    expect(printed).toContain("pulumi-dynatrace-tokens: Could not list API tokens:");
  });

  it("names the refresh step when `up --refresh` fails on the revoked credential the state recorded, and its way out works (issue 21)", async () => {
    // Where the previous test left the stack: the state and the stack config hold a revoked credential. As a user does
    // after rotating it: set the new one, then run what CI pipelines run.
    const next = await newCredential(emulator, "provider-2");
    await stack.project.setConfig("dynatrace-tokens:apiToken", { secret: next });
    const printed = failedWithSentence(await stack.project.pulumi(["up", "--refresh", "--yes"], { allowFailure: true }));
    expect(printed).toContain("rejected the API token from stack config dynatrace-tokens:apiToken (401)");
    // The step that failed, and a command other than the one that just failed.
    expect(printed).toContain(
      "This failed in a refresh (`pulumi refresh`, or the refresh step of `pulumi up --refresh`, `preview --refresh` or " +
        "`destroy --refresh`), which uses the copy of the stack config recorded at the last `pulumi up`, not the current one: " +
        "run `pulumi up` without `--refresh` next, which records the current one (or `pulumi refresh --run-program` first)",
    );
    expect(printed).not.toContain("so run `pulumi up` next");

    // Doing what it says works: `pulumi up` records the new credential, and `up --refresh` works again.
    await stack.project.pulumi(["up", "--yes"]);
    await stack.project.pulumi(["up", "--refresh", "--yes"]);
    expect(printed).not.toContain(next.split(".")[2]);
  });

  it("prints the stub's configure error (a project that can't load the package) as its sentence alone", async () => {
    // The project's node_modules, less this package: what a project where it was uninstalled looks like.
    const modules = path.join(stack.project.dir, "node_modules");
    const installed = fs.realpathSync(modules);
    fs.unlinkSync(modules);
    fs.mkdirSync(modules);
    for (const entry of fs.readdirSync(installed)) {
      if (entry !== "pulumi-dynatrace-tokens") fs.symlinkSync(path.join(installed, entry), path.join(modules, entry));
    }
    const printed = failedWithSentence(await stack.project.refresh({ allowFailure: true }));
    expect(printed).toContain(`pulumi-dynatrace-tokens: pulumi-dynatrace-tokens is not installed where the Pulumi project in ${stack.project.dir}`);
    expect(printed).toContain("`npm install pulumi-dynatrace-tokens`");
  });
});
