// The serialized provider (`__provider`) the dynamic SDK stores with each of its resources, for the resources a move to
// the dynamic classes writes: the stub of sdk/providerStub.ts, serialized by the very function `pulumi.dynamic.Resource`
// calls (@pulumi/pulumi's `serializeFunction(() => provider, { allowSecrets: true })`), so the state holds what a
// `pulumi up` of the program would have stored. Pulumi's dynamic-provider host runs this text for refresh and destroy.
import { RESOURCE_KINDS, type ProviderKind } from "../../provider/resourceKinds";
import { providerStub } from "../../sdk/providerStub";
import { CliError } from "../errors";

type SerializeFunction = (func: () => unknown, args: { allowSecrets: boolean }) => Promise<{ text: string }>;

/** The module @pulumi/pulumi keeps its closure serializer in (3.139 to 3.276 at least); not a public API of theirs. */
const SERIALIZER_MODULE = "@pulumi/pulumi/runtime/closure/serializeClosure";

/** The provider kinds, each once (three classes share the ApiToken provider). */
const KINDS: readonly ProviderKind[] = [...new Set(Object.values(RESOURCE_KINDS).map((kind) => kind.provider))];

/** Each provider kind's `__provider` text. */
export async function dynamicStubs(): Promise<Readonly<Record<ProviderKind, string>>> {
  let serializeFunction: SerializeFunction;
  try {
    // Loaded here only: the serializer is slow to load, and only a move to the dynamic classes needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    ({ serializeFunction } = require(SERIALIZER_MODULE) as { serializeFunction: SerializeFunction });
  } catch (cause) {
    throw new CliError("INPUT", `moving to the dynamic classes needs @pulumi/pulumi next to pulumi-dynatrace-tokens (${SERIALIZER_MODULE} could not be loaded): run dt-tokens from the Pulumi project that installs both`, { cause });
  }
  const stubs = await Promise.all(
    KINDS.map(async (kind) => {
      const provider = providerStub(kind);
      return [kind, (await serializeFunction(() => provider, { allowSecrets: true })).text] as const;
    }),
  );
  return Object.fromEntries(stubs) as Record<ProviderKind, string>;
}
