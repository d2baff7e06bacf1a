// The parts of a `pulumi stack export` (deployment version 3) the state move reads and rewrites. Every object is
// loose: fields the move doesn't name (timestamps, source positions, `additionalSecretOutputs`, the manifest, fields a
// newer Pulumi adds) pass through unchanged, and secrets stay the `{ "4dabf18193072939515e22adb298388d": …,
// "ciphertext": … }` objects the stack's secrets provider wrote — nothing here decrypts or looks inside them.
import { z } from "zod";

const properties = z.record(z.string(), z.unknown());

export const stateResourceSchema = z.looseObject({
  urn: z.string(),
  type: z.string(),
  custom: z.boolean().optional(),
  id: z.string().optional(),
  inputs: properties.optional(),
  outputs: properties.optional(),
  parent: z.string().optional(),
  /** `<provider urn>::<provider id>` (see urns.ts). */
  provider: z.string().optional(),
  dependencies: z.array(z.string()).optional(),
  propertyDependencies: z.record(z.string(), z.array(z.string())).optional(),
  deletedWith: z.string().optional(),
  /** A resource replaced by a delete-before-replace whose delete is still to run. */
  delete: z.boolean().optional(),
  pendingReplacement: z.boolean().optional(),
  /** Read with `get`, not managed. */
  external: z.boolean().optional(),
});
export type StateResource = z.infer<typeof stateResourceSchema>;

export const pendingOperationSchema = z.looseObject({
  resource: z.looseObject({ urn: z.string(), type: z.string().optional(), id: z.string().optional() }),
  type: z.string(),
});
export type PendingOperation = z.infer<typeof pendingOperationSchema>;

export const stackExportSchema = z.looseObject({
  version: z.number(),
  deployment: z.looseObject({
    resources: z.array(stateResourceSchema).nullish(),
    pending_operations: z.array(pendingOperationSchema).nullish(),
  }),
});
export type StackExport = z.infer<typeof stackExportSchema>;

/** The deployment version this module knows (`pulumi stack export` of Pulumi 3). */
export const DEPLOYMENT_VERSION = 3;
