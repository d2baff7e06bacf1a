// What both faces' classes register besides their arguments: every output, seeded so that it exists on the object,
// and the class's secret outputs, declared so that they are encrypted whatever the provider says. Made from the
// property tables' lists (provider/native/properties.ts, provider/resourceKinds.ts), which load without zod: the
// native classes (pulumi-dynatrace-tokens/native) use this too.
import * as pulumi from "@pulumi/pulumi";
import { OUTPUT_NAMES } from "../provider/native/properties";
import { RESOURCE_KINDS, type ResourceClass } from "../provider/resourceKinds";

/** @internal Every output of `className` set to `undefined`: what a resource registers so that its outputs exist on the object. */
export function outputPlaceholdersOf(className: ResourceClass): Readonly<Record<string, undefined>> {
  return Object.fromEntries(OUTPUT_NAMES[RESOURCE_KINDS[className].provider].map((name) => [name, undefined]));
}

/** @internal `opts` with the class's secret outputs declared, so that they are encrypted whatever the provider says. */
export function withSecretOutputs(className: ResourceClass, opts: pulumi.CustomResourceOptions | undefined): pulumi.CustomResourceOptions {
  return pulumi.mergeOptions(opts, { additionalSecretOutputs: [...RESOURCE_KINDS[className].secretOutputs] });
}
