import type { CheckFailure } from "@pulumi/pulumi/dynamic";
import { ConfigError, resolveCredentials } from "../config";
import { isUnknown } from "./unknown";

/** Reports missing or malformed credentials at preview, before anything calls the API. */
export function checkCredentials(environment: unknown): CheckFailure[] {
  if (isUnknown(environment)) return [];
  try {
    resolveCredentials(typeof environment === "string" ? environment : undefined);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return [{ property: error.key === "environment" ? "environment" : "", reason: error.message }];
    throw error;
  }
}
