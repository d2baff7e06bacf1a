// Dynatrace token formats: `prefix.public.secret`, where `prefix.public` is the identifier that may be logged.

/** Any Dynatrace access token secret: `dt0c01` API/personal tokens (24-char public part), `dt0g02` ActiveGate tokens
 * (8-char public part), and the other `dt0xNN` prefixes. Upper-case base32 in every official example; lower case
 * is accepted so a hand-typed token is still recognised (and redacted). */
export const TOKEN_SECRET_PATTERN = /\b(dt0[a-zA-Z][0-9]{2}\.[A-Za-z0-9]{8,24})\.[A-Za-z0-9]{64}\b/g;

/** A token identifier (`dt0c01.ST2EY72KQINMH574WMNVI7YN`, `dt0g02.4KWZO5EF`). */
export const TOKEN_ID_PATTERN = /^dt0[a-zA-Z][0-9]{2}\.[A-Za-z0-9]{8,24}$/;

/** True when `value` is a complete token secret (and nothing else). */
export function isTokenSecret(value: string): boolean {
  return new RegExp(`^${TOKEN_SECRET_PATTERN.source}$`).test(value);
}

export function isTokenId(value: string): boolean {
  return TOKEN_ID_PATTERN.test(value);
}

/** The loggable identifier (`prefix.public`) of a token secret or identifier; `undefined` if it is neither. */
export function identifierOf(value: string): string | undefined {
  if (isTokenId(value)) return value;
  const match = new RegExp(`^${TOKEN_SECRET_PATTERN.source}$`).exec(value);
  return match?.[1];
}

/** ActiveGate tokens start with `dt0g02.`; an ActiveGate takes them as `authToken` in its authorization.properties. */
export function isActiveGateToken(value: string): boolean {
  return value.trim().toLowerCase().startsWith("dt0g02.");
}
