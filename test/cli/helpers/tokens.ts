// Token-shaped test data, generated at run time so that no real-looking token is ever committed.
import { randomInt } from "node:crypto";

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function base32(length: number): string {
  let text = "";
  for (let i = 0; i < length; i++) text += BASE32[randomInt(BASE32.length)];
  return text;
}

/** A token secret `prefix.public.secret` with a random public and secret part. */
export function fakeToken(prefix = "dt0c01", publicLength = prefix === "dt0g02" ? 8 : 24): { token: string; identifier: string; secret: string } {
  const identifier = `${prefix}.${base32(publicLength)}`;
  const secret = base32(64);
  return { token: `${identifier}.${secret}`, identifier, secret };
}
