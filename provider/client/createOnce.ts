// Creating a token is not idempotent, and the API returns the secret only in the answer to the create. When that
// answer is lost (connection dropped after sending, 502/504), the token may exist without anyone holding its secret.
// Such an orphan is useless, so it is found and deleted before the create is tried again: no duplicates are left.
//
// Recovery is exact: every attempt POSTs under its own marked name (see createMarker.ts), whose nonce no other
// attempt, resource, stack or user can carry. After a lost answer, only a token bearing *that attempt's* marker is
// deleted — never a same-named sibling, whatever its settings or creation time.
import { setTimeout as sleep } from "node:timers/promises";
import { engineGone, operationsCancelled, watchEngine } from "../engineWatch";
import { markedName, markerOf, newMarker, type CreateMarker } from "./createMarker";
import { DynatraceApiError, isDynatraceApiError, type DynatraceErrorCode } from "./errors";

export interface CreateOnceSteps<Created> {
  /** The requested name; each attempt POSTs it with its own marker. */
  readonly name: string;
  /** The tag of the stack the token is created for (see createMarker.ts). */
  readonly stackTag: string;
  /** What is being created, for messages: `API token`, `ActiveGate token`. */
  readonly kind: string;
  /** The POST, under the marked name given. */
  create(markedName: string): Promise<Created>;
  /** Tokens that may carry the nonce (at least every token of the configured owner with this kind), with names. */
  list(): Promise<Array<{ id: string; name?: string | undefined }>>;
  /** Deletes an orphan (404 = already gone). */
  remove(id: string): Promise<void>;
  /** Attempts in total, default 4. */
  readonly attempts?: number;
  /** Wait before looking for an orphan, so a request still being processed has finished (ms, default 1 s). */
  readonly settleMs?: number;
}

export interface CreatedOnce<Created> {
  readonly created: Created;
  /** The name the token was created under (the requested name with this attempt's marker). */
  readonly postedName: string;
  readonly marker: CreateMarker;
  /** Tokens of earlier, lost attempts of this create that were deleted. */
  readonly orphansRemoved: string[];
}

export async function createOnce<Created>(steps: CreateOnceSteps<Created>): Promise<CreatedOnce<Created>> {
  watchEngine();
  const attempts = steps.attempts ?? 4;
  const orphansRemoved: string[] = [];
  for (let attempt = 1; ; attempt++) {
    // A killed `pulumi up` must not go on creating tokens whose answers nobody will store, nor a cancelled one.
    if (operationsCancelled() || (await engineGone())) {
      const why = operationsCancelled() ? "the Pulumi operation that asked for it was cancelled" : "the Pulumi engine that asked for it has exited";
      throw new DynatraceApiError(`Not creating ${steps.kind} "${steps.name}": ${why}.`, {
        code: "NETWORK",
        operation: `create ${steps.kind}`,
      });
    }
    const marker = newMarker(steps.stackTag);
    const postedName = markedName(steps.name, marker);
    let lost: unknown;
    try {
      return { created: await steps.create(postedName), postedName, marker, orphansRemoved };
    } catch (error) {
      if (!isDynatraceApiError(error, "UNKNOWN_OUTCOME")) throw error;
      lost = error;
    }
    await sleep((steps.settleMs ?? 1000) * attempt);
    orphansRemoved.push(...(await removeAttempt(steps, marker, postedName)));
    // Out of attempts: fail, but only after the last attempt's orphan is gone too — the engine records no token, so
    // the next `pulumi up` creates one, and an orphan left now would become a duplicate then.
    if (attempt >= attempts) throw lost;
  }
}

const TRANSIENT: readonly DynatraceErrorCode[] = ["RATE_LIMITED", "SERVER_ERROR", "NETWORK"];

/** Looks for the lost attempt's token, patiently: while it is unknown whether one exists, creating again is unsafe. */
async function removeAttempt<Created>(steps: CreateOnceSteps<Created>, marker: CreateMarker, postedName: string): Promise<string[]> {
  const tries = 3;
  for (let i = 1; ; i++) {
    try {
      const removed: string[] = [];
      for (const candidate of await steps.list()) {
        if (markerOf(candidate.name)?.nonce !== marker.nonce) continue;
        await steps.remove(candidate.id);
        removed.push(candidate.id);
      }
      return removed;
    } catch (error) {
      const transient = TRANSIENT.some((code) => isDynatraceApiError(error, code));
      if (!transient || i >= tries) {
        throw new DynatraceApiError(
          `The answer to creating ${steps.kind} "${steps.name}" was lost, and checking whether it took effect failed too ` +
            `(${(error as Error).message}). If it did, the token is named "${postedName}"; \`dt-tokens recover\` finds and deletes it.`,
          { code: "UNKNOWN_OUTCOME", operation: `create ${steps.kind}`, cause: error },
        );
      }
      await sleep((steps.settleMs ?? 1000) * 2 ** i);
    }
  }
}
