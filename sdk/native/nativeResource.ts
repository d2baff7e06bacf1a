// What the native classes share: registering a `dynatrace-tokens:index:*` resource, served by the
// `pulumi-resource-dynatrace-tokens` plugin, with the same arguments and outputs as the dynamic class of that name.
import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_KINDS, type ResourceClass } from "../../provider/resourceKinds";
import { refuseUnknownArguments } from "../declaration";
import { stackTracesOff } from "../dynamicResource";
import { outputPlaceholdersOf, withSecretOutputs } from "../registration";

/**
 * @internal The properties a native resource registers: every output, seeded so that it exists on the object, then the
 * arguments as the program gave them (the plugin's check applies defaults and the class's presets).
 */
export function registeredProperties(className: ResourceClass, args: object): pulumi.Inputs {
  return { ...outputPlaceholdersOf(className), ...args };
}

/** The type token of `className`. */
export function typeOf(className: ResourceClass): string {
  return RESOURCE_KINDS[className].token;
}

/** @internal What a native class hands to `pulumi.CustomResource`, and the stack-trace limit to put back after it. */
export interface NativeRegistration {
  readonly type: string;
  readonly props: pulumi.Inputs;
  readonly opts: pulumi.CustomResourceOptions;
  /** `Error.stackTraceLimit` as it was: the class restores it once registered (in a `finally`). */
  readonly stackTraceLimit: number;
}

/**
 * @internal Prepares a native class's registration: refuses unknown arguments (with full stacks), then turns off the
 * stack trace @pulumi/pulumi formats for each of the registration's promises (the same saving as the dynamic
 * classes', sdk/dynamicResource.ts) until the class puts `stackTraceLimit` back.
 *
 * Each class extends `pulumi.CustomResource` itself and calls this before `super`, as Pulumi's generated SDKs do,
 * rather than through a base class: @pulumi/pulumi records as the resource's source position the frame below the
 * class that extends CustomResource, so a base class in between would make it a line of this package instead of
 * the user's program, and store that longer stack in every resource's state.
 */
export function nativeRegistration(
  className: ResourceClass,
  name: string,
  args: object,
  opts: pulumi.CustomResourceOptions | undefined,
): NativeRegistration {
  // Unlike the dynamic classes', the `import` option works.
  refuseUnknownArguments(className, name, args);
  const registration = { type: typeOf(className), props: registeredProperties(className, args), opts: withSecretOutputs(className, opts) };
  return { ...registration, stackTraceLimit: stackTracesOff() };
}
