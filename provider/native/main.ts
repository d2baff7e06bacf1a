#!/usr/bin/env node
// `pulumi-resource-dynatrace-tokens`: the native provider plugin the Pulumi engine starts (found on PATH, or through
// `plugins: providers:` in Pulumi.yaml; see docs/native.md). The engine passes its own address as the first
// argument and reads the port of the plugin's gRPC server from the first line of stdout — nothing else may go there.
//
// The only place that ends the process: when the server can't start. The engine ends it otherwise, and
// provider/engineWatch.ts when the engine vanished without doing so.
import { engineAddress, cancelOperations } from "../engineWatch";
import { logToEngine } from "./engineLog";
import { startProviderServer } from "./server";

async function main(): Promise<void> {
  const engine = engineAddress();
  if (engine) logToEngine(`${engine.host}:${engine.port}`);
  // Ctrl-C reaches every process of the terminal's group, this one too: stop starting creates, but answer what is
  // under way, so that the engine records the tokens it asked for. The engine's Cancel does the same; the engine
  // ends the process afterwards.
  process.on("SIGINT", cancelOperations);
  const { port } = await startProviderServer();
  process.stdout.write(`${port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`pulumi-resource-dynatrace-tokens could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
