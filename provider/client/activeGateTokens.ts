// Dynatrace ActiveGate tokens (`/v2/activeGateTokens`). There is no update: any change means a new token.
import { z } from "zod";
import { ACTIVE_GATE_TYPES } from "../properties/enums";
import { withoutMarker } from "./createMarker";
import { isDynatraceApiError } from "./errors";
import type { DynatraceHttpClient } from "./http";
import { ListSnapshot } from "./listSnapshot";
import { parseJson } from "./parse";

/** What this package asks for: one of the documented types. */
export const activeGateTypeSchema = z.enum(ACTIVE_GATE_TYPES);
export type ActiveGateType = z.infer<typeof activeGateTypeSchema>;

/** A type Dynatrace reports; it adds values without a new API version, so any string is accepted. */
const reportedActiveGateTypeSchema = z.string();

/** `value` when it is a documented type, else undefined (a value Dynatrace added after this release). */
export function knownActiveGateType(value: string | null | undefined): ActiveGateType | undefined {
  return (ACTIVE_GATE_TYPES as readonly string[]).includes(value ?? "") ? (value as ActiveGateType) : undefined;
}

export const activeGateTokenSchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  owner: z.string().optional(),
  creationDate: z.string().optional(),
  expirationDate: z.string().nullish(),
  lastUsedDate: z.string().nullish(),
  // A 2026 API change drops these two; older servers still send them.
  seedToken: z.boolean().nullish(),
  activeGateType: reportedActiveGateTypeSchema.nullish(),
});
export type ActiveGateTokenMetadata = z.infer<typeof activeGateTokenSchema>;

export const activeGateTokenCreatedSchema = z.object({
  id: z.string(),
  token: z.string(),
  expirationDate: z.string().nullish(),
});
export type ActiveGateTokenCreated = z.infer<typeof activeGateTokenCreatedSchema>;

export const activeGateTokenCreateSchema = z.object({
  name: z.string(),
  activeGateType: activeGateTypeSchema,
  seedToken: z.boolean().optional(),
  expirationDate: z.string().optional(),
});
export type ActiveGateTokenCreate = z.infer<typeof activeGateTokenCreateSchema>;

const activeGateTokenListSchema = z.object({
  activeGateTokens: z.array(activeGateTokenSchema),
  nextPageKey: z.string().nullish(),
  totalCount: z.number().optional(),
  pageSize: z.number().nullish(),
});

export class ActiveGateTokensClient {
  /** The list that serves `findListed` (one per client, so one per environment and provider process). */
  readonly snapshot: ListSnapshot<ActiveGateTokenMetadata>;

  constructor(private readonly http: DynatraceHttpClient) {
    // The list carries every field `read` keeps; pages of 1 000, like API tokens (see apiTokens.ts).
    this.snapshot = new ListSnapshot((onPage) => this.listPages(1000, onPage));
  }

  async create(body: ActiveGateTokenCreate): Promise<ActiveGateTokenCreated> {
    const res = await this.http.request({
      method: "POST",
      path: "/v2/activeGateTokens",
      body: activeGateTokenCreateSchema.parse(body),
      operation: `create ActiveGate token "${withoutMarker(body.name)}"`,
      idempotent: false,
    });
    const created = parseJson(res, activeGateTokenCreatedSchema, "create ActiveGate token");
    this.snapshot.markWritten(created.id);
    return created;
  }

  async get(id: string): Promise<ActiveGateTokenMetadata> {
    const res = await this.http.request({
      method: "GET",
      path: `/v2/activeGateTokens/${encodeURIComponent(id)}`,
      operation: "read ActiveGate token",
      tokenId: id,
    });
    return parseJson(res, activeGateTokenSchema, "read ActiveGate token", id);
  }

  /** Like `get`, but `undefined` when the token does not exist. */
  async find(id: string): Promise<ActiveGateTokenMetadata | undefined> {
    try {
      return await this.get(id);
    } catch (error) {
      if (isDynatraceApiError(error, "NOT_FOUND")) return undefined;
      throw error;
    }
  }

  /** Like `find`, but served from one shared list of the environment (see ListSnapshot), for `read`. */
  findListed(id: string): Promise<ActiveGateTokenMetadata | undefined> {
    return this.snapshot.find(id, () => this.find(id));
  }

  /** Deletes a token; one that is already gone counts as deleted. */
  async delete(id: string): Promise<void> {
    this.snapshot.markWritten(id);
    await this.http.request({
      method: "DELETE",
      path: `/v2/activeGateTokens/${encodeURIComponent(id)}`,
      operation: "delete ActiveGate token",
      tokenId: id,
      accept: [404],
    });
  }

  /** Every ActiveGate token, following `nextPageKey` over all pages. */
  async list(pageSize = 3000): Promise<ActiveGateTokenMetadata[]> {
    const tokens: ActiveGateTokenMetadata[] = [];
    await this.listPages(pageSize, (page) => tokens.push(...page));
    return tokens;
  }

  /** Like `list`, handing over each page as it arrives. */
  async listPages(pageSize: number, onPage: (tokens: ActiveGateTokenMetadata[]) => void): Promise<void> {
    let nextPageKey: string | undefined;
    do {
      const query = nextPageKey ? { nextPageKey } : { pageSize };
      const res = await this.http.request({ method: "GET", path: "/v2/activeGateTokens", query, operation: "list ActiveGate tokens" });
      const page = parseJson(res, activeGateTokenListSchema, "list ActiveGate tokens");
      onPage(page.activeGateTokens);
      nextPageKey = page.nextPageKey ?? undefined;
    } while (nextPageKey);
  }
}
