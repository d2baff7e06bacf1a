// The one error family of the Dynatrace client. Match on `code`, never on message text.
import { redact } from "../redact";

export type DynatraceErrorCode =
  | "UNAUTHORIZED" // 401: the configured token is unknown, disabled or expired
  | "MISSING_SCOPE" // 403: the configured token lacks a scope
  | "NOT_FOUND" // 404
  | "BAD_REQUEST" // 400: the body or query was rejected
  | "RATE_LIMITED" // 429 after all retries
  | "SERVER_ERROR" // 5xx after all retries
  | "UNKNOWN_OUTCOME" // a non-idempotent request may or may not have taken effect
  | "NETWORK" // the request never got an answer
  | "INVALID_RESPONSE" // the answer did not have the documented shape
  | "HTTP_ERROR"; // any other status

export interface ConstraintViolation {
  readonly path?: string | undefined;
  readonly message?: string | undefined;
}

export interface DynatraceApiErrorFacts {
  readonly code: DynatraceErrorCode;
  /** What the client was doing, e.g. `create API token`. */
  readonly operation: string;
  readonly status?: number | undefined;
  /** The identifier (never the secret) of the token the request was about. */
  readonly tokenId?: string | undefined;
  /** The scopes the server said the configured token needs (403). */
  readonly missingScopes?: readonly string[] | undefined;
  readonly violations?: readonly ConstraintViolation[] | undefined;
  readonly cause?: unknown;
  /** The sentence told for the Pulumi step the request was made in, when that changes it (a rejected credential). */
  readonly sentenceIn?: ((step: PulumiStep) => string) | undefined;
}

/**
 * The Pulumi step a request was made in, where it changes what to run next: a refresh (`pulumi refresh`, or the
 * refresh step of `up --refresh`) uses the stack config recorded at the last `pulumi up`, not the current one.
 */
export type PulumiStep = "refresh";

export class DynatraceApiError extends Error {
  readonly code: DynatraceErrorCode;
  readonly operation: string;
  readonly status: number | undefined;
  readonly tokenId: string | undefined;
  readonly missingScopes: readonly string[];
  readonly violations: readonly ConstraintViolation[];
  readonly #facts: DynatraceApiErrorFacts;

  constructor(message: string, facts: DynatraceApiErrorFacts) {
    super(redact(message), facts.cause === undefined ? undefined : { cause: facts.cause });
    this.name = "DynatraceApiError";
    this.code = facts.code;
    this.operation = facts.operation;
    this.status = facts.status;
    this.tokenId = facts.tokenId;
    this.missingScopes = facts.missingScopes ?? [];
    this.violations = facts.violations ?? [];
    this.#facts = facts;
  }

  /** This error as told for a request made in `step`; itself when the step changes nothing. */
  in(step: PulumiStep): DynatraceApiError {
    const sentenceIn = this.#facts.sentenceIn;
    return sentenceIn ? new DynatraceApiError(sentenceIn(step), this.#facts) : this;
  }
}

export function isDynatraceApiError(error: unknown, code?: DynatraceErrorCode): error is DynatraceApiError {
  return error instanceof DynatraceApiError && (code === undefined || error.code === code);
}

/** The error envelope Dynatrace sends with 4xx/5xx answers, read leniently (404s may have no body at all). */
export interface ErrorBody {
  readonly message?: string | undefined;
  readonly violations: readonly ConstraintViolation[];
}

export function parseErrorBody(text: string): ErrorBody {
  try {
    const parsed: unknown = JSON.parse(text);
    const error = (parsed as { error?: { message?: unknown; constraintViolations?: unknown } } | null)?.error;
    const violations = Array.isArray(error?.constraintViolations)
      ? (error.constraintViolations as unknown[]).map((v) => {
          const item = v as { path?: unknown; message?: unknown };
          return {
            path: typeof item.path === "string" ? item.path : undefined,
            message: typeof item.message === "string" ? item.message : undefined,
          };
        })
      : [];
    return { message: typeof error?.message === "string" ? error.message : undefined, violations };
  } catch {
    // Not JSON (a proxy's HTML page, an empty 404): keep a short excerpt as the message.
    const excerpt = text.trim().slice(0, 200);
    return { message: excerpt === "" ? undefined : excerpt, violations: [] };
  }
}

/** Scope names from "Token is missing required scope. Use one of: apiTokens.write (Write API tokens), …". */
export function parseMissingScopes(message: string | undefined): string[] {
  const match = /use one of:\s*(.*)$/is.exec(message ?? "");
  if (!match?.[1]) return [];
  return match[1]
    .replace(/\([^)]*\)/g, "")
    .split(",")
    .map((part) => part.trim().replace(/\.$/, ""))
    .filter((part) => part !== "");
}

/** Where the API token a client sends came from, so a 401 can say which credential was rejected (never its value). */
export interface CredentialSource {
  /** e.g. `stack config dynatrace-tokens:apiToken`, `the DYNATRACE_API_TOKEN environment variable`. */
  readonly description: string;
  /** The stack config key (or `--path`) holding it; undefined when it came from the environment. */
  readonly configKey: string | undefined;
}

export interface StatusErrorContext {
  readonly operation: string;
  readonly status: number;
  readonly body: string;
  readonly tokenId?: string | undefined;
  readonly envUrl: string;
  readonly credentialSource?: CredentialSource | undefined;
  /** The JSON body that was sent, so that a violation at `scopes[3]` can name the scope. */
  readonly requestBody?: unknown;
}

/**
 * How to make the provider use another token, for where the current one came from (`… and <this>`). Pulumi records the
 * stack config with the provider at each `pulumi up`, and refresh, destroy and `dt-tokens drift` use that recorded
 * copy, not the current stack config (docs/credentials.md). A refresh that failed says so: after `pulumi up --refresh`
 * failed in its refresh step, "run `pulumi up`" read as "run it again", which fails the same way.
 */
function replaceTokenAdvice(source: CredentialSource | undefined, step: PulumiStep | undefined): string {
  if (source === undefined) {
    return "set it with `pulumi config set --secret dynatrace-tokens:apiToken <token>` (or DYNATRACE_API_TOKEN).";
  }
  if (source.configKey === undefined) return `put it in ${source.description} of the shell that runs pulumi.`;
  const path = source.configKey.includes(".") ? "--path " : "";
  const set = `set it with \`pulumi config set --secret ${path}${source.configKey} <token>\``;
  if (step === "refresh") {
    return (
      `${set} unless the current stack config holds one that works. This failed in a refresh (\`pulumi refresh\`, or ` +
      "the refresh step of `pulumi up --refresh`, `preview --refresh` or `destroy --refresh`), which uses the copy of " +
      "the stack config recorded at the last `pulumi up`, not the current one: run `pulumi up` without `--refresh` " +
      "next, which records the current one (or `pulumi refresh --run-program` first); see docs/credentials.md."
    );
  }
  return (
    `${set}. ` +
    "pulumi refresh, pulumi destroy and dt-tokens drift use the copy of the stack config recorded at the last " +
    "`pulumi up`, so run `pulumi up` next (or `pulumi refresh --run-program` / `pulumi destroy --run-program`, " +
    "which read the current stack config); see docs/credentials.md."
  );
}

/** The API token the provider sent, as a sentence names it: where it came from, when known. */
function sentToken(source: CredentialSource | undefined): string {
  return source ? `the API token from ${source.description}` : "the configured API token";
}

/** Violations listed in a 400 message before the rest are counted; keeps a rejected 1000-scope list readable. */
const MAX_LISTED_VIOLATIONS = 10;
const MAX_SERVER_TEXT = 300;

function excerpt(text: string, max = MAX_SERVER_TEXT): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function bounded(items: readonly string[]): string {
  const shown = items.slice(0, MAX_LISTED_VIOLATIONS);
  const more = items.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; and ${more} more` : "");
}

/** The entry a violation path such as `scopes[3]` points at in the request body, when it is a string. */
function valueAt(requestBody: unknown, path: string | undefined): { list: string; value: string } | undefined {
  const match = /^([A-Za-z]+)\[(\d+)\]$/.exec(path ?? "");
  if (!match || requestBody === null || typeof requestBody !== "object") return undefined;
  const list = (requestBody as Record<string, unknown>)[match[1] as string];
  const value = Array.isArray(list) ? list[Number(match[2])] : undefined;
  return typeof value === "string" ? { list: match[1] as string, value } : undefined;
}

/**
 * Sentences for the violations of a 400. Rejected scopes are named (Dynatrace knows scopes this release's catalog
 * doesn't, and the other way round, so its verdict is the one that counts); the rest are listed as path: message.
 */
export function describeViolations(violations: readonly ConstraintViolation[], requestBody?: unknown): string {
  const scopes: string[] = [];
  const others: string[] = [];
  for (const v of violations) {
    const entry = valueAt(requestBody, v.path);
    if (entry?.list === "scopes") {
      scopes.push(`${JSON.stringify(excerpt(entry.value, 80))} (${v.path}${v.message ? `: ${excerpt(v.message, 200)}` : ""})`);
    } else {
      const detail = v.path ? `${v.path}: ${excerpt(v.message ?? "invalid", 200)}` : excerpt(v.message ?? "", 200);
      if (detail !== "") others.push(detail);
    }
  }
  const sentences: string[] = [];
  if (scopes.length > 0) {
    sentences.push(
      `Dynatrace does not accept the scope${scopes.length === 1 ? "" : "s"} ${bounded(scopes)} — check the spelling, ` +
        "or remove it if this Dynatrace environment does not offer it (yet).",
    );
  }
  if (others.length > 0) sentences.push(bounded(others));
  return sentences.join(" ");
}

/** Turns an unsuccessful HTTP answer into a sentence a user can act on. */
export function errorFromStatus(ctx: StatusErrorContext): DynatraceApiError {
  const body = parseErrorBody(ctx.body);
  const about = ctx.tokenId ? ` ${ctx.tokenId}` : "";
  const base = { operation: ctx.operation, status: ctx.status, tokenId: ctx.tokenId, violations: body.violations };
  const serverSaid = body.message ? ` Dynatrace said: "${excerpt(body.message)}"` : "";

  switch (ctx.status) {
    case 401: {
      const sentenceIn = (step?: PulumiStep) =>
        `Could not ${ctx.operation}${about}: ${ctx.envUrl} rejected ${sentToken(ctx.credentialSource)} (401) — it is ` +
        "unknown, disabled or expired. Create a token with the scopes apiTokens.read and apiTokens.write (plus " +
        `activeGateTokenManagement.* for ActiveGate tokens) and ${replaceTokenAdvice(ctx.credentialSource, step)}`;
      return new DynatraceApiError(sentenceIn(), { ...base, code: "UNAUTHORIZED", sentenceIn });
    }
    case 403: {
      const missing = parseMissingScopes(body.message);
      const need = missing.length === 0
        ? "a scope it lacks"
        : missing.length === 1
          ? `the scope "${missing[0]}"`
          : `one of the scopes ${missing.map((s) => `"${s}"`).join(", ")}`;
      const sentenceIn = (step?: PulumiStep) =>
        `Could not ${ctx.operation}${about}: ${sentToken(ctx.credentialSource)} needs ${need}. Add it to that token in ` +
        `Dynatrace (Access tokens), or create a token that has it and ${replaceTokenAdvice(ctx.credentialSource, step)}` +
        serverSaid;
      return new DynatraceApiError(sentenceIn(), { ...base, code: "MISSING_SCOPE", missingScopes: missing, sentenceIn });
    }
    case 404:
      return new DynatraceApiError(`Could not ${ctx.operation}${about}: it does not exist (404).${serverSaid}`, {
        ...base,
        code: "NOT_FOUND",
      });
    case 400: {
      const details = describeViolations(body.violations, ctx.requestBody);
      const detailText = details !== "" ? ` ${details}` : "";
      return new DynatraceApiError(
        `Could not ${ctx.operation}${about}: Dynatrace rejected the request (400): ${excerpt(body.message ?? "bad request").replace(/\.$/, "")}.${detailText}`,
        { ...base, code: "BAD_REQUEST" },
      );
    }
    case 429:
      return new DynatraceApiError(
        `Could not ${ctx.operation}${about}: Dynatrace kept answering 429 Too Many Requests after all retries. ` +
          "Run again later, or lower the parallelism (`pulumi up --parallel 4`).",
        { ...base, code: "RATE_LIMITED" },
      );
    default:
      return new DynatraceApiError(
        `Could not ${ctx.operation}${about}: Dynatrace answered ${ctx.status}` +
          (ctx.status >= 500 ? " after all retries." : ".") + serverSaid,
        { ...base, code: ctx.status >= 500 ? "SERVER_ERROR" : "HTTP_ERROR" },
      );
  }
}
