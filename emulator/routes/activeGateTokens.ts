// ActiveGate tokens — /api/v2/activeGateTokens: list, create, get, delete. There is no update.

import { z } from "zod";
import { type ApiChanges, UNKNOWN_ENUM_VALUES } from "../apiChanges";
import { addUnits, formatIso } from "../dates";
import { badRequest, notFound, violation } from "../errors";
import { decodePageKey, encodePageKey, parsePageSize, rejectParamsBesidesPageKey, slicePage } from "../pagination";
import type { ActiveGateTokenRecord } from "../store";
import { newActiveGateTokenValue } from "../tokenFormat";
import { dateField, nameField, optionalBoolean, parseBody, parseExpiration } from "../validation";
import type { ApiResponse, RequestContext, Route } from "../context";

const READ = ["activeGateTokenManagement.read"] as const;
const CREATE = ["activeGateTokenManagement.create", "activeGateTokenManagement.write"] as const;
const WRITE = ["activeGateTokenManagement.write"] as const;
const PAGE_KIND = "activeGateTokens";

// activeGateType and seedToken are optional: a 2026 API change drops them from the body.
const createSchema = z.object({
  name: nameField,
  expirationDate: dateField.nullish(),
  seedToken: optionalBoolean,
  activeGateType: z.enum(["ENVIRONMENT", "CLUSTER"], { error: "must be ENVIRONMENT or CLUSTER" }).optional(),
});

interface ActiveGateTokenView {
  id: string;
  name: string;
  owner: string;
  creationDate: string;
  expirationDate?: string;
  lastUsedDate?: string;
  seedToken: boolean;
  activeGateType: string;
}

function view(t: ActiveGateTokenRecord, changes: ApiChanges): ActiveGateTokenView {
  const v: ActiveGateTokenView = {
    id: t.id,
    name: t.name,
    owner: t.owner,
    creationDate: formatIso(t.creationMs),
    seedToken: t.seedToken,
    activeGateType: changes.unknownEnums ? UNKNOWN_ENUM_VALUES.activeGateType : t.activeGateType,
  };
  if (t.expirationMs !== null) v.expirationDate = formatIso(t.expirationMs);
  if (t.lastUsedMs !== null) v.lastUsedDate = formatIso(t.lastUsedMs);
  return v;
}

function list(ctx: RequestContext): ApiResponse {
  const key = ctx.query.get("nextPageKey");
  let pageSize: number;
  let offset = 0;
  if (key !== null) {
    rejectParamsBesidesPageKey(ctx.query);
    ({ pageSize, offset } = decodePageKey<{ pageSize: number }>(PAGE_KIND, key));
  } else {
    pageSize = parsePageSize(ctx.query.get("pageSize"), 100, 3000, 100);
  }
  const { store } = ctx.env;
  const ids = store.sortedIds(PAGE_KIND, () =>
    [...store.activeGateTokens.values()].sort((a, b) => b.creationMs - a.creationMs || b.seq - a.seq).map((t) => t.id),
  );
  const page = slicePage(ids, offset, pageSize);
  return {
    status: 200,
    body: {
      activeGateTokens: page.items.flatMap((id) => {
        const t = store.activeGateTokens.get(id);
        return t ? [view(t, ctx.env.apiChanges)] : [];
      }),
      nextPageKey: page.nextOffset === null ? null : encodePageKey(PAGE_KIND, { pageSize, offset: page.nextOffset }),
      pageSize,
      totalCount: ids.length,
    },
  };
}

function create(ctx: RequestContext): ApiResponse {
  const body = parseBody(createSchema, ctx.body);
  let expirationMs: number | null = null;
  if (body.expirationDate != null) {
    expirationMs = parseExpiration(body.expirationDate, ctx.nowMs);
    if (expirationMs > addUnits(ctx.nowMs, 2, "y")) {
      throw badRequest([violation("expirationDate", "The expiration date must not exceed two years from the moment of creation.")]);
    }
  }
  const { id, token } = newActiveGateTokenValue();
  ctx.env.store.addActiveGateToken({
    id,
    secret: token,
    name: body.name,
    owner: ctx.caller.owner,
    creationMs: ctx.nowMs,
    expirationMs,
    lastUsedMs: null,
    seedToken: body.seedToken ?? false,
    activeGateType: body.activeGateType ?? "ENVIRONMENT",
    seq: ctx.env.store.nextSeq(),
  });
  const created: { id: string; token: string; expirationDate?: string } = { id, token };
  if (expirationMs !== null) created.expirationDate = formatIso(expirationMs);
  return { status: 201, body: created };
}

function target(ctx: RequestContext): ActiveGateTokenRecord {
  const t = ctx.env.store.activeGateTokens.get(ctx.params.activeGateTokenIdentifier ?? "");
  if (!t) throw notFound();
  return t;
}

function get(ctx: RequestContext): ApiResponse {
  return { status: 200, body: view(target(ctx), ctx.env.apiChanges) };
}

function remove(ctx: RequestContext): ApiResponse {
  ctx.env.store.deleteActiveGateToken(target(ctx).id);
  return { status: 204 };
}

export const activeGateTokenRoutes: Route[] = [
  { method: "GET", path: "/v2/activeGateTokens", scopes: READ, handle: list },
  { method: "POST", path: "/v2/activeGateTokens", scopes: CREATE, handle: create },
  { method: "GET", path: "/v2/activeGateTokens/{activeGateTokenIdentifier}", scopes: READ, handle: get },
  { method: "DELETE", path: "/v2/activeGateTokens/{activeGateTokenIdentifier}", scopes: WRITE, handle: remove },
];
