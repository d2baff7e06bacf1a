// The exit codes of `dt-tokens`, documented in docs/cli.md; main.ts is the only place that exits.

export const EXIT = {
  /** Nothing found (scan), no finding at the `--fail-on` level (review, audit), no drift. */
  ok: 0,
  /** `scan` found at least one token. */
  tokensFound: 1,
  /** `review` has a finding at or above `--fail-on`; `audit` a token with a `--fail-on` flag; `drift` found drift. */
  findings: 2,
  /** The command could not run: bad usage, unreadable input, Pulumi or the Dynatrace API failed. */
  error: 3,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
