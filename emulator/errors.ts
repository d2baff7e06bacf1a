// The Dynatrace error envelope and the one error class every route throws to produce it.

export type ParameterLocation = "HEADER" | "PATH" | "PAYLOAD_BODY" | "QUERY";

export interface ConstraintViolation {
  path: string;
  message: string;
  parameterLocation: ParameterLocation;
  location: string | null;
}

export interface ErrorEnvelope {
  error: { code: number; message: string; constraintViolations?: ConstraintViolation[] };
}

/** An API failure with the HTTP facts on it; the server turns it into an {@link ErrorEnvelope}. */
export class ApiError extends Error {
  readonly status: number;
  readonly violations: ConstraintViolation[] | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, message: string, violations?: ConstraintViolation[], headers: Record<string, string> = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.violations = violations && violations.length > 0 ? violations : undefined;
    this.headers = headers;
  }

  toEnvelope(): ErrorEnvelope {
    const error: ErrorEnvelope["error"] = { code: this.status, message: this.message };
    if (this.violations) error.constraintViolations = this.violations;
    return { error };
  }
}

/** Dynatrace's own top-level message for a body that failed validation. */
export const CONSTRAINTS_VIOLATED = "Constraints violated.";

export function violation(path: string, message: string, parameterLocation: ParameterLocation = "PAYLOAD_BODY"): ConstraintViolation {
  return { path, message, parameterLocation, location: null };
}

export function badRequest(violations: ConstraintViolation[]): ApiError {
  return new ApiError(400, CONSTRAINTS_VIOLATED, violations);
}

export function badQuery(path: string, message: string): ApiError {
  return new ApiError(400, CONSTRAINTS_VIOLATED, [violation(path, message, "QUERY")]);
}

export function notFound(message = "The requested resource doesn't exist."): ApiError {
  return new ApiError(404, message);
}
