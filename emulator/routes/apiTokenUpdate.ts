// What v1 and v2 share when they create, change or delete a token: the one store behind both APIs
// changes the same way whichever path the request came by.
import type { ApiResponse, RequestContext } from "../context";
import { ApiError, badRequest } from "../errors";
import { scopeViolations, uniqueScopes } from "../scopes";
import type { ApiTokenRecord } from "../store";
import { newApiTokenValue } from "../tokenFormat";

export interface TokenChange {
  name?: string | undefined;
  scopes?: string[] | undefined;
  enabled?: boolean | undefined;
}

/** Validates and applies a name/scopes/enabled change; `nowMs` stamps `modifiedDate` when name or scopes change. */
export function applyTokenChange(t: ApiTokenRecord, change: TokenChange, nowMs: number, isExtraScope?: (scope: string) => boolean): void {
  if (change.scopes !== undefined) {
    const violations = scopeViolations(change.scopes, { personalAccessToken: t.personalAccessToken, isExtraScope });
    if (violations.length > 0) throw badRequest(violations);
  }
  let modified = false;
  if (change.name !== undefined && change.name !== t.name) {
    t.name = change.name;
    modified = true;
  }
  if (change.scopes !== undefined) {
    // The API replaces the whole scope set; a scope missing from the payload is removed.
    const scopes = uniqueScopes(change.scopes);
    if (scopes.length !== t.scopes.length || scopes.some((s) => !t.scopes.includes(s))) modified = true;
    t.scopes = scopes;
  }
  // Enabling or disabling is not a modification as far as modifiedDate is concerned.
  if (change.enabled !== undefined) t.enabled = change.enabled;
  if (modified) t.modifiedMs = nowMs;
}

/** DELETE by either API; the token a request authenticates with can't delete itself. */
export function deleteToken(ctx: RequestContext, t: ApiTokenRecord): ApiResponse {
  if (t.id === ctx.caller.id) throw new ApiError(400, "You can't delete the token you're using for authentication of the request.");
  ctx.env.store.deleteApiToken(t.id);
  return { status: 204 };
}

export interface NewToken {
  name: string;
  scopes: string[];
  personalAccessToken: boolean;
  expirationMs: number | null;
}

/** Stores a new, enabled token owned by the caller's owner; returns its id and its only-ever-shown secret. */
export function createToken(ctx: RequestContext, fields: NewToken): { id: string; token: string } {
  const { id, token } = newApiTokenValue();
  ctx.env.store.addApiToken({
    id,
    secret: token,
    name: fields.name,
    enabled: true,
    personalAccessToken: fields.personalAccessToken,
    owner: ctx.caller.owner,
    creationMs: ctx.nowMs,
    expirationMs: fields.expirationMs,
    lastUsedMs: null,
    lastUsedIp: null,
    modifiedMs: ctx.nowMs,
    scopes: uniqueScopes(fields.scopes),
    seq: ctx.env.store.nextSeq(),
  });
  return { id, token };
}
