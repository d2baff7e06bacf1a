// One normaliser for comparing a stack's state across `dt-tokens move` (test/cli/move.test.ts on saved exports,
// test/e2e/move-faces.test.ts on live ones): what the round trip must keep, without what every write changes.
import { SIGNATURE_KEY } from "../../../provider/native/marshal";

export interface ComparableOptions {
  /** Only these fields of each resource; default: all but those the engine sets at write time. */
  readonly fields?: readonly string[];
  /** The serialized dynamic provider (`__provider`) by presence only (`[stub]`), wherever it is. */
  readonly stubsByPresence?: boolean;
}

/** Fields the engine sets at every write, and the source positions of the program. */
const WRITE_TIME_FIELDS = new Set(["created", "modified", "sourcePosition", "propertyDependencies"]);

/**
 * A state's resources by URN (their order is no part of the comparison): a secret as `[secret]` (its ciphertext is
 * fresh at every write), or `{ secret: <value> }` where the export shows it (`--show-secrets`); a provider reference
 * without the provider's id, and a provider's own id as `[id]`.
 */
export function comparableState(
  exported: { deployment: { resources?: ReadonlyArray<{ urn: string; type: string }> | null } },
  options: ComparableOptions = {},
): Record<string, Record<string, unknown>> {
  const value = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(value);
    if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      if (SIGNATURE_KEY in o) return typeof o.plaintext === "string" ? { secret: JSON.parse(o.plaintext) as unknown } : "[secret]";
      return Object.fromEntries(Object.entries(o).map(([k, x]) => [k, options.stubsByPresence && k === "__provider" ? "[stub]" : value(x)]));
    }
    return v;
  };
  return Object.fromEntries(
    (exported.deployment.resources ?? []).map((resource) => {
      const fields = Object.entries(resource).filter(([k]) => (options.fields ? options.fields.includes(k) : !WRITE_TIME_FIELDS.has(k)));
      const r = value(Object.fromEntries(fields)) as Record<string, unknown>;
      if (typeof r.provider === "string") r.provider = r.provider.slice(0, r.provider.lastIndexOf("::"));
      if (resource.type.startsWith("pulumi:providers:")) r.id = "[id]";
      return [resource.urn, r];
    }),
  );
}
