// What a program declares that the SDK classes can refuse before registering anything: properties the class doesn't
// have (a JavaScript program is not type-checked, and the classes pass on only the properties they know, so a
// misspelt `scope` or an `adopt` given to a class without it would otherwise be dropped without a word) and the
// `import` resource option, which Pulumi cannot apply to dynamic resources (it fails deep inside Pulumi with
// "Cannot read properties of undefined (reading 'toJavaScript')"). Both are refused when the resource is declared,
// so at `pulumi preview`, before any API call.
import * as pulumi from "@pulumi/pulumi";
import { RESOURCE_KINDS, type ResourceClass } from "../provider/resourceKinds";
import { redact } from "../provider/redact";
import { identifierOf } from "../provider/tokenFormat";
import { unknownPropertiesMessage } from "../provider/validation/unknownProperties";

/** The class names of the SDK's resources, as a program writes them. */
export type { ResourceClass };

/**
 * Refused declarations. Pulumi prints a RunError's message alone, without the JavaScript stack and program source it
 * shows for other exceptions, so the reader sees one sentence.
 */
export class DeclarationError extends pulumi.RunError {
  constructor(message: string) {
    super(message);
    this.name = "DeclarationError";
  }
}

/**
 * Throws when `args` holds a property `known` doesn't list; `within` names a nested argument (`adopt`) whose
 * properties these are. A property whose value is `undefined` is not refused: it says nothing, and spreading a shared
 * object (`{ ...common, scopes }`) often carries such keys. Only plain objects are looked into: the contents of an
 * Output or a promise are not known yet.
 */
export function refuseUnknownArgs(kind: ResourceClass, name: string, args: unknown, known: readonly string[], within?: string): void {
  if (args === null || typeof args !== "object" || Array.isArray(args) || pulumi.Output.isInstance(args) || args instanceof Promise) return;
  const refused = unknownPropertiesMessage(kind, name, args as Record<string, unknown>, known, within);
  if (refused) throw new DeclarationError(refused.message);
}

/**
 * Refuses, when the resource is declared, arguments class `kind` doesn't have, and in `adopt` properties it doesn't
 * take: the lists of provider/resourceKinds.ts, which the native plugin's check refuses with the same sentence (for
 * programs in other languages). Both faces' classes call this.
 */
export function refuseUnknownArguments(kind: ResourceClass, name: string, args: object | undefined): void {
  const { inputs, adoptInputs } = RESOURCE_KINDS[kind];
  refuseUnknownArgs(kind, name, args, inputs);
  if (adoptInputs) refuseUnknownArgs(kind, name, (args as { adopt?: unknown } | undefined)?.adopt, adoptInputs, "adopt");
}

/** What to write instead of the `import` option: a sentence, given the import ID as the program wrote it. */
export type ImportAdvice = (importId: string) => string;

/** Advice for the token classes: adopt the token by its identifier. */
export function adoptInstead(kind: ResourceClass, name: string): ImportAdvice {
  return (importId) => {
    // An import ID is meant to be the identifier; a secret put there by mistake shows as its identifier only.
    const id = identifierOf(importId.trim()) ?? redact(importId);
    return (
      "To take over the existing token, remove `import` and add `adopt` to the arguments instead: " +
      `\`new dt.${kind}(${JSON.stringify(name)}, { …, adopt: { id: ${JSON.stringify(id)} } })\`` +
      " (remove `adopt` again after the first `pulumi up`)."
    );
  };
}

/** Throws when `opts` asks Pulumi to import the resource. */
export function refuseImportOption(kind: ResourceClass, name: string, opts: pulumi.CustomResourceOptions | undefined, advice: ImportAdvice): void {
  const importId = opts?.import;
  if (importId === undefined) return;
  throw new DeclarationError(
    `${kind} "${name}": the \`import\` resource option does not work here — Pulumi cannot import dynamic resources, ` +
      `which is what this package's resources are. ${advice(String(importId))}`,
  );
}
