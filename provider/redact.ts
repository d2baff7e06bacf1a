// Token secrets must never reach an error message, a log line or the CLI output; everything printed goes through here.
import { TOKEN_SECRET_PATTERN } from "./tokenFormat";

const REDACTED = "<redacted>";

/** Replaces every token secret in `text` with its identifier (`dt0c01.PUBLIC.<redacted>`) and hides the value of any
 * `Api-Token` authorization header. */
export function redact(text: string): string {
  return text
    .replace(new RegExp(TOKEN_SECRET_PATTERN.source, "g"), (_match, identifier: string) => `${identifier}.${REDACTED}`)
    .replace(/(Api-Token\s+)\S+/gi, `$1${REDACTED}`)
    .replace(/(api-token=)[^&\s]+/gi, `$1${REDACTED}`);
}

/** Redacts the secrets in an error's message and stack, in place, and returns it. */
export function redactError<E extends Error>(error: E): E {
  error.message = redact(error.message);
  if (error.stack) error.stack = redact(error.stack);
  return error;
}
