// The tenant token: read from the OneAgent connection info (`/v1/deployment/installer/agent/connectioninfo`) and
// rotated through `/v2/tenantTokenRotation/{start,finish,cancel,status}`. Tenant tokens are opaque strings that
// `redact` cannot recognise, so no message built here ever contains one.
import { z } from "zod";
import { DynatraceApiError, isDynatraceApiError } from "./errors";
import type { DynatraceHttpClient } from "./http";
import { parseJson } from "./parse";

export const connectionInfoSchema = z.object({
  tenantUUID: z.string(),
  tenantToken: z.string(),
  communicationEndpoints: z.array(z.string()).default([]),
  formattedCommunicationEndpoints: z.string().default(""),
});
export type ConnectionInfo = z.infer<typeof connectionInfoSchema>;

const tenantTokenValueSchema = z.object({ value: z.string().nullish() }).nullish();

/** `TenantTokenConfig`: what start, finish and cancel answer. `old.value` is null when no rotation is running. */
export const tenantTokenConfigSchema = z.object({
  active: z.object({ value: z.string() }),
  old: tenantTokenValueSchema,
});
export interface TenantTokenPair {
  readonly active: string;
  readonly old: string | null;
}

/** Dynatrace adds enum values without a new API version, so a status this release does not know still parses. */
export const rotationStatusSchema = z.object({ status: z.string() });
/**
 * `ACTIVE` while a rotation is running (two tenant tokens are valid), `INACTIVE` otherwise; any other string is a
 * status Dynatrace added after this release, which callers must not read as either.
 */
export type RotationStatus = "ACTIVE" | "INACTIVE" | (string & {});

export interface ConnectionInfoQuery {
  /** The network zone the endpoints should be listed for. */
  readonly networkZone?: string | undefined;
}

export type RotationStep = "start" | "finish" | "cancel";

const STEP_OPERATION: Record<RotationStep, string> = {
  start: "start the tenant token rotation",
  finish: "finish the tenant token rotation",
  cancel: "cancel the tenant token rotation",
};

export class TenantTokenClient {
  constructor(private readonly http: DynatraceHttpClient) {}

  /** Needs `InstallerDownload`. */
  async connectionInfo(query: ConnectionInfoQuery = {}): Promise<ConnectionInfo> {
    const operation = "read the OneAgent connection info (tenant token)";
    const res = await this.http.request({
      method: "GET",
      path: "/v1/deployment/installer/agent/connectioninfo",
      query: { networkZone: query.networkZone },
      operation,
    });
    return parseJson(res, connectionInfoSchema, operation);
  }

  /** Needs `tenantTokenRotation.write`. */
  async status(): Promise<RotationStatus> {
    const operation = "read the tenant token rotation status";
    const res = await this.http.request({ method: "GET", path: "/v2/tenantTokenRotation/status", operation });
    return parseJson(res, rotationStatusSchema, operation).status;
  }

  /**
   * Runs one rotation step (`tenantTokenRotation.write`). A 400 means the environment is not in the state the step
   * needs (a rotation already running for start, none running for finish and cancel): it is thrown as
   * `BAD_REQUEST`. A step whose outcome is unknown (the connection broke after sending) throws `UNKNOWN_OUTCOME`;
   * the caller reconciles it from `status()` and `connectionInfo()` rather than sending it again blindly.
   */
  async step(step: RotationStep): Promise<TenantTokenPair> {
    const operation = STEP_OPERATION[step];
    const res = await this.http.request({ method: "POST", path: `/v2/tenantTokenRotation/${step}`, operation, idempotent: false });
    const body = parseJson(res, tenantTokenConfigSchema, operation);
    return { active: body.active.value, old: body.old?.value ?? null };
  }
}

/** True for the 400 Dynatrace answers when a rotation step does not fit the environment's rotation state. */
export function isRotationStateConflict(error: unknown): error is DynatraceApiError {
  return isDynatraceApiError(error, "BAD_REQUEST");
}
