// `--state <file>`: tokens, tenant token and clock offset survive restarts; written atomically (tmp + rename).

import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { z } from "zod";
import type { StoreSnapshot } from "./store";

const apiTokenSchema = z.object({
  id: z.string(),
  secret: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  personalAccessToken: z.boolean(),
  owner: z.string(),
  creationMs: z.number(),
  expirationMs: z.number().nullable(),
  lastUsedMs: z.number().nullable(),
  lastUsedIp: z.string().nullable(),
  modifiedMs: z.number(),
  scopes: z.array(z.string()),
  additionalMetadata: z.record(z.string(), z.unknown()).optional(),
  seq: z.number(),
});

const activeGateTokenSchema = z.object({
  id: z.string(),
  secret: z.string(),
  name: z.string(),
  owner: z.string(),
  creationMs: z.number(),
  expirationMs: z.number().nullable(),
  lastUsedMs: z.number().nullable(),
  seedToken: z.boolean(),
  activeGateType: z.enum(["ENVIRONMENT", "CLUSTER"]),
  seq: z.number(),
});

const stateSchema = z.object({
  version: z.literal(1),
  adminToken: z.string(),
  clockOffsetMs: z.number(),
  store: z.object({
    apiTokens: z.array(apiTokenSchema),
    activeGateTokens: z.array(activeGateTokenSchema),
    tenantToken: z.object({ active: z.string(), old: z.string().nullable() }),
    seq: z.number(),
  }),
});

export type PersistedState = z.infer<typeof stateSchema>;

export class StateFileError extends Error {
  readonly code = "EMULATOR_STATE_INVALID";
  constructor(path: string, reason: string) {
    super(`State file ${path} is not usable: ${reason}`);
    this.name = "StateFileError";
  }
}

/** Undefined when the file doesn't exist yet; throws when it exists but isn't ours. */
export function loadState(path: string): PersistedState | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new StateFileError(path, (err as Error).message);
  }
  const parsed = stateSchema.safeParse(json);
  if (!parsed.success) throw new StateFileError(path, parsed.error.issues[0]?.message ?? "unexpected shape");
  return parsed.data;
}

export function saveState(path: string, state: { adminToken: string; clockOffsetMs: number; store: StoreSnapshot }): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const content: PersistedState = { version: 1, ...state };
  writeFileSync(tmp, JSON.stringify(content), { mode: 0o600 });
  renameSync(tmp, path);
}
