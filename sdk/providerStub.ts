// The provider object handed to `pulumi.dynamic.Resource` is serialized into the stack's state, and `read` and
// `delete` run that stored copy (pulumi/pulumi#16826). So it is only a stub: each method requires the installed
// package when it runs and delegates, and upgrading the package fixes existing resources too.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import * as path from "path";

/** The provider implementations in `provider/index.ts`. */
export type ProviderKind = "ApiToken" | "ActiveGateToken" | "TenantTokenRotation";

/** A serializable stub that delegates every provider method to the installed package's provider for `kind`. */
export function providerStub(kind: ProviderKind): dynamic.ResourceProvider {
  // Used only where the package cannot be required by name (e.g. a program inside this repository).
  const fallbackPath = path.join(__dirname, "..", "provider", "index.js");
  const load = (): dynamic.ResourceProvider => {
    let loaded: { providers: Record<string, dynamic.ResourceProvider> };
    try {
      loaded = require("pulumi-dynatrace-tokens/provider");
    } catch (error) {
      if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
      loaded = require(fallbackPath);
    }
    const provider = loaded.providers[kind];
    if (!provider) throw new Error(`pulumi-dynatrace-tokens has no provider for ${kind}; upgrade the package.`);
    return provider;
  };
  return {
    configure: async (req) => load().configure?.(req),
    check: async (olds, news) => (load().check ? load().check!(olds, news) : { inputs: news }),
    diff: async (id, olds, news) => (load().diff ? load().diff!(id, olds, news) : {}),
    create: async (inputs) => load().create(inputs),
    read: async (id, props) => (load().read ? load().read!(id, props) : { id, props }),
    update: async (id, olds, news) => (load().update ? load().update!(id, olds, news) : {}),
    delete: async (id, props) => load().delete?.(id, props),
  };
}
