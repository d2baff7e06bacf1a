// Opaque page keys: base64url JSON carrying the original query (resolved) and the offset of the next page.

import { ApiError, violation } from "./errors";

export function encodePageKey(kind: string, payload: object): string {
  return Buffer.from(JSON.stringify({ kind, ...payload }), "utf8").toString("base64url");
}

export function decodePageKey<T>(kind: string, key: string): T & { offset: number } {
  try {
    const parsed = JSON.parse(Buffer.from(key, "base64url").toString("utf8")) as { kind?: unknown; offset?: unknown };
    if (parsed.kind === kind && typeof parsed.offset === "number" && parsed.offset >= 0) return parsed as T & { offset: number };
  } catch {
    // Falls through to the 400 below: a key we didn't issue is bad input, whatever made it unreadable.
  }
  throw new ApiError(400, "Invalid nextPageKey.", [violation("nextPageKey", "is not a valid page key", "QUERY")]);
}

/** When nextPageKey is present Dynatrace requires every other query parameter to be omitted. */
export function rejectParamsBesidesPageKey(query: URLSearchParams): void {
  const others = [...new Set(query.keys())].filter((k) => k !== "nextPageKey" && k !== "api-token");
  if (others.length > 0) {
    throw new ApiError(
      400,
      "If nextPageKey is specified, all other query parameters must be omitted.",
      others.map((k) => violation(k, "must be omitted when nextPageKey is specified", "QUERY")),
    );
  }
}

export function parsePageSize(raw: string | null, min: number, max: number, fallback: number): number {
  if (raw === null) return fallback;
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ApiError(400, `pageSize must be between ${min} and ${max}.`, [
      violation("pageSize", `must be an integer between ${min} and ${max}`, "QUERY"),
    ]);
  }
  return n;
}

export interface Page<T> {
  items: T[];
  nextOffset: number | null;
}

export function slicePage<T>(all: readonly T[], offset: number, pageSize: number): Page<T> {
  const items = all.slice(offset, offset + pageSize);
  const next = offset + pageSize;
  return { items, nextOffset: next < all.length ? next : null };
}
