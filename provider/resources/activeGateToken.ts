// The dynamic provider for ActiveGate tokens. The API has no update, so every change but `rotateBefore` (which only
// the provider reads) replaces the token, creating the new one before deleting the old one — or, with
// `keepPreviousFor`, rotates it in place and keeps the old one for the overlap (see previousToken.ts). An existing
// token can be adopted by id; since nothing of it can change, the program must describe it as it is.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { knownActiveGateType, type ActiveGateTokenMetadata, type ActiveGateTokensClient } from "../client/activeGateTokens";
import { requestedNameOf, withoutMarker } from "../client/createMarker";
import { createOnce } from "../client/createOnce";
import { DynatraceApiError } from "../client/errors";
import { configure } from "../config";
import { connect, knownServerNow } from "../connection";
import * as log from "../log";
import { ACTIVE_GATE_TOKEN_PROPERTIES } from "../properties/activeGateToken";
import { changedBy } from "../properties/names";
import { InputError } from "../sentenceErrors";
import {
  activeGateTokenInputsSchema,
  activeGateTokenOutputsSchema,
  activeGateTokenStateSchema,
  type ActiveGateTokenInputs,
  type ActiveGateTokenOutputs,
} from "../schemas/activeGateToken";
import { NO_PREVIOUS_TOKEN_OUTPUTS } from "../schemas/previousToken";
import { checkActiveGateToken } from "../validation/activeGateToken";
import { isUnknown } from "../validation/unknown";
import { compact, deepEqual, initError, machinePathStubNotice, sameRequestedDate, stackTagOf, storesMachinePathStub } from "./common";
import {
  currentTokenId,
  keepsPrevious,
  keptPrevious,
  overlapInDiff,
  overlapOutputs,
  refreshKept,
  removalDateAfter,
  removalDue,
  rotationWhileKeptMessage,
  untrackedNotice,
  type KeptToken,
} from "./previousToken";
import type { PropertyChanges, ResourceProvider } from "./propertyChanges";
import { canRotate, clockFor, expiredWarning, isExpired, rotationVerdict } from "./rotation";

type Props = Record<string, unknown>;

/** Properties that cannot change on an existing token: every input but those only the provider reads. */
export const ACTIVE_GATE_TOKEN_REPLACE_PROPERTIES = changedBy(ACTIVE_GATE_TOKEN_PROPERTIES, ["replace", "rotate"]);

function outputsFrom(
  meta: ActiveGateTokenMetadata,
  inputs: ActiveGateTokenInputs,
  carried: Pick<ActiveGateTokenOutputs, "token" | "adopted">,
  overlap?: ReturnType<typeof overlapOutputs>,
): ActiveGateTokenOutputs {
  return compact({
    name: meta.name === undefined ? inputs.name : requestedNameOf(meta.name, inputs.name),
    dynatraceName: meta.name,
    // Servers after the 2026 API change no longer report these; keep what was asked for.
    // A value Dynatrace added after this release is not what was asked for in other words: keep the request.
    activeGateType: knownActiveGateType(meta.activeGateType) ?? inputs.activeGateType,
    seedToken: meta.seedToken ?? inputs.seedToken,
    owner: meta.owner,
    creationDate: meta.creationDate,
    expirationDate: meta.expirationDate ?? undefined,
    lastUsedDate: meta.lastUsedDate ?? undefined,
    token: carried.token,
    requestedExpirationDate: inputs.expirationDate,
    rotateBefore: inputs.rotateBefore,
    rotationTrigger: inputs.rotationTrigger,
    environment: inputs.environment,
    adopted: carried.adopted,
    expired: isExpired(meta.expirationDate ?? undefined, knownServerNow(inputs.environment)),
    ...overlap,
  }) satisfies ActiveGateTokenOutputs;
}

function inputsFromOutputs(outs: ActiveGateTokenOutputs): ActiveGateTokenInputs {
  return compact({
    name: outs.name,
    activeGateType: knownActiveGateType(outs.activeGateType) ?? "ENVIRONMENT",
    seedToken: outs.seedToken,
    expirationDate: outs.requestedExpirationDate,
    rotateBefore: outs.rotateBefore,
    rotationTrigger: outs.rotationTrigger,
    keepPreviousFor: outs.keepPreviousFor,
    environment: outs.environment,
  });
}

/** The inputs fixed at creation that differ from what the token was created with (diff replaces for them). */
function fixedChanges(olds: ActiveGateTokenOutputs, inputs: ActiveGateTokenInputs): string[] {
  return ACTIVE_GATE_TOKEN_REPLACE_PROPERTIES.filter((key) =>
    key === "expirationDate" ? !sameRequestedDate(olds.requestedExpirationDate, inputs.expirationDate) : !deepEqual(olds[key], inputs[key]),
  );
}

/** POSTs the token under a marked name (see client/createMarker.ts), recovering exactly from lost answers. */
async function createNew(activeGateTokens: ActiveGateTokensClient, inputs: ActiveGateTokenInputs, props: Props) {
  const { created, postedName, orphansRemoved } = await createOnce({
    name: inputs.name,
    stackTag: stackTagOf(props),
    kind: "ActiveGate token",
    create: (name) =>
      activeGateTokens.create({
        name,
        activeGateType: inputs.activeGateType,
        seedToken: inputs.seedToken,
        expirationDate: inputs.expirationDate === undefined ? undefined : String(inputs.expirationDate).trim(),
      }),
    list: () => activeGateTokens.list(),
    remove: (id) => activeGateTokens.delete(id),
  });
  for (const id of orphansRemoved) {
    log.warn(`ActiveGate token "${inputs.name}": deleted ${id}, created by an earlier attempt whose answer was lost (its secret was never received).`);
  }
  return { created, postedName };
}

/**
 * Reads the token `adopt.id` names, without creating anything. Nothing of an ActiveGate token can be changed, so a
 * name, type or seed flag that differs from the program is refused, saying what to write; a type or seed flag the
 * server no longer reports (the 2026 API change) can't be compared and is kept as requested. The expiration date is
 * kept as requested, as for API tokens: it is what a replacement gets.
 */
async function adoptExisting(client: ActiveGateTokensClient, inputs: ActiveGateTokenInputs, adoptId: string): Promise<ActiveGateTokenMetadata> {
  const id = adoptId.trim();
  const meta = await client.find(id);
  if (!meta) {
    throw new DynatraceApiError(`Could not adopt ActiveGate token ${id}: it does not exist. Check adopt.id, or remove \`adopt\` to create a new token.`, {
      code: "NOT_FOUND",
      operation: "adopt ActiveGate token",
      tokenId: id,
    });
  }
  const differences: Array<{ property: string; actual: unknown; declared: unknown }> = [];
  const name = meta.name === undefined ? undefined : requestedNameOf(meta.name, inputs.name);
  if (name !== undefined && name !== inputs.name) differences.push({ property: "name", actual: name, declared: inputs.name });
  const type = knownActiveGateType(meta.activeGateType);
  if (type !== undefined && type !== inputs.activeGateType) differences.push({ property: "activeGateType", actual: type, declared: inputs.activeGateType });
  if (typeof meta.seedToken === "boolean" && meta.seedToken !== inputs.seedToken) differences.push({ property: "seedToken", actual: meta.seedToken, declared: inputs.seedToken });
  if (differences.length > 0) {
    const show = (value: unknown) => JSON.stringify(value);
    throw new InputError(
      `Could not adopt ActiveGate token ${id}: an ActiveGate token can't be changed, and this one differs from the program in ` +
        differences.map((d) => `${d.property} (it has ${show(d.actual)}, the program ${show(d.declared)})`).join(", ") +
        `. Write ${differences.map((d) => `${d.property}: ${show(d.actual)}`).join(", ")} to adopt it as it is; nothing was changed in Dynatrace.`,
    );
  }
  return meta;
}

/**
 * The ActiveGate token `id` as `pulumi import` takes it over (see `importApiToken`): its outputs, and the inputs of a
 * program that describes it as it is. A type or seed flag the server no longer reports (the 2026 API change) is
 * taken as the default. Undefined when there is no such token.
 */
export async function importActiveGateToken(id: string): Promise<{ inputs: ActiveGateTokenInputs; outputs: ActiveGateTokenOutputs } | undefined> {
  const { activeGateTokens } = connect(undefined);
  const meta = await activeGateTokens.find(id);
  if (!meta) return undefined;
  const inputs: ActiveGateTokenInputs = compact({
    name: meta.name === undefined ? id : withoutMarker(meta.name),
    activeGateType: knownActiveGateType(meta.activeGateType) ?? "ENVIRONMENT",
    seedToken: meta.seedToken ?? false,
    expirationDate: meta.expirationDate ?? undefined,
  });
  return { inputs, outputs: outputsFrom(meta, inputs, { adopted: "id" }) };
}

export const activeGateTokenProvider = {
  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    configure(req.config);
  },

  /** Validates and applies defaults; dates are judged against now only when new or changed (see checkActiveGateToken). */
  async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
    const environment = isUnknown(news.environment) ? undefined : (news.environment as string | undefined);
    const { warnings, ...result } = checkActiveGateToken(news, knownServerNow(environment), olds);
    const name = typeof news.name === "string" && !isUnknown(news.name) ? JSON.stringify(news.name) : "(name not known yet)";
    for (const warning of warnings) log.warn(`ActiveGate token ${name}: ${warning}`);
    return result;
  },

  async diff(id: string, oldState: Props, news: Props): Promise<PropertyChanges> {
    const olds = activeGateTokenStateSchema.parse(oldState);
    const tokenId = currentTokenId(id, olds);
    const replaces: string[] = [];
    if (isUnknown(news.name) || olds.name !== news.name) replaces.push("name");
    if (isUnknown(news.activeGateType) || (olds.activeGateType ?? "ENVIRONMENT") !== (news.activeGateType ?? "ENVIRONMENT")) replaces.push("activeGateType");
    if (isUnknown(news.seedToken) || (olds.seedToken ?? false) !== (news.seedToken ?? false)) replaces.push("seedToken");
    if (!sameRequestedDate(olds.requestedExpirationDate, news.expirationDate)) replaces.push("expirationDate");
    if (!deepEqual(olds.rotationTrigger, news.rotationTrigger)) replaces.push("rotationTrigger");
    if (isUnknown(news.environment) || olds.environment !== news.environment) replaces.push("environment");
    // Changes in place: only the state records them, an ActiveGate token itself can't change.
    const updates: string[] = [];
    if (olds.rotateBefore !== news.rotateBefore) updates.push("rotateBefore");
    if (storesMachinePathStub(oldState, news)) {
      updates.push("__provider");
      log.info(machinePathStubNotice(`ActiveGate token "${String(news.name)}" (${tokenId})`));
    }

    let now: Date | undefined;
    // Time: decided from the stored expiration and the server's clock, without reading the token.
    if (replaces.length === 0 && olds.expirationDate && !isUnknown(news.environment)) {
      now = await clockFor(news.environment as string | undefined);
      if (typeof news.rotateBefore === "string" && canRotate(olds.requestedExpirationDate)) {
        const verdict = rotationVerdict(olds.expirationDate, news.rotateBefore, now);
        if (verdict.due) {
          replaces.push("rotateBefore");
          log.warn(`ActiveGate token "${String(news.name)}" (${tokenId}) will be rotated: ${verdict.reason}.`);
        }
      }
      if (replaces.length === 0 && isExpired(olds.expirationDate, now)) {
        log.warn(expiredWarning("ActiveGate token", String(news.name), tokenId, olds.expirationDate, now, olds.requestedExpirationDate));
        // Recorded once as the `expired` output (an update without API calls); never an error.
        if (olds.expired !== true) updates.push("expired");
      }
    }

    // keepPreviousFor: the kept token's removal, and rotations served in place (see previousToken.ts).
    if (isUnknown(news.keepPreviousFor) || olds.keepPreviousFor !== news.keepPreviousFor) updates.push("keepPreviousFor");
    const kept = keptPrevious(olds);
    const what = `ActiveGate token "${String(news.name)}" (${tokenId})`;
    let rotatesInPlace = false;
    if (!isUnknown(news.environment)) {
      const clock = () => clockFor(news.environment as string | undefined);
      const overlap = await overlapInDiff({ what, tokenId, kept, keepPreviousFor: news.keepPreviousFor, replaces, now, clock });
      if (overlap.removing) updates.push("previousToken");
      updates.push(...overlap.rotating);
      rotatesInPlace = overlap.rotating.length > 0;
    }
    if (replaces.length > 0 && news.adopt !== undefined && !isUnknown(news.adopt)) {
      throw new InputError(
        `ActiveGate token ${id} must be replaced (${replaces.join(", ")} changed), but \`adopt\` is still set, so the ` +
          "replacement would take over the same token again and then delete it. Remove `adopt` from the program (it is " +
          "only needed for the first `pulumi up`), then run again.",
      );
    }
    return { replaces, updates, deleteBeforeReplace: false, rotatesInPlace };
  },

  async create(props: Props): Promise<dynamic.CreateResult> {
    const inputs = activeGateTokenInputsSchema.parse(props);
    const { activeGateTokens } = connect(inputs.environment);
    if (inputs.adopt) {
      const meta = await adoptExisting(activeGateTokens, inputs, inputs.adopt.id);
      return { id: meta.id, outs: outputsFrom(meta, inputs, { adopted: "id" }, overlapOutputs(meta.id, meta.id, inputs.keepPreviousFor, undefined)) };
    }
    const { created, postedName } = await createNew(activeGateTokens, inputs, props);
    // No read after create: the answer and the inputs give every output but owner, creationDate and lastUsedDate,
    // which `pulumi refresh` fills.
    const overlap = overlapOutputs(created.id, created.id, inputs.keepPreviousFor, undefined);
    return {
      id: created.id,
      outs: outputsFrom({ id: created.id, name: postedName, expirationDate: created.expirationDate }, inputs, { token: created.token }, overlap),
    };
  },

  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    const olds = activeGateTokenOutputsSchema.parse(props);
    const { activeGateTokens } = connect(olds.environment);
    const tokenId = currentTokenId(id, olds);
    // One shared list serves every read of a refresh (see ListSnapshot); a token missing from it is gone.
    const meta = await activeGateTokens.findListed(tokenId);
    const what = `ActiveGate token "${olds.name}" (${tokenId})`;
    const kept = await refreshKept(keptPrevious(olds), (keptId) => activeGateTokens.findListed(keptId), what);
    if (!meta) {
      if (kept) log.warn(untrackedNotice(what, kept));
      return {};
    }
    return { id, props: outputsFrom(meta, inputsFromOutputs(olds), { token: olds.token, adopted: olds.adopted }, overlapOutputs(id, tokenId, olds.keepPreviousFor, kept)) };
  },

  /**
   * Without `keepPreviousFor`, only `rotateBefore` can change in place, and it needs no API call: every other change
   * replaces the token. With it, a change fixed at creation (or a due `rotateBefore`) rotates the token in place, and
   * a kept previous token is deleted once its removal date has passed.
   */
  async update(id: string, oldState: Props, props: Props): Promise<dynamic.UpdateResult> {
    const olds = activeGateTokenOutputsSchema.parse(oldState);
    const inputs = activeGateTokenInputsSchema.parse(props);
    const tokenId = currentTokenId(id, olds);
    const what = `ActiveGate token "${inputs.name}" (${tokenId})`;
    const overlap = keepsPrevious(inputs.keepPreviousFor);
    const fixed = fixedChanges(olds, inputs);
    if (fixed.length > 0 && !overlap) {
      throw new Error(`ActiveGate token ${tokenId} cannot be updated in place (${fixed.join(", ")} changed); diff should have replaced it. This is a bug in pulumi-dynatrace-tokens.`);
    }
    let kept = keptPrevious(olds);
    // The clock (one reading per environment and process) decides a kept token's removal and a due rotateBefore.
    const rotatesByTime = overlap && inputs.rotateBefore !== undefined && canRotate(olds.requestedExpirationDate);
    const now = kept || rotatesByTime ? await clockFor(inputs.environment) : undefined;
    const { activeGateTokens } = connect(inputs.environment);
    if (kept && now && removalDue(kept, inputs.keepPreviousFor, now)) {
      // Before the new state is written: a kill now leaves a state naming a token that is gone, which the next
      // refresh reports and the next up's DELETE (404 = done) settles; never a token nobody knows.
      await activeGateTokens.delete(kept.id);
      log.info(`${what}: deleted the previous token ${kept.id} (kept until ${kept.removalDate}).`);
      kept = undefined;
    }
    const due =
      fixed.length === 0 && rotatesByTime && now && inputs.rotateBefore !== undefined
        ? rotationVerdict(olds.expirationDate, inputs.rotateBefore, now).due
        : false;
    const reasons = due ? ["rotateBefore"] : fixed;
    if (reasons.length > 0 && overlap) {
      if (kept) {
        if (fixed.length > 0) throw new InputError(rotationWhileKeptMessage(what, fixed, kept));
      } else {
        // Rotation in place: the state is written only when this returns, so a kill before leaves the old state and
        // the new token an orphan with this stack's marker, which `dt-tokens recover` removes.
        const { created, postedName } = await createNew(activeGateTokens, inputs, props);
        const removalDate = removalDateAfter(knownServerNow(inputs.environment), inputs.keepPreviousFor as string);
        const previous: KeptToken = compact({ id: tokenId, token: olds.token, removalDate });
        log.info(`${what}: rotated in place; ${created.id} is the token now, ${tokenId} stays valid until ${removalDate}.`);
        const outs = outputsFrom(
          { id: created.id, name: postedName, expirationDate: created.expirationDate },
          inputs,
          { token: created.token },
          overlapOutputs(id, created.id, inputs.keepPreviousFor, previous),
        );
        return { outs };
      }
    }
    // `expired` is re-judged: diff asks for an update once when the token expires.
    const outs = compact({
      ...olds,
      rotateBefore: inputs.rotateBefore,
      expired: isExpired(olds.expirationDate, knownServerNow(inputs.environment)),
      // Replaced as a whole: a removed kept token or overlap must not linger from `olds`.
      ...NO_PREVIOUS_TOKEN_OUTPUTS,
      ...overlapOutputs(id, tokenId, inputs.keepPreviousFor, kept),
    });
    return { outs };
  },

  async delete(id: string, props: Props): Promise<void> {
    const olds = activeGateTokenStateSchema.parse(props);
    const { activeGateTokens } = connect(olds.environment);
    await activeGateTokens.delete(currentTokenId(id, olds));
    // The kept previous token goes with the resource: destroy leaves neither.
    if (olds.previousTokenId) await activeGateTokens.delete(olds.previousTokenId);
  },
} satisfies ResourceProvider;
