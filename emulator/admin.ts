// The admin surface under /_emulator, guarded by the admin token.

import { z } from "zod";
import { apiChangesSchema } from "./apiChanges";
import type { ApiResponse } from "./context";
import type { EmulatorCore } from "./core";
import { SeedError } from "./core";
import { formatIso, isStorableMs, parseDateInput, parseDuration } from "./dates";
import { ApiError, violation } from "./errors";
import { faultRulesSchema } from "./faults";
import { validTenantTokens } from "./routes/tenantToken";
import { parseBody } from "./validation";

const clockSchema = z
  .object({
    advance: z.string().optional(),
    advanceMs: z.number().optional(),
    set: z.union([z.string(), z.number()]).optional(),
  })
  .strict()
  .refine((b) => [b.advance, b.advanceMs, b.set].filter((v) => v !== undefined).length === 1, "give exactly one of advance, advanceMs, set");

const rateLimitSchema = z.object({ limit: z.number().int().min(1), windowMs: z.number().positive() }).strict();

function clockBody(core: EmulatorCore): ApiResponse {
  return { status: 200, body: { now: formatIso(core.clock.nowMs()) } };
}

function changeClock(core: EmulatorCore, body: unknown): ApiResponse {
  const b = parseBody(clockSchema, body);
  const before = core.clock.offset;
  moveClock(core, b);
  // A clock past year 9999 (or NaN) would stamp every token with a date no list can write back.
  if (!isStorableMs(core.clock.nowMs())) {
    core.clock.offset = before;
    throw new ApiError(400, "the clock would leave the years 0000-9999", [violation(b.set !== undefined ? "set" : "advance", "is out of range")]);
  }
  core.persist();
  return clockBody(core);
}

function moveClock(core: EmulatorCore, b: z.infer<typeof clockSchema>): void {
  if (b.advance !== undefined) {
    const d = parseDuration(b.advance);
    if (!d) throw new ApiError(400, "advance must look like 30d, 12h, 90m, 45s, 1500ms, 2w, 6M or 1y", [violation("advance", "invalid duration")]);
    if (d.unit === "ms") core.clock.advance(d.amount);
    else if (d.unit === "s") core.clock.advance(d.amount * 1000);
    else core.clock.advanceUnits(d.amount, d.unit);
  } else if (b.advanceMs !== undefined) {
    core.clock.advance(b.advanceMs);
  } else if (b.set !== undefined) {
    const parsed = parseDateInput(b.set, core.clock.nowMs());
    if (!parsed.ok) throw new ApiError(400, `set: ${parsed.reason}`, [violation("set", parsed.reason)]);
    core.clock.set(new Date(parsed.ms));
  }
}

type AdminHandler = (core: EmulatorCore, body: unknown) => ApiResponse;

const ADMIN_ROUTES: Record<string, AdminHandler> = {
  "GET /_emulator/clock": (core) => clockBody(core),
  "POST /_emulator/clock": changeClock,
  "GET /_emulator/requests": (core) => ({ status: 200, body: core.requests.full() }),
  "DELETE /_emulator/requests": (core) => {
    core.requests.reset();
    return { status: 204 };
  },
  "GET /_emulator/faults": (core) => ({ status: 200, body: { rules: core.faults.list() } }),
  "PUT /_emulator/faults": (core, body) => {
    core.faults.set(parseBody(faultRulesSchema, body).rules);
    return { status: 200, body: { rules: core.faults.list() } };
  },
  "DELETE /_emulator/faults": (core) => {
    core.faults.clear();
    return { status: 204 };
  },
  "GET /_emulator/api-changes": (core) => ({ status: 200, body: core.apiChanges.current }),
  "PUT /_emulator/api-changes": (core, body) => ({ status: 200, body: core.apiChanges.set(parseBody(apiChangesSchema, body)) }),
  "DELETE /_emulator/api-changes": (core) => {
    core.apiChanges.clear();
    return { status: 204 };
  },
  "GET /_emulator/rate-limit": (core) => ({ status: 200, body: core.rateLimiter.current ?? null }),
  "PUT /_emulator/rate-limit": (core, body) => {
    const config = parseBody(rateLimitSchema, body);
    core.rateLimiter.configure(config);
    return { status: 200, body: config };
  },
  "DELETE /_emulator/rate-limit": (core) => {
    core.rateLimiter.configure(undefined);
    return { status: 204 };
  },
  "GET /_emulator/tenant-tokens": (core) => {
    const state = core.store.tenantToken;
    return { status: 200, body: { valid: validTenantTokens(state), active: state.active, old: state.old } };
  },
  "POST /_emulator/reset": (core) => {
    core.reset();
    return { status: 204 };
  },
  "POST /_emulator/tokens": (core, body) => {
    try {
      return { status: 201, body: core.seed((body ?? {}) as never) };
    } catch (err) {
      if (err instanceof SeedError) throw new ApiError(400, err.message);
      throw err;
    }
  },
};

export function isAdminPath(path: string): boolean {
  return path === "/_emulator" || path.startsWith("/_emulator/");
}

export function handleAdmin(core: EmulatorCore, method: string, path: string, presented: string | undefined, body: unknown): ApiResponse {
  if (presented !== core.adminToken) throw new ApiError(401, "The admin surface needs Authorization: Api-Token <admin token>.");
  const handler = ADMIN_ROUTES[`${method} ${path.replace(/\/+$/, "")}`];
  if (!handler) throw new ApiError(404, `No admin endpoint ${method} ${path}.`);
  return handler(core, body);
}
