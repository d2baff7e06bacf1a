#!/usr/bin/env node
// `pulumi-resource-dynatrace-tokens`: the native provider plugin the Pulumi engine starts (found on PATH, or through
// `plugins: providers:` in Pulumi.yaml; see docs/native.md). The engine passes its own address as the first
// argument and reads the port of the plugin's gRPC server from the first line of stdout — nothing else may go there.
//
// The only place that ends the process, besides provider/engineWatch.ts (the engine vanished without ending it).
import { engineAddress, cancelOperations } from "../engineWatch";
import { logToEngine } from "./engineLog";
import { startProviderServer } from "./server";

async function main(): Promise<void> {
  const engine = engineAddress();
  if (engine) logToEngine(`${engine.host}:${engine.port}`);
  const { server, port } = await startProviderServer();
  // The engine ends a plugin with SIGINT, and waits 5 s for it to exit before it kills it; Ctrl-C in a terminal sends
  // it to this process too. Either way: start no more creates (as after the engine's Cancel), answer the calls under
  // way, so that the engine records the tokens it asked for, then exit.
  process.once("SIGINT", () => {
    cancelOperations();
    server.tryShutdown(() => process.exit(0));
  });
  process.stdout.write(`${port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-dynatrace-tokens could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
