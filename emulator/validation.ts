// Turns zod failures into Dynatrace constraint violations, and checks the date fields every token kind shares.

import { z } from "zod";
import { parseDateInput } from "./dates";
import { ApiError, badRequest, type ConstraintViolation, violation } from "./errors";

function issuePath(path: ReadonlyArray<PropertyKey>): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/** Parses a request body with a zod schema or throws a 400 listing every violation. */
export function parseBody<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  if (body === undefined) throw new ApiError(400, "Request body is required.", [violation("", "must not be null")]);
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const violations = result.error.issues.map((issue): ConstraintViolation => violation(issuePath(issue.path), issue.message));
  throw badRequest(violations);
}

/** Resolves an `expirationDate` input; must not be in the past. */
export function parseExpiration(input: unknown, nowMs: number, path = "expirationDate"): number {
  const parsed = parseDateInput(input, nowMs);
  if (!parsed.ok) throw badRequest([violation(path, parsed.reason)]);
  if (parsed.ms <= nowMs) throw badRequest([violation(path, "The expiration date must not be in the past.")]);
  return parsed.ms;
}

/** zod's messages, in the wording Dynatrace uses for a missing field. */
export function typeError(expected: string) {
  return (issue: { input?: unknown }): string => (issue.input === undefined || issue.input === null ? "must not be null" : `must be ${expected}`);
}

export const nameField = z.string({ error: typeError("a string") }).refine((s) => s.trim().length > 0, "must not be blank");
export const scopesField = z.array(z.string({ error: typeError("a string") }), { error: typeError("an array of scope names") });
export const dateField = z.union([z.string(), z.number()], { error: typeError("a date string or UTC milliseconds") });
export const optionalBoolean = z.boolean({ error: typeError("a boolean") }).optional();
