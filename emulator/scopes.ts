// Scope rules the emulator enforces, on top of the shared catalog.

import { ASSIGNABLE_SCOPES, isAssignableScope, isResponseOnlyScope, isV1ScopeName, SCOPE_NAMES } from "../provider/catalog/scopes";
import { type ConstraintViolation, violation } from "./errors";

export { SCOPE_NAMES };

/** "apiTokens.write (Write API tokens)" — the form Dynatrace uses in its 403 message. */
export function describeScope(scope: string): string {
  const description = isAssignableScope(scope) ? ASSIGNABLE_SCOPES[scope].replace(/\.$/, "") : undefined;
  return description ? `${scope} (${description})` : scope;
}

export function missingScopeMessage(acceptable: readonly string[]): string {
  return `Token is missing required scope. Use one of: ${acceptable.map(describeScope).join(", ")}`;
}

/** Checks a requested scope list; returns one violation per offending entry (path `scopes[i]`). */
export function scopeViolations(
  scopes: readonly string[],
  options: { personalAccessToken: boolean; isExtraScope?: (scope: string) => boolean },
): ConstraintViolation[] {
  if (scopes.length === 0) {
    return [violation("scopes", "must not be empty")];
  }
  const violations: ConstraintViolation[] = [];
  scopes.forEach((scope, i) => {
    const path = `scopes[${i}]`;
    if (options.isExtraScope?.(scope)) {
      // A scope "Dynatrace added" (admin switch): assignable, and dotted, so personal access tokens take it too.
      if (options.personalAccessToken && !scope.includes(".")) {
        violations.push(violation(path, `"${scope}" is not allowed for personal access tokens; use a v2 (dotted) scope`));
      }
    } else if (isResponseOnlyScope(scope)) {
      violations.push(violation(path, `"${scope}" is a legacy scope that can no longer be assigned`));
    } else if (!isAssignableScope(scope)) {
      violations.push(violation(path, `"${scope}" is not a valid scope`));
    } else if (options.personalAccessToken && isV1ScopeName(scope)) {
      violations.push(violation(path, `"${scope}" is not allowed for personal access tokens; use a v2 (dotted) scope`));
    }
  });
  return violations;
}

/** Keeps the first occurrence of each scope, in request order. */
export function uniqueScopes(scopes: readonly string[]): string[] {
  return [...new Set(scopes)];
}
