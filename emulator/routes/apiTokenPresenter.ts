// The v2 `ApiToken` and v1 `TokenMetadata` views of one stored token.

import { formatIso } from "../dates";
import type { ApiTokenRecord } from "../store";

export interface ApiTokenView {
  id: string;
  name: string;
  enabled: boolean;
  personalAccessToken: boolean;
  owner: string;
  creationDate: string;
  expirationDate?: string;
  lastUsedDate?: string;
  lastUsedIpAddress?: string;
  modifiedDate: string;
  scopes: string[];
  additionalMetadata?: Record<string, unknown>;
}

export function apiTokenView(t: ApiTokenRecord): ApiTokenView {
  const view: ApiTokenView = {
    id: t.id,
    name: t.name,
    enabled: t.enabled,
    personalAccessToken: t.personalAccessToken,
    owner: t.owner,
    creationDate: formatIso(t.creationMs),
    modifiedDate: formatIso(t.modifiedMs),
    scopes: [...t.scopes],
  };
  if (t.expirationMs !== null) view.expirationDate = formatIso(t.expirationMs);
  if (t.lastUsedMs !== null) view.lastUsedDate = formatIso(t.lastUsedMs);
  if (t.lastUsedIp !== null) view.lastUsedIpAddress = t.lastUsedIp;
  if (t.additionalMetadata) view.additionalMetadata = { ...t.additionalMetadata };
  return view;
}

export interface TokenMetadataView {
  id: string;
  name: string;
  userId: string;
  revoked: boolean;
  personalAccessToken: boolean;
  created: number;
  expires?: number;
  lastUse?: number;
  scopes: string[];
}

export function tokenMetadataView(t: ApiTokenRecord): TokenMetadataView {
  const view: TokenMetadataView = {
    id: t.id,
    name: t.name,
    userId: t.owner,
    revoked: !t.enabled,
    personalAccessToken: t.personalAccessToken,
    created: t.creationMs,
    scopes: [...t.scopes],
  };
  if (t.expirationMs !== null) view.expires = t.expirationMs;
  if (t.lastUsedMs !== null) view.lastUse = t.lastUsedMs;
  return view;
}
