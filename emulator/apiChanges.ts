// Switches that make the emulator behave like a newer Dynatrace than the package's catalog: Dynatrace adds scopes and
// enum values without a new API version, and tests need to prove the provider copes with both.

import { z } from "zod";

/** What the emulator reports when `unknownEnums` is on: values no release of this package knows. */
export const UNKNOWN_ENUM_VALUES = {
  /** `activeGateType` of every ActiveGate token (get and list). */
  activeGateType: "MULTI_ENVIRONMENT",
  /** `status` of `GET /v2/tenantTokenRotation/status`. */
  tenantTokenRotationStatus: "PENDING",
} as const;

export const apiChangesSchema = z
  .object({
    /** Scopes accepted on create and update beyond the catalog's assignable ones. */
    extraScopes: z.array(z.string().min(1)).default([]),
    /** Report the values in UNKNOWN_ENUM_VALUES instead of the documented ones. */
    unknownEnums: z.boolean().default(false),
  })
  .strict();

export type ApiChangesConfig = z.infer<typeof apiChangesSchema>;
export type ApiChangesInput = z.input<typeof apiChangesSchema>;

export class ApiChanges {
  private config: ApiChangesConfig = { extraScopes: [], unknownEnums: false };

  constructor(initial?: ApiChangesInput) {
    if (initial) this.set(initial);
  }

  set(input: ApiChangesInput): ApiChangesConfig {
    this.config = apiChangesSchema.parse(input);
    return this.current;
  }

  clear(): void {
    this.config = { extraScopes: [], unknownEnums: false };
  }

  get current(): ApiChangesConfig {
    return { extraScopes: [...this.config.extraScopes], unknownEnums: this.config.unknownEnums };
  }

  isExtraScope(scope: string): boolean {
    return this.config.extraScopes.includes(scope);
  }

  get unknownEnums(): boolean {
    return this.config.unknownEnums;
  }
}
