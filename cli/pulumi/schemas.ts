// The parts of Pulumi's JSON output the CLI reads, as zod schemas that ignore every field they don't name.
// Shapes checked against Pulumi v3.259.0: `pulumi preview --json` (also with --refresh and --show-replacement-steps)
// and `pulumi stack export`.
import { z } from "zod";

const properties = z.record(z.string(), z.unknown());

export const resourceStateSchema = z.looseObject({
  urn: z.string().optional(),
  type: z.string(),
  id: z.string().nullish(),
  inputs: properties.nullish(),
  outputs: properties.nullish(),
});
export type ResourceState = z.infer<typeof resourceStateSchema>;

export const stepOpSchema = z.enum([
  "same",
  "create",
  "update",
  "delete",
  "replace",
  "create-replacement",
  "delete-replaced",
  "read",
  "read-replacement",
  "refresh",
  "discard",
  "discard-replaced",
  "remove-pending-replace",
  "import",
  "import-replacement",
]);
export type StepOp = z.infer<typeof stepOpSchema>;

export const previewStepSchema = z.looseObject({
  // A newer CLI may know more ops; keep the step and let the report treat it as unknown.
  op: z.union([stepOpSchema, z.string()]),
  urn: z.string(),
  oldState: resourceStateSchema.nullish(),
  newState: resourceStateSchema.nullish(),
  diffReasons: z.array(z.string()).nullish(),
  replaceReasons: z.array(z.string()).nullish(),
  detailedDiff: z.record(z.string(), z.unknown()).nullish(),
});
export type PreviewStep = z.infer<typeof previewStepSchema>;

export const diagnosticSchema = z.looseObject({
  urn: z.string().optional(),
  message: z.string(),
  severity: z.string(),
});

export const previewSchema = z.looseObject({
  steps: z.array(previewStepSchema).nullish(),
  diagnostics: z.array(diagnosticSchema).nullish(),
  changeSummary: z.record(z.string(), z.number()).nullish(),
});
export type PreviewJson = z.infer<typeof previewSchema>;

export const stackExportSchema = z.looseObject({
  deployment: z.looseObject({
    resources: z.array(resourceStateSchema).nullish(),
  }),
});
export type StackExport = z.infer<typeof stackExportSchema>;
