// Authentication (`Authorization: Api-Token …` or `?api-token=`) and scope checks.

import type { IncomingHttpHeaders } from "node:http";
import { ApiError } from "./errors";
import { missingScopeMessage } from "./scopes";
import type { RequiredScopes } from "./context";
import type { ApiTokenRecord, TokenStore } from "./store";

const API_TOKEN_SCHEME = /^Api-Token\s+(\S+)\s*$/i;

/** The presented token value, or undefined when there is none. */
export function presentedToken(headers: IncomingHttpHeaders, query: URLSearchParams): string | undefined {
  const header = headers.authorization;
  if (header) return API_TOKEN_SCHEME.exec(header)?.[1] ?? "";
  return query.get("api-token") ?? undefined;
}

/** Resolves the caller; unknown, disabled and expired tokens are all 401 and say nothing more. */
export function authenticate(store: TokenStore, presented: string | undefined, nowMs: number): ApiTokenRecord {
  if (presented === undefined) throw new ApiError(401, "Missing authorization parameter.");
  const record = store.apiTokenBySecret(presented);
  if (!record || !record.enabled || (record.expirationMs !== null && record.expirationMs <= nowMs)) {
    throw new ApiError(401, "Token Authentication failed");
  }
  return record;
}

export function authorize(caller: ApiTokenRecord, required: RequiredScopes): void {
  if (required === "any") return;
  if (required.some((scope) => caller.scopes.includes(scope))) return;
  throw new ApiError(403, missingScopeMessage(required));
}

/** Records the use on the token, as Dynatrace shows it in `lastUsedDate` / `lastUsedIpAddress`. */
export function recordUse(caller: ApiTokenRecord, nowMs: number, ip: string): void {
  caller.lastUsedMs = nowMs;
  caller.lastUsedIp = ip;
}
