// What each documented token prefix is (Dynatrace token format docs); the patterns themselves live in
// provider/tokenFormat.ts.

const KINDS: Readonly<Record<string, string>> = {
  dt0c01: "API token or personal access token",
  dt0g02: "ActiveGate token",
  dt0s01: "account API token",
  dt0s02: "OAuth client",
  dt0s03: "OAuth client",
  dt0s08: "OAuth client",
  dt0s06: "OAuth refresh token",
  dt0s04: "chat or identity linking token",
  dt0s09: "chat or identity linking token",
  dt0s16: "platform token",
  dt0a01: "agent connection token",
};

/** A human name for the token whose identifier is `identifier` (`dt0g02.4KWZO5EF` → `ActiveGate token`). */
export function tokenKind(identifier: string): string {
  const prefix = identifier.slice(0, 6).toLowerCase();
  return KINDS[prefix] ?? `Dynatrace token (unknown prefix ${identifier.slice(0, 6)})`;
}
