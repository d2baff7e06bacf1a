// Creating a token is not idempotent, and the API returns the secret only in the answer to the create. When that
// answer is lost (connection dropped after sending, 502/504), the token may exist without anyone holding its secret.
// Such an orphan is useless, so it is found and deleted before the create is tried again: no duplicates are left.
//
// Names are not unique in Dynatrace, so an orphan is recognised by everything we asked for — same name, same
// settings (scopes, personal-access flag / ActiveGate type), same owner as the configured token — and a creation
// date inside the window of the failed attempt, measured on the server's clock. Another client creating an identical
// token with the same credentials within those few seconds is the only case this could mistake; that is accepted.
import { setTimeout as sleep } from "node:timers/promises";
import { isDynatraceApiError } from "./errors";
import type { DynatraceHttpClient } from "./http";

export interface CreateOnceSteps<Created, Candidate extends { id: string; creationDate?: string | undefined }> {
  readonly http: DynatraceHttpClient;
  /** The POST. */
  create(): Promise<Created>;
  /** Tokens that match what `create` asked for (any creation date). */
  listMatching(): Promise<Candidate[]>;
  /** Deletes an orphan (404 = already gone). */
  remove(id: string): Promise<void>;
  /** Attempts in total, default 4. */
  readonly attempts?: number;
  /** Wait before looking for an orphan, so a request still being processed has finished (ms, default 1 s). */
  readonly settleMs?: number;
}

/** Slack for the `Date` header's one-second resolution and for clock skew between API nodes. */
const WINDOW_SLACK_MS = 5 * 1000; // 5 s

export async function createOnce<Created, Candidate extends { id: string; creationDate?: string | undefined }>(
  steps: CreateOnceSteps<Created, Candidate>,
): Promise<{ created: Created; orphansRemoved: string[] }> {
  const attempts = steps.attempts ?? 4;
  const orphansRemoved: string[] = [];
  for (let attempt = 1; ; attempt++) {
    const localStart = Date.now();
    let lost: unknown;
    try {
      return { created: await steps.create(), orphansRemoved };
    } catch (error) {
      if (!isDynatraceApiError(error, "UNKNOWN_OUTCOME")) throw error;
      lost = error;
    }
    await sleep((steps.settleMs ?? 1000) * attempt);
    const candidates = await steps.listMatching();
    // The list answer just set the server clock; translate the attempt's start onto it.
    const windowStart = steps.http.serverNow().getTime() - (Date.now() - localStart) - WINDOW_SLACK_MS;
    for (const candidate of candidates) {
      const created = candidate.creationDate ? Date.parse(candidate.creationDate) : Number.NaN;
      if (!Number.isNaN(created) && created >= windowStart) {
        await steps.remove(candidate.id);
        orphansRemoved.push(candidate.id);
      }
    }
    // Out of attempts: fail, but only after the last attempt's orphan is gone too — the engine records no token, so
    // the next `pulumi up` creates one, and an orphan left now would become a duplicate then.
    if (attempt >= attempts) throw lost;
  }
}
