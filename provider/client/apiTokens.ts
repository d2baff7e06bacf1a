// Dynatrace API tokens v2 (`/v2/apiTokens`): create, get, update, delete, lookup and the paginated list.
import { z } from "zod";
import { identifierOf } from "../tokenFormat";
import { withoutMarker } from "./createMarker";
import { isDynatraceApiError } from "./errors";
import type { DynatraceHttpClient } from "./http";
import { ListSnapshot } from "./listSnapshot";
import { parseJson } from "./parse";

export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  personalAccessToken: z.boolean().optional(),
  owner: z.string().optional(),
  creationDate: z.string().optional(),
  expirationDate: z.string().nullish(),
  lastUsedDate: z.string().nullish(),
  lastUsedIpAddress: z.string().nullish(),
  modifiedDate: z.string().nullish(),
  scopes: z.array(z.string()).optional(),
});
/** Token metadata as the API returns it (fields not asked for in a list are absent). */
export type ApiTokenMetadata = z.infer<typeof apiTokenSchema>;

export const apiTokenCreatedSchema = z.object({
  id: z.string(),
  token: z.string(),
  expirationDate: z.string().nullish(),
});
/** The answer to a create: the only time the secret is ever returned. */
export type ApiTokenCreated = z.infer<typeof apiTokenCreatedSchema>;

const apiTokenListSchema = z.object({
  apiTokens: z.array(apiTokenSchema),
  nextPageKey: z.string().nullish(),
  totalCount: z.number().optional(),
  pageSize: z.number().nullish(),
});

export const apiTokenCreateSchema = z.object({
  name: z.string(),
  scopes: z.array(z.string()),
  expirationDate: z.string().optional(),
  personalAccessToken: z.boolean().optional(),
});
export type ApiTokenCreate = z.infer<typeof apiTokenCreateSchema>;

export const apiTokenUpdateSchema = z.object({
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  scopes: z.array(z.string()).optional(),
});
export type ApiTokenUpdate = z.infer<typeof apiTokenUpdateSchema>;

/** Every field `read` keeps (all but additionalMetadata); a bare list replaces the default field set. */
const ALL_LIST_FIELDS = "id,name,enabled,personalAccessToken,owner,creationDate,expirationDate,lastUsedDate,lastUsedIpAddress,modifiedDate,scopes";
/**
 * Pages of the list that serves a refresh. Each page answers its reads as it arrives, so smaller pages hold less in
 * memory at once (a 10 000-token refresh peaked at 289 MB with pages of 1 000, 345 MB with 5 000); 1 000 keeps a
 * refresh of N tokens within N/500 + 15 requests while the environment holds at most 2N + 15 000 tokens.
 */
const SNAPSHOT_PAGE_SIZE = 1_000;

export interface ListApiTokensOptions {
  /** `apiTokenSelector`, e.g. `owner("me@example.com"),personalAccessToken(false)`. */
  readonly selector?: string;
  readonly fields?: string;
  readonly pageSize?: number;
}

export class ApiTokensClient {
  /** The list that serves `findListed` (one per client, so one per environment and provider process). */
  readonly snapshot: ListSnapshot<ApiTokenMetadata>;

  constructor(private readonly http: DynatraceHttpClient) {
    this.snapshot = new ListSnapshot((onPage) => this.listPages({ pageSize: SNAPSHOT_PAGE_SIZE }, onPage));
  }

  async create(body: ApiTokenCreate): Promise<ApiTokenCreated> {
    const res = await this.http.request({
      method: "POST",
      path: "/v2/apiTokens",
      body: apiTokenCreateSchema.parse(body),
      operation: `create API token "${withoutMarker(body.name)}"`,
      idempotent: false,
    });
    const created = parseJson(res, apiTokenCreatedSchema, "create API token");
    this.snapshot.markWritten(created.id);
    return created;
  }

  async get(id: string): Promise<ApiTokenMetadata> {
    const res = await this.http.request({ method: "GET", path: `/v2/apiTokens/${encodeURIComponent(id)}`, operation: "read API token", tokenId: id });
    return parseJson(res, apiTokenSchema, "read API token", id);
  }

  /** Like `get`, but `undefined` when the token does not exist. */
  async find(id: string): Promise<ApiTokenMetadata | undefined> {
    try {
      return await this.get(id);
    } catch (error) {
      if (isDynatraceApiError(error, "NOT_FOUND")) return undefined;
      throw error;
    }
  }

  /**
   * Like `find`, but served from one shared list of the environment (see ListSnapshot): for `read`, where a refresh
   * reads every token at once. Tokens this client has written to are read with a GET.
   */
  findListed(id: string): Promise<ApiTokenMetadata | undefined> {
    return this.snapshot.find(id, () => this.find(id));
  }

  /**
   * The API replaces the whole scope set on PUT, so callers send every scope the token should keep. Resolves to the
   * server's clock when it answered (the `Date` header), the best available value for `modifiedDate`.
   */
  async update(id: string, body: ApiTokenUpdate): Promise<Date | undefined> {
    this.snapshot.markWritten(id);
    const res = await this.http.request({
      method: "PUT",
      path: `/v2/apiTokens/${encodeURIComponent(id)}`,
      body: apiTokenUpdateSchema.parse(body),
      operation: "update API token",
      tokenId: id,
    });
    return res.serverDate;
  }

  /** Deletes a token; one that is already gone counts as deleted. */
  async delete(id: string): Promise<void> {
    this.snapshot.markWritten(id);
    await this.http.request({
      method: "DELETE",
      path: `/v2/apiTokens/${encodeURIComponent(id)}`,
      operation: "delete API token",
      tokenId: id,
      accept: [404],
    });
  }

  /** The metadata of the token whose secret is `token`; `undefined` if Dynatrace does not know it. */
  async lookup(token: string): Promise<ApiTokenMetadata | undefined> {
    const res = await this.http.request({
      method: "POST",
      path: "/v2/apiTokens/lookup",
      body: { token },
      operation: "look up API token",
      tokenId: identifierOf(token),
      // A lookup changes nothing, so it is safe to repeat.
      idempotent: true,
      accept: [404],
    });
    if (res.status === 404) return undefined;
    return parseJson(res, apiTokenSchema, "look up API token", identifierOf(token));
  }

  /** Every token matching `options`, following `nextPageKey` over all pages. */
  async list(options: ListApiTokensOptions = {}): Promise<ApiTokenMetadata[]> {
    const tokens: ApiTokenMetadata[] = [];
    await this.listPages(options, (page) => tokens.push(...page));
    return tokens;
  }

  /** Like `list`, handing over each page as it arrives. */
  async listPages(options: ListApiTokensOptions, onPage: (tokens: ApiTokenMetadata[]) => void): Promise<void> {
    let nextPageKey: string | undefined;
    do {
      // When nextPageKey is given, the API requires every other parameter to be omitted.
      const query = nextPageKey
        ? { nextPageKey }
        : { apiTokenSelector: options.selector, fields: options.fields ?? ALL_LIST_FIELDS, pageSize: options.pageSize ?? 1000 };
      const res = await this.http.request({ method: "GET", path: "/v2/apiTokens", query, operation: "list API tokens" });
      const page = parseJson(res, apiTokenListSchema, "list API tokens");
      onPage(page.apiTokens);
      nextPageKey = page.nextPageKey ?? undefined;
    } while (nextPageKey);
  }
}
