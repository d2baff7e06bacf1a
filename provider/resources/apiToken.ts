// The dynamic provider for API tokens (and the personal-access and PaaS presets, which are API tokens too).
//
// Lifecycle: check → diff → create → read → update → delete.
// - name, scopes and enabled update in place with one PUT; everything fixed at creation replaces the token,
//   creating the new one before deleting the old one.
// - read carries the secret forward: the API returns it only once, at creation.
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ApiTokenMetadata, ApiTokensClient } from "../client/apiTokens";
import { markedName, markerOf, requestedNameOf } from "../client/createMarker";
import { createOnce } from "../client/createOnce";
import { DynatraceApiError, isDynatraceApiError } from "../client/errors";
import { configure } from "../config";
import { connect, knownServerNow } from "../connection";
import * as log from "../log";
import { redact } from "../redact";
import { InputError } from "../sentenceErrors";
import { apiTokenInputsSchema, apiTokenOutputsSchema, apiTokenStateSchema, type ApiTokenInputs, type ApiTokenOutputs } from "../schemas/apiToken";
import { checkApiToken } from "../validation/apiToken";
import { isUnknown } from "../validation/unknown";
import { compact, deepEqual, initError, machinePathStubNotice, sameRequestedDate, sameScopeSet, stackTagOf, storesMachinePathStub } from "./common";
import { canRotate, expiredWarning, isExpired, rotationVerdict, serverNow } from "./rotation";

type Props = Record<string, unknown>;

/** Properties that cannot change on an existing token; a change creates a new one. */
export const API_TOKEN_REPLACE_PROPERTIES = ["expirationDate", "personalAccessToken", "rotationTrigger", "environment"] as const;
/** Properties changed in place with one PUT. */
export const API_TOKEN_UPDATE_PROPERTIES = ["name", "scopes", "enabled"] as const;

function outputsFrom(meta: ApiTokenMetadata, inputs: ApiTokenInputs, carried: Pick<ApiTokenOutputs, "token" | "adopted">): ApiTokenOutputs {
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
    environment: outs.environment,
  });
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

  async diff(id: string, oldState: Props, news: Props): Promise<dynamic.DiffResult> {
    const olds = apiTokenStateSchema.parse(oldState);
    const replaces: string[] = [];
    const changes: string[] = [];

    if (!sameRequestedDate(olds.requestedExpirationDate, news.expirationDate)) replaces.push("expirationDate");
    if (isUnknown(news.personalAccessToken) || (olds.personalAccessToken ?? false) !== (news.personalAccessToken ?? false)) replaces.push("personalAccessToken");
    if (!deepEqual(olds.rotationTrigger, news.rotationTrigger)) replaces.push("rotationTrigger");
    if (isUnknown(news.environment) || olds.environment !== news.environment) replaces.push("environment");

    if (isUnknown(news.name) || olds.name !== news.name) changes.push("name");
    if (!sameScopeSet(olds.scopes, news.scopes)) changes.push("scopes");
    if (isUnknown(news.enabled) || (olds.enabled ?? true) !== (news.enabled ?? true)) changes.push("enabled");
    // No API call, but the new value must reach the outputs.
    if (olds.rotateBefore !== news.rotateBefore) changes.push("rotateBefore");
    if (storesMachinePathStub(oldState, news)) {
      changes.push("__provider");
      log.info(machinePathStubNotice(`API token ${label(news.name)} (${id})`));
    }

    // Time: decided from the stored expiration and the server's clock, without reading the token.
    if (replaces.length === 0 && olds.expirationDate && !isUnknown(news.environment)) {
      const now = await clockFor(news.environment as string | undefined);
      if (typeof news.rotateBefore === "string" && canRotate(olds.requestedExpirationDate)) {
        const verdict = rotationVerdict(olds.expirationDate, news.rotateBefore, now);
        if (verdict.due) {
          replaces.push("rotateBefore");
          log.warn(`API token "${String(news.name)}" (${id}) will be rotated: ${verdict.reason}.`);
        }
      }
      if (replaces.length === 0 && isExpired(olds.expirationDate, now)) {
        log.warn(expiredWarning("API token", String(news.name), id, olds.expirationDate, now, olds.requestedExpirationDate));
        // Recorded once as the `expired` output (an update without API changes); never an error.
        if (olds.expired !== true) changes.push("expired");
      }
    }

    if (replaces.length > 0 && news.adopt !== undefined && !isUnknown(news.adopt)) {
      throw new InputError(
        `API token ${id} must be replaced (${replaces.join(", ")} changed), but \`adopt\` is still set, so the replacement ` +
          "would take over the same token again and then delete it. Remove `adopt` from the program (it is only needed " +
          "for the first `pulumi up`), then run again.",
      );
    }
    return { changes: replaces.length + changes.length > 0, replaces, deleteBeforeReplace: false };
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
      return { id: meta.id, outs: outputsFrom(live, inputs, { token, adopted }) };
    }

    const { created, postedName, scopes } = await createNew(apiTokens, inputs, stackTagOf(props));
    // Outputs from the create answer and the inputs, with no read after the create (it would only fetch what was just
    // sent): owner, creationDate, modifiedDate and the last-use fields are filled by `pulumi refresh`.
    const known = { id: created.id, name: postedName, scopes, personalAccessToken: inputs.personalAccessToken, expirationDate: created.expirationDate };
    // New tokens are enabled; only a token asked to be disabled needs a second request.
    if (inputs.enabled) return { id: created.id, outs: outputsFrom({ ...known, enabled: true }, inputs, { token: created.token }) };
    try {
      await apiTokens.update(created.id, { enabled: false });
    } catch (error) {
      // The token exists and its secret is in hand: the engine keeps both, refresh and destroy work, and the next
      // `up` (which updates a resource that failed to initialise) disables it.
      const partial = outputsFrom({ ...known, enabled: true }, inputs, { token: created.token });
      throw initError(redact(`API token ${created.id} was created, but finishing it failed: ${(error as Error).message}`), created.id, partial, props);
    }
    return { id: created.id, outs: outputsFrom({ ...known, enabled: false }, inputs, { token: created.token }) };
  },

  async read(id: string, props: Props): Promise<dynamic.ReadResult> {
    const olds = apiTokenOutputsSchema.parse(props);
    const { apiTokens } = connect(olds.environment);
    // One shared list serves every read of a refresh (see ListSnapshot); a token missing from it is gone.
    const meta = await apiTokens.findListed(id);
    // Gone (deleted or expired and purged): an empty id drops it from state, and the next `up` creates it again.
    if (!meta) return {};
    return { id, props: outputsFrom(meta, inputsFromOutputs(olds), { token: olds.token, adopted: olds.adopted }) };
  },

  async update(id: string, oldState: Props, props: Props): Promise<dynamic.UpdateResult> {
    const olds = apiTokenOutputsSchema.parse(oldState);
    const inputs = apiTokenInputsSchema.parse(props);
    const { apiTokens } = connect(inputs.environment);
    const body = updateBody(olds, inputs);
    try {
      // One PUT and no read-back: the PUT sets exactly name, scopes and enabled, and nothing else a token has can
      // change through it. Usage (lastUsedDate, lastUsedIpAddress) is only refreshed by `read`.
      const answeredAt = body ? await apiTokens.update(id, body) : undefined;
      // Renaming or rescoping counts as a modification (enabling does not): the server's clock at the answer.
      const modified = body?.name !== undefined || body?.scopes !== undefined;
      const meta: ApiTokenMetadata = {
        ...olds,
        id,
        modifiedDate: modified && answeredAt ? answeredAt.toISOString() : olds.modifiedDate,
        // As Dynatrace now has it: the renamed (marked) name, or the name it had.
        name: body?.name ?? olds.dynatraceName ?? olds.name,
        scopes: [...new Set(inputs.scopes)],
        enabled: inputs.enabled,
      };
      return { outs: outputsFrom(meta, inputs, { token: olds.token, adopted: olds.adopted }) };
    } catch (error) {
      if (isDynatraceApiError(error, "NOT_FOUND")) {
        throw new DynatraceApiError(
          `API token ${id} was deleted outside Pulumi. Run \`pulumi refresh\` (or \`pulumi up --refresh\`) so that it is recreated.`,
          { code: "NOT_FOUND", operation: "update API token", tokenId: id, status: 404 },
        );
      }
      throw error;
    }
  },

  async delete(id: string, props: Props): Promise<void> {
    const olds = apiTokenStateSchema.parse(props);
    await connect(olds.environment).apiTokens.delete(id);
  },
} satisfies dynamic.ResourceProvider;

function environmentOf(news: Props): string | undefined {
  return isUnknown(news.environment) ? undefined : (news.environment as string | undefined);
}

function label(name: unknown): string {
  return typeof name === "string" && !isUnknown(name) ? JSON.stringify(name) : "(name not known yet)";
}

/** The server's clock for `environment` (one reading per environment per process); the local clock if unreachable. */
async function clockFor(environment: string | undefined): Promise<Date> {
  try {
    return await serverNow(environment);
  } catch (error) {
    log.warn(`could not read the Dynatrace server's clock (${(error as Error).message}); using this machine's clock.`);
    return new Date();
  }
}
