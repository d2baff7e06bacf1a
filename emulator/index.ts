// In-process API: start a Dynatrace token API emulator on 127.0.0.1 and drive it from tests.

import type { AddressInfo } from "node:net";
import type { ApiChangesConfig, ApiChangesInput } from "./apiChanges";
import { EmulatorCore, type SeedTokenFields } from "./core";
import type { FaultRule } from "./faults";
import type { RateLimitConfig } from "./rateLimit";
import { createEmulatorServer } from "./server";

export type { FaultRule } from "./faults";
export type { RateLimitConfig } from "./rateLimit";
export type { ApiChangesConfig, ApiChangesInput } from "./apiChanges";
export { UNKNOWN_ENUM_VALUES } from "./apiChanges";
export type { SeedTokenFields } from "./core";
export { ADMIN_OWNER, DEFAULT_ENV_ID } from "./core";

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** A dt0c01 token to use as the admin token; generated when absent (or taken from the state file). */
  adminToken?: string;
  /** JSON file that keeps tokens, tenant token and clock offset across restarts. */
  statePath?: string;
  /** Environment id accepted in the Managed form `/e/<envId>/api`; default "emulator". */
  envId?: string;
  /** Start the clock at this instant (it then runs in real time). */
  now?: Date;
  /** Throttle to `limit` requests per `windowMs`; off by default. */
  rateLimit?: RateLimitConfig;
  /** Behave like a newer Dynatrace: extra assignable scopes, unknown enum values in answers (see apiChanges.ts). */
  apiChanges?: ApiChangesInput;
}

export interface RunningEmulator {
  /** http://127.0.0.1:PORT — the environment base URL; the API is at url + "/api". */
  url: string;
  adminToken: string;
  clock: { now(): Date; advance(ms: number): void; set(d: Date): void };
  requests(): { total: number; byRoute: Record<string, number> };
  resetRequests(): void;
  setFaults(rules: FaultRule[]): void;
  clearFaults(): void;
  seedToken(fields: SeedTokenFields): { id: string; token: string };
  close(): Promise<void>;
  /** Extra: the Managed-form base URL, url + "/e/<envId>". */
  managedUrl: string;
  /** Extra: change or (with undefined) lift the request limit. */
  setRateLimit(config: RateLimitConfig | undefined): void;
  /** Extra: behave like a newer Dynatrace (replaces the previous setting; `{}` = as documented). */
  setApiChanges(config: ApiChangesInput): ApiChangesConfig;
  /** Extra: tenant tokens agents may connect with right now. */
  tenantTokens(): { valid: string[]; active: string; old: string | null };
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const core = new EmulatorCore(options);
  const server = createEmulatorServer(core);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  let closed: Promise<void> | undefined;
  return {
    url,
    managedUrl: `${url}/e/${core.envId}`,
    adminToken: core.adminToken,
    clock: {
      now: () => core.clock.now(),
      advance: (ms) => {
        core.clock.advance(ms);
        core.persist();
      },
      set: (d) => {
        core.clock.set(d);
        core.persist();
      },
    },
    requests: () => core.requests.summary(),
    resetRequests: () => core.requests.reset(),
    setFaults: (rules) => core.faults.set(rules),
    clearFaults: () => core.faults.clear(),
    seedToken: (fields) => core.seed(fields),
    setRateLimit: (config) => core.rateLimiter.configure(config),
    setApiChanges: (config) => core.apiChanges.set(config),
    tenantTokens: () => {
      const { active, old } = core.store.tenantToken;
      return { valid: old === null ? [active] : [active, old], active, old };
    },
    close: () => {
      closed ??= new Promise<void>((resolve, reject) => {
        server.close((err) => {
          try {
            core.persist();
          } catch (persistErr) {
            return reject(persistErr as Error);
          }
          return err ? reject(err) : resolve();
        });
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
