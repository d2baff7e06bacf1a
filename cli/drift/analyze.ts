// Deciding what changed outside the code, from a refresh preview.
//
// `pulumi preview --refresh --json --show-sames` (Pulumi v3.259) prints a `refresh` step per resource whose states
// both hold the state as it was, then one step per resource whose `oldState` holds what the refresh read from
// Dynatrace; a token deleted by hand shows up as a `create` without `oldState`. `pulumi refresh --preview-only
// --json` shows a token deleted by hand as `delete`, but prints its other steps with the old state on both sides, so
// it can't show scope or name changes; it is read too, for what it can tell.
import { riskOf, type RiskLabel, type RiskLevel } from "../../provider/catalog/risk";
import type { PreviewJson, PreviewStep, ResourceState } from "../pulumi/schemas";
import { resourceName, scopeChanges, stateTokens, tokenProperties, tokenResourceKind, type TokenResourceKind } from "../pulumi/tokenResources";

export interface ScopeWithRisk {
  readonly scope: string;
  readonly label: RiskLabel;
  readonly level: RiskLevel;
}

export type DriftChange =
  | { readonly kind: "deleted" }
  | { readonly kind: "disabled" }
  | { readonly kind: "enabled" }
  | { readonly kind: "renamed"; readonly from: string; readonly to: string }
  | { readonly kind: "scopes-widened"; readonly scopes: readonly ScopeWithRisk[] }
  | { readonly kind: "scopes-narrowed"; readonly scopes: readonly ScopeWithRisk[] }
  | { readonly kind: "expiration-changed"; readonly from?: string; readonly to?: string };

export interface TokenDrift {
  readonly urn: string;
  readonly resource: string;
  readonly kind: TokenResourceKind;
  readonly id?: string;
  readonly changes: readonly DriftChange[];
}

export interface DriftAnalysis {
  /** Token resources in the stack's state. */
  readonly checked: number;
  readonly drifted: readonly TokenDrift[];
  /** The input came from `pulumi refresh --preview-only`, which only shows deletions. */
  readonly deletionsOnly: boolean;
}

const STACK_TYPE = "pulumi:pulumi:Stack";

export function analyzeDrift(preview: PreviewJson): DriftAnalysis {
  const steps = preview.steps ?? [];
  // Only a preview runs the program, and the program always registers its stack resource.
  const programRan = steps.some((s) => s.op !== "refresh" && (s.newState ?? s.oldState)?.type === STACK_TYPE);

  const stateByUrn = new Map<string, ResourceState>();
  const liveByUrn = new Map<string, ResourceState | "deleted">();
  for (const step of steps) {
    if (!tokenResourceKind(step.oldState ?? step.newState)) continue;
    if (step.op === "refresh" && step.oldState) {
      stateByUrn.set(step.urn, step.oldState);
      if (!step.newState?.id) liveByUrn.set(step.urn, "deleted");
      else if (!liveByUrn.has(step.urn) && JSON.stringify(step.newState) !== JSON.stringify(step.oldState)) liveByUrn.set(step.urn, step.newState);
    }
  }
  for (const step of steps) {
    if (step.op === "refresh" || !tokenResourceKind(step.oldState ?? step.newState)) continue;
    const live = liveState(step, programRan, stateByUrn);
    if (live) liveByUrn.set(step.urn, live);
  }

  const drifted: TokenDrift[] = [];
  for (const [urn, state] of stateByUrn) {
    const live = liveByUrn.get(urn);
    if (!live) continue;
    const changes = live === "deleted" ? [{ kind: "deleted" } as const] : compare(state, live);
    if (changes.length === 0) continue;
    drifted.push({
      urn,
      resource: resourceName(urn),
      kind: tokenResourceKind(state) ?? "token",
      // The token in use: after a rotation in place (keepPreviousFor) that is `tokenId`, not the resource's id.
      ...(state.id ? { id: stateTokens(state).find((t) => t.role === "current")?.id ?? state.id } : {}),
      changes,
    });
  }
  drifted.sort((a, b) => a.resource.localeCompare(b.resource));
  return { checked: stateByUrn.size, drifted, deletionsOnly: !programRan && steps.length > 0 };
}

function liveState(step: PreviewStep, programRan: boolean, stateByUrn: Map<string, ResourceState>): ResourceState | "deleted" | undefined {
  if (!programRan) {
    // `pulumi refresh --preview-only`: a delete is a token gone from Dynatrace; the step has no refresh step of its own.
    if (step.op === "delete" && step.oldState) {
      stateByUrn.set(step.urn, step.oldState);
      return "deleted";
    }
    if (step.op === "update" && step.newState) return step.newState;
    return undefined;
  }
  if (step.op === "create" && !step.oldState) return stateByUrn.has(step.urn) ? "deleted" : undefined;
  if (step.op === "delete-replaced") return undefined;
  return step.oldState ?? undefined;
}

function withRisk(scopes: readonly string[]): ScopeWithRisk[] {
  return scopes.map((scope) => {
    const { label, level } = riskOf(scope);
    return { scope, label, level };
  });
}

/**
 * What the code last deployed (state inputs, falling back to state outputs) against what Dynatrace has now. Comparing
 * against inputs keeps drift visible even after a `pulumi refresh` copied the live values into the state's outputs.
 */
function compare(state: ResourceState, live: ResourceState): DriftChange[] {
  const deployedOutputs = tokenProperties(state.outputs);
  const deployedInputs = tokenProperties(state.inputs);
  const now = tokenProperties(live.outputs);
  const changes: DriftChange[] = [];

  const intendedName = deployedInputs.name ?? deployedOutputs.name;
  if (intendedName && now.name && intendedName !== now.name) changes.push({ kind: "renamed", from: intendedName, to: now.name });

  const intendedEnabled = deployedInputs.enabled ?? true;
  const liveEnabled = now.enabled ?? true;
  if (intendedEnabled && !liveEnabled) changes.push({ kind: "disabled" });
  if (!intendedEnabled && liveEnabled) changes.push({ kind: "enabled" });

  const intendedScopes = deployedInputs.scopes ?? deployedOutputs.scopes;
  if (intendedScopes && now.scopes) {
    const { added, removed } = scopeChanges(intendedScopes, now.scopes);
    if (added.length > 0) changes.push({ kind: "scopes-widened", scopes: withRisk(added) });
    if (removed.length > 0) changes.push({ kind: "scopes-narrowed", scopes: withRisk(removed) });
  }

  if (deployedOutputs.expirationDate !== now.expirationDate && sameInstant(deployedOutputs.expirationDate, now.expirationDate) === false) {
    changes.push({
      kind: "expiration-changed",
      ...(deployedOutputs.expirationDate ? { from: deployedOutputs.expirationDate } : {}),
      ...(now.expirationDate ? { to: now.expirationDate } : {}),
    });
  }
  return changes;
}

/** Compares two resolved dates; `undefined` when either isn't a date (e.g. the requested `now+90d` form). */
function sameInstant(a: string | undefined, b: string | undefined): boolean | undefined {
  if (a === undefined || b === undefined) return a === b;
  const [x, y] = [Date.parse(a), Date.parse(b)];
  return Number.isNaN(x) || Number.isNaN(y) ? undefined : x === y;
}
