// API tokens v1 (deprecated) — /api/v1/tokens, over the same store as v2.

import { z } from "zod";
import { isStorableMs } from "../dates";
import { ApiError, badQuery, badRequest, notFound, violation } from "../errors";
import { scopeViolations } from "../scopes";
import type { ApiTokenRecord } from "../store";
import { nameField, optionalBoolean, parseBody, scopesField, typeError } from "../validation";
import type { ApiResponse, RequestContext, Route } from "../context";
import { tokenMetadataView } from "./apiTokenPresenter";
import { applyTokenChange, createToken, deleteToken } from "./apiTokenUpdate";

const SCOPE = ["TenantTokenManagement"] as const;
const NOT_FOUND = "The requested token has not been found.";

const UNIT_MS = { DAYS: 86_400_000, HOURS: 3_600_000, MINUTES: 60_000, SECONDS: 1000, MILLIS: 1 } as const;

const createSchema = z.object({
  name: nameField,
  scopes: scopesField,
  expiresIn: z
    .object(
      {
        value: z.number({ error: typeError("an integer") }).int("must be an integer"),
        unit: z.enum(["DAYS", "HOURS", "MINUTES", "SECONDS", "MILLIS"], { error: "must be one of DAYS, HOURS, MINUTES, SECONDS, MILLIS" }).optional(),
      },
      { error: typeError("an object {value, unit}") },
    )
    .optional(),
});

const updateSchema = z.object({
  name: nameField.optional(),
  revoked: optionalBoolean,
  scopes: scopesField.optional(),
});

const lookupSchema = z.object({ token: z.string({ error: "must not be null" }) });

function integerParam(query: URLSearchParams, name: string): number | null {
  const raw = query.get(name);
  if (raw === null || raw === "") return null;
  if (!/^-?\d+$/.test(raw)) throw badQuery(name, "must be an integer");
  return Number(raw);
}

function list(ctx: RequestContext): ApiResponse {
  const q = ctx.query;
  const limit = integerParam(q, "limit") ?? 1000;
  if (limit < 1 || limit > 1_000_000) throw badQuery("limit", "must be between 1 and 1000000");
  const user = q.get("user");
  const permissions = q.getAll("permissions").flatMap((p) => p.split(",")).filter((p) => p.length > 0);
  const from = integerParam(q, "from");
  const to = integerParam(q, "to");
  const values: Array<{ id: string; name: string }> = [];
  for (const t of ctx.env.store.apiTokens.values()) {
    if (user !== null && t.owner !== user) continue;
    if (!permissions.every((p) => t.scopes.includes(p))) continue;
    if (from !== null && (t.lastUsedMs === null || t.lastUsedMs < from)) continue;
    if (to !== null && (t.lastUsedMs === null || t.lastUsedMs > to)) continue;
    values.push({ id: t.id, name: t.name });
    if (values.length >= limit) break;
  }
  return { status: 200, body: { values } };
}

function create(ctx: RequestContext): ApiResponse {
  const body = parseBody(createSchema, ctx.body);
  const violations = scopeViolations(body.scopes, { personalAccessToken: false, isExtraScope: (s) => ctx.env.apiChanges.isExtraScope(s) });
  if (violations.length > 0) throw badRequest(violations);
  let expirationMs: number | null = null;
  if (body.expiresIn) {
    const lifetime = body.expiresIn.value * UNIT_MS[body.expiresIn.unit ?? "MILLIS"];
    if (lifetime <= 0) throw badRequest([violation("expiresIn.value", "must be greater than 0")]);
    expirationMs = ctx.nowMs + lifetime;
    if (!isStorableMs(expirationMs)) throw badRequest([violation("expiresIn.value", "is too large: the token would expire after 9999-12-31")]);
  }
  const { token } = createToken(ctx, { name: body.name, scopes: body.scopes, personalAccessToken: false, expirationMs });
  return { status: 201, body: { token } };
}

function target(ctx: RequestContext): ApiTokenRecord {
  const t = ctx.env.store.apiTokenByIdOrSecret(ctx.params.id ?? "");
  if (!t) throw notFound(NOT_FOUND);
  return t;
}

function get(ctx: RequestContext): ApiResponse {
  return { status: 200, body: tokenMetadataView(target(ctx)) };
}

function update(ctx: RequestContext): ApiResponse {
  const t = target(ctx);
  if (t.id === ctx.caller.id) throw new ApiError(400, "You can't update the token you're using for authentication of the request.");
  const body = parseBody(updateSchema, ctx.body);
  applyTokenChange(t, { name: body.name, scopes: body.scopes, enabled: body.revoked === undefined ? undefined : !body.revoked }, ctx.nowMs, (s) =>
    ctx.env.apiChanges.isExtraScope(s),
  );
  ctx.env.store.changed();
  return { status: 204 };
}

function remove(ctx: RequestContext): ApiResponse {
  return deleteToken(ctx, target(ctx));
}

function lookup(ctx: RequestContext): ApiResponse {
  const body = parseBody(lookupSchema, ctx.body);
  const t = ctx.env.store.apiTokenBySecret(body.token);
  if (!t) throw notFound(NOT_FOUND);
  return { status: 200, body: tokenMetadataView(t) };
}

export const apiTokensV1Routes: Route[] = [
  { method: "GET", path: "/v1/tokens", scopes: SCOPE, handle: list },
  { method: "POST", path: "/v1/tokens", scopes: SCOPE, handle: create },
  { method: "POST", path: "/v1/tokens/lookup", scopes: "any", handle: lookup },
  { method: "GET", path: "/v1/tokens/{id}", scopes: SCOPE, handle: get },
  { method: "PUT", path: "/v1/tokens/{id}", scopes: SCOPE, handle: update },
  { method: "DELETE", path: "/v1/tokens/{id}", scopes: SCOPE, handle: remove },
];
