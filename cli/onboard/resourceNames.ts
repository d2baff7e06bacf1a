// Pulumi resource names for tokens that were made by hand: derived from the token names, valid in every language,
// unique, and stable — the same environment gives the same names on every run, whatever order Dynatrace lists it in.
//
// The rule (docs/onboarding.md says it to users):
// 1. The slug of the token's name: the create marker stripped, accents and ligatures folded to ASCII (é → e, ß → ss),
//    lower case, every run of other characters a single "-", at most 40 characters. A name with nothing left (empty,
//    or only characters without an ASCII form such as 日本語 or emoji) takes its class's slug (`api-token`,
//    `personal-access-token`, `paas-token`, `activegate-token`).
// 2. A slug only one token has, and which no resource of the stack already uses, is the name as it is.
// 3. Tokens that share a slug (or whose slug the stack already uses) all get the first 8 characters of their id's
//    public part, lower case: `ingest-k3qz7a2m`. Were that to collide as well, the whole public part.
// Every step looks at the set of tokens only, never at their order.
import { withoutMarker } from "../../provider/client/createMarker";

/** Long enough to tell names apart, short enough to read in a list and to keep `pulumi preview` lines on one line. */
const MAX_SLUG_LENGTH = 40;
/** The characters of an id's public part that rule 3 adds: 40 bits, enough to keep the tokens of a slug apart. */
const SHORT_ID_LENGTH = 8;

/** Letters that Unicode decomposition (NFKD) leaves whole, with their usual ASCII spelling. */
const FOLDED: Readonly<Record<string, string>> = {
  ß: "ss", æ: "ae", œ: "oe", ø: "o", đ: "d", ð: "d", ł: "l", þ: "th", ı: "i", ŋ: "n", ħ: "h", ŧ: "t",
};

/** Rule 1 without the fallback: the slug of a token name, `""` when nothing of it has an ASCII form. */
export function slugOf(name: string): string {
  const folded = withoutMarker(name)
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^\x00-\x7f]/g, (c) => FOLDED[c] ?? "-");
  const slug = folded.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, "");
}

export interface NamedToken {
  /** The token identifier, `dt0c01.<public part>` or `dt0g02.<public part>`. */
  readonly id: string;
  /** The name Dynatrace shows (markers included); may be empty. */
  readonly name: string;
  /** The slug of a token whose name gives none (rule 1), e.g. `api-token`. */
  readonly fallback: string;
}

/**
 * Resource names for `tokens` (by id), none of them in `taken` (the names the stack's resources already have).
 * The result depends only on the set of tokens and `taken`.
 */
export function resourceNames(tokens: readonly NamedToken[], taken: ReadonlySet<string> = new Set()): Map<string, string> {
  const bases = new Map(tokens.map((t) => [t.id, slugOf(t.name) || t.fallback]));
  const perBase = new Map<string, number>();
  for (const base of bases.values()) perBase.set(base, (perBase.get(base) ?? 0) + 1);

  // Each token climbs a ladder of names: its slug, the slug with a short id, the slug with its whole id.
  const rung = new Map(tokens.map((t) => [t.id, perBase.get(bases.get(t.id)!) === 1 && !taken.has(bases.get(t.id)!) ? 0 : 1]));
  const nameOf = (t: NamedToken) => ladder(bases.get(t.id)!, t.id)[rung.get(t.id)!]!;
  for (;;) {
    const count = new Map<string, number>();
    for (const t of tokens) count.set(nameOf(t), (count.get(nameOf(t)) ?? 0) + 1);
    // Everyone in a collision climbs at once, so no token's name depends on which came first.
    const climbing = tokens.filter((t) => (count.get(nameOf(t))! > 1 || taken.has(nameOf(t))) && rung.get(t.id)! < 2);
    if (climbing.length === 0) break;
    for (const t of climbing) rung.set(t.id, rung.get(t.id)! + 1);
  }

  const names = new Map<string, string>();
  for (const t of tokens) {
    let name = nameOf(t);
    // The whole id is unique among tokens; only a resource of the stack that happens to have that very name is left.
    for (let n = 2; taken.has(name); n++) name = `${nameOf(t)}-${n}`;
    names.set(t.id, name);
  }
  return names;
}

function ladder(base: string, id: string): [string, string, string] {
  const publicPart = (id.split(".")[1] ?? id).toLowerCase().replace(/[^a-z0-9]/g, "");
  return [base, `${base}-${publicPart.slice(0, SHORT_ID_LENGTH)}`, `${base}-${publicPart}`];
}
