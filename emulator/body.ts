// Reads a request body within Dynatrace's 1 MB payload limit and parses it as JSON.

import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors";

/** Dynatrace's payload limit for the token APIs: 1 MB. */
export const PAYLOAD_LIMIT_BYTES = 1024 * 1024;

/** Drains the whole body (so the client sees our answer rather than a reset), then rejects if it was too big. */
export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size <= PAYLOAD_LIMIT_BYTES) chunks.push(buf);
  }
  if (size > PAYLOAD_LIMIT_BYTES) throw new ApiError(413, "Payload too large: the request body must not exceed 1 MB.");
  return Buffer.concat(chunks);
}

/** An empty body is `undefined`; anything else must be JSON. */
export function parseJson(raw: Buffer): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch (err) {
    throw new ApiError(400, `Malformed JSON in request body: ${(err as Error).message}`);
  }
}
