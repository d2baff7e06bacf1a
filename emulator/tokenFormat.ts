// Token value formats: `prefix.public.secret` with base32 ([A-Z2-7]) public and secret parts.

import { randomBytes, randomInt } from "node:crypto";

export const API_TOKEN_PREFIX = "dt0c01";
export const ACTIVEGATE_TOKEN_PREFIX = "dt0g02";
export const API_TOKEN_PUBLIC_LENGTH = 24;
export const ACTIVEGATE_TOKEN_PUBLIC_LENGTH = 8;
export const SECRET_LENGTH = 64;

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** The documented shape of an API / personal access token (the docs' regex allows digits 0-9 too). */
export const API_TOKEN_PATTERN = /^dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64}$/;
const ANY_SECRET_PATTERN = /^(dt0[a-z]\d{2}\.[A-Z0-9]+)\.([A-Z0-9]{64})$/;

function base32(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (let i = 0; i < length; i++) out += BASE32[bytes[i]! & 31];
  return out;
}

export interface TokenValue {
  id: string;
  token: string;
}

export function newApiTokenValue(): TokenValue {
  const id = `${API_TOKEN_PREFIX}.${base32(API_TOKEN_PUBLIC_LENGTH)}`;
  return { id, token: `${id}.${base32(SECRET_LENGTH)}` };
}

export function newActiveGateTokenValue(): TokenValue {
  const id = `${ACTIVEGATE_TOKEN_PREFIX}.${base32(ACTIVEGATE_TOKEN_PUBLIC_LENGTH)}`;
  return { id, token: `${id}.${base32(SECRET_LENGTH)}` };
}

/** Tenant tokens are opaque alphanumerics; the documentation's examples are 16 to 20 characters long. */
export function newTenantToken(): string {
  const length = 16 + randomInt(5);
  let out = "";
  for (let i = 0; i < length; i++) out += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return out;
}

/** Splits a full token into its identifier; undefined when the value doesn't look like a full token. */
export function identifierOf(secret: string): string | undefined {
  return ANY_SECRET_PATTERN.exec(secret)?.[1];
}

/** `dt0c01.ABC….<secret>` → `dt0c01.ABC….***`, for logs. */
export function redactSecrets(text: string): string {
  return text.replace(/(dt0[a-z]\d{2}\.[A-Z0-9]+)\.[A-Z0-9]{64}/g, "$1.***");
}
