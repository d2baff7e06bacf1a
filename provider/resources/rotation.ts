// Time, judged on the Dynatrace server's clock: `rotateBefore` (a token whose expiration is within the window is
// replaced) and expiry (an expired token is reported, never an error). The expiration can't change after creation, so
// the stored `expirationDate` output is enough: deciding costs no request per token, only one clock reading per
// environment per provider process.
import { isDynatraceApiError } from "../client/errors";
import type { DynatraceHttpClient } from "../client/http";
import { resolveCredentials } from "../config";
import { connect } from "../connection";
import { describeDuration, isRelativeDate, parseDuration, shift } from "../dates";
import * as log from "../log";

export interface RotationVerdict {
  readonly due: boolean;
  /** A sentence for the CLI output, when due. */
  readonly reason?: string;
}

export function rotationVerdict(expirationDate: string | undefined, rotateBefore: string | undefined, serverNow: Date): RotationVerdict {
  if (!expirationDate || !rotateBefore) return { due: false };
  const expiration = new Date(expirationDate);
  if (Number.isNaN(expiration.getTime())) return { due: false };
  const window = parseDuration(rotateBefore);
  const rotationStart = shift(expiration, -window.amount, window.unit);
  if (serverNow.getTime() < rotationStart.getTime()) return { due: false };
  const state = serverNow.getTime() >= expiration.getTime() ? "expired" : "expires";
  return {
    due: true,
    reason: `${state} ${expiration.toISOString()}, within rotateBefore ${rotateBefore} (${describeDuration(window)}; server time ${serverNow.toISOString()})`,
  };
}

/** True when `rotateBefore` can rotate a token requested with `requestedExpirationDate` (only a relative date can). */
export function canRotate(requestedExpirationDate: string | number | undefined): boolean {
  return requestedExpirationDate !== undefined && isRelativeDate(requestedExpirationDate);
}

/** Whether a token with this (resolved, ISO) expiration has expired at `now`; false for one that never expires. */
export function isExpired(expirationDate: string | undefined, now: Date): boolean {
  if (!expirationDate) return false;
  const ms = Date.parse(expirationDate);
  return !Number.isNaN(ms) && ms <= now.getTime();
}

/** The warning for an expired token: what happened and the ways to get a working one. */
export function expiredWarning(kind: string, name: string, id: string, expirationDate: string, serverNow: Date, requested: string | number | undefined): string {
  const relative = requested !== undefined && isRelativeDate(requested);
  const fixes = relative
    ? 'change rotationTrigger (or expirationDate) to create a new one, and add rotateBefore (e.g. "14d") so that it is replaced before it expires next time'
    : 'set a new expirationDate (best a relative one such as "now+90d", with rotateBefore "14d" so that it is replaced before it expires), or change rotationTrigger';
  return (
    `${kind} "${name}" (${id}) expired at ${expirationDate} (server time ${serverNow.toISOString()}): it no longer authenticates, ` +
    `and its \`expired\` output is true. Pulumi keeps it as it is; to get a working token, ${fixes}.`
  );
}

const clockReadings = new WeakMap<DynatraceHttpClient, Promise<Date>>();

/** The route of the clock reading, for request counts (`POST /api/v2/apiTokens/lookup` in the emulator's log). */
export const CLOCK_READING_ROUTE = "POST /api/v2/apiTokens/lookup";

/**
 * The Dynatrace server's current time for `environment`: one cheap request (a lookup of the provider's own
 * credential, which any valid token may make; its answer's `Date` header is the clock), exactly once per environment
 * per process however many tokens ask — always that one, even when another answer already carried a clock, so that
 * request counts don't depend on the order the engine calls things in. After it, the client extrapolates from the
 * latest answer. When the server can't be reached the local clock is used, with a warning.
 */
export async function serverNow(environment: string | undefined): Promise<Date> {
  const { http } = connect(environment);
  let reading = clockReadings.get(http);
  if (!reading) {
    const { apiToken } = resolveCredentials(environment);
    reading = http
      .request({
        method: "POST",
        path: "/v2/apiTokens/lookup",
        body: { token: apiToken },
        operation: "read the Dynatrace server's clock",
        idempotent: true,
        accept: [404],
      })
      .then(
        () => http.serverNow(),
        (error: unknown) => {
          // The answer still carries the server's Date when Dynatrace refused the request itself (401, 403).
          if (http.knowsServerClock) return http.serverNow();
          const detail = isDynatraceApiError(error) ? error.message : String(error);
          log.warn(`could not read the Dynatrace server's clock at ${http.envUrl} (${detail}); judging rotateBefore and expiry on this machine's clock.`);
          return new Date();
        },
      );
    clockReadings.set(http, reading);
  }
  // Extrapolate from the reading rather than reuse it: the process may live a while.
  await reading;
  return http.knowsServerClock ? http.serverNow() : new Date();
}

/**
 * `serverNow`, or this machine's clock (with a warning) when even that fails — e.g. the environment's credentials can't
 * be resolved: a diff judges time with it and must not fail over the clock alone.
 */
export async function clockFor(environment: string | undefined): Promise<Date> {
  try {
    return await serverNow(environment);
  } catch (error) {
    log.warn(`could not read the Dynatrace server's clock (${(error as Error).message}); using this machine's clock.`);
    return new Date();
  }
}
