// The dynamic provider for ActiveGate tokens. The API has no update, so every change but `rotateBefore` (which only
// the provider reads) replaces the token, creating the new one before deleting the old one.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ActiveGateTokenMetadata } from "../client/activeGateTokens";
import { createOnce } from "../client/createOnce";
import { configure } from "../config";
import { connect, knownServerNow } from "../connection";
import * as log from "../log";
import { redact } from "../redact";
import {
  activeGateTokenInputsSchema,
  activeGateTokenOutputsSchema,
  activeGateTokenStateSchema,
  type ActiveGateTokenInputs,
  type ActiveGateTokenOutputs,
} from "../schemas/activeGateToken";
import { checkActiveGateToken } from "../validation/activeGateToken";
import { isUnknown } from "../validation/unknown";
import { compact, deepEqual, initError, sameRequestedDate } from "./common";
import { rotationVerdict } from "./rotation";

type Props = Record<string, unknown>;

export const ACTIVE_GATE_TOKEN_REPLACE_PROPERTIES = ["name", "activeGateType", "seedToken", "expirationDate", "rotationTrigger", "environment"] as const;

function outputsFrom(meta: ActiveGateTokenMetadata, inputs: ActiveGateTokenInputs, token: string | undefined): ActiveGateTokenOutputs {
  return compact({
    name: meta.name ?? inputs.name,
    // Servers after the 2026 API change no longer report these; keep what was asked for.
    activeGateType: meta.activeGateType ?? inputs.activeGateType,
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
  }) satisfies ActiveGateTokenOutputs;
}

function inputsFromOutputs(outs: ActiveGateTokenOutputs): ActiveGateTokenInputs {
  return compact({
    name: outs.name,
    activeGateType: outs.activeGateType,
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

  async check(_olds: Props, news: Props): Promise<dynamic.CheckResult> {
    return checkActiveGateToken(news, knownServerNow(isUnknown(news.environment) ? undefined : (news.environment as string | undefined)));
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

    if (replaces.length === 0 && typeof news.rotateBefore === "string" && !isUnknown(news.environment)) {
      let expirationDate = olds.expirationDate;
      let serverNow: Date;
      try {
        const { http, activeGateTokens } = connect(news.environment as string | undefined);
        const live = await activeGateTokens.find(id);
        if (live?.expirationDate) expirationDate = live.expirationDate;
        serverNow = http.serverNow();
      } catch (error) {
        log.warn(`could not read ActiveGate token ${id} to check rotateBefore (${(error as Error).message}); using this machine's clock.`);
        serverNow = new Date();
      }
      const verdict = rotationVerdict(expirationDate, news.rotateBefore, serverNow);
      if (verdict.due) {
        replaces.push("rotateBefore");
        log.warn(`ActiveGate token "${String(news.name)}" (${id}) will be rotated: ${verdict.reason}.`);
      }
    }
    return { changes: replaces.length > 0 || rotateBeforeChanged, replaces, deleteBeforeReplace: false };
  },

  async create(props: Props): Promise<dynamic.CreateResult> {
    const inputs = activeGateTokenInputsSchema.parse(props);
    const { http, activeGateTokens } = connect(inputs.environment);
    const { created, orphansRemoved } = await createOnce({
      http,
      create: () =>
        activeGateTokens.create({
          name: inputs.name,
          activeGateType: inputs.activeGateType,
          seedToken: inputs.seedToken,
          expirationDate: inputs.expirationDate === undefined ? undefined : String(inputs.expirationDate).trim(),
        }),
      listMatching: async () =>
        (await activeGateTokens.list()).filter(
          (t) =>
            t.name === inputs.name &&
            (t.activeGateType == null || t.activeGateType === inputs.activeGateType) &&
            (t.seedToken == null || t.seedToken === inputs.seedToken),
        ),
      remove: (id) => activeGateTokens.delete(id),
    });
    for (const id of orphansRemoved) {
      log.warn(`ActiveGate token "${inputs.name}": deleted ${id}, created by an earlier attempt whose answer was lost (its secret was never received).`);
    }
    try {
      const meta = await activeGateTokens.get(created.id);
      return { id: created.id, outs: outputsFrom(meta, inputs, created.token) };
    } catch (error) {
      const partial = outputsFrom({ id: created.id, expirationDate: created.expirationDate }, inputs, created.token);
      throw initError(redact(`ActiveGate token ${created.id} was created, but reading it back failed: ${(error as Error).message}`), created.id, partial);
    }
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
    return { outs: compact({ ...olds, rotateBefore: inputs.rotateBefore }) };
  },

  async delete(id: string, props: Props): Promise<void> {
    const olds = activeGateTokenStateSchema.parse(props);
    await connect(olds.environment).activeGateTokens.delete(id);
  },
} satisfies dynamic.ResourceProvider;
