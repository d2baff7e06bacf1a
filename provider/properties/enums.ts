// The value sets the tables use. Open ones are sets Dynatrace extends without a new API version (scopes): any string
// is accepted by the types and the package schema, and the known values only autocomplete and document (#21.1).
import { SCOPE_NAMES, isV1ScopeName, type Scope } from "../catalog/scopes";
import { ROTATION_PHASES } from "../schemas/rotationPhase";
import type { EnumType } from "./types";

/** The catalog's v2 (dotted) scopes, the only kind a personal access token can carry. */
export type PersonalAccessTokenScope = Extract<Scope, `${string}.${string}`>;

export const SCOPE = { enum: SCOPE_NAMES, open: true, name: "Scope" } as const satisfies EnumType;

export const PERSONAL_ACCESS_TOKEN_SCOPE = {
  enum: SCOPE_NAMES.filter((scope) => !isV1ScopeName(scope)),
  open: true,
  name: "PersonalAccessTokenScope",
} as const satisfies EnumType;

/**
 * The ActiveGate types. Dynatrace documents these two, and its 2026 API change drops the field rather than adding
 * values: an argument must be one of them; a stored output keeps whatever a server reported.
 */
export const ACTIVE_GATE_TYPES = ["ENVIRONMENT", "CLUSTER"] as const;

export const ACTIVE_GATE_TYPE = { enum: ACTIVE_GATE_TYPES, open: "output" } as const satisfies EnumType;

export const ROTATION_PHASE = {
  enum: ROTATION_PHASES,
  name: "RotationPhase",
  meanings: {
    rotating: "a rotation this resource started is running; the old and the new tenant token are both valid",
    finished: "it was finished; only the new token is valid",
    cancelled: "it was cancelled; the new token was discarded and the old one is still the valid one",
  },
} as const satisfies EnumType;

/** The environment's tenant token rotation status; Dynatrace may report others. */
export const ROTATION_STATUS = { enum: ["ACTIVE", "INACTIVE"], open: true } as const satisfies EnumType;
