// The engine's DiffResponse from a provider's `PropertyChanges`: the same decision the dynamic resources answer as
// `{ changes, replaces }`, with a `detailedDiff` entry per property saying what happens to it, which
// `pulumi preview --diff` shows and `pulumi preview --json` carries as `steps[].detailedDiff`.
import type { DiffResponse, PropertyDiff } from "@pulumi/pulumi/proto/provider_pb";
import type { PropertyChanges } from "../resources/propertyChanges";
import { sameInput } from "../validation/changes";
import { providerProto } from "./protocol";

/** What the engine is told about one property. */
export interface PropertyDiffEntry {
  readonly kind: "ADD" | "ADD_REPLACE" | "DELETE" | "DELETE_REPLACE" | "UPDATE" | "UPDATE_REPLACE";
  /** True when the property is an input whose value the program changed; false for output-only changes and time. */
  readonly inputDiff: boolean;
}

/**
 * What an update writes to the output-only properties `diff` may name: `expired` becomes true, `previousToken` (the
 * kept previous token and its outputs) goes away.
 */
const OUTPUT_ONLY_VALUES: Readonly<Record<string, unknown>> = { expired: true, previousToken: undefined };

export interface DiffSides {
  /** The resource's arguments (its checked inputs, by name). */
  readonly inputNames: ReadonlySet<string>;
  readonly oldInputs: Readonly<Record<string, unknown>>;
  readonly oldOutputs: Readonly<Record<string, unknown>>;
  readonly newInputs: Readonly<Record<string, unknown>>;
}

/**
 * The kind of each property `changes` lists. A replace reason is an `…_REPLACE` kind, anything else an update in
 * place; `ADD…` / `DELETE…` when the value appears or goes away. An input compares the old inputs with the new ones
 * (a due `rotateBefore` replaces with the same value: not an input diff); an output-only property compares the old
 * output with what the update writes.
 */
export function detailedDiff(changes: PropertyChanges, sides: DiffSides): Record<string, PropertyDiffEntry> {
  const entries: Record<string, PropertyDiffEntry> = {};
  const describe = (property: string, replace: boolean): PropertyDiffEntry => {
    const isInput = sides.inputNames.has(property);
    const before = isInput ? sides.oldInputs[property] : sides.oldOutputs[property];
    const after = isInput ? sides.newInputs[property] : property in OUTPUT_ONLY_VALUES ? OUTPUT_ONLY_VALUES[property] : sides.oldOutputs[property];
    const change = before === undefined && after !== undefined ? "ADD" : before !== undefined && after === undefined ? "DELETE" : "UPDATE";
    return { kind: replace ? `${change}_REPLACE` : change, inputDiff: isInput && !sameInput(before, after) };
  };
  for (const property of changes.updates) entries[property] = describe(property, false);
  // Replace reasons win over updates of the same property.
  for (const property of changes.replaces) entries[property] = describe(property, true);
  return entries;
}

/** The DiffResponse for `changes`. */
export function diffResponse(changes: PropertyChanges, sides: DiffSides): DiffResponse {
  const response = new providerProto.DiffResponse();
  const entries = detailedDiff(changes, sides);
  const properties = Object.keys(entries);
  response.setChanges(properties.length > 0 ? providerProto.DiffResponse.DiffChanges.DIFF_SOME : providerProto.DiffResponse.DiffChanges.DIFF_NONE);
  response.setReplacesList([...new Set(changes.replaces)]);
  response.setDiffsList(properties);
  response.setDeletebeforereplace(changes.deleteBeforeReplace);
  response.setHasdetaileddiff(true);
  const map = response.getDetaileddiffMap();
  for (const [property, entry] of Object.entries(entries)) map.set(property, propertyDiff(entry));
  return response;
}

function propertyDiff(entry: PropertyDiffEntry): PropertyDiff {
  const diff = new providerProto.PropertyDiff();
  diff.setKind(providerProto.PropertyDiff.Kind[entry.kind]);
  diff.setInputdiff(entry.inputDiff);
  return diff;
}
