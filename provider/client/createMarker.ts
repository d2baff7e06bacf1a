// The create marker: how a token says "I was made by create attempt N of pulumi-dynatrace-tokens, and my answer may
// not have arrived yet". Dynatrace stores no metadata on create and names are not unique, so the name is the only
// place an exact, per-attempt discriminator can go.
//
// Form: `<requested name> ⟨pulumi:create <nonce>⟩`, the nonce 12 random base32 letters (60 bits) made fresh for every
// POST. `check` refuses requested names that contain `⟨pulumi:create`, so a user's own name can never look like one.
// - API tokens are POSTed under the marked name and renamed to the requested name by the PUT that follows the answer;
//   a marked API token is therefore either seconds old (its create is in flight) or its answer never reached the state.
// - ActiveGate tokens have no update: they keep the marked name for life (the `name` output strips it).
import { randomBytes } from "node:crypto";

/** Longest name Dynatrace is sent; the same limit `check` applies to the requested name. */
export const MARKED_NAME_MAX_LENGTH = 200;

const MARKER_OPEN = " ⟨pulumi:create ";
const MARKER_CLOSE = "⟩";
const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const NONCE_LENGTH = 12;

/** The marker at the end of a name, with its nonce. */
const MARKER_PATTERN = / ⟨pulumi:create ([a-z2-7]{12})⟩$/u;

/** Text a requested name must not contain, so that no user's name can be mistaken for a marked one. */
export const RESERVED_NAME_TEXT = "⟨pulumi:create";

export function newNonce(): string {
  const bytes = randomBytes(NONCE_LENGTH);
  return Array.from(bytes, (b) => BASE32[b & 31]).join("");
}

/** The name a create attempt POSTs: the requested name, shortened if needed so the whole stays within the limit. */
export function markedName(name: string, nonce: string): string {
  const marker = `${MARKER_OPEN}${nonce}${MARKER_CLOSE}`;
  const room = MARKED_NAME_MAX_LENGTH - marker.length;
  // Shortening never costs exactness: the nonce alone identifies the attempt.
  return `${[...name].slice(0, room).join("")}${marker}`;
}

/** The nonce of a marked name, or undefined for a name without the marker. */
export function nonceOf(name: string | undefined): string | undefined {
  return name === undefined ? undefined : MARKER_PATTERN.exec(name)?.[1];
}

/** A marked name without its marker (a name without one is returned as is). */
export function withoutMarker(name: string): string {
  return name.replace(MARKER_PATTERN, "");
}
