// The create marker: the exact, permanent sign of which stack and which create attempt made a token. Dynatrace stores
// no metadata on create and names are not unique, so the name is the only place it can go.
//
// Form: `<requested name> ⟨pulumi <stack tag>.<nonce>⟩`, e.g. `otel-ingest ⟨pulumi 3kq7m2xw.7f3a9c2qk4m8⟩`:
// - the stack tag, 8 base32 letters (40 bits) of SHA-256 over `<project>/<stack>`, says which stack created it, so
//   `dt-tokens recover` for one stack can never take another stack's token for an orphan;
// - the nonce, 12 random base32 letters (60 bits) made fresh for every POST, says which attempt created it, so a
//   lost create answer is recovered by deleting exactly the token with that attempt's nonce.
// The marker stays for the token's life (ActiveGate tokens can't be renamed; an API token renamed after its create
// would, for the moment between that rename and the engine's checkpoint, be an orphan nobody can tell apart — see
// docs/recovery.md). The `name` output is the requested name; `dynatraceName` is the name Dynatrace shows.
// `check` refuses requested names that contain `⟨pulumi `, so no name a user writes can look marked.
import { createHash, randomBytes } from "node:crypto";

/** Longest name Dynatrace is sent; the same limit `check` applies to the requested name. */
export const MARKED_NAME_MAX_LENGTH = 200;

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const MARKER_PATTERN = / ⟨pulumi ([a-z2-7]{8})\.([a-z2-7]{12})⟩$/u;

/** Text a requested name must not contain, so that no user's name can be mistaken for a marked one. */
export const RESERVED_NAME_TEXT = "⟨pulumi ";

export interface CreateMarker {
  readonly stackTag: string;
  readonly nonce: string;
}

function base32(bytes: Uint8Array, length: number): string {
  return Array.from(bytes.subarray(0, length), (b) => BASE32[b & 31]).join("");
}

/** The tag of the stack `<project>/<stack>` (as in the resource URNs: `urn:pulumi:<stack>::<project>::…`). */
export function stackTag(project: string, stack: string): string {
  return base32(createHash("sha256").update(`${project}/${stack}`).digest(), 8);
}

export function newMarker(tag: string): CreateMarker {
  return { stackTag: tag, nonce: base32(randomBytes(12), 12) };
}

/** The name Dynatrace is sent: the requested name, shortened if needed so the whole stays within the limit. */
export function markedName(name: string, marker: CreateMarker | undefined): string {
  if (!marker) return name;
  const suffix = ` ⟨pulumi ${marker.stackTag}.${marker.nonce}⟩`;
  // Shortening never costs exactness: the marker alone identifies the token.
  return `${[...name].slice(0, MARKED_NAME_MAX_LENGTH - suffix.length).join("")}${suffix}`;
}

/** The marker at the end of a name, or undefined for a name without one. */
export function markerOf(name: string | undefined): CreateMarker | undefined {
  const match = name === undefined ? null : MARKER_PATTERN.exec(name);
  return match ? { stackTag: match[1]!, nonce: match[2]! } : undefined;
}

/** A marked name without its marker (a name without one is returned as is). */
export function withoutMarker(name: string): string {
  return name.replace(MARKER_PATTERN, "");
}

/**
 * The `name` output for a token Dynatrace calls `dynatraceName`: `requested` when that is what the name was made from
 * (even if it was shortened to fit the marker), else the name without its marker (renamed by hand, say).
 */
export function requestedNameOf(dynatraceName: string, requested: string): string {
  const marker = markerOf(dynatraceName);
  if (marker && markedName(requested, marker) === dynatraceName) return requested;
  return withoutMarker(dynatraceName);
}
