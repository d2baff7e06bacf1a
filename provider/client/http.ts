// HTTP plumbing for the Dynatrace API: one keep-alive pool per environment, timeouts, and retries composed as an
// undici interceptor so that no CRUD method ever loops or sleeps on its own.
import { Pool, interceptors, type Dispatcher } from "undici";
import { operationsCancelled } from "../engineWatch";
import { redact } from "../redact";
import { DynatraceApiError, errorFromStatus, type CredentialSource } from "./errors";
import { RateLimiter, headerValue, serverHintedWaitMs, type Ticket } from "./rateLimit";

export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** First backoff step; doubles per retry. */
  readonly minDelayMs: number;
  /** Upper bound for any single wait, including one asked for by Retry-After / X-RateLimit-Reset. */
  readonly maxDelayMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 6,
  minDelayMs: 500, // 0.5 s
  maxDelayMs: 60 * 1000, // 60 s
};

export interface Timeouts {
  readonly connectMs: number;
  readonly headersMs: number;
  readonly bodyMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = {
  connectMs: 10 * 1000, // 10 s
  headersMs: 60 * 1000, // 60 s: Dynatrace queues a request up to 10 s before it answers 429
  bodyMs: 60 * 1000, // 60 s
};

export interface HttpClientOptions {
  /** Environment base URL, e.g. `https://abc12345.live.dynatrace.com`; the API lives under `/api`. */
  readonly envUrl: string;
  readonly apiToken: string;
  /** Where `apiToken` came from, named by a 401 error. */
  readonly credentialSource?: CredentialSource | undefined;
  readonly retry?: Partial<RetryPolicy>;
  readonly timeouts?: Partial<Timeouts>;
  /** The pacing shared by every client of this environment (see connection.ts); a client of its own by default. */
  readonly limiter?: RateLimiter;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

export interface ApiRequest {
  readonly method: HttpMethod;
  /** Path below `{envUrl}/api`, e.g. `/v2/apiTokens`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  readonly body?: unknown;
  /** What the caller is doing, for error messages (`create API token`). */
  readonly operation: string;
  /** The identifier of the token concerned, for error messages. */
  readonly tokenId?: string | undefined;
  /**
   * Whether repeating the request is harmless. Defaults to true for everything but POST. A non-idempotent request is
   * retried only when the server certainly did not act on it (429, connection refused); any other failure becomes
   * an `UNKNOWN_OUTCOME` error for the caller to reconcile.
   */
  readonly idempotent?: boolean;
  /** Statuses handed back to the caller instead of thrown (e.g. 404 on delete). */
  readonly accept?: readonly number[];
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly text: string;
  /** The server's clock when it answered, from the `Date` header. */
  readonly serverDate: Date | undefined;
}

const RETRYABLE_STATUSES = [429, 502, 503, 504];
// Network failures after which the server may or may not have acted on the request.
const AMBIGUOUS_NETWORK_ERRORS = [
  "ECONNRESET",
  "EPIPE",
  "UND_ERR_SOCKET",
  "UND_ERR_HEADERS_TIMEOUT",
  "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
];
// Network failures that happen before a request leaves the machine.
const UNSENT_NETWORK_ERRORS = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "ENETUNREACH", "EHOSTUNREACH", "UND_ERR_CONNECT_TIMEOUT"];

interface RetryOptions {
  readonly methods: string[];
  readonly statusCodes: number[];
  readonly errorCodes: string[];
}

/** The limiter slot of the attempt in flight; a retry trades it for a new one. */
interface LimiterSlot {
  ticket: Ticket;
  released: boolean;
}

/**
 * How long to wait before retry number `attempt` (1-based), honouring the server's own hints first: the
 * `X-RateLimit-Reset` instant (read by its magnitude: s, ms or µs), then `Retry-After`, then exponential backoff.
 * `serverNowMs` is the server's clock (by default from the answer's `Date` header), since the reset is on its clock.
 */
export function retryDelayMs(
  headers: Readonly<Record<string, string | string[] | undefined>> | undefined,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
  serverNowMs: number = parseHttpDate(headerValue(headers, "date")) ?? Date.now(),
): number {
  const hinted = serverHintedWaitMs(headers, serverNowMs);
  if (hinted !== undefined) return Math.min(policy.maxDelayMs, hinted + jitter(hinted, random));
  const ceiling = Math.min(policy.maxDelayMs, policy.minDelayMs * 2 ** (attempt - 1));
  // Equal jitter: at least half the step, so retries still back off, and a random rest so clients spread out.
  return ceiling / 2 + random() * (ceiling / 2);
}

function jitter(baseMs: number, random: () => number): number {
  return random() * Math.min(250, baseMs * 0.1);
}

function parseHttpDate(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

interface RetryError extends Error {
  readonly statusCode?: number;
  readonly code?: string;
  readonly headers?: Record<string, string | string[] | undefined>;
}

type RetryCallback = (err?: Error | null) => void;
// undici keeps only its own keys of retryOptions, but hands the retry callback every other dispatch option.
type RetryState = { state: { counter: number }; opts: { method: string; retryOptions: RetryOptions; limiterSlot: LimiterSlot } };

function retryDecider(policy: RetryPolicy, limiter: RateLimiter) {
  return (err: RetryError, { state, opts }: RetryState, callback: RetryCallback): void => {
    const { methods, statusCodes, errorCodes } = opts.retryOptions;
    const slot = opts.limiterSlot;
    const isStatus = err.code === "UND_ERR_REQ_RETRY" && err.statusCode !== undefined;
    const headers = isStatus ? err.headers : undefined;
    const retryable =
      methods.includes(opts.method) &&
      state.counter <= policy.maxRetries &&
      (isStatus ? statusCodes.includes(err.statusCode as number) : err.code !== undefined && errorCodes.includes(err.code));
    limiter.observeClock(slot.ticket, headers);
    const delay = retryable ? retryDelayMs(headers, state.counter, policy, Math.random, limiter.clock.now()) : 0;
    // Every answer teaches the limiter, a 429 most of all; the retry then waits for a slot like any request.
    limiter.release(slot.ticket, isStatus ? err.statusCode : undefined, headers, delay);
    slot.released = true;
    if (!retryable) {
      callback(err);
      return;
    }
    setTimeout(() => {
      void limiter.acquire().then((ticket) => {
        slot.ticket = ticket;
        slot.released = false;
        callback(null);
      });
    }, delay);
  };
}

export class DynatraceHttpClient {
  readonly envUrl: string;
  readonly #apiBase: URL;
  readonly #apiToken: string;
  readonly #credentialSource: CredentialSource | undefined;
  readonly #pool: Pool;
  readonly #dispatcher: Dispatcher;
  readonly #limiter: RateLimiter;
  #serverClock: { serverMs: number; localMs: number } | undefined;

  constructor(options: HttpClientOptions) {
    const policy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
    const timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.envUrl = options.envUrl.replace(/\/+$/, "");
    this.#apiBase = new URL(`${this.envUrl}/api`);
    this.#apiToken = options.apiToken;
    this.#credentialSource = options.credentialSource;
    this.#limiter = options.limiter ?? new RateLimiter({ maxWaitMs: policy.maxDelayMs });
    this.#pool = new Pool(this.#apiBase.origin, {
      connect: { timeout: timeouts.connectMs },
      headersTimeout: timeouts.headersMs,
      bodyTimeout: timeouts.bodyMs,
      keepAliveTimeout: 10 * 1000, // 10 s
      connections: 8,
    });
    this.#dispatcher = this.#pool.compose(
      interceptors.retry({
        retry: retryDecider(policy, this.#limiter) as never,
        // Hand the last failed answer to us instead of throwing, so its error body can be reported.
        throwOnError: false,
        maxRetries: policy.maxRetries,
      }),
    );
  }

  /** The server's current time, extrapolated from the `Date` header of the last answer; the local clock before any. */
  serverNow(): Date {
    const clock = this.#serverClock;
    return new Date(clock ? clock.serverMs + (Date.now() - clock.localMs) : Date.now());
  }

  /** True once an answer carried a `Date` header, i.e. once `serverNow()` follows the server's clock. */
  get knowsServerClock(): boolean {
    return this.#serverClock !== undefined;
  }

  async request(req: ApiRequest): Promise<ApiResponse> {
    const idempotent = req.idempotent ?? req.method !== "POST";
    // After the engine's Cancel, nothing that can't be repeated is started (a create, a rotation step).
    if (!idempotent && operationsCancelled()) {
      throw new DynatraceApiError(`Not sending the request to ${req.operation}: the Pulumi operation was cancelled.`, {
        code: "NETWORK",
        operation: req.operation,
        tokenId: req.tokenId,
      });
    }
    const slot: LimiterSlot = { ticket: await this.#limiter.acquire(), released: false };
    const retryOptions: RetryOptions = idempotent
      ? { methods: [req.method], statusCodes: RETRYABLE_STATUSES, errorCodes: [...AMBIGUOUS_NETWORK_ERRORS, ...UNSENT_NETWORK_ERRORS] }
      : { methods: [req.method], statusCodes: [429], errorCodes: UNSENT_NETWORK_ERRORS };
    const path = `${this.#apiBase.pathname.replace(/\/+$/, "")}${req.path}${queryString(req.query)}`;

    let status: number;
    let headers: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const res = await this.#dispatcher.request({
        method: req.method,
        path,
        headers: {
          authorization: `Api-Token ${this.#apiToken}`,
          accept: "application/json",
          ...(req.body === undefined ? {} : { "content-type": "application/json; charset=utf-8" }),
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        retryOptions,
        limiterSlot: slot,
      } as Dispatcher.RequestOptions);
      status = res.statusCode;
      headers = res.headers;
      if (!slot.released) this.#limiter.release(slot.ticket, status, headers);
      slot.released = true;
      text = await res.body.text();
    } catch (cause) {
      if (!slot.released) this.#limiter.release(slot.ticket, undefined, undefined);
      slot.released = true;
      throw networkError(req, idempotent, cause, this.envUrl);
    }

    const serverDate = parseHttpDate(headerValue(headers, "date"));
    if (serverDate !== undefined) this.#serverClock = { serverMs: serverDate, localMs: Date.now() };

    const response: ApiResponse = {
      status,
      headers,
      text,
      serverDate: serverDate === undefined ? undefined : new Date(serverDate),
    };
    if ((status >= 200 && status < 300) || req.accept?.includes(status)) return response;

    if (!idempotent && status !== 429 && status >= 500) {
      throw new DynatraceApiError(
        `Could not ${req.operation}: Dynatrace answered ${status}, so it is unknown whether the request took effect.`,
        { code: "UNKNOWN_OUTCOME", operation: req.operation, status, tokenId: req.tokenId },
      );
    }
    throw errorFromStatus({
      operation: req.operation,
      status,
      body: text,
      tokenId: req.tokenId,
      envUrl: this.envUrl,
      credentialSource: this.#credentialSource,
      requestBody: req.body,
    });
  }

  async close(): Promise<void> {
    await this.#pool.close();
  }
}

function networkError(req: ApiRequest, idempotent: boolean, cause: unknown, envUrl: string): DynatraceApiError {
  const code = (cause as { code?: unknown })?.code;
  const detail = cause instanceof Error ? `${cause.message}${typeof code === "string" ? ` (${code})` : ""}` : String(cause);
  const unsent = typeof code === "string" && UNSENT_NETWORK_ERRORS.includes(code);
  if (!idempotent && !unsent) {
    return new DynatraceApiError(
      `Could not ${req.operation}: the connection to ${envUrl} failed after the request was sent (${detail}), so it is unknown whether it took effect.`,
      { code: "UNKNOWN_OUTCOME", operation: req.operation, tokenId: req.tokenId, cause },
    );
  }
  return new DynatraceApiError(`Could not ${req.operation}: no answer from ${envUrl} (${redact(detail)}).`, {
    code: "NETWORK",
    operation: req.operation,
    tokenId: req.tokenId,
    cause,
  });
}

function queryString(query: ApiRequest["query"]): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}
