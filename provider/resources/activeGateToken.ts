// The dynamic provider for ActiveGate tokens. The API has no update, so every change but `rotateBefore` (which only
// the provider reads) replaces the token, creating the new one before deleting the old one.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { knownActiveGateType, type ActiveGateTokenMetadata } from "../client/activeGateTokens";
import { requestedNameOf } from "../client/createMarker";
import { createOnce } from "../client/createOnce";
import { configure } from "../config";
import { connect, knownServerNow } from "../connection";
import * as log from "../log";
import {
  activeGateTokenInputsSchema,
  activeGateTokenOutputsSchema,
  activeGateTokenStateSchema,
  type ActiveGateTokenInputs,
  type ActiveGateTokenOutputs,
} from "../schemas/activeGateToken";
import { checkActiveGateToken } from "../validation/activeGateToken";
import { isUnknown } from "../validation/unknown";
import { compact, deepEqual, initError, machinePathStubNotice, sameRequestedDate, stackTagOf, storesMachinePathStub } from "./common";
import { canRotate, expiredWarning, isExpired, rotationVerdict, serverNow } from "./rotation";

type Props = Record<string, unknown>;

export const ACTIVE_GATE_TOKEN_REPLACE_PROPERTIES = ["name", "activeGateType", "seedToken", "expirationDate", "rotationTrigger", "environment"] as const;

function outputsFrom(meta: ActiveGateTokenMetadata, inputs: ActiveGateTokenInputs, token: string | undefined): ActiveGateTokenOutputs {
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
    token,
    requestedExpirationDate: inputs.expirationDate,
    rotateBefore: inputs.rotateBefore,
    rotationTrigger: inputs.rotationTrigger,
    environment: inputs.environment,
    expired: isExpired(meta.expirationDate ?? undefined, knownServerNow(inputs.environment)),
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
    environment: outs.environment,
  });
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

  async diff(id: string, oldState: Props, news: Props): Promise<dynamic.DiffResult> {
    const olds = activeGateTokenStateSchema.parse(oldState);
    const replaces: string[] = [];
    if (isUnknown(news.name) || olds.name !== news.name) replaces.push("name");
    if (isUnknown(news.activeGateType) || (olds.activeGateType ?? "ENVIRONMENT") !== (news.activeGateType ?? "ENVIRONMENT")) replaces.push("activeGateType");
    if (isUnknown(news.seedToken) || (olds.seedToken ?? false) !== (news.seedToken ?? false)) replaces.push("seedToken");
    if (!sameRequestedDate(olds.requestedExpirationDate, news.expirationDate)) replaces.push("expirationDate");
    if (!deepEqual(olds.rotationTrigger, news.rotationTrigger)) replaces.push("rotationTrigger");
    if (isUnknown(news.environment) || olds.environment !== news.environment) replaces.push("environment");
    const rotateBeforeChanged = olds.rotateBefore !== news.rotateBefore;
    const staleStub = storesMachinePathStub(oldState, news);
    if (staleStub) log.info(machinePathStubNotice(`ActiveGate token "${String(news.name)}" (${id})`));

    let expiredNow = false;
    // Time: decided from the stored expiration and the server's clock, without reading the token.
    if (replaces.length === 0 && olds.expirationDate && !isUnknown(news.environment)) {
      let now: Date;
      try {
        now = await serverNow(news.environment as string | undefined);
      } catch (error) {
        log.warn(`could not read the Dynatrace server's clock (${(error as Error).message}); using this machine's clock.`);
        now = new Date();
      }
      if (typeof news.rotateBefore === "string" && canRotate(olds.requestedExpirationDate)) {
        const verdict = rotationVerdict(olds.expirationDate, news.rotateBefore, now);
        if (verdict.due) {
          replaces.push("rotateBefore");
          log.warn(`ActiveGate token "${String(news.name)}" (${id}) will be rotated: ${verdict.reason}.`);
        }
      }
      if (replaces.length === 0 && isExpired(olds.expirationDate, now)) {
        log.warn(expiredWarning("ActiveGate token", String(news.name), id, olds.expirationDate, now, olds.requestedExpirationDate));
        // Recorded once as the `expired` output (an update without API calls); never an error.
        expiredNow = olds.expired !== true;
      }
    }
    return { changes: replaces.length > 0 || rotateBeforeChanged || expiredNow || staleStub, replaces, deleteBeforeReplace: false };
  },

  async create(props: Props): Promise<dynamic.CreateResult> {
    const inputs = activeGateTokenInputsSchema.parse(props);
    const { activeGateTokens } = connect(inputs.environment);
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
    // No read after create: the answer and the inputs give every output but owner, creationDate and lastUsedDate,
    // which `pulumi refresh` fills.
    return { id: created.id, outs: outputsFrom({ id: created.id, name: postedName, expirationDate: created.expirationDate }, inputs, created.token) };
  },

  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    const olds = activeGateTokenOutputsSchema.parse(props);
    // One shared list serves every read of a refresh (see ListSnapshot); a token missing from it is gone.
    const meta = await connect(olds.environment).activeGateTokens.findListed(id);
    if (!meta) return {};
    return { id, props: outputsFrom(meta, inputsFromOutputs(olds), olds.token) };
  },

  /** Only `rotateBefore` can change in place, and it needs no API call: every other change replaces the token. */
  async update(id: string, oldState: Props, props: Props): Promise<dynamic.UpdateResult> {
    const olds = activeGateTokenOutputsSchema.parse(oldState);
    const inputs = activeGateTokenInputsSchema.parse(props);
    const fixed = ACTIVE_GATE_TOKEN_REPLACE_PROPERTIES.filter((key) =>
      key === "expirationDate"
        ? !sameRequestedDate(olds.requestedExpirationDate, inputs.expirationDate)
        : !deepEqual(olds[key], inputs[key]),
    );
    if (fixed.length > 0) {
      throw new Error(`ActiveGate token ${id} cannot be updated in place (${fixed.join(", ")} changed); diff should have replaced it. This is a bug in pulumi-dynatrace-tokens.`);
    }
    // `expired` is re-judged: diff asks for an update once when the token expires.
    return { outs: compact({ ...olds, rotateBefore: inputs.rotateBefore, expired: isExpired(olds.expirationDate, knownServerNow(inputs.environment)) }) };
  },

  async delete(id: string, props: Props): Promise<void> {
    const olds = activeGateTokenStateSchema.parse(props);
    await connect(olds.environment).activeGateTokens.delete(id);
  },
} satisfies dynamic.ResourceProvider;
