// API tokens v2 — /api/v2/apiTokens: list, create, lookup, get, update, delete.

import { z } from "zod";
import { formatIso } from "../dates";
import { ApiError, badRequest, notFound } from "../errors";
import { decodePageKey, encodePageKey, parsePageSize, rejectParamsBesidesPageKey, slicePage } from "../pagination";
import { scopeViolations } from "../scopes";
import type { ApiTokenRecord } from "../store";
import { dateField, nameField, optionalBoolean, parseBody, parseExpiration, scopesField } from "../validation";
import type { ApiResponse, RequestContext, Route } from "../context";
import { apiTokenView } from "./apiTokenPresenter";
import { applyTokenChange, createToken, deleteToken } from "./apiTokenUpdate";
import {
  type ApiTokenField,
  compareTokens,
  matchesSelector,
  parseFields,
  parseSelector,
  parseSort,
  parseTimeBound,
  pickFields,
} from "./apiTokenQuery";

const READ = ["apiTokens.read"] as const;
const WRITE = ["apiTokens.write"] as const;
const PAGE_KIND = "apiTokens";

const createSchema = z.object({
  name: nameField,
  scopes: scopesField,
  expirationDate: dateField.nullish(),
  personalAccessToken: optionalBoolean,
});

const updateSchema = z.object({
  name: nameField.optional(),
  enabled: optionalBoolean,
  scopes: scopesField.optional(),
});

const lookupSchema = z.object({ token: z.string({ error: "must not be null" }) });

interface ListQuery {
  pageSize: number;
  fields: ApiTokenField[];
  selector: string | null;
  sort: string | null;
  fromMs: number | null;
  toMs: number | null;
}

function readListQuery(ctx: RequestContext): ListQuery & { offset: number } {
  const q = ctx.query;
  const key = q.get("nextPageKey");
  if (key !== null) {
    rejectParamsBesidesPageKey(q);
    return decodePageKey<ListQuery>(PAGE_KIND, key);
  }
  const fromMs = parseTimeBound("from", q.get("from"), ctx.nowMs);
  let toMs = parseTimeBound("to", q.get("to"), ctx.nowMs);
  if (fromMs !== null && toMs === null) toMs = ctx.nowMs;
  return {
    pageSize: parsePageSize(q.get("pageSize"), 100, 10_000, 200),
    fields: parseFields(q.get("fields")),
    selector: q.get("apiTokenSelector"),
    sort: q.get("sort"),
    fromMs,
    toMs,
    offset: 0,
  };
}

function list(ctx: RequestContext): ApiResponse {
  const query = readListQuery(ctx);
  const criteria = parseSelector(query.selector);
  const order = parseSort(query.sort);
  const { store } = ctx.env;
  const cacheKey = JSON.stringify([query.selector, query.sort, query.fromMs, query.toMs]);
  const ids = store.sortedIds(`${PAGE_KIND}:${cacheKey}`, () => {
    const matching: ApiTokenRecord[] = [];
    for (const t of store.apiTokens.values()) {
      if (!matchesSelector(t, criteria)) continue;
      if (query.fromMs !== null || query.toMs !== null) {
        if (t.lastUsedMs === null) continue;
        if (query.fromMs !== null && t.lastUsedMs < query.fromMs) continue;
        if (query.toMs !== null && t.lastUsedMs > query.toMs) continue;
      }
      matching.push(t);
    }
    return matching.sort(compareTokens(order)).map((t) => t.id);
  });
  const page = slicePage(ids, query.offset, query.pageSize);
  const apiTokens = page.items.flatMap((id) => {
    const t = store.apiTokens.get(id);
    return t ? [pickFields(apiTokenView(t), query.fields)] : [];
  });
  const { offset: _offset, ...rest } = query;
  return {
    status: 200,
    body: {
      totalCount: ids.length,
      pageSize: query.pageSize,
      nextPageKey: page.nextOffset === null ? null : encodePageKey(PAGE_KIND, { ...rest, offset: page.nextOffset }),
      apiTokens,
    },
  };
}

function create(ctx: RequestContext): ApiResponse {
  const body = parseBody(createSchema, ctx.body);
  const personalAccessToken = body.personalAccessToken ?? false;
  const violations = scopeViolations(body.scopes, { personalAccessToken, isExtraScope: (s) => ctx.env.apiChanges.isExtraScope(s) });
  if (violations.length > 0) throw badRequest(violations);
  const expirationMs = body.expirationDate == null ? null : parseExpiration(body.expirationDate, ctx.nowMs);
  const { id, token } = createToken(ctx, { name: body.name, scopes: body.scopes, personalAccessToken, expirationMs });
  const created: { id: string; token: string; expirationDate?: string } = { id, token };
  if (expirationMs !== null) created.expirationDate = formatIso(expirationMs);
  return { status: 201, body: created };
}

function lookup(ctx: RequestContext): ApiResponse {
  const body = parseBody(lookupSchema, ctx.body);
  const t = ctx.env.store.apiTokenBySecret(body.token);
  if (!t) throw notFound();
  return { status: 200, body: apiTokenView(t) };
}

function target(ctx: RequestContext): ApiTokenRecord {
  const t = ctx.env.store.apiTokenByIdOrSecret(ctx.params.id ?? "");
  if (!t) throw notFound();
  return t;
}

function get(ctx: RequestContext): ApiResponse {
  return { status: 200, body: apiTokenView(target(ctx)) };
}

function update(ctx: RequestContext): ApiResponse {
  const t = target(ctx);
  const body = parseBody(updateSchema, ctx.body);
  if (body.enabled === false && t.id === ctx.caller.id) {
    throw new ApiError(400, "You can't disable the token you're using for authentication of the request.");
  }
  applyTokenChange(t, body, ctx.nowMs, (s) => ctx.env.apiChanges.isExtraScope(s));
  ctx.env.store.changed();
  return { status: 204 };
}

function remove(ctx: RequestContext): ApiResponse {
  return deleteToken(ctx, target(ctx));
}

export const apiTokensV2Routes: Route[] = [
  { method: "GET", path: "/v2/apiTokens", scopes: READ, handle: list },
  { method: "POST", path: "/v2/apiTokens", scopes: WRITE, handle: create },
  { method: "POST", path: "/v2/apiTokens/lookup", scopes: "any", handle: lookup },
  { method: "GET", path: "/v2/apiTokens/{id}", scopes: READ, handle: get },
  { method: "PUT", path: "/v2/apiTokens/{id}", scopes: WRITE, handle: update },
  { method: "DELETE", path: "/v2/apiTokens/{id}", scopes: WRITE, handle: remove },
];
