// Errors raised on purpose reach the CLI as their sentence alone: @pulumi/pulumi's dynamic-provider host prints
// `${error}: ${error.stack}` for what check, diff, read and delete throw (issue 10: stack traces after the sentence).
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { describe, expect, it } from "vitest";
import { DynatraceApiError, errorFromStatus } from "../../provider/client/errors";
import { providers } from "../../provider";
import { InputError, withSentenceErrors } from "../../provider/sentenceErrors";

/** What the dynamic-provider host prints for a thrown error. */
const printed = (error: unknown) => `${error}: ${(error as Error).stack}`;
const STACK_FRAME = /\n\s+at \S.*:\d+:\d+\)?/;

async function thrown(run: () => Promise<unknown>): Promise<unknown> {
  try {
    await run();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

describe("sentence errors", () => {
  it("prints a diff's refusal as its sentence, without a stack", async () => {
    const error = await thrown(() =>
      providers.ApiToken.diff!(
        "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX",
        { name: "t", scopes: ["metrics.read"], requestedExpirationDate: "now+30d", personalAccessToken: false },
        { name: "t", scopes: ["metrics.read"], expirationDate: "now+60d", personalAccessToken: false, adopt: { id: "dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX" } },
      ),
    );
    expect(error).toBeInstanceOf(InputError);
    expect(printed(error)).toMatch(/^pulumi-dynatrace-tokens: API token dt0c01\.ABCDEFGHIJKLMNOPQRSTUVWX must be replaced \(expirationDate changed\), but `adopt` is still set/);
    expect(printed(error)).not.toMatch(STACK_FRAME);
  });

  it("cuts the stack of API errors, keeps their code, and leaves a bug's stack alone", async () => {
    const provider: dynamic.ResourceProvider = withSentenceErrors({
      create: async () => ({ id: "x" }),
      read: async () => {
        throw new DynatraceApiError("Could not read API token dt0c01.ABC: 401.", { code: "UNAUTHORIZED", operation: "read API token" });
      },
      delete: async () => {
        throw new TypeError("cannot read properties of undefined");
      },
    });
    const apiError = await thrown(() => provider.read!("x", {}));
    expect((apiError as DynatraceApiError).code).toBe("UNAUTHORIZED");
    expect(printed(apiError)).toBe("pulumi-dynatrace-tokens: Could not read API token dt0c01.ABC: 401.");
    expect((apiError as Error).message).toBe("Could not read API token dt0c01.ABC: 401.");
    const bug = await thrown(() => provider.delete!("x", {}));
    expect(printed(bug)).toMatch(STACK_FRAME);
  });

  it("passes one error thrown by several calls through unchanged (a shared list's 401 fails every waiting read)", async () => {
    const shared = new DynatraceApiError("Could not list API tokens: 401.", { code: "UNAUTHORIZED", operation: "list API tokens" });
    const provider: dynamic.ResourceProvider = withSentenceErrors({
      create: async () => ({ id: "x" }),
      read: async () => {
        throw shared;
      },
    });
    const errors = await Promise.all([thrown(() => provider.read!("a", {})), thrown(() => provider.read!("b", {}))]);
    for (const error of errors) {
      expect(error).toBe(shared);
      expect(printed(error)).toBe("pulumi-dynatrace-tokens: Could not list API tokens: 401.");
    }
  });

  it("tells a rejected stack-config credential in read as the refresh step's, with `pulumi up` without --refresh as the way out (issue 21)", async () => {
    const rejected = () =>
      errorFromStatus({
        operation: "list API tokens",
        status: 401,
        body: "",
        envUrl: "https://abc12345.live.dynatrace.com",
        credentialSource: { description: "stack config dynatrace-tokens:apiToken", configKey: "dynatrace-tokens:apiToken" },
      });
    const provider: dynamic.ResourceProvider = withSentenceErrors({
      create: async () => ({ id: "x" }),
      read: async () => {
        throw rejected();
      },
      delete: async () => {
        throw rejected();
      },
    });
    const inRead = (await thrown(() => provider.read!("x", {}))) as DynatraceApiError;
    expect(inRead.code).toBe("UNAUTHORIZED");
    expect(printed(inRead)).toMatch(/^pulumi-dynatrace-tokens: Could not list API tokens: https:\/\/abc12345\.live\.dynatrace\.com rejected the API token from stack config dynatrace-tokens:apiToken \(401\)/);
    expect(inRead.message).toContain("This failed in a refresh (`pulumi refresh`, or the refresh step of `pulumi up --refresh`");
    expect(inRead.message).toContain("run `pulumi up` without `--refresh` next, which records the current one (or `pulumi refresh --run-program` first)");
    expect(printed(inRead)).not.toMatch(STACK_FRAME);
    // Elsewhere (a delete of `pulumi destroy`) the advice stays the general one.
    const inDelete = (await thrown(() => provider.delete!("x", {}))) as DynatraceApiError;
    expect(inDelete.message).toContain("so run `pulumi up` next (or `pulumi refresh --run-program` / `pulumi destroy --run-program`");
    expect(inDelete.message).not.toContain("This failed in a refresh");
  });
});
