// Errors whose message is the whole story for a user. @pulumi/pulumi's dynamic-provider host prints
// `${error}: ${error.stack}` for whatever check, diff, read and delete throw, so a sentence such as "API token … was
// deleted outside Pulumi. Run `pulumi refresh` …" reached the CLI followed by a JavaScript stack trace. For the errors
// this package raises on purpose the stack says nothing the sentence doesn't, so it is cut; any other error (a bug)
// keeps its stack for the report. The engine shows what the host prints under the stack, and the sentence again
// under the resource: with the stack made the sentence and the error's text the package's name, that first line
// reads `pulumi-dynatrace-tokens: <sentence>`. (The provider stub in sdk/providerStub.ts does the same, inline.)
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { DynatraceApiError } from "./client/errors";
import { ConfigError } from "./config";

/** A problem with the program's inputs that only shows after `check` (e.g. in `diff`); the message says the fix. */
export class InputError extends Error {
  readonly code = "INPUT_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "InputError";
  }
}

/** Error classes raised on purpose, with a sentence a user can act on (`code` is stable, see each class). */
const SENTENCE_ERRORS: ReadonlyArray<abstract new (...args: never[]) => Error> = [DynatraceApiError, ConfigError, InputError];

/** Marks further classes (kept beside their resource) as sentence errors. */
export function isSentenceError(error: unknown, extra: ReadonlyArray<abstract new (...args: never[]) => Error> = []): error is Error {
  return [...SENTENCE_ERRORS, ...extra].some((kind) => error instanceof kind);
}

/**
 * `error`, printed by the dynamic-provider host as `pulumi-dynatrace-tokens: <its message>`; `message` is kept.
 * Idempotent: one error can reach many calls (a refresh's shared token list rejected with a 401 fails every read
 * waiting on it), and each call passes it through here again.
 */
export function sentenceOnly<E extends Error>(error: E): E {
  Object.defineProperty(error, "toString", { value: () => "pulumi-dynatrace-tokens", enumerable: false, configurable: true });
  error.stack = error.message;
  return error;
}

/**
 * `error` as told by a `read`, the refresh step of either face (`pulumi refresh`, `up --refresh`): a rejected
 * credential's way out differs there (see PulumiStep); any other error is itself.
 */
export function asReadError(error: unknown): unknown {
  return error instanceof DynatraceApiError ? error.in("refresh") : error;
}

/** `provider` with the stack cut from the sentence errors its methods throw, and `read`'s told as a refresh's. */
export function withSentenceErrors<P extends dynamic.ResourceProvider>(
  provider: P,
  extra: ReadonlyArray<abstract new (...args: never[]) => Error> = [],
): P {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(provider)) {
    wrapped[name] =
      typeof method === "function"
        ? async (...args: unknown[]) => {
            try {
              return await (method as (...a: unknown[]) => unknown).apply(provider, args);
            } catch (error) {
              // `read` is the refresh step, whose way out of a rejected credential differs (see PulumiStep).
              const told = name === "read" ? asReadError(error) : error;
              throw isSentenceError(told, extra) ? sentenceOnly(told) : told;
            }
          }
        : method;
  }
  return wrapped as P;
}
