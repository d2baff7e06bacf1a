// The token store: one map of API tokens shared by the v1 and v2 APIs, one of ActiveGate tokens, the tenant token.

import { newTenantToken } from "./tokenFormat";

/** An API token or personal access token; v1 `revoked` is `!enabled` and v1 `userId` is `owner`. */
export interface ApiTokenRecord {
  id: string;
  secret: string;
  name: string;
  enabled: boolean;
  personalAccessToken: boolean;
  owner: string;
  creationMs: number;
  expirationMs: number | null;
  lastUsedMs: number | null;
  lastUsedIp: string | null;
  modifiedMs: number;
  scopes: string[];
  additionalMetadata?: Record<string, unknown>;
  /** Creation order, the tie-breaker when two tokens share a timestamp. */
  seq: number;
}

export type ActiveGateType = "ENVIRONMENT" | "CLUSTER";

export interface ActiveGateTokenRecord {
  id: string;
  secret: string;
  name: string;
  owner: string;
  creationMs: number;
  expirationMs: number | null;
  lastUsedMs: number | null;
  seedToken: boolean;
  activeGateType: ActiveGateType;
  seq: number;
}

/** `old` is set only while a rotation is in progress; both values are then valid. */
export interface TenantTokenState {
  active: string;
  old: string | null;
}

export interface StoreSnapshot {
  apiTokens: ApiTokenRecord[];
  activeGateTokens: ActiveGateTokenRecord[];
  tenantToken: TenantTokenState;
  seq: number;
}

const SNAPSHOT_CACHE_SIZE = 32;

export class TokenStore {
  readonly apiTokens = new Map<string, ApiTokenRecord>();
  readonly activeGateTokens = new Map<string, ActiveGateTokenRecord>();
  tenantToken: TenantTokenState = { active: newTenantToken(), old: null };
  private seq = 0;
  /** Bumped on every change that can alter a listing; sorted snapshots are cached per version. */
  private version = 0;
  private readonly sortedCache = new Map<string, string[]>();
  private readonly listeners: Array<() => void> = [];

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Call after mutating a record in place. */
  changed(): void {
    this.version++;
    this.sortedCache.clear();
    for (const listener of this.listeners) listener();
  }

  nextSeq(): number {
    return ++this.seq;
  }

  addApiToken(record: ApiTokenRecord): void {
    this.apiTokens.set(record.id, record);
    this.changed();
  }

  addActiveGateToken(record: ActiveGateTokenRecord): void {
    this.activeGateTokens.set(record.id, record);
    this.changed();
  }

  deleteApiToken(id: string): boolean {
    const deleted = this.apiTokens.delete(id);
    if (deleted) this.changed();
    return deleted;
  }

  deleteActiveGateToken(id: string): boolean {
    const deleted = this.activeGateTokens.delete(id);
    if (deleted) this.changed();
    return deleted;
  }

  /** Finds an API token by its full secret value. */
  apiTokenBySecret(secret: string): ApiTokenRecord | undefined {
    const dot = secret.lastIndexOf(".");
    if (dot < 0) return undefined;
    const record = this.apiTokens.get(secret.slice(0, dot));
    return record && record.secret === secret ? record : undefined;
  }

  /** Resolves a path parameter that may be the identifier or the full secret. */
  apiTokenByIdOrSecret(idOrSecret: string): ApiTokenRecord | undefined {
    return this.apiTokens.get(idOrSecret) ?? this.apiTokenBySecret(idOrSecret);
  }

  /** Sorted id lists are cached per query until the next change, so deep pages cost a slice, not a sort. */
  sortedIds(queryKey: string, compute: () => string[]): string[] {
    const key = `${this.version}|${queryKey}`;
    const cached = this.sortedCache.get(key);
    if (cached) return cached;
    const ids = compute();
    if (this.sortedCache.size >= SNAPSHOT_CACHE_SIZE) {
      const oldest = this.sortedCache.keys().next().value;
      if (oldest !== undefined) this.sortedCache.delete(oldest);
    }
    this.sortedCache.set(key, ids);
    return ids;
  }

  clear(): void {
    this.apiTokens.clear();
    this.activeGateTokens.clear();
    this.tenantToken = { active: newTenantToken(), old: null };
    this.changed();
  }

  snapshot(): StoreSnapshot {
    return {
      apiTokens: [...this.apiTokens.values()],
      activeGateTokens: [...this.activeGateTokens.values()],
      tenantToken: { ...this.tenantToken },
      seq: this.seq,
    };
  }

  restore(snapshot: StoreSnapshot): void {
    this.apiTokens.clear();
    this.activeGateTokens.clear();
    for (const t of snapshot.apiTokens) this.apiTokens.set(t.id, t);
    for (const t of snapshot.activeGateTokens) this.activeGateTokens.set(t.id, t);
    this.tenantToken = { ...snapshot.tenantToken };
    this.seq = snapshot.seq;
    this.version++;
    this.sortedCache.clear();
  }
}
