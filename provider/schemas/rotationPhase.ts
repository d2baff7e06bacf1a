// The phases of a tenant token rotation, in a file of their own without zod: the SDK's public declarations import it,
// and zod's declarations don't type-check in a user's project on `module: commonjs` without `esModuleInterop`.
// Spelt out rather than `z.infer`, so the public type (and its reference page) reads as the three names.

/**
 * - `rotating`: a rotation this resource started is running; the old and the new tenant token are both valid.
 * - `finished`: it was finished; only the new token is valid.
 * - `cancelled`: it was cancelled; the new token was discarded and the old one is still the valid one.
 */
export type RotationPhase = "rotating" | "finished" | "cancelled";
export const ROTATION_PHASES = ["rotating", "finished", "cancelled"] as const satisfies readonly RotationPhase[];
// Doesn't compile when a phase is missing from the list (`satisfies` above checks the other direction).
true satisfies RotationPhase extends (typeof ROTATION_PHASES)[number] ? true : never;
