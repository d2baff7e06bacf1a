// What a command is waiting for (a Pulumi run, pages of tokens), shown on stderr while it waits — only when stderr is
// a terminal, so pipes, files and CI logs never get it, and never with --quiet.
//
// Hand-written rather than a spinner package: ora and yocto-spinner are ESM-only (this CLI is CommonJS and supports
// Node 20.18, which can't require ESM), and nanospinner decides whether to animate by looking at stdout, not the
// stream it draws on — `dt-tokens review > comment.md` in a terminal would get frames as lines — and exits the process
// on SIGINT itself. One line redrawn with node:readline is all this needs.
import * as readline from "node:readline";

export interface Progress {
  /** Shows `text` as what the command is doing now, in place of what it showed before. */
  update(text: string): void;
  /** Clears the line; called before the report or an error is printed. */
  done(): void;
}

/** The stream progress draws on: stderr, when it is a terminal. */
export interface ProgressStream extends NodeJS.WritableStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

export const silentProgress: Progress = { update: () => undefined, done: () => undefined };

/**
 * Whether progress may be drawn on `stream`: a terminal that can move the cursor (TERM is not `dumb`), outside CI
 * (`CI` set, as GitHub Actions and most runners do, even where they allocate a terminal), and not --quiet.
 */
export function progressWanted(stream: ProgressStream | undefined, env: NodeJS.ProcessEnv, quiet: boolean): stream is ProgressStream {
  return !quiet && stream?.isTTY === true && env.TERM !== "dumb" && env.CI === undefined;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const FRAME_MS = 100;

export function terminalProgress(stream: ProgressStream, clock: () => number = Date.now): Progress {
  let text: string | undefined;
  let since = 0;
  let frame = 0;
  let timer: NodeJS.Timeout | undefined;

  const draw = () => {
    if (text === undefined) return;
    const seconds = Math.floor((clock() - since) / 1000);
    const line = `${FRAMES[frame++ % FRAMES.length]} ${text}${seconds > 0 ? ` (${seconds} s)` : ""}`;
    // A line wider than the terminal wraps, and only its last row would be cleared: cut it to fit.
    // A terminal of unknown size (some pseudo-terminals) reports 0 columns.
    const width = Math.max(10, (stream.columns || 80) - 1);
    readline.cursorTo(stream, 0);
    readline.clearLine(stream, 0);
    stream.write(line.length > width ? `${line.slice(0, width - 1)}…` : line);
  };

  return {
    update(next) {
      if (next !== text) since = clock();
      text = next;
      if (!timer) {
        timer = setInterval(draw, FRAME_MS);
        // Progress never keeps the process alive.
        timer.unref();
      }
      draw();
    },
    done() {
      if (timer) clearInterval(timer);
      timer = undefined;
      if (text === undefined) return;
      text = undefined;
      readline.cursorTo(stream, 0);
      readline.clearLine(stream, 0);
    },
  };
}
