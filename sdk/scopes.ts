/**
 * The scope catalog: every scope a token can be given, with Dynatrace's description. `scopes` inputs take
 * `OrNewer<Scope>`: editors complete the catalog's scopes, and a scope Dynatrace added after this release compiles
 * too. A likely typo (`"metrics.reed"`) fails at `pulumi preview` with a did-you-mean, before any API call.
 *
 * @module Scopes
 */
export { ASSIGNABLE_SCOPES, RESPONSE_ONLY_SCOPES, SCOPE_NAMES, isAssignableScope, type OrNewer, type Scope } from "../provider/catalog/scopes";
