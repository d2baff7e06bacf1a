// The file `pulumi import --file` reads (pulumi/pulumi pkg/cmd/pulumi/operations/import.go, `importFile`, v3.259):
// `{ "resources": [{ "type", "name", "id" }, …] }`. `name` is the resource name (and, as there is no `logicalName`,
// the name in the URN); no `provider` means the stack's default provider of the package, which reads the
// environment of `dynatrace-tokens:envUrl`. Only the native provider can import: dynamic resources can't (`adopt`).
import { z } from "zod";
import { typeTokenOf } from "../pulumi/tokenResources";
import type { OnboardingPlan } from "./plan";

export const importFileSchema = z.strictObject({
  resources: z.array(z.strictObject({ type: z.string().min(1), name: z.string().min(1), id: z.string().min(1) })),
});
export type ImportFile = z.infer<typeof importFileSchema>;

export function importFileOf(plan: OnboardingPlan): ImportFile {
  return { resources: plan.tokens.map((t) => ({ type: typeTokenOf(t.resourceClass, "native"), name: t.resource, id: t.id })) };
}

/** The file's text: JSON with two-space indents and a final newline, in resource-name order, so reruns diff cleanly. */
export function importFileText(file: ImportFile): string {
  return `${JSON.stringify(importFileSchema.parse(file), null, 2)}\n`;
}
