// Matches `/api`-relative paths to routes and names them with a stable key (`PUT /api/v2/apiTokens/{id}`).

import type { Route } from "./context";
import { activeGateTokenRoutes } from "./routes/activeGateTokens";
import { apiTokensV1Routes } from "./routes/apiTokensV1";
import { apiTokensV2Routes } from "./routes/apiTokensV2";
import { tenantTokenRoutes } from "./routes/tenantToken";

export const ROUTES: readonly Route[] = [...apiTokensV2Routes, ...apiTokensV1Routes, ...activeGateTokenRoutes, ...tenantTokenRoutes];

export function routeKey(method: string, route: Route): string {
  return `${method} /api${route.path}`;
}

export type RouteMatch =
  | { kind: "found"; route: Route; params: Record<string, string> }
  | { kind: "wrongMethod"; pattern: string; allowed: string[] }
  | { kind: "none" };

function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    const g = got[i]!;
    if (w.startsWith("{") && w.endsWith("}")) {
      if (g === "") return undefined;
      try {
        params[w.slice(1, -1)] = decodeURIComponent(g);
      } catch {
        return undefined;
      }
    } else if (w !== g) {
      return undefined;
    }
  }
  return params;
}

/** Literal segments win over `{param}` ones (`/v2/apiTokens/lookup` is not a token id). */
export function matchRoute(method: string, path: string): RouteMatch {
  let wrongMethod: { pattern: string; allowed: string[] } | undefined;
  let best: { route: Route; params: Record<string, string> } | undefined;
  for (const route of ROUTES) {
    const params = matchPath(route.path, path);
    if (!params) continue;
    if (route.method !== method) {
      wrongMethod ??= { pattern: route.path, allowed: [] };
      wrongMethod.allowed.push(route.method);
      continue;
    }
    if (!best || Object.keys(params).length < Object.keys(best.params).length) best = { route, params };
  }
  if (best) return { kind: "found", ...best };
  if (wrongMethod) return { kind: "wrongMethod", ...wrongMethod };
  return { kind: "none" };
}
