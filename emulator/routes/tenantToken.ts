// Tenant token — read via connection info, rotate via /api/v2/tenantTokenRotation.

import { UNKNOWN_ENUM_VALUES } from "../apiChanges";
import { ApiError } from "../errors";
import { newTenantToken } from "../tokenFormat";
import type { ApiResponse, RequestContext, Route } from "../context";
import type { TenantTokenState } from "../store";

const ROTATION = ["tenantTokenRotation.write"] as const;

/** Every tenant token an agent may currently connect with: both while a rotation is running. */
export function validTenantTokens(state: TenantTokenState): string[] {
  return state.old === null ? [state.active] : [state.active, state.old];
}

function config(state: TenantTokenState): ApiResponse {
  return { status: 200, body: { active: { value: state.active }, old: { value: state.old } } };
}

function connectionInfo(ctx: RequestContext): ApiResponse {
  const endpoint = `${ctx.env.baseUrl}/communication`;
  return {
    status: 200,
    body: {
      tenantUUID: ctx.env.envId,
      tenantToken: ctx.env.store.tenantToken.active,
      communicationEndpoints: [endpoint],
      formattedCommunicationEndpoints: endpoint,
    },
  };
}

function start(ctx: RequestContext): ApiResponse {
  const { store } = ctx.env;
  if (store.tenantToken.old !== null) throw new ApiError(400, "Another rotation process is already in progress.");
  store.tenantToken = { active: newTenantToken(), old: store.tenantToken.active };
  store.changed();
  return config(store.tenantToken);
}

function finish(ctx: RequestContext): ApiResponse {
  const { store } = ctx.env;
  if (store.tenantToken.old === null) throw new ApiError(400, "No ongoing rotation process.");
  store.tenantToken = { active: store.tenantToken.active, old: null };
  store.changed();
  return config(store.tenantToken);
}

function cancel(ctx: RequestContext): ApiResponse {
  const { store } = ctx.env;
  if (store.tenantToken.old === null) throw new ApiError(400, "There is no ongoing rotation process.");
  store.tenantToken = { active: store.tenantToken.old, old: null };
  store.changed();
  return config(store.tenantToken);
}

function status(ctx: RequestContext): ApiResponse {
  if (ctx.env.apiChanges.unknownEnums) return { status: 200, body: { status: UNKNOWN_ENUM_VALUES.tenantTokenRotationStatus } };
  return { status: 200, body: { status: ctx.env.store.tenantToken.old === null ? "INACTIVE" : "ACTIVE" } };
}

export const tenantTokenRoutes: Route[] = [
  { method: "GET", path: "/v1/deployment/installer/agent/connectioninfo", scopes: ["InstallerDownload"], handle: connectionInfo },
  { method: "POST", path: "/v2/tenantTokenRotation/start", scopes: ROTATION, handle: start },
  { method: "POST", path: "/v2/tenantTokenRotation/finish", scopes: ROTATION, handle: finish },
  { method: "POST", path: "/v2/tenantTokenRotation/cancel", scopes: ROTATION, handle: cancel },
  { method: "GET", path: "/v2/tenantTokenRotation/status", scopes: ROTATION, handle: status },
];
