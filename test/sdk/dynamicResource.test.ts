import * as pulumi from "@pulumi/pulumi";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DynatraceResource } from "../../sdk/dynamicResource";

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    { newResource: (args) => ({ id: `id-${args.name}`, state: args.inputs }), call: () => ({}) },
    "project",
    "stack",
    true,
  );
});

const originalPrepare = Error.prepareStackTrace;
afterEach(() => {
  Error.prepareStackTrace = originalPrepare;
});

/** Counts the stack traces V8 formats with at least one frame while `fn` runs. */
function formattedStacks(fn: () => void): number {
  let count = 0;
  Error.prepareStackTrace = (error, frames) => {
    if (frames.length > 0) count++;
    return originalPrepare ? originalPrepare(error, frames) : `${String(error)}\n    at ${frames.join("\n    at ")}`;
  };
  try {
    fn();
  } finally {
    Error.prepareStackTrace = originalPrepare;
  }
  return count;
}

const noop: pulumi.dynamic.ResourceProvider = {
  async create() {
    return { id: "noop" };
  },
};

class Plain extends pulumi.dynamic.Resource {
  constructor(name: string, props: pulumi.Inputs) {
    super(noop, name, props, undefined, "test", "Plain");
  }
}

class Probe extends DynatraceResource {
  constructor(name: string, props: pulumi.Inputs) {
    super(noop, name, props, undefined, "test", "Probe");
  }
}

describe("DynatraceResource", () => {
  it("issue 11: registers a token without formatting a stack trace for each of its properties' promises", async () => {
    const dt = await import("../../sdk");
    // The yardstick: a plain dynamic resource with two properties formats one for each of its promises.
    const plain = formattedStacks(() => new Plain("plain", { name: "a", scopes: ["b"] }));
    expect(plain).toBeGreaterThan(8);
    // A token registers about twenty properties; only @pulumi/pulumi's own source-position capture remains.
    const token = formattedStacks(() => new dt.ApiToken("quiet", { scopes: ["metrics.read"] }));
    expect(token).toBeLessThanOrEqual(1);
  });

  it("restores Error.stackTraceLimit after registering, and when registration throws", () => {
    const before = Error.stackTraceLimit;
    new Probe("restored", { name: "a" });
    expect(Error.stackTraceLimit).toBe(before);
    // @pulumi/pulumi refuses a property named __provider from inside the constructor.
    expect(() => new Probe("refused", { __provider: "x" })).toThrow(/__provider/);
    expect(Error.stackTraceLimit).toBe(before);
  });
});
