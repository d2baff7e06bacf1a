/**
 * The scope catalog: every scope a token can be given, with Dynatrace's description. `scopes` inputs are typed with
 * it, so editors complete scope names and a misspelt one is a type error.
 *
 * @module Scopes
 */
export { ASSIGNABLE_SCOPES, RESPONSE_ONLY_SCOPES, SCOPE_NAMES, isAssignableScope, type Scope } from "../provider/catalog/scopes";
