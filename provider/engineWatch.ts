// Whether the Pulumi engine that started this provider process is still there. When `pulumi up` is killed, the
// provider process can outlive it and go on with the creates it was asked for: tokens whose answers nobody will ever
// store. So a create asks `engineGone()` before each POST, and the process ends itself once the engine is gone.
import * as net from "node:net";

/** How often the watch looks for the engine (ms). */
const WATCH_INTERVAL_MS = 2 * 1000; // 2 s
/** A connect to the engine's loopback port answers in well under this when the engine lives (ms). */
const CONNECT_TIMEOUT_MS = 1000; // 1 s

const parentAtStart = process.ppid;
let gone = false;
let watching = false;
let cancelled = false;

/**
 * The engine's gRPC address: Pulumi starts a provider plugin with it as the first argument (`127.0.0.1:PORT`).
 * Undefined outside a plugin process (tests, the CLI), where there is no engine to watch.
 */
export function engineAddress(): { host: string; port: number } | undefined {
  const arg = process.argv.slice(2).find((a) => /^(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(a));
  if (!arg) return undefined;
  const at = arg.lastIndexOf(":");
  return { host: arg.slice(0, at).replace(/^\[|\]$/g, ""), port: Number(arg.slice(at + 1)) };
}

/** Whether this is a provider plugin process that a Pulumi engine started. */
export function isPluginProcess(): boolean {
  return engineAddress() !== undefined;
}

function reachable(address: { host: string; port: number }): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address.host, port: address.port });
    const done = (alive: boolean) => {
      socket.destroy();
      resolve(alive);
    };
    socket.setTimeout(CONNECT_TIMEOUT_MS, () => done(true)); // slow, not refused: still there
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}

/**
 * Records that the engine asked the native plugin to stop (its Cancel call: the user interrupted `pulumi up`): no
 * request that changes Dynatrace is sent from then on, creates included.
 */
export function cancelOperations(): void {
  cancelled = true;
}

/** Whether the engine asked this process to stop (see `cancelOperations`). */
export function operationsCancelled(): boolean {
  return cancelled;
}

/** True once the engine is known to be gone: the parent process changed (we were re-parented) or its port refuses. */
export async function engineGone(): Promise<boolean> {
  if (gone) return true;
  if (process.ppid !== parentAtStart) gone = true;
  const address = engineAddress();
  if (!gone && address && !(await reachable(address))) gone = true;
  return gone;
}

/**
 * Starts the watch (once per process; a no-op outside a plugin process). When the engine is gone, nothing this
 * process does can reach the state any more, so it ends: exiting is the only way to stop a plugin's gRPC server
 * from outside the dynamic-provider host.
 */
export function watchEngine(): void {
  if (watching || !engineAddress()) return;
  watching = true;
  const timer = setInterval(() => {
    void engineGone().then((isGone) => {
      if (isGone) process.exit(1);
    });
  }, WATCH_INTERVAL_MS);
  timer.unref();
}
