// Rotation with an overlap (`keepPreviousFor`), shared by every token kind. Pulumi's replace creates the new resource
// and deletes the old one within the same `up`, so a token that must outlive its rotation is rotated *in place*
// instead: an update issues the new token under the same resource and keeps the old one as `previousToken*` outputs
// until `previousTokenRemovalDate`, when the first `up` on or after that time (on the server's clock) deletes it.
// The resource's Pulumi id stays the first token's; the token in use is `tokenId` (see schemas/previousToken.ts).
import { describeDuration, parseDuration, shift } from "../dates";
import * as log from "../log";
import { InputError } from "../sentenceErrors";
import { compact } from "./common";

/** The previous token a resource keeps, as its outputs hold it. */
export interface KeptToken {
  readonly id: string;
  readonly token?: string | undefined;
  readonly removalDate: string;
  readonly enabled?: boolean | undefined;
}

interface OverlapOutputs {
  keepPreviousFor?: string | undefined;
  tokenId?: string | undefined;
  previousTokenId?: string | undefined;
  previousToken?: string | undefined;
  previousTokenRemovalDate?: string | undefined;
  previousTokenEnabled?: boolean | undefined;
}

/** Replace reasons that a rotation in place can't serve: a token in another environment is another resource's. */
const NOT_IN_PLACE = new Set(["environment"]);

/** True for a usable `keepPreviousFor` (check has refused every other value before diff runs). */
export function keepsPrevious(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    parseDuration(value);
    return true;
  } catch {
    return false;
  }
}

/** The token in use: `tokenId` after a rotation in place, else the resource's id. */
export function currentTokenId(resourceId: string, outs: OverlapOutputs): string {
  return outs.tokenId ?? resourceId;
}

export function keptPrevious(outs: OverlapOutputs): KeptToken | undefined {
  if (!outs.previousTokenId || !outs.previousTokenRemovalDate) return undefined;
  return compact({ id: outs.previousTokenId, token: outs.previousToken, removalDate: outs.previousTokenRemovalDate, enabled: outs.previousTokenEnabled });
}

/**
 * Whether `up` deletes the kept token now: its removal date has passed on the server's clock, or `keepPreviousFor` was
 * removed from the program (no overlap is wanted any more).
 */
export function removalDue(kept: KeptToken, keepPreviousFor: unknown, now: Date): boolean {
  if (keepPreviousFor === undefined) return true;
  const at = Date.parse(kept.removalDate);
  return Number.isNaN(at) || at <= now.getTime();
}

/** When a token rotated at `now` stops being kept. */
export function removalDateAfter(now: Date, keepPreviousFor: string): string {
  const window = parseDuration(keepPreviousFor);
  return shift(now, window.amount, window.unit).toISOString();
}

/**
 * Diff's replace reasons split into what happens: with `keepPreviousFor`, every reason but a move to another
 * environment is served by a rotation in place (an update), so the current token outlives it.
 */
export function rotationInPlace(replaces: readonly string[], keepPreviousFor: unknown): boolean {
  return replaces.length > 0 && keepsPrevious(keepPreviousFor) && replaces.every((reason) => !NOT_IN_PLACE.has(reason));
}

/**
 * The overlap outputs of a resource: `tokenId` whenever it differs from the resource's id or an overlap is declared,
 * and the kept token, if any. Empty for a resource that never used `keepPreviousFor`, whose state stays as it was.
 */
export function overlapOutputs(resourceId: string, tokenId: string, keepPreviousFor: string | undefined, kept: KeptToken | undefined): OverlapOutputs {
  return compact({
    keepPreviousFor,
    tokenId: keepPreviousFor !== undefined || tokenId !== resourceId ? tokenId : undefined,
    previousTokenId: kept?.id,
    previousToken: kept?.token,
    previousTokenRemovalDate: kept?.removalDate,
    previousTokenEnabled: kept?.enabled,
  });
}

/** What a preview prints about a kept token. */
export function keptNotice(what: string, kept: KeptToken, keepPreviousFor: unknown, now: Date): string {
  const clock = `server time ${now.toISOString()}`;
  if (keepPreviousFor === undefined) {
    return `${what}: keepPreviousFor was removed, so this up deletes the previous token ${kept.id} (it was kept until ${kept.removalDate}; ${clock}).`;
  }
  if (removalDue(kept, keepPreviousFor, now)) {
    return `${what}: the previous token ${kept.id} was kept until ${kept.removalDate} (keepPreviousFor ${String(keepPreviousFor)}; ${clock}); this up deletes it.`;
  }
  return `${what}: the previous token ${kept.id} stays valid until ${kept.removalDate} (${clock}); the first \`pulumi up\` after that deletes it.`;
}

/** What a preview prints about a rotation in place. */
export function rotationNotice(what: string, reasons: readonly string[], currentId: string, keepPreviousFor: string, now: Date): string {
  return (
    `${what} will be rotated in place (${reasons.join(", ")}): a new token is issued, and the current one, ${currentId}, ` +
    `stays valid as previousToken until about ${removalDateAfter(now, keepPreviousFor)} ` +
    `(keepPreviousFor ${keepPreviousFor} = ${describeDuration(parseDuration(keepPreviousFor))}).`
  );
}

/**
 * Why a rotation can't happen while an earlier previous token is still kept: only one previous token is kept, and
 * deleting it before its removal date is exactly the outage `keepPreviousFor` is there to avoid.
 */
export function rotationWhileKeptMessage(what: string, reasons: readonly string[], kept: KeptToken): string {
  return (
    `${what} must be rotated (${reasons.join(", ")} changed), but its previous token ${kept.id} is kept until ` +
    `${kept.removalDate}, and a second rotation would delete it before then. Undo the change and apply it after ` +
    `${kept.removalDate}, or remove keepPreviousFor from this resource to delete the previous token now (its consumers ` +
    "then lose it at once)."
  );
}

/**
 * The kept token as Dynatrace has it now, for `read`: one deleted by hand is dropped from the outputs, one disabled by
 * hand is marked `enabled: false`; both are reported with a warning and never an error (and never undone: whoever
 * deleted or disabled it had a reason, a leak perhaps).
 */
export async function refreshKept(
  kept: KeptToken | undefined,
  find: (id: string) => Promise<{ id: string; enabled?: boolean | null | undefined } | undefined>,
  what: string,
): Promise<KeptToken | undefined> {
  if (!kept) return undefined;
  const live = await find(kept.id);
  if (!live) {
    log.warn(`${what}: its previous token ${kept.id} was deleted outside Pulumi before its removal date (${kept.removalDate}); it is no longer kept.`);
    return undefined;
  }
  if (live.enabled === false) {
    log.warn(`${what}: its previous token ${kept.id} was disabled outside Pulumi; it no longer authenticates, and Pulumi still deletes it after ${kept.removalDate}.`);
    return { ...kept, enabled: false };
  }
  return compact({ ...kept, enabled: undefined });
}

/** What `read` says when the token in use is gone but a previous one is still kept: the state lets go of both. */
export function untrackedNotice(what: string, kept: KeptToken): string {
  return (
    `${what} was deleted outside Pulumi; the next \`pulumi up\` creates a new one. Its previous token ${kept.id} (kept until ` +
    `${kept.removalDate}) leaves the state with it and still authenticates: delete it by hand once its consumers have moved, ` +
    "or with `dt-tokens recover --delete`."
  );
}

/** What `keepPreviousFor` makes of one diff (see `overlapInDiff`). */
export interface OverlapVerdict {
  /** The kept token's removal is due: this `up` deletes it. */
  readonly removing: boolean;
  /** The replace reasons now served by a rotation in place (an update); empty when none, or when it must wait. */
  readonly rotating: readonly string[];
}

/**
 * The part of `diff` every token kind shares for `keepPreviousFor`: says when the kept token goes, decides whether it
 * is removed now, and turns a replacement into a rotation in place — emptying `replaces` then. A rotation while a
 * previous token is still kept is refused, except one `rotateBefore` asks for, which waits (time alone never fails a
 * preview). `what` names the token in messages; `now` is the clock reading the diff already took, if any, and
 * `clock` reads the server's time when it took none.
 */
export async function overlapInDiff(args: {
  what: string;
  tokenId: string;
  kept: KeptToken | undefined;
  keepPreviousFor: unknown;
  replaces: string[];
  now: Date | undefined;
  clock: () => Promise<Date>;
}): Promise<OverlapVerdict> {
  const { what, tokenId, kept, keepPreviousFor, replaces } = args;
  const inPlace = rotationInPlace(replaces, keepPreviousFor);
  if (!kept && !inPlace) return { removing: false, rotating: [] };
  const now = args.now ?? (await args.clock());
  const removing = kept !== undefined && removalDue(kept, keepPreviousFor, now);
  if (kept) log.info(keptNotice(what, kept, keepPreviousFor, now));
  if (!inPlace) return { removing, rotating: [] };
  const reasons = replaces.splice(0);
  if (kept && !removing) {
    if (!reasons.every((reason) => reason === "rotateBefore")) throw new InputError(rotationWhileKeptMessage(what, reasons, kept));
    log.warn(`${what}: the rotation rotateBefore asks for waits until the previous token is removed (${kept.removalDate}).`);
    return { removing, rotating: [] };
  }
  log.info(rotationNotice(what, reasons, tokenId, keepPreviousFor as string, now));
  return { removing, rotating: reasons };
}
