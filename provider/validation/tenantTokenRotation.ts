// Which moves of a tenant token rotation are allowed, decided from the resource's inputs and recorded state alone,
// so that a move that makes no sense is refused at preview without calling the API.
import type { CheckFailure, CheckResult } from "@pulumi/pulumi/dynamic";
import { ROTATION_PHASES, type RotationPhase } from "../schemas/tenantToken";
import { checkCredentials } from "./credentials";
import { checkEnvironment } from "./fields";
import { isUnknown } from "./unknown";

/** Where a rotation resource is (from state), or where it should go (from inputs). */
export interface RotationPosition {
  readonly phase: RotationPhase;
  readonly generation: number;
}

export type RotationAction = "none" | "start" | "finish" | "cancel";

export type TransitionPlan = { readonly action: RotationAction } | { readonly refused: string };

const FINISH_ADVICE =
  "put the new token (the activeToken output) on every ActiveGate and OneAgent first, then set phase: \"finished\"";

/**
 * The API call that moves a rotation from `current` (undefined when the resource is being created) to `desired`,
 * or why that move is refused.
 *
 * | current \ desired       | rotating               | finished        | cancelled        |
 * | ----------------------- | ---------------------- | --------------- | ---------------- |
 * | (new resource)          | start                  | refused         | refused          |
 * | rotating, same gen.     | —                      | finish          | cancel           |
 * | finished, same gen.     | refused (bump gen.)    | —               | refused          |
 * | cancelled, same gen.    | refused (bump gen.)    | refused         | —                |
 * | rotating, higher gen.   | refused (end it first) | refused         | refused          |
 * | finished/cancelled, higher gen. | start          | refused         | refused          |
 *
 * A lower generation is always refused. Starting and finishing in one step is refused on purpose: it would make
 * the token every OneAgent and ActiveGate uses invalid before they have the new one, and they would stop sending data.
 */
export function planTransition(current: RotationPosition | undefined, desired: RotationPosition): TransitionPlan {
  const g = desired.generation;
  if (current === undefined) {
    switch (desired.phase) {
      case "rotating":
        return { action: "start" };
      case "finished":
        return {
          refused:
            'phase "finished" needs a rotation that this resource started, and there is none yet. Create the resource with ' +
            'phase: "rotating" (that starts a rotation; both tokens stay valid), ' + FINISH_ADVICE + ". Starting and " +
            "finishing in one step would invalidate the token your agents use now and cut them off.",
        };
      case "cancelled":
        return {
          refused:
            'phase "cancelled" needs a rotation that this resource started, and there is none to cancel. Create the ' +
            'resource with phase: "rotating" to start one.',
        };
    }
  }

  if (g < current.generation) {
    return {
      refused:
        `generation can only grow: this resource is at generation ${current.generation} (${describe(current)}), ` +
        `and ${g} would go back. Use generation: ${current.generation + 1} with phase: "rotating" to start a new rotation.`,
    };
  }

  if (g === current.generation) {
    if (desired.phase === current.phase) return { action: "none" };
    if (current.phase === "rotating") return { action: desired.phase === "finished" ? "finish" : "cancel" };
    if (desired.phase === "rotating") {
      return {
        refused:
          `the rotation of generation ${g} ${describe(current)}, and a rotation runs only once per generation. ` +
          `To start a new rotation set generation: ${g + 1} with phase: "rotating"; to leave the environment as it is, ` +
          `set phase: "${current.phase}".`,
      };
    }
    return {
      refused:
        `the rotation of generation ${g} ${describe(current)}, so it cannot be ${desired.phase} any more. ` +
        `Set phase: "${current.phase}" to match; to rotate again set generation: ${g + 1} with phase: "rotating".`,
    };
  }

  // A new generation: only the start of a new rotation, and only once the previous one has ended.
  if (current.phase === "rotating") {
    return {
      refused:
        `the rotation of generation ${current.generation} is still running (the old and the new tenant token are both ` +
        `valid), so generation ${g} cannot begin. End it first: either ${FINISH_ADVICE} with generation: ` +
        `${current.generation}, or set phase: "cancelled" to discard the new token.`,
    };
  }
  if (desired.phase === "rotating") return { action: "start" };
  return {
    refused:
      `generation ${g} has no rotation yet, so it cannot be ${desired.phase}. Set phase: "rotating" with generation: ${g} ` +
      `to start one` + (desired.phase === "finished" ? `, then ${FINISH_ADVICE}. Starting and finishing in one step would cut off your agents.` : "."),
  };
}

function describe(position: RotationPosition): string {
  switch (position.phase) {
    case "rotating":
      return "is running (the old and the new tenant token are both valid)";
    case "finished":
      return "is finished (only the new tenant token is valid; the old one no longer works)";
    case "cancelled":
      return "was cancelled (the new token was discarded; the original tenant token is still the valid one)";
  }
}

function isPhase(value: unknown): value is RotationPhase {
  return typeof value === "string" && (ROTATION_PHASES as readonly string[]).includes(value);
}

function isGeneration(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}

/** Reads a position from inputs or state; undefined when a value is unknown (preview) or missing. */
export function positionOf(props: Record<string, unknown>): RotationPosition | undefined {
  const generation = props.generation ?? 0;
  return isPhase(props.phase) && isGeneration(generation) ? { phase: props.phase, generation } : undefined;
}

/**
 * `check` for tenant token rotations: field validation, credentials, and the moves that inputs alone show to be
 * wrong. `olds` are the previous inputs (empty for a new resource); moves that depend on the recorded state are
 * decided in `diff`.
 */
export function checkTenantTokenRotation(olds: Record<string, unknown>, news: Record<string, unknown>): CheckResult<Record<string, unknown>> {
  const failures: CheckFailure[] = [];
  if (!isUnknown(news.phase) && !isPhase(news.phase)) {
    const hint = typeof news.phase === "string" && isPhase(news.phase.toLowerCase()) ? ` — did you mean "${news.phase.toLowerCase()}"?` : "";
    failures.push({
      property: "phase",
      reason: `phase must be one of ${ROTATION_PHASES.map((p) => `"${p}"`).join(", ")}, got ${JSON.stringify(news.phase) ?? "nothing"}${hint}`,
    });
  }
  if (news.generation !== undefined && !isUnknown(news.generation) && !isGeneration(news.generation)) {
    failures.push({ property: "generation", reason: `generation must be a whole number of 0 or more, got ${JSON.stringify(news.generation)}` });
  }
  failures.push(...checkEnvironment(news.environment));
  if (!failures.some((f) => f.property === "environment")) failures.push(...checkCredentials(news.environment));

  const inputs: Record<string, unknown> = { ...news, generation: news.generation ?? 0 };
  const desired = positionOf(inputs);
  if (desired) {
    const refused = refusedMove(olds, desired, news.environment);
    if (refused) failures.push({ property: "phase", reason: refused });
  }
  return failures.length > 0 ? { inputs, failures } : { inputs };
}

/**
 * Why the move from the previous inputs to `desired` is refused, if it is. Refusing here, in `check`, is what prints
 * the sentence alone: an error thrown from `diff` also gets its JavaScript stack printed by the dynamic-provider
 * host. The previous inputs are where the rotation is, because `read` records a phase found by refresh in them too.
 */
function refusedMove(olds: Record<string, unknown>, desired: RotationPosition, environment: unknown): string | undefined {
  if (olds.phase === undefined) {
    const plan = planTransition(undefined, desired);
    return "refused" in plan ? plan.refused : undefined;
  }
  if (isUnknown(environment)) return undefined;
  if (environment !== olds.environment) return desired.phase === "rotating" ? undefined : environmentChangeRefusal(desired.phase);
  const current = positionOf(olds);
  if (!current) return undefined;
  const plan = planTransition(current, desired);
  return "refused" in plan ? plan.refused : undefined;
}

/** A new environment means a new rotation there, which can only start. */
export function environmentChangeRefusal(phase: string): string {
  return (
    `environment changed, which means a rotation in another environment, and that starts with phase: "rotating" (got "${phase}"). ` +
    "The rotation in the previous environment is left as it is."
  );
}
