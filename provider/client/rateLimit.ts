// Pacing requests by what Dynatrace says about its rate limit, shared by every request to one environment.
//
// Dynatrace limits requests per environment and tells, on its answers, how many are left in the current window
// (`X-RateLimit-Limit`, `-Remaining`, `-Reset`); on a 429 also `Retry-After`. The limiter keeps an estimate of the
// requests left, lets requests go while some are left and holds the rest until the window resets, so a large `up`
// runs at the limit instead of into it. Without those headers it gets out of the way after the first answer.

export type Headers = Readonly<Record<string, string | string[] | undefined>>;

/** A slot for one attempt of one request; `seq` orders attempts by when they were sent. */
export interface Ticket {
  seq: number;
  /** Local time the attempt was allowed to go. */
  sentAt: number;
}

export interface RateLimiterOptions {
  /** Upper bound for any single wait the server asks for. */
  readonly maxWaitMs: number;
  /** Sent after the server's reset instant, to absorb clock estimates and transit. */
  readonly marginMs?: number;
}

// Unix time now is ~1.8e9 s, ~1.8e12 ms, ~1.8e15 µs: the magnitude tells the unit apart for centuries either way.
const MICROSECONDS_FROM = 1e14;
const MILLISECONDS_FROM = 1e11;
const SECONDS_FROM = 1e8;

/**
 * The instant (server milliseconds) an `X-RateLimit-Reset` value names. Dynatrace documents a Unix timestamp in
 * microseconds, Dynatrace's own client libraries read seconds, and other gateways send milliseconds or seconds from
 * now: the magnitude tells which. `undefined` for anything that is not a non-negative number.
 */
export function parseRateLimitReset(value: string | undefined, serverNowMs: number): number | undefined {
  if (value === undefined || !/^\d+(\.\d+)?$/.test(value.trim())) return undefined;
  const n = Number(value);
  if (n >= MICROSECONDS_FROM) return n / 1000;
  if (n >= MILLISECONDS_FROM) return n;
  if (n >= SECONDS_FROM) return n * 1000;
  return serverNowMs + n * 1000; // seconds from now (the IETF RateLimit draft's form)
}

export function headerValue(headers: Headers | undefined, name: string): string | undefined {
  const value = headers?.[name];
  return Array.isArray(value) ? value[0] : value;
}

function headerNumber(headers: Headers | undefined, name: string): number | undefined {
  const value = headerValue(headers, name);
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined;
  return Number(value);
}

/**
 * The server's clock as seen from here. `Date` has whole seconds, so each answer only bounds the offset between the
 * server's clock and ours: the server's time was at least `Date` when the answer arrived and less than `Date + 1 s`
 * when the request left. Within those bounds the local clock is trusted (NTP keeps them within milliseconds, and a
 * whole-second estimate would wait up to a second too long per window); outside them, the nearest bound is used.
 */
export class ServerClockEstimate {
  #low = -Infinity;
  #high = Infinity;

  observe(serverDateMs: number, receivedMs: number = Date.now(), sentMs: number = receivedMs): void {
    const low = serverDateMs - receivedMs;
    const high = serverDateMs + 1000 - sentMs;
    if (low > this.#high || high < this.#low) {
      // Contradicts what we knew: the server's clock was set. Start again from this answer.
      this.#low = low;
      this.#high = high;
      return;
    }
    this.#low = Math.max(this.#low, low);
    this.#high = Math.min(this.#high, high);
  }

  /** The server's time now, as the local clock when the answers allow it. */
  now(localMs: number = Date.now()): number {
    return localMs + Math.min(Math.max(0, this.#low), this.#high);
  }
}
/** How long to wait after a 429, from the answer's headers: the reset instant first, then Retry-After; else undefined. */
export function serverHintedWaitMs(headers: Headers | undefined, serverNowMs: number): number | undefined {
  const reset = parseRateLimitReset(headerValue(headers, "x-ratelimit-reset"), serverNowMs);
  if (reset !== undefined && reset > serverNowMs) return reset - serverNowMs;
  const retryAfter = headerValue(headers, "retry-after");
  if (retryAfter !== undefined) {
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - serverNowMs);
  }
  return reset !== undefined ? 0 : undefined;
}

/** The pacing state of one environment: FIFO, so requests leave in the order they asked. */
export class RateLimiter {
  readonly clock = new ServerClockEstimate();
  readonly #maxWaitMs: number;
  readonly #marginMs: number;
  #seq = 0;
  readonly #inFlight = new Set<number>();
  readonly #queue: Array<(ticket: Ticket) => void> = [];
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Infinity;
  /** No answer yet: send one request alone and learn from its headers whether there is a limit. */
  #learned = false;
  /** Whether answers carry rate-limit headers at all. */
  #limited = false;
  #limit: number | undefined;
  /** Requests left in the current window, after those already sent; undefined = not known. */
  #remaining: number | undefined;
  /** Local time the current window ends; undefined = not known. */
  #windowEndsAt: number | undefined;
  /** Local time before which nothing is sent (after a 429). */
  #pausedUntil = 0;

  constructor(options: RateLimiterOptions) {
    this.#maxWaitMs = options.maxWaitMs;
    this.#marginMs = options.marginMs ?? 10;
  }

  /** Resolves when a request may be sent. */
  acquire(): Promise<Ticket> {
    return new Promise((resolve) => {
      this.#queue.push(resolve);
      this.#pump();
    });
  }

  /** Reads the server's clock off the `Date` header of the answer to `ticket`. */
  observeClock(ticket: Ticket, headers: Headers | undefined, now: number = Date.now()): void {
    const date = Date.parse(headerValue(headers, "date") ?? "");
    if (!Number.isNaN(date)) this.clock.observe(date, now, ticket.sentAt);
  }

  /**
   * Records the answer to `ticket`'s attempt (headers undefined: no answer) and lets waiting requests go. A 429 holds
   * every request to the environment for as long as the server asks, or `backoffMs` when it doesn't say.
   */
  release(ticket: Ticket, status: number | undefined, headers: Headers | undefined, backoffMs = 0): void {
    this.#inFlight.delete(ticket.seq);
    const now = Date.now();
    this.observeClock(ticket, headers, now);
    if (headers !== undefined) this.#learn(ticket, status, headers, now, backoffMs);
    this.#pump();
  }

  #learn(ticket: Ticket, status: number | undefined, headers: Headers, now: number, backoffMs: number): void {
    const serverNow = this.clock.now(now);
    const limit = headerNumber(headers, "x-ratelimit-limit");
    const remaining = headerNumber(headers, "x-ratelimit-remaining");
    const reset = parseRateLimitReset(headerValue(headers, "x-ratelimit-reset"), serverNow);
    this.#learned = true;
    if (status === 429) {
      const wait = Math.min(this.#maxWaitMs, serverHintedWaitMs(headers, serverNow) ?? backoffMs);
      this.#pausedUntil = Math.max(this.#pausedUntil, now + wait + this.#marginMs);
      this.#limited = true;
      this.#remaining = 0;
      this.#windowEndsAt = this.#pausedUntil;
      if (limit !== undefined) this.#limit = limit;
      return;
    }
    if (remaining === undefined || reset === undefined) return;
    this.#limited = true;
    if (limit !== undefined) this.#limit = limit;
    const endsAt = now + Math.min(this.#maxWaitMs, Math.max(0, reset - serverNow)) + this.#marginMs;
    // Attempts sent after this one were probably not counted in its Remaining yet.
    let sentLater = 0;
    for (const seq of this.#inFlight) if (seq > ticket.seq) sentLater++;
    const left = Math.max(0, remaining - sentLater);
    if (this.#windowEndsAt === undefined || endsAt > this.#windowEndsAt + 250) {
      // A new window (or the first one we hear of).
      this.#windowEndsAt = endsAt;
      this.#remaining = left;
    } else if (endsAt >= this.#windowEndsAt - 250) {
      // The same window: the lower count is the more recent.
      this.#remaining = Math.min(this.#remaining ?? left, left);
      this.#windowEndsAt = Math.max(this.#windowEndsAt, endsAt);
    }
    // Else an answer from a window already over: nothing to learn.
  }

  /** Hands out slots to waiting requests while the estimate allows; otherwise sleeps until it may. */
  #pump(): void {
    while (this.#queue.length > 0) {
      const waitUntil = this.#blockedUntil(Date.now());
      if (waitUntil === "answer") return; // release() pumps again
      if (waitUntil !== undefined) {
        this.#sleepUntil(waitUntil);
        return;
      }
      if (this.#remaining !== undefined) this.#remaining--;
      const ticket = { seq: ++this.#seq, sentAt: Date.now() };
      this.#inFlight.add(ticket.seq);
      this.#queue.shift()!(ticket);
    }
  }

  /** undefined: send now; a time: wait until then; "answer": wait for an answer to learn more. */
  #blockedUntil(now: number): number | "answer" | undefined {
    if (now < this.#pausedUntil) return this.#pausedUntil;
    if (!this.#learned) return this.#inFlight.size > 0 ? "answer" : undefined;
    if (!this.#limited) return undefined;
    if (this.#windowEndsAt !== undefined && now >= this.#windowEndsAt) {
      // The window is over: the new one allows the whole limit, and its end is learnt from the next answer.
      this.#windowEndsAt = undefined;
      this.#remaining = this.#limit;
    }
    if (this.#remaining === undefined || this.#remaining > 0) return undefined;
    if (this.#windowEndsAt !== undefined) return this.#windowEndsAt;
    // Used up a window whose end we don't know yet: the answers on their way will tell; with none, probe with one.
    return this.#inFlight.size > 0 ? "answer" : undefined;
  }

  #sleepUntil(at: number): void {
    if (this.#timer !== undefined && this.#timerAt <= at) return;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timerAt = at;
    this.#timer = setTimeout(
      () => {
        this.#timer = undefined;
        this.#timerAt = Infinity;
        this.#pump();
      },
      Math.max(0, at - Date.now()),
    );
  }
}
