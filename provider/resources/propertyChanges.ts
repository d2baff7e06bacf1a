// What a resource's `diff` decides, property by property. Both faces answer the engine from the same decision: the
// dynamic resources as `{ changes, replaces }` (Pulumi's dynamic providers can say no more), the native plugin as a
// `detailedDiff` with a kind per property (provider/native/diff.ts).
import type * as dynamic from "@pulumi/pulumi/dynamic";

export interface PropertyChanges {
  /** Properties whose change replaces the resource (a due `rotateBefore` is one too, although its value is the same). */
  readonly replaces: readonly string[];
  /**
   * Properties that change in place, with one update. Besides inputs this names output-only changes the update
   * records: `expired` (the token expired), `previousToken` (the kept previous token is deleted), `__provider` (the
   * dynamic resources' stored provider stub is renewed), and the replace reasons a rotation in place serves.
   */
  readonly updates: readonly string[];
  readonly deleteBeforeReplace: boolean;
  /** The update issues a new token under the same resource (a rotation with `keepPreviousFor`), so its secret changes. */
  readonly rotatesInPlace?: boolean;
}

/** No change at all. */
export const NO_CHANGES: PropertyChanges = { replaces: [], updates: [], deleteBeforeReplace: false };

/** The dynamic resources' answer: any property listed is a change, and the replace reasons go as they are. */
export function dynamicDiff(changes: PropertyChanges): dynamic.DiffResult {
  return {
    changes: changes.replaces.length + changes.updates.length > 0,
    replaces: [...changes.replaces],
    deleteBeforeReplace: changes.deleteBeforeReplace,
  };
}

/** A resource provider as provider/resources/*.ts write it: a dynamic provider whose `diff` reports `PropertyChanges`. */
export type ResourceProvider = Omit<dynamic.ResourceProvider, "diff"> & {
  diff(id: string, olds: Record<string, unknown>, news: Record<string, unknown>): Promise<PropertyChanges>;
};

/** `provider` as Pulumi's dynamic-provider host calls it: `diff` answers `{ changes, replaces }`. */
export function dynamicFace<P extends ResourceProvider>(provider: P): Omit<P, "diff"> & Required<Pick<dynamic.ResourceProvider, "diff">> {
  return {
    ...provider,
    diff: async (id: string, olds: Record<string, unknown>, news: Record<string, unknown>) => dynamicDiff(await provider.diff(id, olds, news)),
  };
}
