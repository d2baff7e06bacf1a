// A tiny HTTP client for driving the emulator over real HTTP in the conformance tests.

export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  /** Sent verbatim instead of JSON-encoding `body`. */
  rawBody?: string;
  headers?: Record<string, string>;
}

/** `base` is the emulator's environment URL; `path` starts with `/api/…` or `/_emulator/…`. */
export async function call<T = any>(base: string, method: string, path: string, options: CallOptions = {}): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
  if (options.token !== undefined) headers.Authorization = `Api-Token ${options.token}`;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] = "application/json; charset=utf-8";
  const res = await fetch(`${base}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text.length > 0) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, headers: res.headers, body: parsed as T, text };
}

export const API_TOKEN_VALUE = /^dt0c01\.[A-Z2-7]{24}\.[A-Z2-7]{64}$/;
export const API_TOKEN_ID = /^dt0c01\.[A-Z2-7]{24}$/;
export const ACTIVEGATE_TOKEN_VALUE = /^dt0g02\.[A-Z2-7]{8}\.[A-Z2-7]{64}$/;
export const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

export const DAY_MS = 24 * 60 * 60 * 1000;
