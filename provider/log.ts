// Messages for the person running Pulumi. A dynamic provider has no engine connection for logging, but the engine
// shows every line a provider writes to stderr in the CLI output, so that is where they go — redacted.
import { redact } from "./redact";

type Sink = (line: string) => void;

let sink: Sink = (line) => process.stderr.write(`${line}\n`);

export function warn(message: string): void {
  sink(`warning: ${redact(message)}`);
}

export function info(message: string): void {
  sink(redact(message));
}

/** Redirects messages (tests); returns a function restoring the previous sink. */
export function setLogSink(next: Sink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}
