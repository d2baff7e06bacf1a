// The CLI's own failures. Each carries a stable `code`; main.ts turns any of them into exit code 3.

export type CliErrorCode =
  | "USAGE" // a flag or argument the command can't work with
  | "INPUT" // a file or stdin that can't be read or isn't what it should be
  | "PULUMI" // the Pulumi CLI failed or printed something unexpected
  | "CREDENTIALS" // a credential the command needs is missing
  | "STATE"; // the stack's state is in no shape for the command (pending operations, resources it doesn't know)

export class CliError extends Error {
  readonly code: CliErrorCode;
  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliError";
    this.code = code;
  }
}
