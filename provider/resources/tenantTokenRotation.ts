// The dynamic provider for tenant token rotations. The resource declares the phase the environment's rotation
// should be in; `create` and `update` make the one API call that gets it there (see `planTransition` for the moves
// and the ones refused at preview). Before finishing or cancelling it re-reads the environment, so it never ends a
// rotation it did not start. `delete` leaves the environment untouched: ending a rotation is always declared.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { isDynatraceApiError } from "../client/errors";
import { isRotationStateConflict, TenantTokenClient, type ConnectionInfo, type RotationStatus } from "../client/tenantToken";
import { configure } from "../config";
import { connect } from "../connection";
import * as log from "../log";
import {
  tenantTokenRotationInputsSchema,
  tenantTokenRotationOutputsSchema,
  tenantTokenRotationStateSchema,
  type RotationPhase,
  type TenantTokenRotationInputs,
  type TenantTokenRotationOutputs,
} from "../schemas/tenantToken";
import { checkTenantTokenRotation, environmentChangeRefusal, planTransition, positionOf } from "../validation/tenantTokenRotation";
import { isUnknown } from "../validation/unknown";
import { compact, machinePathStubNotice, storesMachinePathStub } from "./common";
import { NO_CHANGES, type PropertyChanges, type ResourceProvider } from "./propertyChanges";

type Props = Record<string, unknown>;

// The engine calls `diff` in two situations with the same arguments: at preview/up (news = the program's inputs,
// after `check`) and after a refresh (news = the inputs recorded in state, no `check`). A move that makes no sense
// must fail the first — the preview — but must not fail a refresh that merely found a rotation ended by hand. Both
// run in this one provider process, so `check` notes which inputs it passed and `diff` refuses only those.
const checkedInputs = new Set<string>();

/** Forgets which inputs `check` saw (tests). */
export function resetCheckedInputs(): void {
  checkedInputs.clear();
}

function fingerprint(props: Props): string {
  return JSON.stringify([props.phase, props.generation ?? 0, props.environment ?? null]);
}

/** Thrown when the environment is not where a rotation step needs it; the message says where it is. */
export class RotationStateError extends Error {
  readonly code = "ROTATION_STATE";
  constructor(message: string) {
    super(message);
    this.name = "RotationStateError";
  }
}

function clientFor(environment: string | undefined): TenantTokenClient {
  return new TenantTokenClient(connect(environment).http);
}

function where(environment: string | undefined): string {
  return environment === undefined ? "the configured Dynatrace environment" : `Dynatrace environment "${environment}"`;
}

interface LiveRotation {
  readonly status: RotationStatus;
  readonly info: ConnectionInfo;
}

async function readLive(client: TenantTokenClient): Promise<LiveRotation> {
  const status = await client.status();
  const info = await client.connectionInfo();
  return { status, info };
}

/** Starts a rotation, refusing when one is already running there, and reconciling a start whose answer was lost. */
async function startRotation(client: TenantTokenClient, inputs: TenantTokenRotationInputs): Promise<TenantTokenRotationOutputs> {
  const before = await readLive(client);
  if (before.status === "ACTIVE") throw foreignRotationError(inputs.environment);
  let pair: { active: string; old: string | null };
  try {
    pair = await client.step("start");
  } catch (error) {
    if (isRotationStateConflict(error)) throw foreignRotationError(inputs.environment);
    if (!isDynatraceApiError(error, "UNKNOWN_OUTCOME")) throw error;
    // The token that was current before is the old one; if a rotation runs now, connectioninfo names the new one.
    const after = await readLive(client);
    if (after.status !== "ACTIVE" || after.info.tenantToken === before.info.tenantToken) throw error;
    log.warn("tenant token rotation: the answer to start was lost, but the rotation did start; continuing with it.");
    pair = { active: after.info.tenantToken, old: before.info.tenantToken };
  }
  return compact({
    phase: "rotating",
    generation: inputs.generation,
    environment: inputs.environment,
    status: "ACTIVE",
    activeToken: pair.active,
    oldToken: pair.old ?? before.info.tenantToken,
    startedToken: pair.active,
    tenantUUID: before.info.tenantUUID,
  }) satisfies TenantTokenRotationOutputs;
}

function foreignRotationError(environment: string | undefined): RotationStateError {
  return new RotationStateError(
    `A tenant token rotation is already running in ${where(environment)}, and this resource did not start it. ` +
      "Two tenant tokens are valid there now. Whoever started it should finish it (POST /api/v2/tenantTokenRotation/finish, " +
      "once every agent has the new token) or cancel it (POST /api/v2/tenantTokenRotation/cancel); then run `pulumi up` again.",
  );
}

/** Finishes or cancels this resource's rotation, after checking that it is still the one running. */
async function endRotation(client: TenantTokenClient, olds: TenantTokenRotationOutputs, step: "finish" | "cancel"): Promise<TenantTokenRotationOutputs> {
  const live = await readLive(client);
  const observed = observe(olds, live);
  if (observed.phase !== "rotating" || observed.foreign) {
    throw new RotationStateError(
      `Cannot ${step} the tenant token rotation of generation ${olds.generation} in ${where(olds.environment)}: ` +
        (observed.foreign
          ? "a rotation this resource did not start is running there, and this resource never ends someone else's rotation. "
          : `it was already ${observed.phase} outside Pulumi. `) +
        "Run `pulumi refresh` to record the environment's state, then declare the phase that matches it " +
        '(or a higher generation with phase: "rotating" to rotate again).',
    );
  }
  let pair: { active: string; old: string | null };
  try {
    pair = await client.step(step);
  } catch (error) {
    if (!isDynatraceApiError(error, "UNKNOWN_OUTCOME")) throw error;
    const after = observe(olds, await readLive(client));
    if (after.phase !== (step === "finish" ? "finished" : "cancelled")) throw error;
    log.warn(`tenant token rotation: the answer to ${step} was lost, but the rotation was ${after.phase}; continuing.`);
    pair = { active: after.activeToken, old: null };
  }
  return compact({
    ...olds,
    phase: step === "finish" ? "finished" : "cancelled",
    status: "INACTIVE",
    activeToken: pair.active,
    oldToken: null,
  }) satisfies TenantTokenRotationOutputs;
}

interface Observation {
  readonly phase: RotationPhase;
  readonly activeToken: string;
  readonly oldToken: string | null;
  /** True when a rotation this resource did not start is running, or the tokens match nothing it knows. */
  readonly foreign: boolean;
}

/** What the environment's live state means for this resource's rotation. */
function observe(olds: TenantTokenRotationOutputs, live: LiveRotation): Observation {
  const current = live.info.tenantToken;
  if (live.status !== "ACTIVE" && live.status !== "INACTIVE") {
    // A status Dynatrace added after this release: it says nothing this code can interpret, so keep what is recorded.
    log.warn(
      `tenant token rotation: Dynatrace reported the rotation status ${JSON.stringify(live.status)}, which this release does not know; ` +
        "the resource keeps its recorded phase. Update pulumi-dynatrace-tokens if this persists.",
    );
    return { phase: olds.phase, activeToken: olds.activeToken, oldToken: olds.oldToken, foreign: false };
  }
  if (olds.phase === "rotating") {
    if (live.status === "ACTIVE" && current === olds.startedToken) {
      return { phase: "rotating", activeToken: olds.activeToken, oldToken: olds.oldToken, foreign: false };
    }
    if (live.status === "INACTIVE" && current === olds.startedToken) {
      return { phase: "finished", activeToken: current, oldToken: null, foreign: false };
    }
    if (live.status === "INACTIVE" && current === olds.oldToken) {
      return { phase: "cancelled", activeToken: current, oldToken: null, foreign: false };
    }
    return { phase: olds.phase, activeToken: olds.activeToken, oldToken: olds.oldToken, foreign: true };
  }
  // Finished or cancelled: with no rotation running, the one valid tenant token is the one agents need.
  if (live.status === "INACTIVE") return { phase: olds.phase, activeToken: current, oldToken: null, foreign: false };
  return { phase: olds.phase, activeToken: olds.activeToken, oldToken: olds.oldToken, foreign: true };
}

/** Which of the declared position's properties differ from the recorded one: what an update moves (at least `phase`). */
function movedProperties(olds: Props, news: Props): string[] {
  const moved = (["phase", "generation"] as const).filter((key) => isUnknown(news[key]) || (olds[key] ?? 0) !== (news[key] ?? 0));
  return moved.length > 0 ? moved : ["phase"];
}

function parseInputs(props: Props): TenantTokenRotationInputs {
  return tenantTokenRotationInputsSchema.parse(props);
}

export const tenantTokenRotationProvider = {
  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    configure(req.config);
  },

  /**
   * Validates the inputs and refuses a new resource in "finished" or "cancelled". For a new resource in
   * "rotating" it reads the rotation status, so that a rotation someone else is running is reported at preview.
   */
  async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
    const result = checkTenantTokenRotation(olds, news);
    if (result.inputs) checkedInputs.add(fingerprint(result.inputs));
    const isNew = olds.phase === undefined;
    if (result.failures || !isNew || news.phase !== "rotating" || isUnknown(news.environment)) return result;
    const environment = news.environment as string | undefined;
    try {
      if ((await clientFor(environment).status()) === "ACTIVE") {
        return { inputs: result.inputs, failures: [{ property: "phase", reason: foreignRotationError(environment).message }] };
      }
    } catch (error) {
      if (isDynatraceApiError(error, "UNAUTHORIZED") || isDynatraceApiError(error, "MISSING_SCOPE")) {
        return { inputs: result.inputs, failures: [{ property: "", reason: (error as Error).message }] };
      }
      log.warn(`tenant token rotation: could not read the rotation status at preview (${(error as Error).message}); create will check again.`);
    }
    return result;
  },

  /**
   * Decides the move from the recorded state and the new inputs, without calling the API; a move that makes no
   * sense throws, which fails the preview with the reason.
   */
  async diff(_id: string, oldState: Props, news: Props): Promise<PropertyChanges> {
    const olds = tenantTokenRotationStateSchema.parse(oldState);
    if (isUnknown(news.environment) || news.environment !== olds.environment) {
      if (news.phase !== "rotating" && !isUnknown(news.phase)) throw new RotationStateError(environmentChangeRefusal(String(news.phase)));
      return { ...NO_CHANGES, replaces: ["environment"] };
    }
    const current = positionOf(olds);
    const desired = positionOf(news);
    if (!current || !desired) return { ...NO_CHANGES, updates: movedProperties(olds, news) };
    const plan = planTransition(current, desired);
    if ("refused" in plan) {
      // After a refresh: the recorded inputs no longer fit what was found. Report it as a change; the next preview
      // refuses it with the reason (and `update` would too).
      if (!checkedInputs.has(fingerprint(news))) return { ...NO_CHANGES, updates: movedProperties(olds, news) };
      throw new RotationStateError(`tenant token rotation in ${where(olds.environment)}: ${plan.refused}`);
    }
    const updates = plan.action === "none" ? [] : movedProperties(olds, news);
    if (storesMachinePathStub(oldState, news)) {
      updates.push("__provider");
      log.info(machinePathStubNotice(`tenant token rotation in ${where(olds.environment)}`));
    }
    return { ...NO_CHANGES, updates };
  },

  async create(props: Props): Promise<dynamic.CreateResult> {
    const inputs = parseInputs(props);
    const plan = planTransition(undefined, { phase: inputs.phase, generation: inputs.generation });
    if ("refused" in plan) throw new RotationStateError(plan.refused);
    const outs = await startRotation(clientFor(inputs.environment), inputs);
    return { id: outs.tenantUUID ?? "tenant-token", outs };
  },

  /**
   * Refresh: reads the rotation status and the current tenant token. A rotation this resource started and someone
   * finished or cancelled by hand shows as a changed `phase`; a rotation started by someone else is reported.
   */
  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    const olds = tenantTokenRotationOutputsSchema.parse(props);
    const live = await readLive(clientFor(olds.environment));
    const observed = observe(olds, live);
    if (observed.foreign) {
      log.warn(
        `tenant token rotation: a rotation this resource did not start is running in ${where(olds.environment)} ` +
          "(or its tenant token changed outside Pulumi); this resource will not finish or cancel it.",
      );
    } else if (observed.phase !== olds.phase) {
      log.warn(
        `tenant token rotation: the rotation of generation ${olds.generation} was ${observed.phase} outside Pulumi. ` +
          `Declare phase: "${observed.phase}" to match, or a higher generation with phase: "rotating" to rotate again.`,
      );
    }
    const refreshed = compact({
      ...olds,
      phase: observed.phase,
      status: live.status,
      activeToken: observed.activeToken,
      oldToken: observed.oldToken,
      tenantUUID: live.info.tenantUUID,
    }) satisfies TenantTokenRotationOutputs;
    // The phase found is recorded in the inputs too, so that `check` (which sees only the previous inputs) judges the
    // next move from where the rotation really is, and refuses a wrong one there — as a sentence, not a stack trace.
    const inputs = compact({ phase: observed.phase, generation: olds.generation, environment: olds.environment });
    return { id, props: refreshed, inputs };
  },

  async update(_id: string, oldState: Props, props: Props): Promise<dynamic.UpdateResult> {
    const olds = tenantTokenRotationOutputsSchema.parse(oldState);
    const inputs = parseInputs(props);
    const plan = planTransition(olds, inputs);
    if ("refused" in plan) throw new RotationStateError(`tenant token rotation in ${where(olds.environment)}: ${plan.refused}`);
    const client = clientFor(inputs.environment);
    switch (plan.action) {
      case "none":
        return { outs: olds };
      case "start":
        return { outs: await startRotation(client, inputs) };
      case "finish":
      case "cancel":
        return { outs: await endRotation(client, olds, plan.action) };
    }
  },

  /**
   * Removes the resource from the stack only. A rotation still running stays running — both tenant tokens remain
   * valid — because finishing it could cut off agents and cancelling it could strand agents already moved to the
   * new token; a warning says so.
   */
  async delete(_id: string, props: Props): Promise<void> {
    const olds = tenantTokenRotationStateSchema.parse(props);
    if (olds.phase !== "rotating") return;
    log.warn(
      `tenant token rotation: generation ${olds.generation ?? 0} in ${where(olds.environment)} was removed from the stack ` +
        "while rotating. Pulumi left the environment as it is: if the rotation is still running, both tenant tokens " +
        "stay valid until someone finishes it (POST /api/v2/tenantTokenRotation/finish, once every agent has the new " +
        "token) or cancels it (POST /api/v2/tenantTokenRotation/cancel).",
    );
  },
} satisfies ResourceProvider;
