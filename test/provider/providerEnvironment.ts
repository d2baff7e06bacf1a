// What every provider test against the emulator starts from: its own emulator, the provider configured for it with
// short retry backoffs, and the provider's log lines collected instead of printed.
import { startEmulator, type RunningEmulator } from "../../emulator";
import type { RetryPolicy } from "../../provider/client/http";
import { CONFIG_KEYS, configure, resetConfiguration } from "../../provider/config";
import { closeConnections, setConnectionDefaults } from "../../provider/connection";
import { setLogSink } from "../../provider/log";

export interface ProviderEnvironment {
  readonly emulator: RunningEmulator;
  /** The provider's warnings and notices, in order. */
  readonly logs: string[];
  /** Forgets the configuration and connections and stops the emulator. */
  close(): Promise<void>;
}

export async function startProviderEnvironment(retry: Partial<RetryPolicy> = {}): Promise<ProviderEnvironment> {
  const emulator = await startEmulator();
  const config: Record<string, string> = { [CONFIG_KEYS.envUrl]: emulator.url, [CONFIG_KEYS.apiToken]: emulator.adminToken };
  configure({ get: (key) => config[key] });
  setConnectionDefaults({ retry: { minDelayMs: 10, maxDelayMs: 200, ...retry } });
  const logs: string[] = [];
  const restoreLog = setLogSink((line) => logs.push(line));
  return {
    emulator,
    logs,
    async close() {
      restoreLog();
      await closeConnections();
      resetConfiguration();
      await emulator.close();
    },
  };
}
