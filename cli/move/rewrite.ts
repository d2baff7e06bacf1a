// The state move itself, on a parsed `pulumi stack export` and nothing else (no Pulumi, no network, no secrets
// provider): each token resource of one face becomes the same resource of the other face — same id, same outputs, the
// same ciphertext for its secrets — referencing the other face's default provider, which the move writes into the
// state when it isn't there. Pulumi would otherwise replace every token (a provider change is a replacement), and
// Dynatrace returns a secret only at creation.
//
// Per token resource:
// - type `pulumi-nodejs:dynamic/dynatrace:<Class>` ↔ `dynatrace-tokens:index:<Class>`, and so its URN, everywhere a
//   URN names it (parents, dependencies, property dependencies, `deletedWith`);
// - provider: the dynamic-provider host's `pulumi:providers:pulumi-nodejs::default` ↔ the plugin's
//   `pulumi:providers:dynatrace-tokens::default`;
// - inputs: the dynamic resources' `__provider` (the serialized provider stub, sdk/providerStub.ts) and `pulumiStack`
//   (the create marker's stack, which the plugin takes from the URN instead) go, or come back; property dependencies
//   likewise;
// - outputs: the same keys but `__provider`; secrets stay the ciphertext objects they are.
//
// Default providers record the stack config as their inputs (Pulumi's `GetPackageConfig`): the dynamic host's the
// whole config with namespaced keys (`dynatrace-tokens:apiToken`), the plugin's its own namespace without it
// (`apiToken`). A provider the move writes gets this package's values from the other provider's record, secrets as the
// ciphertext already there, so refresh and destroy find the credentials the last `pulumi up` recorded. The dynamic
// host's record of the other namespaces exists nowhere in a native stack and is not made up: the next `pulumi up`
// records it (a preview never shows a default provider; nothing of this package reads those namespaces but the
// bridge's keys, which a move to native carries over as its own).
import { BRIDGE_CONFIG_KEYS, CONFIG_NAMESPACE } from "../../provider/config";
import { PROVIDER_INPUTS } from "../../provider/native/config";
import { DEFAULT_PROVIDER_NAME, isDefaultProviderName, tryParseUrn } from "../../provider/native/urn";
import { STACK_INPUT, stackInput, type ProviderKind, type ResourceClass } from "../../provider/resourceKinds";
import { CliError } from "../errors";
import { DYNAMIC_ONLY_INPUTS, PROVIDER_STUB, tokenResourceKind, typeTokenOf } from "../pulumi/tokenResources";
import type { StackExport, StateResource } from "./deployment";
import { claimsPackage, classOfType, otherFace, providerType, takesStackInput, type Face } from "./faces";
import { makeUrn, parseProviderReference, providerReference, urnWithType } from "./urns";

export interface MoveOptions {
  readonly to: Face;
  /** The `__provider` the dynamic SDK stores for a resource of `provider`'s kind (only asked when moving to dynamic). */
  readonly dynamicStub: (provider: ProviderKind) => string;
  /** The id of a provider resource the move writes; Pulumi gives its own a random UUID. */
  readonly newProviderId: () => string;
}

export interface MovedResource {
  readonly className: ResourceClass;
  /** The resource's name (the last part of its URN). */
  readonly name: string;
  readonly id: string | undefined;
  readonly fromUrn: string;
  readonly toUrn: string;
  /** The `dynatrace-tokens:environments` entry it uses, if it names one. */
  readonly environment: string | undefined;
}

/** What the stack config the state recorded said about credentials, for what the move tells the user to set. */
export interface RecordedConfig {
  /** `dynatrace-tokens:*` keys the source provider recorded. */
  readonly keys: readonly string[];
  /** The `@pulumiverse/dynatrace` bridge's keys the dynamic provider read because ours were not set. */
  readonly bridgeKeys: readonly string[];
}

export interface StateMove {
  readonly from: Face;
  readonly to: Face;
  readonly project: string;
  readonly stack: string;
  readonly moved: readonly MovedResource[];
  /** Token resources already of the target face (a move run twice, or a stack using both faces). */
  readonly alreadyThere: number;
  /** The target face's default provider, and whether the move wrote it or found it in the state. */
  readonly provider: { readonly urn: string; readonly created: boolean } | undefined;
  /** Default providers of the source face that nothing references any more, taken out of the state. */
  readonly removedProviders: readonly string[];
  readonly recordedConfig: RecordedConfig;
  /** The export to import: the input's every other field and resource as it was. */
  readonly exported: StackExport;
}

type Properties = Record<string, unknown>;

/**
 * Moves every token resource of `exported` to `options.to`. Throws a CliError (code STATE) naming what stands in the
 * way — pending operations, resources it does not recognise, resources that cannot move — and changes nothing then.
 */
export function moveState(exported: StackExport, options: MoveOptions): StateMove {
  const to = options.to;
  const from = otherFace(to);
  const resources = exported.deployment.resources ?? [];
  const { project, stack } = stackOf(resources);

  refuseUnmovable(exported, from, to);

  const moving = resources.filter((r) => classOfType(r.type)?.face === from);
  const alreadyThere = resources.filter((r) => classOfType(r.type)?.face === to).length;
  if (moving.length === 0) {
    return { from, to, project, stack, moved: [], alreadyThere, provider: undefined, removedProviders: [], recordedConfig: { keys: [], bridgeKeys: [] }, exported };
  }

  const sources = new Map<string, StateResource>();
  for (const resource of moving) {
    const urn = parseProviderReference(resource.provider!).urn;
    sources.set(urn, resources.find((r) => r.urn === urn)!);
  }
  // The dynamic resources all use the one `pulumi-nodejs::default`; native ones may use `default` and
  // `default_<version>`, which Pulumi fills from the same stack config: `default` if there, else the first.
  const source = sources.get(makeUrn(stack, project, providerType(from), DEFAULT_PROVIDER_NAME)) ?? [...sources.values()][0]!;
  const recordedConfig = recordedConfigOf(source, from);

  const targetUrn = makeUrn(stack, project, providerType(to), DEFAULT_PROVIDER_NAME);
  const existing = resources.find((r) => r.urn === targetUrn);
  const target: StateResource = existing ?? {
    urn: targetUrn,
    custom: true,
    id: options.newProviderId(),
    type: providerType(to),
    // A provider's outputs repeat its inputs; each side from the same side of the source, ciphertext as it was.
    inputs: providerConfig(source.inputs, to),
    outputs: providerConfig(source.outputs ?? source.inputs, to),
  };
  const targetReference = providerReference(target.urn, target.id!);

  const renamed = new Map(moving.map((r) => [r.urn, urnWithType(r.urn, typeTokenOf(classOfType(r.type)!.kind.className, to))]));
  const rename = (urn: string) => renamed.get(urn) ?? urn;

  const moved: MovedResource[] = [];
  let rewritten: StateResource[] = resources.map((original) => {
    const resource = withRenamedReferences(original, rename);
    const owner = classOfType(resource.type);
    if (owner?.face !== from) return resource;
    const toUrn = rename(resource.urn);
    moved.push({
      className: owner.kind.className,
      name: tryParseUrn(resource.urn)?.name ?? resource.urn,
      id: resource.id,
      fromUrn: resource.urn,
      toUrn,
      environment: typeof resource.inputs?.environment === "string" ? resource.inputs.environment : undefined,
    });
    const faceProperties =
      to === "native"
        ? { inputs: without(resource.inputs, DYNAMIC_ONLY_INPUTS), outputs: without(resource.outputs, [PROVIDER_STUB]) }
        : dynamicProperties(resource, owner.kind.provider, takesStackInput(owner.kind), options);
    return {
      ...resource,
      urn: toUrn,
      type: typeTokenOf(owner.kind.className, to),
      provider: targetReference,
      ...faceProperties,
      ...(resource.propertyDependencies === undefined ? {} : { propertyDependencies: faceDependencies(resource.propertyDependencies, to, takesStackInput(owner.kind)) }),
    };
  });

  // A provider comes before the resources that reference it (Pulumi checks the order when it imports a state); one the
  // state had may come after the resources that now do.
  rewritten = rewritten.filter((r) => r !== existing);
  rewritten.splice(rewritten.findIndex((r) => r.provider === targetReference), 0, target);
  const removedProviders = [...sources.keys()].filter((urn) => !isReferenced(urn, rewritten));
  rewritten = rewritten.filter((r) => !removedProviders.includes(r.urn));

  return {
    from,
    to,
    project,
    stack,
    moved,
    alreadyThere,
    provider: { urn: target.urn, created: !existing },
    removedProviders,
    recordedConfig,
    exported: { ...exported, deployment: { ...exported.deployment, resources: rewritten } },
  };
}

/** Project and stack from the state's URNs. */
function stackOf(resources: readonly StateResource[]): { project: string; stack: string } {
  const parsed = resources.map((r) => tryParseUrn(r.urn)).find((u) => u !== undefined);
  if (!parsed) throw new CliError("STATE", "the stack's state holds no resource: there is nothing to move");
  return { project: parsed.project, stack: parsed.stack };
}

/** The reasons the state can't move, all at once, or nothing. */
function refuseUnmovable(exported: StackExport, from: Face, to: Face): void {
  const resources = exported.deployment.resources ?? [];
  const reasons: string[] = [];
  const label = (r: { urn: string; type?: string | undefined }) => `${r.type ?? tryParseUrn(r.urn)?.type ?? "?"} ${tryParseUrn(r.urn)?.name ?? r.urn}`;

  const pending = exported.deployment.pending_operations ?? [];
  if (pending.length > 0) {
    reasons.push(
      `The stack has ${pending.length} pending operation${pending.length === 1 ? "" : "s"} of an interrupted update ` +
        `(${pending.map((op) => `${op.type} ${label(op.resource)}`).join(", ")}): clear them first as docs/recovery.md says ` +
        "(`pulumi refresh --clear-pending-creates --yes`, then `dt-tokens recover`), then run the move again.",
    );
  }

  const unknown = resources.filter((r) => !classOfType(r.type) && (claimsPackage(r.type) || (r.type.startsWith("pulumi-nodejs:") && tokenResourceKind(r) !== undefined)));
  if (unknown.length > 0) {
    reasons.push(
      `It holds resources dt-tokens move does not recognise: ${unknown.map(label).join(", ")}. ` +
        "Upgrade pulumi-dynatrace-tokens to the release that wrote them (or remove them from the program and run `pulumi up`), then run the move again.",
    );
  }

  for (const resource of resources) {
    if (classOfType(resource.type)?.face !== from) continue;
    if (resource.delete === true || resource.pendingReplacement === true) {
      reasons.push(`${label(resource)} is half-way through a replacement: run \`pulumi up\` to finish it, then move.`);
    }
    if (resource.external === true) {
      reasons.push(`${label(resource)} is read with \`get\`, not managed by the stack: take the \`get\` out of the program, move, and read it with the other face's class.`);
    }
    const reference = resource.provider === undefined ? undefined : parseProviderReference(resource.provider).urn;
    const provider = reference === undefined ? undefined : tryParseUrn(reference);
    if (!provider || provider.type !== providerType(from) || !isDefaultProviderName(provider.name)) {
      reasons.push(
        to === "dynamic"
          ? `${label(resource)} uses the explicit provider ${provider?.name ?? "(none)"}: the dynamic classes have no explicit providers, so it can only stay on the native provider.`
          : `${label(resource)} uses the provider ${reference ?? "(none)"} instead of Pulumi's default pulumi-nodejs one: dt-tokens move moves only resources of the default provider.`,
      );
    }
    const children = resources.filter((r) => r.parent === resource.urn);
    if (children.length > 0) {
      reasons.push(`${label(resource)} is the parent of ${children.map(label).join(", ")}, whose URNs name its type: give them another parent (with an alias), run \`pulumi up\`, then move.`);
    }
  }

  if (reasons.length > 0) {
    throw new CliError("STATE", `dt-tokens move changed nothing. ${reasons.join(" ")}`);
  }
}

/** The config a source default provider recorded, for the instructions the move prints. */
function recordedConfigOf(source: StateResource, from: Face): RecordedConfig {
  const inputs = source.inputs ?? {};
  const keyOf = (input: string) => (from === "dynamic" ? `${CONFIG_NAMESPACE}:${input}` : input);
  const keys = PROVIDER_INPUTS.filter((input) => inputs[keyOf(input)] !== undefined).map((input) => `${CONFIG_NAMESPACE}:${input}`);
  const bridgeKeys = from === "dynamic" ? Object.values(BRIDGE_CONFIG_KEYS).filter((key) => inputs[key] !== undefined) : [];
  return { keys, bridgeKeys };
}

/** What Pulumi records as the target face's default provider's inputs (or outputs), from the source provider's. */
function providerConfig(recorded: Readonly<Properties> = {}, to: Face): Properties {
  const config: Properties = {};
  if (to === "native") {
    for (const input of PROVIDER_INPUTS) {
      const value = recorded[`${CONFIG_NAMESPACE}:${input}`];
      if (value !== undefined) config[input] = value;
    }
    // A stack configured for the bridge: the values the dynamic provider used, which the plugin gets once the stack
    // sets them under its own keys (the move says how).
    for (const [input, key] of Object.entries(BRIDGE_CONFIG_KEYS)) {
      if (config[input] === undefined && recorded[key] !== undefined) config[input] = recorded[key];
    }
  } else {
    // The dynamic host's provider records every namespace; the state holds only ours, and the next `pulumi up` records
    // the rest (preview shows no default provider, and no provider of ours reads other namespaces but the bridge's,
    // which a move to native turned into ours).
    for (const input of PROVIDER_INPUTS) {
      if (recorded[input] !== undefined) config[`${CONFIG_NAMESPACE}:${input}`] = recorded[input];
    }
  }
  return sortedKeys(config);
}

/** A moved resource's inputs and outputs as the dynamic SDK registers them: with the stub, and the stack for the marker. */
function dynamicProperties(resource: StateResource, provider: ProviderKind, stackInputToo: boolean, options: MoveOptions): { inputs: Properties; outputs: Properties } {
  const stub = options.dynamicStub(provider);
  const urn = tryParseUrn(resource.urn)!;
  const inputs = { ...resource.inputs, [PROVIDER_STUB]: stub, ...(stackInputToo ? stackInput(urn.project, urn.stack) : {}) };
  return { inputs: sortedKeys(inputs), outputs: sortedKeys({ ...resource.outputs, [PROVIDER_STUB]: stub }) };
}

/** Property dependencies without (or with) the dynamic face's own inputs. */
function faceDependencies(dependencies: Readonly<Record<string, string[]>>, to: Face, stackInputToo: boolean): Record<string, string[]> {
  if (to === "native") return without(dependencies, DYNAMIC_ONLY_INPUTS) as Record<string, string[]>;
  return sortedKeys({ ...dependencies, [PROVIDER_STUB]: [], ...(stackInputToo ? { [STACK_INPUT]: [] } : {}) }) as Record<string, string[]>;
}

/** `resource` with every URN it names of another resource passed through `rename`. */
function withRenamedReferences(resource: StateResource, rename: (urn: string) => string): StateResource {
  const changed: Partial<StateResource> = {};
  if (resource.parent !== undefined) changed.parent = rename(resource.parent);
  if (resource.deletedWith !== undefined) changed.deletedWith = rename(resource.deletedWith);
  if (resource.dependencies !== undefined) changed.dependencies = resource.dependencies.map(rename);
  if (resource.propertyDependencies !== undefined) {
    changed.propertyDependencies = Object.fromEntries(Object.entries(resource.propertyDependencies).map(([key, urns]) => [key, urns.map(rename)]));
  }
  return { ...resource, ...changed };
}

/** Whether any resource of `resources` names `urn` (as its provider, parent, dependency or `deletedWith`). */
function isReferenced(urn: string, resources: readonly StateResource[]): boolean {
  return resources.some(
    (r) =>
      r.urn !== urn &&
      ((r.provider !== undefined && parseProviderReference(r.provider).urn === urn) ||
        r.parent === urn ||
        r.deletedWith === urn ||
        (r.dependencies ?? []).includes(urn) ||
        Object.values(r.propertyDependencies ?? {}).some((urns) => urns.includes(urn))),
  );
}

function without(properties: Readonly<Properties> | undefined, keys: readonly string[]): Properties {
  return Object.fromEntries(Object.entries(properties ?? {}).filter(([key]) => !keys.includes(key)));
}

function sortedKeys(properties: Readonly<Properties>): Properties {
  return Object.fromEntries(Object.entries(properties).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
