// The emulator's state and the operations the admin surface and the in-process API share.

import { z } from "zod";
import { ApiChanges, type ApiChangesInput } from "./apiChanges";
import { OffsetClock } from "./clock";
import { parseDateInput } from "./dates";
import { FaultInjector } from "./faults";
import { loadState, saveState } from "./persistence";
import { type RateLimitConfig, RateLimiter } from "./rateLimit";
import { RequestLog } from "./requestLog";
import { SCOPE_NAMES } from "./scopes";
import { type ApiTokenRecord, TokenStore } from "./store";
import { API_TOKEN_PATTERN, identifierOf, newActiveGateTokenValue, newApiTokenValue } from "./tokenFormat";

export const ADMIN_OWNER = "admin@emulator.local";
export const DEFAULT_ENV_ID = "emulator";

const dateInput = z.union([z.string(), z.number(), z.date()]);

/** Fields for `POST /_emulator/tokens` and `seedToken()`; unlike the API, any scope string is accepted. */
export const seedTokenSchema = z
  .object({
    kind: z.enum(["api", "activeGate"]).optional(),
    /** A full token value to use instead of a generated one (format-checked). */
    token: z.string().optional(),
    name: z.string().optional(),
    owner: z.string().optional(),
    scopes: z.array(z.string()).optional(),
    enabled: z.boolean().optional(),
    personalAccessToken: z.boolean().optional(),
    expirationDate: dateInput.nullish(),
    creationDate: dateInput.optional(),
    lastUsedDate: dateInput.nullish(),
    lastUsedIpAddress: z.string().optional(),
    additionalMetadata: z.record(z.string(), z.unknown()).optional(),
    activeGateType: z.enum(["ENVIRONMENT", "CLUSTER"]).optional(),
    seedToken: z.boolean().optional(),
  })
  .strict();

export type SeedTokenFields = z.input<typeof seedTokenSchema>;

export class SeedError extends Error {
  readonly code = "EMULATOR_SEED_INVALID";
  constructor(message: string) {
    super(message);
    this.name = "SeedError";
  }
}

function toMs(value: string | number | Date, nowMs: number, field: string): number {
  if (value instanceof Date) return value.getTime();
  const parsed = parseDateInput(value, nowMs);
  if (!parsed.ok) throw new SeedError(`${field}: ${parsed.reason}`);
  return parsed.ms;
}

export interface EmulatorCoreOptions {
  adminToken?: string;
  statePath?: string;
  envId?: string;
  now?: Date;
  rateLimit?: RateLimitConfig;
  apiChanges?: ApiChangesInput;
}

export class EmulatorCore {
  readonly store = new TokenStore();
  readonly clock: OffsetClock;
  readonly faults = new FaultInjector();
  readonly rateLimiter: RateLimiter;
  readonly requests = new RequestLog();
  readonly apiChanges: ApiChanges;
  readonly envId: string;
  readonly adminToken: string;
  /** True when the admin token was generated here rather than given (the CLI then prints it). */
  readonly adminTokenGenerated: boolean;
  private readonly statePath: string | undefined;

  constructor(options: EmulatorCoreOptions = {}) {
    if (options.adminToken !== undefined && !API_TOKEN_PATTERN.test(options.adminToken)) {
      throw new SeedError("admin token must look like dt0c01.<24 characters A-Z0-9>.<64 characters A-Z0-9>");
    }
    if (options.envId !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(options.envId)) {
      throw new SeedError("environment id must be 1-64 letters, digits, '-' or '_'");
    }
    this.envId = options.envId ?? DEFAULT_ENV_ID;
    this.statePath = options.statePath;
    this.rateLimiter = new RateLimiter(options.rateLimit);
    this.apiChanges = new ApiChanges(options.apiChanges);
    const saved = this.statePath ? loadState(this.statePath) : undefined;
    this.clock = options.now ? new OffsetClock(options.now) : new OffsetClock(undefined, saved?.clockOffsetMs ?? 0);
    if (saved) this.store.restore(saved.store);
    const given = options.adminToken ?? saved?.adminToken;
    this.adminToken = given ?? newApiTokenValue().token;
    this.adminTokenGenerated = given === undefined;
    this.ensureAdminToken();
    this.store.onChange(() => this.persist());
    this.persist();
  }

  /** The admin token is an ordinary API token with every assignable scope. */
  private ensureAdminToken(): void {
    if (this.store.apiTokenBySecret(this.adminToken)) return;
    this.seed({ token: this.adminToken, name: "emulator-admin", owner: ADMIN_OWNER, scopes: [...SCOPE_NAMES] });
  }

  seed(input: SeedTokenFields): { id: string; token: string } {
    const parsed = seedTokenSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new SeedError(`${issue?.path.join(".") || "fields"}: ${issue?.message ?? "invalid"}`);
    }
    const f = parsed.data;
    const nowMs = this.clock.nowMs();
    const kind = f.kind ?? "api";
    let value: { id: string; token: string };
    if (f.token !== undefined) {
      const id = identifierOf(f.token);
      const expectedPrefix = kind === "api" ? "dt0c01." : "dt0g02.";
      if (!id || !id.startsWith(expectedPrefix)) throw new SeedError(`token must be a full ${expectedPrefix.slice(0, -1)} token value`);
      value = { id, token: f.token };
    } else {
      value = kind === "api" ? newApiTokenValue() : newActiveGateTokenValue();
    }
    if (this.store.apiTokens.has(value.id) || this.store.activeGateTokens.has(value.id)) {
      throw new SeedError(`a token with id ${value.id} already exists`);
    }
    const creationMs = f.creationDate !== undefined ? toMs(f.creationDate, nowMs, "creationDate") : nowMs;
    const expirationMs = f.expirationDate != null ? toMs(f.expirationDate, nowMs, "expirationDate") : null;
    const lastUsedMs = f.lastUsedDate != null ? toMs(f.lastUsedDate, nowMs, "lastUsedDate") : null;
    const name = f.name ?? "seeded-token";
    const owner = f.owner ?? ADMIN_OWNER;
    if (kind === "activeGate") {
      this.store.addActiveGateToken({
        id: value.id,
        secret: value.token,
        name,
        owner,
        creationMs,
        expirationMs,
        lastUsedMs,
        seedToken: f.seedToken ?? false,
        activeGateType: f.activeGateType ?? "ENVIRONMENT",
        seq: this.store.nextSeq(),
      });
    } else {
      const record: ApiTokenRecord = {
        id: value.id,
        secret: value.token,
        name,
        enabled: f.enabled ?? true,
        personalAccessToken: f.personalAccessToken ?? false,
        owner,
        creationMs,
        expirationMs,
        lastUsedMs,
        lastUsedIp: f.lastUsedIpAddress ?? (lastUsedMs !== null ? "127.0.0.1" : null),
        modifiedMs: creationMs,
        scopes: [...new Set(f.scopes ?? [])],
        seq: this.store.nextSeq(),
      };
      if (f.additionalMetadata) record.additionalMetadata = f.additionalMetadata;
      this.store.addApiToken(record);
    }
    return value;
  }

  /** Back to a fresh environment: tokens, tenant token, clock, faults, API changes, rate limit, request log; keeps the admin token. */
  reset(): void {
    this.faults.clear();
    this.apiChanges.clear();
    this.rateLimiter.configure(undefined);
    this.requests.reset();
    this.clock.offset = 0;
    this.store.clear();
    this.ensureAdminToken();
  }

  persist(): void {
    if (!this.statePath) return;
    saveState(this.statePath, { adminToken: this.adminToken, clockOffsetMs: this.clock.offset, store: this.store.snapshot() });
  }
}
