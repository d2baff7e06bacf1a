// The two faces of the package as a stack's state shows them (DESIGN: "faces"): the type of each class and the default
// provider its resources reference. Both come from provider/resourceKinds.ts; nothing here lists a class.
import { DYNAMIC_MODULE, PACKAGE, RESOURCE_KINDS, type ResourceKind } from "../../provider/resourceKinds";
import { typeOwner, type Face } from "../pulumi/tokenResources";

export { FACES, type Face } from "../pulumi/tokenResources";

export function otherFace(face: Face): Face {
  return face === "dynamic" ? "native" : "dynamic";
}

/** The class and face of a resource type, or undefined for a type that is not one of this release's classes. */
export function classOfType(type: string): { readonly kind: ResourceKind; readonly face: Face } | undefined {
  const owner = typeOwner(type);
  return owner && { kind: RESOURCE_KINDS[owner.resourceClass], face: owner.face };
}

/**
 * Whether a type is in one of this package's namespaces — a class of a newer (or older) release, say — so that a
 * type `classOfType` doesn't know is something the move must not guess about.
 */
export function claimsPackage(type: string): boolean {
  return type.startsWith(`pulumi-nodejs:dynamic/${DYNAMIC_MODULE}:`) || type.startsWith(`${PACKAGE}:`);
}

/**
 * The package of each face's default provider: Pulumi's Node.js dynamic-provider host for the dynamic resources,
 * the plugin for the native ones. Pulumi names a default provider `default` (`default_<version>` when resources ask
 * for a plugin version; the native classes don't).
 */
export const PROVIDER_PACKAGE: Readonly<Record<Face, string>> = { dynamic: "pulumi-nodejs", native: PACKAGE };

export function providerType(face: Face): string {
  return `pulumi:providers:${PROVIDER_PACKAGE[face]}`;
}

/**
 * Whether the dynamic SDK gives a class the `pulumiStack` input (sdk/apiTokenBase.ts, sdk/activeGateToken.ts): the
 * classes that create tokens, whose create marker carries the stack's tag. The native plugin takes the tag from the URN.
 */
export function takesStackInput(kind: ResourceKind): boolean {
  return kind.provider !== "TenantTokenRotation";
}
