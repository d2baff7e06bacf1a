// The provider's messages (provider/log.ts), sent to the engine's Log service with the URN of the resource the call is
// about, so that the CLI shows them under that resource as Pulumi shows any provider's warnings. The server runs each
// call in `withResource`; a message logged by code that call started finds its URN here, however many calls run at
// once.
import { AsyncLocalStorage } from "node:async_hooks";
import type { EngineClient } from "@pulumi/pulumi/proto/engine_grpc_pb";
import { setLogSink, type LogEntry } from "../log";
import { engineProto, engineService, grpc } from "./protocol";

const current = new AsyncLocalStorage<string>();

/** Runs `call` as the work for the resource `urn` (empty for calls about no resource): its messages carry the URN. */
export function withResource<T>(urn: string, call: () => T): T {
  return current.run(urn, call);
}

/** Sends the provider's messages to the engine at `address` from now on; returns a function that closes the client. */
export function logToEngine(address: string): () => void {
  const client = new engineService.EngineClient(address, grpc.credentials.createInsecure()) as EngineClient;
  const restore = setLogSink((line, entry) => send(client, line, entry));
  return () => {
    restore();
    client.close();
  };
}

function send(client: EngineClient, line: string, entry: LogEntry): void {
  const request = new engineProto.LogRequest();
  request.setSeverity(entry.severity === "warning" ? engineProto.LogSeverity.WARNING : engineProto.LogSeverity.INFO);
  request.setMessage(entry.message);
  request.setUrn(current.getStore() ?? "");
  client.log(request, (error) => {
    // The engine is going away (or never listened): the message still reaches the user through stderr, which the
    // engine prints too while it lives.
    if (error) process.stderr.write(`${line}\n`);
  });
}
