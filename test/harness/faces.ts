// The two faces of the package a behaviour test can run: the default import's dynamic resources, and the native
// classes (`pulumi-dynatrace-tokens/native`) served by the `pulumi-resource-dynatrace-tokens` plugin. Fixtures pick
// their import from FACE_ENV; the plugin is found on PATH (the consumer's node_modules/.bin) or through Pulumi.yaml.
import * as path from "node:path";
import type { ProjectOptions } from "./pulumi";

export type Face = "dynamic" | "native";

/** Both faces, for `describe.each`: a behaviour test proves the same behaviour of each. */
export const FACES: readonly Face[] = ["dynamic", "native"];

/** The environment variable the fixtures read to pick their import. */
export const FACE_ENV = "DT_TOKENS_FACE";

/** How the engine finds the native plugin: on PATH, or through `plugins: providers:` in Pulumi.yaml. */
export type PluginDiscovery = "path" | "project";

/** What the type token of each face's resource classes starts with. */
export const TYPE_PREFIX: Readonly<Record<Face, string>> = { dynamic: "pulumi-nodejs:dynamic/dynatrace:", native: "dynatrace-tokens:index:" };

/** The type token of a resource class in `face`. */
export function typeToken(face: Face, className: string): string {
  return `${TYPE_PREFIX[face]}${className}`;
}

/** Whether `type` is the type token of a resource class of either face. */
export function isTokenType(type: string): boolean {
  return FACES.some((face) => type.startsWith(TYPE_PREFIX[face]));
}

/** The project options that run `face` from the consumer project in `consumerDir`. */
export function faceOptions(face: Face, consumerDir: string, discovery: PluginDiscovery = "path"): Pick<ProjectOptions, "env" | "extraPath" | "plugins"> {
  if (face === "dynamic") return { env: { [FACE_ENV]: face } };
  return discovery === "path"
    ? { env: { [FACE_ENV]: face }, extraPath: [path.join(consumerDir, "node_modules", ".bin")] }
    : // The program's node_modules links the consumer's; the path is the project's, as a user writes it.
      { env: { [FACE_ENV]: face }, plugins: [{ name: "dynatrace-tokens", path: "./node_modules/.bin" }] };
}
