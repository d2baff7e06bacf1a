// One HTTP client per Dynatrace environment and credential, kept for the life of the provider process so that
// connections are reused across resources, and one request pacer per environment: Dynatrace limits requests per
// environment, whichever token makes them.
import { ActiveGateTokensClient } from "./client/activeGateTokens";
import { ApiTokensClient } from "./client/apiTokens";
import { DEFAULT_RETRY_POLICY, DynatraceHttpClient, type RetryPolicy, type Timeouts } from "./client/http";
import { RateLimiter } from "./client/rateLimit";
import { resolveCredentials } from "./config";

export interface Connection {
  readonly http: DynatraceHttpClient;
  readonly apiTokens: ApiTokensClient;
  readonly activeGateTokens: ActiveGateTokensClient;
}

export interface ConnectionDefaults {
  readonly retry?: Partial<RetryPolicy>;
  readonly timeouts?: Partial<Timeouts>;
}

const connections = new Map<string, Connection>();
const limiters = new Map<string, RateLimiter>();
let defaults: ConnectionDefaults = {};

/** Overrides retry and timeout settings for connections made from now on (tests use short backoffs). */
export function setConnectionDefaults(value: ConnectionDefaults): void {
  defaults = value;
}

/** The connection for `environment` (see `resolveCredentials`); throws a `ConfigError` when none is configured. */
export function connect(environment?: string): Connection {
  const credentials = resolveCredentials(environment);
  const key = `${credentials.envUrl}\n${credentials.apiToken}`;
  let connection = connections.get(key);
  if (!connection) {
    let limiter = limiters.get(credentials.envUrl);
    if (!limiter) {
      limiter = new RateLimiter({ maxWaitMs: defaults.retry?.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs });
      limiters.set(credentials.envUrl, limiter);
    }
    const http = new DynatraceHttpClient({
      envUrl: credentials.envUrl,
      apiToken: credentials.apiToken,
      credentialSource: { description: credentials.source, configKey: credentials.configKey },
      ...defaults,
      limiter,
    });
    connection = { http, apiTokens: new ApiTokensClient(http), activeGateTokens: new ActiveGateTokensClient(http) };
    connections.set(key, connection);
  }
  return connection;
}

/** The server's clock if any connection to `environment` has heard from it, else the local clock; never calls the API. */
export function knownServerNow(environment?: string): Date {
  try {
    return connect(environment).http.serverNow();
  } catch {
    // No credentials yet: check reports that separately; validating dates against the local clock is fine meanwhile.
    return new Date();
  }
}

export async function closeConnections(): Promise<void> {
  const all = [...connections.values()];
  connections.clear();
  limiters.clear();
  await Promise.all(all.map((c) => c.http.close()));
}
