// The v2 list query language: `fields`, `apiTokenSelector`, `sort`, `from`/`to`.

import { parseDateInput } from "../dates";
import { badQuery } from "../errors";
import type { ApiTokenRecord } from "../store";
import type { ApiTokenView } from "./apiTokenPresenter";

export type ApiTokenField = keyof ApiTokenView;

/** Every field in response order; `id` is always included. */
export const ALL_FIELDS: readonly ApiTokenField[] = [
  "id",
  "name",
  "enabled",
  "personalAccessToken",
  "owner",
  "creationDate",
  "expirationDate",
  "lastUsedDate",
  "lastUsedIpAddress",
  "modifiedDate",
  "scopes",
  "additionalMetadata",
];
export const DEFAULT_FIELDS: readonly ApiTokenField[] = ["id", "name", "enabled", "owner", "creationDate"];

function isField(name: string): name is ApiTokenField {
  return (ALL_FIELDS as readonly string[]).includes(name);
}

/**
 * `+f`/`-f` entries adjust the default set, a bare list replaces it. A `+` that reached us unencoded arrives as a
 * space, which can only have meant `+`, so it is read as one.
 */
export function parseFields(raw: string | null): ApiTokenField[] {
  if (raw === null || raw.trim() === "") return [...DEFAULT_FIELDS];
  const entries = raw.split(",").map((e) => e.replace(/^\s(?=\S)/, "+").trim()).filter((e) => e.length > 0);
  const relative = entries.filter((e) => e.startsWith("+") || e.startsWith("-"));
  if (relative.length > 0 && relative.length !== entries.length) {
    throw badQuery("fields", "either list the fields to include, or add (+) and remove (-) fields, not both");
  }
  const chosen = new Set<ApiTokenField>(relative.length > 0 ? DEFAULT_FIELDS : ["id"]);
  for (const entry of entries) {
    const op = entry[0] === "+" || entry[0] === "-" ? entry[0] : "";
    const name = op ? entry.slice(1) : entry;
    if (!isField(name)) throw badQuery("fields", `"${name}" is not a field of ApiToken`);
    if (op === "-") chosen.delete(name);
    else chosen.add(name);
  }
  chosen.add("id");
  return ALL_FIELDS.filter((f) => chosen.has(f));
}

export function pickFields(view: ApiTokenView, fields: readonly ApiTokenField[]): Partial<ApiTokenView> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    if (view[f] !== undefined) out[f] = view[f];
  }
  return out as Partial<ApiTokenView>;
}

export type SelectorCriterion =
  | { kind: "owner"; value: string }
  | { kind: "personalAccessToken"; value: boolean }
  | { kind: "scope"; values: string[] };

const CRITERION = /\s*(owner|personalAccessToken|scope)\(((?:"(?:[^"\\]|\\.)*"|[^()"])*)\)\s*(?:,|$)/y;
const QUOTED = /"((?:[^"\\]|\\.)*)"/g;

function quotedArgs(args: string): string[] {
  return [...args.matchAll(QUOTED)].map((m) => (m[1] ?? "").replace(/\\(.)/g, "$1"));
}

/** `owner("x"),personalAccessToken(true),scope("a","b")` — criteria ANDed, scopes ORed. */
export function parseSelector(raw: string | null): SelectorCriterion[] {
  if (raw === null || raw.trim() === "") return [];
  const criteria: SelectorCriterion[] = [];
  CRITERION.lastIndex = 0;
  while (CRITERION.lastIndex < raw.length) {
    const start = CRITERION.lastIndex;
    const m = CRITERION.exec(raw);
    if (!m) throw badQuery("apiTokenSelector", `cannot parse the selector at position ${start}: use owner("x"), personalAccessToken(true|false) or scope("a","b")`);
    const [, kind, args = ""] = m;
    if (kind === "personalAccessToken") {
      const value = args.trim().replace(/^"(.*)"$/, "$1");
      if (value !== "true" && value !== "false") throw badQuery("apiTokenSelector", "personalAccessToken() takes true or false");
      criteria.push({ kind, value: value === "true" });
    } else {
      const values = quotedArgs(args);
      if (values.length === 0) throw badQuery("apiTokenSelector", `${kind}() needs at least one quoted value`);
      if (kind === "owner") {
        if (values.length !== 1) throw badQuery("apiTokenSelector", "owner() takes exactly one value");
        criteria.push({ kind: "owner", value: values[0]! });
      } else {
        criteria.push({ kind: "scope", values });
      }
    }
  }
  return criteria;
}

export function matchesSelector(t: ApiTokenRecord, criteria: readonly SelectorCriterion[]): boolean {
  return criteria.every((c) => {
    switch (c.kind) {
      case "owner":
        return t.owner === c.value;
      case "personalAccessToken":
        return t.personalAccessToken === c.value;
      case "scope":
        return c.values.some((s) => t.scopes.includes(s));
    }
  });
}

const SORT_KEYS = {
  name: (t: ApiTokenRecord) => t.name,
  lastUsedDate: (t: ApiTokenRecord) => t.lastUsedMs,
  creationDate: (t: ApiTokenRecord) => t.creationMs,
  expirationDate: (t: ApiTokenRecord) => t.expirationMs,
  modifiedDate: (t: ApiTokenRecord) => t.modifiedMs,
} as const;

export interface SortOrder {
  key: keyof typeof SORT_KEYS;
  descending: boolean;
}

export function parseSort(raw: string | null): SortOrder {
  if (raw === null || raw.trim() === "") return { key: "creationDate", descending: true };
  const text = raw.replace(/^\s(?=\S)/, "+").trim();
  const descending = text.startsWith("-");
  const key = text.replace(/^[+-]/, "");
  if (!Object.prototype.hasOwnProperty.call(SORT_KEYS, key)) {
    throw badQuery("sort", `"${key}" is not sortable; use name, lastUsedDate, creationDate, expirationDate or modifiedDate with + or -`);
  }
  return { key: key as SortOrder["key"], descending };
}

/** Tokens without a value for the sort key (never used, never expiring) go last in either direction. */
export function compareTokens(order: SortOrder): (a: ApiTokenRecord, b: ApiTokenRecord) => number {
  const get = SORT_KEYS[order.key];
  const dir = order.descending ? -1 : 1;
  return (a, b) => {
    const va = get(a);
    const vb = get(b);
    if (va === null && vb !== null) return 1;
    if (vb === null && va !== null) return -1;
    if (va !== null && vb !== null && va !== vb) {
      if (typeof va === "string" && typeof vb === "string") return dir * va.localeCompare(vb);
      return dir * ((va as number) - (vb as number));
    }
    return dir * (a.seq - b.seq);
  };
}

export function parseTimeBound(name: "from" | "to", raw: string | null, nowMs: number): number | null {
  if (raw === null || raw.trim() === "") return null;
  const parsed = parseDateInput(raw, nowMs);
  if (!parsed.ok) throw badQuery(name, parsed.reason);
  return parsed.ms;
}
