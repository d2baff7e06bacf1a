// What a route handler sees and returns.

import type { ApiChanges } from "./apiChanges";
import type { OffsetClock } from "./clock";
import type { ApiTokenRecord, TokenStore } from "./store";

export interface EmulatorEnvironment {
  readonly store: TokenStore;
  readonly clock: OffsetClock;
  /** Scopes and enum values of a newer Dynatrace (see apiChanges.ts). */
  readonly apiChanges: ApiChanges;
  readonly envId: string;
  /** The environment's base URL as the client reached it (SaaS form or `/e/<envId>`). */
  readonly baseUrl: string;
}

export interface RequestContext {
  readonly env: EmulatorEnvironment;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly body: unknown;
  /** The token that authenticated the request. */
  readonly caller: ApiTokenRecord;
  readonly nowMs: number;
}

export interface ApiResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** Scopes that may authorise the route (any one of them), or "any" for any valid token. */
export type RequiredScopes = readonly string[] | "any";

export interface Route {
  readonly method: HttpMethod;
  /** Path below `/api`, with `{param}` placeholders, e.g. `/v2/apiTokens/{id}`. */
  readonly path: string;
  readonly scopes: RequiredScopes;
  handle(ctx: RequestContext): ApiResponse;
}
