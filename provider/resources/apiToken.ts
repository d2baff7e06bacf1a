// The dynamic provider for API tokens (and the personal-access and PaaS presets, which are API tokens too).
//
// Lifecycle: check → diff → create → read → update → delete.
// - name, scopes and enabled update in place with one PUT; everything fixed at creation replaces the token,
//   creating the new one before deleting the old one.
// - read carries the secret forward: the API returns it only once, at creation.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ApiTokenMetadata, ApiTokensClient } from "../client/apiTokens";
import { markedName, markerOf, requestedNameOf, withoutMarker } from "../client/createMarker";
import { createOnce } from "../client/createOnce";
import { DynatraceApiError, isDynatraceApiError } from "../client/errors";
import { configure } from "../config";
import { connect, knownServerNow } from "../connection";
import * as log from "../log";
import { API_TOKEN_PROPERTIES } from "../properties/apiTokens";
import { changedBy } from "../properties/names";
import { redact } from "../redact";
import { InputError } from "../sentenceErrors";
import { apiTokenInputsSchema, apiTokenOutputsSchema, apiTokenStateSchema, type ApiTokenInputs, type ApiTokenOutputs } from "../schemas/apiToken";
import { checkApiToken } from "../validation/apiToken";
import { isUnknown } from "../validation/unknown";
import { compact, deepEqual, initError, machinePathStubNotice, sameRequestedDate, sameScopeSet, stackTagOf, storesMachinePathStub } from "./common";
import {
  currentTokenId,
  keepsPrevious,
  keptPrevious,
  overlapInDiff,
  overlapOutputs,
  removalDateAfter,
  removalDue,
  rotationWhileKeptMessage,
  refreshKept,
  untrackedNotice,
  type KeptToken,
} from "./previousToken";
import type { PropertyChanges, ResourceProvider } from "./propertyChanges";
import { canRotate, clockFor, expiredWarning, isExpired, rotationVerdict } from "./rotation";

type Props = Record<string, unknown>;

/** Properties that cannot change on an existing token; a change creates a new one (or rotates it in place). */
export const API_TOKEN_REPLACE_PROPERTIES = changedBy(API_TOKEN_PROPERTIES, ["replace", "rotate"]);
/** Properties changed in place with one PUT (`supportAlert` through the scopes it makes). */
export const API_TOKEN_UPDATE_PROPERTIES = changedBy(API_TOKEN_PROPERTIES, ["update"]);

/** What an answer can't say and the outputs carry: the secret, how the token was adopted, the overlap outputs. */
interface Carried extends Pick<ApiTokenOutputs, "token" | "adopted"> {
  readonly overlap?: ReturnType<typeof overlapOutputs>;
}

function outputsFrom(meta: ApiTokenMetadata, inputs: ApiTokenInputs, carried: Carried): ApiTokenOutputs {
  return compact({
    name: meta.name === undefined ? inputs.name : requestedNameOf(meta.name, inputs.name),
    dynatraceName: meta.name,
    scopes: [...(meta.scopes ?? inputs.scopes)].sort(),
    enabled: meta.enabled ?? inputs.enabled,
    personalAccessToken: meta.personalAccessToken ?? inputs.personalAccessToken,
    owner: meta.owner,
    creationDate: meta.creationDate,
    expirationDate: meta.expirationDate ?? undefined,
    lastUsedDate: meta.lastUsedDate ?? undefined,
    lastUsedIpAddress: meta.lastUsedIpAddress ?? undefined,
    modifiedDate: meta.modifiedDate ?? undefined,
    token: carried.token,
    requestedExpirationDate: inputs.expirationDate,
    rotateBefore: inputs.rotateBefore,
    rotationTrigger: inputs.rotationTrigger,
    environment: inputs.environment,
    adopted: carried.adopted,
    expired: isExpired(meta.expirationDate ?? undefined, knownServerNow(inputs.environment)),
    ...carried.overlap,
  }) satisfies ApiTokenOutputs;
}

/** The inputs a stored state was made from, for `read`, which only has the outputs. */
function inputsFromOutputs(outs: ApiTokenOutputs): ApiTokenInputs {
  return compact({
    name: outs.name,
    scopes: outs.scopes,
    enabled: outs.enabled,
    personalAccessToken: outs.personalAccessToken,
    expirationDate: outs.requestedExpirationDate,
    rotateBefore: outs.rotateBefore,
    rotationTrigger: outs.rotationTrigger,
    keepPreviousFor: outs.keepPreviousFor,
    environment: outs.environment,
  });
}

/**
 * Why the token must be re-issued, as `update` sees it once diff chose a rotation in place (with `keepPreviousFor`)
 * over a replacement: the same reasons diff replaces for, but a move to another environment.
 */
function rotationReasons(olds: ApiTokenOutputs, inputs: ApiTokenInputs, now: Date | undefined): string[] {
  const reasons: string[] = [];
  if (!sameRequestedDate(olds.requestedExpirationDate, inputs.expirationDate)) reasons.push("expirationDate");
  if ((olds.personalAccessToken ?? false) !== inputs.personalAccessToken) reasons.push("personalAccessToken");
  if (!deepEqual(olds.rotationTrigger, inputs.rotationTrigger)) reasons.push("rotationTrigger");
  if (reasons.length === 0 && now && inputs.rotateBefore !== undefined && canRotate(olds.requestedExpirationDate)) {
    if (rotationVerdict(olds.expirationDate, inputs.rotateBefore, now).due) reasons.push("rotateBefore");
  }
  return reasons;
}

/** The one PUT body that makes `current` match `desired`, or undefined when nothing needs changing. */
function updateBody(
  current: { name?: string | undefined; dynatraceName?: string | undefined; scopes?: readonly string[] | undefined; enabled?: boolean | undefined },
  desired: ApiTokenInputs,
) {
  const body: { name?: string; scopes?: string[]; enabled?: boolean } = {};
  // A rename keeps the create marker, which identifies the token for good (client/createMarker.ts).
  if (current.name !== desired.name) body.name = markedName(desired.name, markerOf(current.dynatraceName ?? current.name));
  // The API replaces the whole scope set on PUT, so send all of them.
  if (!sameScopeSet(current.scopes, desired.scopes)) body.scopes = [...new Set(desired.scopes)].sort();
  if (current.enabled !== desired.enabled) body.enabled = desired.enabled;
  return Object.keys(body).length > 0 ? body : undefined;
}

/** POSTs the token under a marked name (see client/createMarker.ts), recovering exactly from lost answers. */
async function createNew(client: ApiTokensClient, inputs: ApiTokenInputs, tag: string) {
  const scopes = [...new Set(inputs.scopes)].sort();
  const { created, postedName, orphansRemoved } = await createOnce({
    name: inputs.name,
    stackTag: tag,
    kind: "API token",
    create: (name) =>
      client.create({
        name,
        scopes,
        personalAccessToken: inputs.personalAccessToken || undefined,
        // Dynatrace resolves every documented form itself (now+90d, ISO, milliseconds), on its own clock.
        expirationDate: inputs.expirationDate === undefined ? undefined : String(inputs.expirationDate).trim(),
      }),
    // The marker alone is exact; the selector and the two fields only keep the list small.
    list: () => client.list({ selector: `personalAccessToken(${inputs.personalAccessToken})`, fields: "id,name" }),
    remove: (id) => client.delete(id),
  });
  for (const id of orphansRemoved) {
    log.warn(`API token "${inputs.name}": deleted ${id}, created by an earlier attempt whose answer was lost (its secret was never received).`);
  }
  return { created, postedName, scopes };
}

async function adoptExisting(client: ApiTokensClient, inputs: ApiTokenInputs): Promise<{ meta: ApiTokenMetadata; token?: string; adopted: "id" | "token" }> {
  const adopt = inputs.adopt ?? {};
  if (adopt.token !== undefined) {
    const meta = await client.lookup(adopt.token);
    if (!meta) {
      throw new DynatraceApiError("Could not adopt the token given in adopt.token: Dynatrace does not know it (it may have been deleted). Remove `adopt` to create a new token.", {
        code: "NOT_FOUND",
        operation: "adopt API token",
      });
    }
    if (adopt.id !== undefined && adopt.id !== meta.id) {
      throw new DynatraceApiError(`adopt.id ${adopt.id} and adopt.token (which belongs to ${meta.id}) name different tokens; give one of them.`, {
        code: "BAD_REQUEST",
        operation: "adopt API token",
        tokenId: meta.id,
      });
    }
    return { meta: await client.get(meta.id), token: adopt.token, adopted: "token" };
  }
  const id = adopt.id as string;
  const meta = await client.find(id);
  if (!meta) {
    throw new DynatraceApiError(`Could not adopt API token ${id}: it does not exist. Check adopt.id, or remove \`adopt\` to create a new token.`, {
      code: "NOT_FOUND",
      operation: "adopt API token",
      tokenId: id,
    });
  }
  return { meta, adopted: "id" };
}

/** The outputs a fresh create answer gives (no read after a create: refresh fills owner, dates and usage). */
function known(created: { id: string; expirationDate?: string | null | undefined }, postedName: string, scopes: string[], inputs: ApiTokenInputs) {
  return { id: created.id, name: postedName, scopes, personalAccessToken: inputs.personalAccessToken, expirationDate: created.expirationDate };
}

/**
 * The outputs of a just-created token, disabling it first when asked to (new tokens are enabled, so only then is a
 * second request needed). If that fails, the token exists and its secret is in hand: the error tells the engine to
 * keep both under `resourceId`, refresh and destroy work, and the next `up` disables it.
 */
async function finishNew(
  apiTokens: ApiTokensClient,
  resourceId: string,
  tokenId: string,
  made: ReturnType<typeof known> & { inputs: ApiTokenInputs; carried: Carried; props: Props },
): Promise<ApiTokenOutputs> {
  const { inputs, carried, props, ...meta } = made;
  if (inputs.enabled) return outputsFrom({ ...meta, enabled: true }, inputs, carried);
  try {
    await apiTokens.update(tokenId, { enabled: false });
  } catch (error) {
    const partial = outputsFrom({ ...meta, enabled: true }, inputs, carried);
    throw initError(redact(`API token ${tokenId} was created, but finishing it failed: ${(error as Error).message}`), resourceId, partial, props);
  }
  return outputsFrom({ ...meta, enabled: false }, inputs, carried);
}

/**
 * The rotation in place (see previousToken.ts): a new token under the same resource, the current one kept as the
 * previous token until `keepPreviousFor` from now on the server's clock. The state is written only when this returns,
 * so a kill before leaves the old state (current token untouched) and the new token an orphan with this stack's
 * marker, which `dt-tokens recover` removes.
 */
async function rotateInPlace(
  apiTokens: ApiTokensClient,
  resourceId: string,
  tokenId: string,
  olds: ApiTokenOutputs,
  inputs: ApiTokenInputs,
  props: Props,
  keepPreviousFor: string,
): Promise<ApiTokenOutputs> {
  const { created, postedName, scopes } = await createNew(apiTokens, inputs, stackTagOf(props));
  // The create's answer carried the server's clock: the overlap starts when the new token exists.
  const removalDate = removalDateAfter(knownServerNow(inputs.environment), keepPreviousFor);
  const kept: KeptToken = compact({ id: tokenId, token: olds.token, removalDate });
  log.info(`API token "${inputs.name}": rotated in place; ${created.id} is the token now, ${tokenId} stays valid until ${removalDate}.`);
  const carried = { token: created.token, overlap: overlapOutputs(resourceId, created.id, keepPreviousFor, kept) };
  return finishNew(apiTokens, resourceId, created.id, { ...known(created, postedName, scopes, inputs), inputs, carried, props });
}

/**
 * The token `id` as `pulumi import` takes it over (the native plugin's Read with only an id): its outputs, and the
 * inputs of a program that describes it as it is — its name without the create marker, its scopes, whether it is
 * enabled, its expiration as the date it has. Its secret can't be among them: Dynatrace returns it only at creation.
 * Undefined when there is no such token.
 */
export async function importApiToken(id: string): Promise<{ inputs: ApiTokenInputs; outputs: ApiTokenOutputs } | undefined> {
  const { apiTokens } = connect(undefined);
  const meta = await apiTokens.find(id);
  if (!meta) return undefined;
  const inputs: ApiTokenInputs = compact({
    name: meta.name === undefined ? id : withoutMarker(meta.name),
    scopes: [...(meta.scopes ?? [])].sort(),
    enabled: meta.enabled ?? true,
    personalAccessToken: meta.personalAccessToken ?? false,
    expirationDate: meta.expirationDate ?? undefined,
  });
  return { inputs, outputs: outputsFrom(meta, inputs, { adopted: "id" }) };
}

export const apiTokenProvider = {
  async configure(req: dynamic.ConfigureRequest): Promise<void> {
    configure(req.config);
  },

  /** Validates and normalises; dates are judged against now only when new or changed (see checkApiToken). */
  async check(olds: Props, news: Props): Promise<dynamic.CheckResult> {
    const { warnings, ...result } = checkApiToken(news, knownServerNow(environmentOf(news)), olds);
    for (const warning of warnings) log.warn(`API token ${label(news.name)}: ${warning}`);
    return result;
  },

  async diff(id: string, oldState: Props, news: Props): Promise<PropertyChanges> {
    const olds = apiTokenStateSchema.parse(oldState);
    const replaces: string[] = [];
    const updates: string[] = [];
    const tokenId = currentTokenId(id, olds);

    if (!sameRequestedDate(olds.requestedExpirationDate, news.expirationDate)) replaces.push("expirationDate");
    if (isUnknown(news.personalAccessToken) || (olds.personalAccessToken ?? false) !== (news.personalAccessToken ?? false)) replaces.push("personalAccessToken");
    if (!deepEqual(olds.rotationTrigger, news.rotationTrigger)) replaces.push("rotationTrigger");
    if (isUnknown(news.environment) || olds.environment !== news.environment) replaces.push("environment");

    if (isUnknown(news.name) || olds.name !== news.name) updates.push("name");
    if (!sameScopeSet(olds.scopes, news.scopes)) updates.push("scopes");
    if (isUnknown(news.enabled) || (olds.enabled ?? true) !== (news.enabled ?? true)) updates.push("enabled");
    // No API call, but the new value must reach the outputs.
    if (olds.rotateBefore !== news.rotateBefore) updates.push("rotateBefore");
    if (storesMachinePathStub(oldState, news)) {
      updates.push("__provider");
      log.info(machinePathStubNotice(`API token ${label(news.name)} (${id})`));
    }

    // Time: decided from the stored expiration and the server's clock, without reading the token.
    let now: Date | undefined;
    if (replaces.length === 0 && olds.expirationDate && !isUnknown(news.environment)) {
      now = await clockFor(news.environment as string | undefined);
      if (typeof news.rotateBefore === "string" && canRotate(olds.requestedExpirationDate)) {
        const verdict = rotationVerdict(olds.expirationDate, news.rotateBefore, now);
        if (verdict.due) {
          replaces.push("rotateBefore");
          log.warn(`API token "${String(news.name)}" (${tokenId}) will be rotated: ${verdict.reason}.`);
        }
      }
      if (replaces.length === 0 && isExpired(olds.expirationDate, now)) {
        log.warn(expiredWarning("API token", String(news.name), tokenId, olds.expirationDate, now, olds.requestedExpirationDate));
        // Recorded once as the `expired` output (an update without API changes); never an error.
        if (olds.expired !== true) updates.push("expired");
      }
    }

    // keepPreviousFor: the kept token's removal, and rotations served in place (see previousToken.ts).
    if (isUnknown(news.keepPreviousFor) || olds.keepPreviousFor !== news.keepPreviousFor) updates.push("keepPreviousFor");
    const kept = keptPrevious(olds);
    const what = `API token ${label(news.name)} (${tokenId})`;
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
        `API token ${id} must be replaced (${replaces.join(", ")} changed), but \`adopt\` is still set, so the replacement ` +
          "would take over the same token again and then delete it. Remove `adopt` from the program (it is only needed " +
          "for the first `pulumi up`), then run again.",
      );
    }
    return { replaces, updates, deleteBeforeReplace: false, rotatesInPlace };
  },

  async create(props: Props): Promise<dynamic.CreateResult> {
    const inputs = apiTokenInputsSchema.parse(props);
    const { apiTokens } = connect(inputs.environment);

    if (inputs.adopt && (inputs.adopt.id !== undefined || inputs.adopt.token !== undefined)) {
      const { meta, token, adopted } = await adoptExisting(apiTokens, inputs);
      if (meta.personalAccessToken !== undefined && meta.personalAccessToken !== inputs.personalAccessToken) {
        throw new DynatraceApiError(
          `Could not adopt ${meta.id}: it is ${meta.personalAccessToken ? "" : "not "}a personal access token, and that cannot be changed. ` +
            `Use ${meta.personalAccessToken ? "PersonalAccessToken" : "ApiToken"} to adopt it.`,
          { code: "BAD_REQUEST", operation: "adopt API token", tokenId: meta.id },
        );
      }
      const body = updateBody(meta, inputs);
      if (body) await apiTokens.update(meta.id, body);
      const live = body ? await apiTokens.get(meta.id) : meta;
      return { id: meta.id, outs: outputsFrom(live, inputs, { token, adopted, overlap: overlapOutputs(meta.id, meta.id, inputs.keepPreviousFor, undefined) }) };
    }

    const { created, postedName, scopes } = await createNew(apiTokens, inputs, stackTagOf(props));
    // Outputs from the create answer and the inputs, with no read after the create (it would only fetch what was just
    // sent): owner, creationDate, modifiedDate and the last-use fields are filled by `pulumi refresh`.
    const carried = { token: created.token, overlap: overlapOutputs(created.id, created.id, inputs.keepPreviousFor, undefined) };
    return { id: created.id, outs: await finishNew(apiTokens, created.id, created.id, { ...known(created, postedName, scopes, inputs), inputs, carried, props }) };
  },

  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    const olds = apiTokenOutputsSchema.parse(props);
    const { apiTokens } = connect(olds.environment);
    const tokenId = currentTokenId(id, olds);
    // One shared list serves every read of a refresh (see ListSnapshot); a token missing from it is gone.
    const meta = await apiTokens.findListed(tokenId);
    const what = `API token "${olds.name}" (${tokenId})`;
    const kept = await refreshKept(keptPrevious(olds), (keptId) => apiTokens.findListed(keptId), what);
    // Gone (deleted or expired and purged): an empty id drops it from state, and the next `up` creates it again.
    if (!meta) {
      if (kept) log.warn(untrackedNotice(what, kept));
      return {};
    }
    const overlap = overlapOutputs(id, tokenId, olds.keepPreviousFor, kept);
    return { id, props: outputsFrom(meta, inputsFromOutputs(olds), { token: olds.token, adopted: olds.adopted, overlap }) };
  },

  async update(id: string, oldState: Props, props: Props): Promise<dynamic.UpdateResult> {
    const olds = apiTokenOutputsSchema.parse(oldState);
    const inputs = apiTokenInputsSchema.parse(props);
    const { apiTokens } = connect(inputs.environment);
    const tokenId = currentTokenId(id, olds);
    const what = `API token "${inputs.name}" (${tokenId})`;
    let kept = keptPrevious(olds);
    // The clock (one reading per environment and process) decides a kept token's removal and a due rotateBefore.
    const rotatesByTime = keepsPrevious(inputs.keepPreviousFor) && inputs.rotateBefore !== undefined && canRotate(olds.requestedExpirationDate);
    const now = kept || rotatesByTime ? await clockFor(inputs.environment) : undefined;
    if (kept && now && removalDue(kept, inputs.keepPreviousFor, now)) {
      // Before the new state is written: a kill now leaves a state naming a token that is gone, which the next
      // refresh reports and the next up's DELETE (404 = done) settles; never a token nobody knows.
      await apiTokens.delete(kept.id);
      log.info(`${what}: deleted the previous token ${kept.id} (kept until ${kept.removalDate}).`);
      kept = undefined;
    }
    const reasons = keepsPrevious(inputs.keepPreviousFor) ? rotationReasons(olds, inputs, now) : [];
    if (reasons.length > 0 && keepsPrevious(inputs.keepPreviousFor)) {
      if (kept) {
        if (reasons.some((reason) => reason !== "rotateBefore")) throw new InputError(rotationWhileKeptMessage(what, reasons, kept));
      } else {
        return { outs: await rotateInPlace(apiTokens, id, tokenId, olds, inputs, props, inputs.keepPreviousFor) };
      }
    }
    const body = updateBody(olds, inputs);
    const overlap = overlapOutputs(id, tokenId, inputs.keepPreviousFor, kept);
    try {
      // One PUT and no read-back: the PUT sets exactly name, scopes and enabled, and nothing else a token has can
      // change through it. Usage (lastUsedDate, lastUsedIpAddress) is only refreshed by `read`.
      const answeredAt = body ? await apiTokens.update(tokenId, body) : undefined;
      // Renaming or rescoping counts as a modification (enabling does not): the server's clock at the answer.
      const modified = body?.name !== undefined || body?.scopes !== undefined;
      const meta: ApiTokenMetadata = {
        ...olds,
        id: tokenId,
        modifiedDate: modified && answeredAt ? answeredAt.toISOString() : olds.modifiedDate,
        // As Dynatrace now has it: the renamed (marked) name, or the name it had.
        name: body?.name ?? olds.dynatraceName ?? olds.name,
        scopes: [...new Set(inputs.scopes)],
        enabled: inputs.enabled,
      };
      return { outs: outputsFrom(meta, inputs, { token: olds.token, adopted: olds.adopted, overlap }) };
    } catch (error) {
      if (isDynatraceApiError(error, "NOT_FOUND")) {
        throw new DynatraceApiError(
          `API token ${tokenId} was deleted outside Pulumi. Run \`pulumi refresh\` (or \`pulumi up --refresh\`) so that it is recreated.`,
          { code: "NOT_FOUND", operation: "update API token", tokenId, status: 404 },
        );
      }
      throw error;
    }
  },

  async delete(id: string, props: Props): Promise<void> {
    const olds = apiTokenStateSchema.parse(props);
    const { apiTokens } = connect(olds.environment);
    await apiTokens.delete(currentTokenId(id, olds));
    // The kept previous token goes with the resource: destroy leaves neither.
    if (olds.previousTokenId) await apiTokens.delete(olds.previousTokenId);
  },
} satisfies ResourceProvider;

function environmentOf(news: Props): string | undefined {
  return isUnknown(news.environment) ? undefined : (news.environment as string | undefined);
}

function label(name: unknown): string {
  return typeof name === "string" && !isUnknown(name) ? JSON.stringify(name) : "(name not known yet)";
}

