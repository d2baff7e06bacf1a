// Injectable faults per route: latency, 5xx, 429 and dropped connections, before or after the request takes effect.

import { z } from "zod";

const rate = z.number().min(0).max(1);

export const faultRuleSchema = z
  .object({
    /** `POST /api/v2/apiTokens`, `/api/v2/apiTokens/{id}` (any method), a prefix ending in `*`, or absent for all. */
    route: z.string().min(1).optional(),
    method: z.string().min(1).optional(),
    /** Probability (0..1) of answering with `errorStatus`. */
    errorRate: rate.optional(),
    /** Status for `errorRate`, default 503. */
    errorStatus: z.number().int().min(500).max(599).optional(),
    /** Probability (0..1) of answering 429. */
    rateLimitRate: rate.optional(),
    /** Retry-After for a forced 429, in seconds; default 1. */
    retryAfterSeconds: z.number().int().min(0).optional(),
    /** Probability (0..1) of destroying the socket without any response. */
    dropRate: rate.optional(),
    /** Delay added before the request is handled, in milliseconds. */
    latencyMs: z.number().min(0).optional(),
    /** The rule fires at most this many times, then stays inert. */
    count: z.number().int().min(0).optional(),
    /** Drop / 5xx after the operation took effect (the client can't tell whether it happened). */
    afterEffect: z.boolean().optional(),
  })
  .strict();

export type FaultRule = z.infer<typeof faultRuleSchema>;
export const faultRulesSchema = z.object({ rules: z.array(faultRuleSchema) }).strict();

export type FaultAction =
  | { kind: "error"; status: number }
  | { kind: "rateLimit"; retryAfterSeconds: number }
  | { kind: "drop" };

export interface FaultPlan {
  latencyMs: number;
  action?: FaultAction;
  afterEffect: boolean;
}

function normaliseRoutePattern(route: string): { method?: string; path: string } {
  const m = /^([A-Z]+)\s+(\S+)$/.exec(route.trim());
  let path = m ? m[2]! : route.trim();
  path = path.replace(/^\/e\/[^/]+(?=\/)/, "");
  if (!path.startsWith("/api") && path !== "*") path = `/api${path.startsWith("/") ? "" : "/"}${path}`;
  return m ? { method: m[1]!, path } : { path };
}

function routeMatches(rule: FaultRule, method: string, key: string): boolean {
  const ruleMethod = rule.method?.toUpperCase();
  if (ruleMethod && ruleMethod !== method) return false;
  if (!rule.route || rule.route === "*") return true;
  const pattern = normaliseRoutePattern(rule.route);
  if (pattern.method && pattern.method !== method) return false;
  const path = key.slice(key.indexOf(" ") + 1);
  if (pattern.path.endsWith("*")) return path.startsWith(pattern.path.slice(0, -1));
  return path === pattern.path;
}

export class FaultInjector {
  private rules: Array<{ rule: FaultRule; remaining: number }> = [];

  constructor(private readonly random: () => number = Math.random) {}

  set(rules: FaultRule[]): void {
    this.rules = faultRulesSchema.parse({ rules }).rules.map((rule) => ({ rule, remaining: rule.count ?? Infinity }));
  }

  clear(): void {
    this.rules = [];
  }

  list(): Array<FaultRule & { remaining: number | null }> {
    return this.rules.map(({ rule, remaining }) => ({ ...rule, remaining: Number.isFinite(remaining) ? remaining : null }));
  }

  /** Decides what happens to one request; every matching rule adds its latency, the first rule that trips wins. */
  plan(method: string, routeKey: string): FaultPlan {
    const plan: FaultPlan = { latencyMs: 0, afterEffect: false };
    for (const entry of this.rules) {
      const { rule } = entry;
      if (entry.remaining <= 0 || !routeMatches(rule, method, routeKey)) continue;
      let action: FaultAction | undefined;
      if (!plan.action) {
        if (rule.dropRate && this.random() < rule.dropRate) action = { kind: "drop" };
        else if (rule.errorRate && this.random() < rule.errorRate) action = { kind: "error", status: rule.errorStatus ?? 503 };
        else if (rule.rateLimitRate && this.random() < rule.rateLimitRate) action = { kind: "rateLimit", retryAfterSeconds: rule.retryAfterSeconds ?? 1 };
      }
      const latency = rule.latencyMs ?? 0;
      if (!action && latency === 0) continue;
      entry.remaining--;
      plan.latencyMs += latency;
      if (action) {
        plan.action = action;
        // A 429 is always "before": a throttled request never runs.
        plan.afterEffect = action.kind !== "rateLimit" && rule.afterEffect === true;
      }
    }
    return plan;
  }
}
