// Per-environment request throttling: a fixed window of `limit` requests per `windowMs`, on the emulator's clock.

export interface RateLimitConfig {
  limit: number;
  windowMs: number;
}

export interface RateLimitDecision {
  limited: boolean;
  headers: Record<string, string>;
}

export class RateLimiter {
  private config: RateLimitConfig | undefined;
  private windowStartMs = 0;
  private count = 0;

  constructor(config?: RateLimitConfig) {
    this.configure(config);
  }

  configure(config: RateLimitConfig | undefined): void {
    if (config && (!Number.isInteger(config.limit) || config.limit < 1 || !(config.windowMs > 0))) {
      throw new RangeError("rate limit needs an integer limit >= 1 and windowMs > 0");
    }
    this.config = config;
    this.count = 0;
    this.windowStartMs = 0;
  }

  get current(): RateLimitConfig | undefined {
    return this.config;
  }

  /** Counts the request; headers carry X-RateLimit-Reset in microseconds, as Dynatrace documents it. */
  take(nowMs: number): RateLimitDecision | undefined {
    const config = this.config;
    if (!config) return undefined;
    if (nowMs >= this.windowStartMs + config.windowMs || nowMs < this.windowStartMs) {
      this.windowStartMs = nowMs;
      this.count = 0;
    }
    const resetMs = this.windowStartMs + config.windowMs;
    const limited = this.count >= config.limit;
    if (!limited) this.count++;
    const headers: Record<string, string> = {
      "X-RateLimit-Limit": String(config.limit),
      "X-RateLimit-Remaining": String(Math.max(0, config.limit - this.count)),
      "X-RateLimit-Reset": String(resetMs * 1000),
    };
    if (limited) headers["Retry-After"] = String(Math.max(1, Math.ceil((resetMs - nowMs) / 1000)));
    return { limited, headers };
  }
}

/** Headers for a 429 that a fault rule forced, outside any configured window. */
export function forcedRateLimitHeaders(nowMs: number, config: RateLimitConfig | undefined, retryAfterSeconds: number): Record<string, string> {
  return {
    "X-RateLimit-Limit": String(config?.limit ?? 0),
    "X-RateLimit-Remaining": "0",
    "X-RateLimit-Reset": String((nowMs + retryAfterSeconds * 1000) * 1000),
    "Retry-After": String(retryAfterSeconds),
  };
}
