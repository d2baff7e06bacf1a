// What a command may use from the outside world, passed in so tests can run commands in-process.
import { silentProgress, type Progress } from "./progress";

export interface CommandContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdin: NodeJS.ReadableStream;
  /** The current time; reports compute lifetimes and ages from it. */
  readonly now: () => Date;
  /** Where a command says what it is waiting for; main.ts gives a terminal one, everything else a silent one. */
  readonly progress: Progress;
}

export function processContext(): CommandContext {
  return { cwd: process.cwd(), env: process.env, stdin: process.stdin, now: () => new Date(), progress: silentProgress };
}
