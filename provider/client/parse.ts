// Every answer is validated against its documented shape before anything uses it.
import type { z } from "zod";
import { DynatraceApiError } from "./errors";
import type { ApiResponse } from "./http";

export function parseJson<S extends z.ZodType>(res: ApiResponse, schema: S, operation: string, tokenId?: string): z.infer<S> {
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch (cause) {
    throw new DynatraceApiError(`Could not ${operation}: the answer (${res.status}) was not JSON.`, {
      code: "INVALID_RESPONSE",
      operation,
      status: res.status,
      tokenId,
      cause,
    });
  }
  const result = schema.safeParse(body);
  if (!result.success) {
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    throw new DynatraceApiError(`Could not ${operation}: the answer did not have the documented shape (${issues}).`, {
      code: "INVALID_RESPONSE",
      operation,
      status: res.status,
      tokenId,
    });
  }
  return result.data;
}
