// The date forms Dynatrace accepts for `expirationDate`, and the durations used by `rotateBefore`.
// All arithmetic is in UTC, like the API.

/** `m` minutes, `h` hours, `d` days, `w` weeks, `M` months, `y` years (Dynatrace's relative-time units). */
export type TimeUnit = "m" | "h" | "d" | "w" | "M" | "y";

export interface Duration {
  readonly amount: number;
  readonly unit: TimeUnit;
}

const UNIT_NAMES: Record<TimeUnit, string> = { m: "minute", h: "hour", d: "day", w: "week", M: "month", y: "year" };
const FIXED_UNIT_MS: Partial<Record<TimeUnit, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 };

const RELATIVE = /^now((?:\s*[+-]\s*\d+\s*[mhdwMy])*)(?:\s*\/\s*([mhdwMy]))?$/;
const RELATIVE_STEP = /([+-])\s*(\d+)\s*([mhdwMy])/g;
// 2021-01-25, 2021-01-25T05:57, 2021-01-25 05:57:01.123+01:00, …; UTC when no zone is given.
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const DURATION = /^(\d+)\s*([mhdwMy])$/;

/** Why a date or duration could not be parsed; the message names the accepted forms. */
export class DateFormatError extends Error {
  readonly code = "DATE_FORMAT";
  constructor(message: string) {
    super(message);
    this.name = "DateFormatError";
  }
}

/**
 * The latest date accepted: 9999-12-31T23:59:59.999Z. Dynatrace writes dates as `YYYY-MM-DDTHH:mm:ss.sssZ`, which has
 * no form for a five-digit year, and JavaScript's own range ends in year 275760, after which arithmetic yields an
 * invalid date that would slip through every comparison.
 */
export const LATEST_DATE = new Date(Date.UTC(9999, 11, 31, 23, 59, 59, 999));
const LATEST_DATE_TEXT = "9999-12-31";

/** The longest duration accepted: no window can usefully reach past `LATEST_DATE` (≈ 8000 years from now). */
const MAX_DURATION_YEARS = 10_000;
const APPROX_UNIT_MS: Record<TimeUnit, number> = { ...(FIXED_UNIT_MS as Record<"m" | "h" | "d" | "w", number>), M: 31 * 86_400_000, y: 366 * 86_400_000 };

export const DATE_FORMS_HELP =
  'use a relative date like "now+90d" or "now+6M" (units m h d w M y), an ISO date like "2027-01-31T00:00:00Z", ' +
  "or a Unix timestamp in milliseconds";

/** True for the relative forms (`now+90d`), whose resolved value depends on when they are evaluated. */
export function isRelativeDate(input: string | number): boolean {
  return typeof input === "string" && RELATIVE.test(input.trim());
}

/** Parses any documented `expirationDate` form into a Date, resolving relative forms against `now`. */
export function parseDateInput(input: string | number, now: Date): Date {
  return withinRange(parseAnyDate(input, now), String(input));
}

function parseAnyDate(input: string | number, now: Date): Date {
  if (typeof input === "number") return fromMillis(input, String(input));
  const text = input.trim();
  if (/^-?\d+$/.test(text)) return fromMillis(Number(text), text);

  const relative = RELATIVE.exec(text);
  if (relative) {
    let result = new Date(now.getTime());
    for (const step of (relative[1] ?? "").matchAll(RELATIVE_STEP)) {
      const amount = Number(step[2]) * (step[1] === "-" ? -1 : 1);
      result = shift(result, amount, step[3] as TimeUnit);
    }
    return relative[2] ? alignTo(result, relative[2] as TimeUnit) : result;
  }

  const iso = ISO.exec(text);
  if (iso) return fromIso(iso, text);

  throw new DateFormatError(`"${input}" is not a date Dynatrace understands — ${DATE_FORMS_HELP}`);
}

/** Parses a duration like `14d`, `12h`, `6M` (`M` months, `m` minutes). */
export function parseDuration(input: string): Duration {
  const match = DURATION.exec(input.trim());
  if (!match || Number(match[1]) <= 0) {
    throw new DateFormatError(
      `"${input}" is not a duration — use a positive number and a unit, like "14d", "12h", "2w" or "6M" (m minutes, h hours, d days, w weeks, M months, y years)`,
    );
  }
  const duration = { amount: Number(match[1]), unit: match[2] as TimeUnit };
  if (duration.amount * APPROX_UNIT_MS[duration.unit] > MAX_DURATION_YEARS * APPROX_UNIT_MS.y) {
    throw new DateFormatError(
      `"${input}" is longer than ${MAX_DURATION_YEARS} years, past the latest date Dynatrace takes (${LATEST_DATE_TEXT}) — use a window such as "14d" or "1M"`,
    );
  }
  return duration;
}

export function describeDuration(duration: Duration): string {
  const name = UNIT_NAMES[duration.unit];
  return `${duration.amount} ${name}${duration.amount === 1 ? "" : "s"}`;
}

/** `date` moved by `amount` units; months and years keep the day of month, clamped to the month's last day. */
export function shift(date: Date, amount: number, unit: TimeUnit): Date {
  const fixed = FIXED_UNIT_MS[unit];
  if (fixed !== undefined) return new Date(date.getTime() + amount * fixed);
  const months = unit === "y" ? amount * 12 : amount;
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** Rounds `date` down to the start of its unit (`/d` = midnight UTC, `/w` = Monday 00:00 UTC). */
export function alignTo(date: Date, unit: TimeUnit): Date {
  const d = new Date(date.getTime());
  switch (unit) {
    case "m":
      d.setUTCSeconds(0, 0);
      break;
    case "h":
      d.setUTCMinutes(0, 0, 0);
      break;
    case "d":
      d.setUTCHours(0, 0, 0, 0);
      break;
    case "w":
      d.setUTCHours(0, 0, 0, 0);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      break;
    case "M":
      d.setUTCHours(0, 0, 0, 0);
      d.setUTCDate(1);
      break;
    case "y":
      d.setUTCHours(0, 0, 0, 0);
      d.setUTCMonth(0, 1);
      break;
  }
  return d;
}

/** `date` if it is a real date no later than `LATEST_DATE`; month arithmetic past year 275760 gives an invalid one. */
function withinRange(date: Date, text: string): Date {
  const ms = date.getTime();
  if (Number.isNaN(ms) || ms > LATEST_DATE.getTime()) {
    const where = Number.isNaN(ms) ? "is outside the range of dates" : "is after the latest date";
    throw new DateFormatError(
      `"${text}" ${where} Dynatrace takes (${LATEST_DATE_TEXT}) — use a nearer date such as "now+1y" or "2027-01-31T00:00:00Z"`,
    );
  }
  return date;
}

function fromMillis(ms: number, text: string): Date {
  const date = new Date(ms);
  if (!Number.isFinite(ms) || Number.isNaN(date.getTime())) {
    throw new DateFormatError(`"${text}" is not a valid timestamp — ${DATE_FORMS_HELP}`);
  }
  return date;
}

function fromIso(m: RegExpExecArray, text: string): Date {
  const [year, month, day, hour, minute, second] = [1, 2, 3, 4, 5, 6].map((i) => Number(m[i] ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const millis = Number((m[7] ?? "0").padEnd(3, "0").slice(0, 3));
  let utc = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(utc);
  if (
    check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day ||
    hour > 23 || minute > 59 || second > 59
  ) {
    throw new DateFormatError(`"${text}" is not a valid calendar date — ${DATE_FORMS_HELP}`);
  }
  const zone = m[8];
  if (zone && zone.toUpperCase() !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const offsetMinutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4));
    utc -= sign * offsetMinutes * 60_000;
  }
  return new Date(utc);
}
