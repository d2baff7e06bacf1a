// The base of every resource class in the SDK: a Pulumi dynamic resource whose registration costs the program little.
import * as pulumi from "@pulumi/pulumi";

/**
 * Set by Pulumi users to debug promises a program leaves behind; then the stack traces below are worth their price.
 * @pulumi/pulumi reads the same variable (runtime/debuggable.ts).
 */
const debugPromiseLeaks = Boolean(process.env.PULUMI_DEBUG_PROMISE_LEAKS);

/**
 * @internal Turns off the stack traces @pulumi/pulumi formats for a registration's promises (see DynatraceResource),
 * unless PULUMI_DEBUG_PROMISE_LEAKS asks for them; returns the limit to put back once the constructor is done.
 */
export function stackTracesOff(): number {
  const stackTraceLimit = Error.stackTraceLimit;
  if (!debugPromiseLeaks) Error.stackTraceLimit = 0;
  return stackTraceLimit;
}

/**
 * @internal The base of the SDK's resource classes: `pulumi.dynamic.Resource`, registered without formatting a stack
 * trace for every promise @pulumi/pulumi makes.
 *
 * For each property a resource registers, @pulumi/pulumi makes four promises and stores a formatted stack trace on
 * each (`new Error().stack`, runtime/debuggable.ts), which it prints only when PULUMI_DEBUG_PROMISE_LEAKS is set.
 * Formatting a stack is the expensive part of registering (with ts-node, every frame is source-mapped), and a token
 * registers each of its outputs as a property so that it exists on the object — most of a program's time per
 * resource went there (issue #11, docs/performance.md). So the constructor runs with `Error.stackTraceLimit` at 0,
 * restored before it returns or throws; the arguments (and any error the subclass raises about them) are evaluated
 * before, with full stacks. The resource's own source position is unaffected: @pulumi/pulumi captures it with its
 * own, unlimited stack trace.
 */
export abstract class DynatraceResource extends pulumi.dynamic.Resource {
  protected constructor(
    provider: pulumi.dynamic.ResourceProvider,
    name: string,
    props: pulumi.Inputs,
    opts: pulumi.CustomResourceOptions | undefined,
    module: string,
    type: string,
  ) {
    const stackTraceLimit = stackTracesOff();
    try {
      super(provider, name, props, opts, module, type);
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}
