// The HTTP front: Date header from the emulator clock, Managed prefix, faults, throttling, auth, routing, logging.

import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { handleAdmin, isAdminPath } from "./admin";
import { authenticate, authorize, presentedToken, recordUse } from "./auth";
import { parseJson, readBody } from "./body";
import type { ApiResponse, EmulatorEnvironment } from "./context";
import type { EmulatorCore } from "./core";
import { formatIso } from "./dates";
import { ApiError } from "./errors";
import type { FaultAction } from "./faults";
import { forcedRateLimitHeaders } from "./rateLimit";
import { matchRoute, routeKey } from "./router";
import { redactSecrets } from "./tokenFormat";

const JSON_TYPE = "application/json; charset=utf-8";

function send(res: ServerResponse, response: ApiResponse): void {
  if (res.headersSent || res.destroyed) return;
  for (const [k, v] of Object.entries(response.headers ?? {})) res.setHeader(k, v);
  if (response.status === 204 || response.body === undefined) {
    res.writeHead(response.status);
    res.end();
    return;
  }
  const payload = JSON.stringify(response.body);
  res.writeHead(response.status, { "Content-Type": JSON_TYPE, "Content-Length": Buffer.byteLength(payload) });
  res.end(payload);
}

function errorResponse(err: unknown): ApiResponse {
  if (err instanceof ApiError) return { status: err.status, body: err.toEnvelope(), headers: err.headers };
  const message = err instanceof Error ? err.message : String(err);
  return { status: 500, body: { error: { code: 500, message: `Internal emulator error: ${redactSecrets(message)}` } } };
}

function faultResponse(action: Exclude<FaultAction, { kind: "drop" }>, core: EmulatorCore, nowMs: number): ApiResponse {
  if (action.kind === "rateLimit") {
    return {
      status: 429,
      body: { error: { code: 429, message: "Too Many Requests" } },
      headers: forcedRateLimitHeaders(nowMs, core.rateLimiter.current, action.retryAfterSeconds),
    };
  }
  return { status: action.status, body: { error: { code: action.status, message: `Injected fault: HTTP ${action.status}` } } };
}

function clientIp(req: IncomingMessage): string {
  return (req.socket.remoteAddress ?? "127.0.0.1").replace(/^::ffff:/, "");
}

export function createRequestHandler(core: EmulatorCore): (req: IncomingMessage, res: ServerResponse) => void {
  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, path: string, baseUrl: string): Promise<void> {
    // Route keys drop the Managed prefix; the logged path keeps what the client asked for.
    const method = (req.method ?? "GET").toUpperCase();
    const match = matchRoute(method, path.slice("/api".length));
    const key = match.kind === "found" ? routeKey(method, match.route) : `${method} (unmatched)`;
    const requestedPath = redactSecrets(url.pathname);
    const time = formatIso(core.clock.nowMs());
    let status = 0;
    const finish = (response: ApiResponse) => {
      status = response.status;
      res.setHeader("Date", core.clock.now().toUTCString());
      send(res, response);
    };
    const drop = () => {
      status = 0;
      req.socket.destroy();
    };
    try {
      const plan = core.faults.plan(method, key);
      if (plan.latencyMs > 0) await sleep(plan.latencyMs);
      if (plan.action && !plan.afterEffect) {
        if (plan.action.kind === "drop") return drop();
        return finish(faultResponse(plan.action, core, core.clock.nowMs()));
      }
      let response: ApiResponse;
      try {
        const throttle = core.rateLimiter.take(core.clock.nowMs());
        if (throttle) {
          for (const [k, v] of Object.entries(throttle.headers)) res.setHeader(k, v);
          if (throttle.limited) throw new ApiError(429, "Too Many Requests", undefined, throttle.headers);
        }
        if (match.kind === "none") throw new ApiError(404, `No API endpoint ${method} ${redactSecrets(path)}.`);
        if (match.kind === "wrongMethod") {
          throw new ApiError(405, `Method ${method} is not allowed on /api${match.pattern}.`, undefined, { Allow: match.allowed.join(", ") });
        }
        const raw = await readBody(req);
        const nowMs = core.clock.nowMs();
        const caller = authenticate(core.store, presentedToken(req.headers, url.searchParams), nowMs);
        recordUse(caller, nowMs, clientIp(req));
        authorize(caller, match.route.scopes);
        const body = parseJson(raw);
        const env: EmulatorEnvironment = { store: core.store, clock: core.clock, apiChanges: core.apiChanges, envId: core.envId, baseUrl };
        response = match.route.handle({ env, params: match.params, query: url.searchParams, body, caller, nowMs });
      } catch (err) {
        response = errorResponse(err);
      }
      if (plan.action && plan.afterEffect) {
        if (plan.action.kind === "drop") return drop();
        return finish(faultResponse(plan.action, core, core.clock.nowMs()));
      }
      finish(response);
    } finally {
      core.requests.record({ method, route: key, path: requestedPath, status, time });
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader("Date", core.clock.now().toUTCString());
    const url = new URL(req.url ?? "/", "http://emulator.invalid");
    let path = url.pathname;
    const host = req.headers.host ?? "127.0.0.1";
    let baseUrl = `http://${host}`;
    try {
      if (isAdminPath(path)) {
        const method = (req.method ?? "GET").toUpperCase();
        const raw = await readBody(req);
        const response = handleAdmin(core, method, path, presentedToken(req.headers, new URLSearchParams()), parseJson(raw));
        return send(res, response);
      }
      const managed = /^\/e\/([^/]+)(\/.*)?$/.exec(path);
      if (managed) {
        if (decodeURIComponent(managed[1]!) !== core.envId) throw new ApiError(404, "Unknown environment.");
        path = managed[2] ?? "/";
        baseUrl += `/e/${core.envId}`;
      }
      if (!path.startsWith("/api/")) throw new ApiError(404, `No endpoint ${redactSecrets(path)}; the API is under /api.`);
      await handleApi(req, res, url, path, baseUrl);
    } catch (err) {
      send(res, errorResponse(err));
    }
  }

  return (req, res) => {
    handle(req, res).catch((err: unknown) => send(res, errorResponse(err)));
  };
}

export function createEmulatorServer(core: EmulatorCore): Server {
  const server = createServer(createRequestHandler(core));
  // Clients keep connections alive; close() ends idle ones, so tests don't hang on shutdown.
  server.keepAliveTimeout = 5 * 1000; // 5 s
  return server;
}
