// Messages for the person running Pulumi. A dynamic provider has no engine connection for logging, but the engine
// shows every line a provider writes to stderr in the CLI output, so that is where they go — redacted. The native
// plugin sends them to the engine's Log service instead, with the resource they are about
// (provider/native/engineLog.ts).
import { redact } from "./redact";

/** One message, redacted. */
export interface LogEntry {
  readonly severity: "info" | "warning";
  readonly message: string;
}

/** Where messages go: `line` is the message as a line of text (`warning: …`), `entry` the same in parts. */
type Sink = (line: string, entry: LogEntry) => void;

let sink: Sink = (line) => process.stderr.write(`${line}\n`);

export function warn(message: string): void {
  const redacted = redact(message);
  sink(`warning: ${redacted}`, { severity: "warning", message: redacted });
}

export function info(message: string): void {
  const redacted = redact(message);
  sink(redacted, { severity: "info", message: redacted });
}

/** Redirects messages (tests); returns a function restoring the previous sink. */
export function setLogSink(next: Sink): () => void {
  const previous = sink;
  sink = next;
  return () => {
    sink = previous;
  };
}
