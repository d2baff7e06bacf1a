// What a program must change once its stack moved, so that its next preview finds every resource as the state now
// describes it: the import path, how Pulumi finds the plugin, and the stack config the native provider reads.
import { BRIDGE_CONFIG_KEYS, CONFIG_KEYS, copyConfigCommand } from "../../provider/config";
import { PACKAGE } from "../../provider/resourceKinds";
import { FACE_MODULE } from "../pulumi/tokenResources";
import type { StateMove } from "./rewrite";

/** The `Pulumi.yaml` lines that let Pulumi find the plugin the package installs (docs/native.md). */
export const PLUGIN_ENTRY = `plugins:\n  providers:\n    - name: ${PACKAGE}\n      path: ./node_modules/.bin\n`;

export type ProgramChange =
  | { readonly kind: "import"; readonly from: string; readonly to: string; readonly text: string }
  | { readonly kind: "plugin"; readonly pulumiYaml: string | undefined; readonly text: string }
  | { readonly kind: "config"; readonly commands: readonly string[]; readonly text: string }
  | { readonly kind: "note"; readonly text: string };

/** What to change, in order, for the stack `move` wrote. */
export function programChanges(move: StateMove): ProgramChange[] {
  if (move.moved.length === 0) return [];
  const from = FACE_MODULE[move.from];
  const to = FACE_MODULE[move.to];
  const changes: ProgramChange[] = [
    {
      kind: "import",
      from,
      to,
      text:
        `Import the classes from \`${to}\` instead of \`${from}\` (\`import * as dt from "${to}";\`): the classes, ` +
        "their arguments and their outputs have the same names on both faces.",
    },
  ];
  if (move.to === "native") {
    changes.push({
      kind: "plugin",
      pulumiYaml: PLUGIN_ENTRY,
      text:
        `Let Pulumi find the plugin \`pulumi-resource-${PACKAGE}\` the package installs: add to \`Pulumi.yaml\` (unless it names it already)\n\n` +
        "```yaml\n" +
        PLUGIN_ENTRY +
        "```\n\nor put the project's `node_modules/.bin` on `PATH` (docs/native.md, \"How Pulumi finds the plugin\").",
    });
    const bridge = move.recordedConfig.bridgeKeys;
    if (bridge.length > 0) {
      const commands = Object.entries(BRIDGE_CONFIG_KEYS)
        .filter(([, key]) => bridge.includes(key))
        .map(([field, key]) => copyConfigCommand(key, CONFIG_KEYS[field as keyof typeof BRIDGE_CONFIG_KEYS], field === "apiToken"));
      changes.push({
        kind: "config",
        commands,
        text:
          `The stack gave the credentials as the \`@pulumiverse/dynatrace\` bridge's ${bridge.map((k) => `\`${k}\``).join(" and ")}, ` +
          `which Pulumi does not hand a native provider: set them under \`${PACKAGE}:\` as well (the bridge keeps its own).`,
      });
    } else if (move.recordedConfig.keys.length === 0) {
      changes.push({
        kind: "note",
        text:
          `The stack config sets no \`${PACKAGE}:\` key: the provider reads \`DYNATRACE_ENV_URL\` and \`DYNATRACE_API_TOKEN\` ` +
          "from the environment of `pulumi`, on both faces.",
      });
    }
  } else {
    changes.push({
      kind: "plugin",
      pulumiYaml: undefined,
      text: `The plugin is no longer used: a \`${PACKAGE}\` entry under \`plugins: providers:\` in \`Pulumi.yaml\` may go (it does no harm).`,
    });
  }
  const environments = [...new Set(move.moved.map((m) => m.environment).filter((e): e is string => e !== undefined))].sort();
  if (environments.length > 0) {
    changes.push({
      kind: "note",
      text:
        `Resources with \`environment\` (${environments.map((e) => `\`${e}\``).join(", ")}) keep it: the default provider of ` +
        `either face reads the same \`${CONFIG_KEYS.environments}\` stack config, so it stays as it is.`,
    });
  }
  return changes;
}
