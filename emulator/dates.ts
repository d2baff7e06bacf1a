// Dynatrace date inputs (UTC milliseconds, ISO 8601 with optional zone, relative `now±NU/A`) and ISO output.

/** Relative-time units: `m` minutes, `h` hours, `d` days, `w` weeks, `M` months, `y` years. */
export type DateUnit = "m" | "h" | "d" | "w" | "M" | "y";

const MINUTE = 60 * 1000;
const FIXED_UNIT_MS: Record<"m" | "h" | "d" | "w", number> = {
  m: MINUTE,
  h: 60 * MINUTE,
  d: 24 * 60 * MINUTE,
  w: 7 * 24 * 60 * MINUTE,
};

const RELATIVE = /^now(?:([+-])(\d{1,9})([mhdwMy]))?(?:\/([mhdwMy]))?$/;
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/;
const MILLIS = /^-?\d{1,16}$/;

export type DateParseResult = { ok: true; ms: number } | { ok: false; reason: string };

/**
 * The range of dates the API takes: years 0000 to 9999, the ones its `YYYY-MM-DDTHH:mm:ss.sssZ` output can write.
 * Anything outside is refused with a 400 rather than stored: a stored invalid date would make every later list
 * that formats it fail.
 */
export const EARLIEST_MS = -62_167_219_200_000; // 0000-01-01T00:00:00.000Z (Date.UTC maps year 0 to 1900)
export const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const OUT_OF_RANGE = "is out of range: dates must fall between 0000-01-01 and 9999-12-31";

/** True when `ms` is a date the API can store and write back. */
export function isStorableMs(ms: number): boolean {
  return Number.isFinite(ms) && ms >= EARLIEST_MS && ms <= LATEST_MS;
}

export function formatIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Adds months keeping the day of month where it exists (Jan 31 + 1M = Feb 28/29), like calendar arithmetic does. */
function addMonths(ms: number, months: number): number {
  const d = new Date(ms);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  return d.getTime();
}

export function addUnits(ms: number, amount: number, unit: DateUnit): number {
  if (unit === "M") return addMonths(ms, amount);
  if (unit === "y") return addMonths(ms, amount * 12);
  return ms + amount * FIXED_UNIT_MS[unit];
}

/** Rounds down to the start of the unit, in UTC; weeks start on Monday. */
export function alignDown(ms: number, unit: DateUnit): number {
  const d = new Date(ms);
  switch (unit) {
    case "m":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours(), d.getUTCMinutes());
    case "h":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate(), d.getUTCHours());
    case "d":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
    case "w": {
      const startOfDay = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
      const daysSinceMonday = (d.getUTCDay() + 6) % 7;
      return startOfDay - daysSinceMonday * FIXED_UNIT_MS.d;
    }
    case "M":
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    case "y":
      return Date.UTC(d.getUTCFullYear(), 0, 1);
  }
}

function parseIso(m: RegExpExecArray): DateParseResult {
  const [, y, mo, d, h = "00", mi = "00", s = "00", frac = "", zone] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const millis = Number(frac.padEnd(3, "0").slice(0, 3));
  const local = Date.UTC(year, month - 1, day, hour, minute, second, millis);
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return { ok: false, reason: "is not a valid calendar date" };
  }
  let offsetMinutes = 0;
  if (zone && zone !== "Z") {
    const sign = zone.startsWith("-") ? -1 : 1;
    const digits = zone.slice(1).replace(":", "");
    const zh = Number(digits.slice(0, 2));
    const zm = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
    if (zh > 18 || zm > 59) return { ok: false, reason: "has an invalid time zone offset" };
    offsetMinutes = sign * (zh * 60 + zm);
  }
  return { ok: true, ms: local - offsetMinutes * MINUTE };
}

/**
 * Parses every documented date input form. Numbers and numeric strings are UTC milliseconds; ISO strings without a
 * zone are UTC; `now+14d`, `now-1y/w`, `now+6M` are relative to `nowMs`.
 */
export function parseDateInput(input: unknown, nowMs: number): DateParseResult {
  const parsed = parseAnyDate(input, nowMs);
  if (parsed.ok && !isStorableMs(parsed.ms)) return { ok: false, reason: OUT_OF_RANGE };
  return parsed;
}

function parseAnyDate(input: unknown, nowMs: number): DateParseResult {
  if (typeof input === "number") {
    return Number.isInteger(input) ? { ok: true, ms: input } : { ok: false, reason: "must be an integer timestamp in UTC milliseconds" };
  }
  if (typeof input !== "string") return { ok: false, reason: "must be a string or a timestamp in UTC milliseconds" };
  const text = input.trim();
  if (MILLIS.test(text)) return { ok: true, ms: Number(text) };
  const rel = RELATIVE.exec(text);
  if (rel) {
    const [, sign, amount, unit, align] = rel;
    let ms = nowMs;
    if (sign && amount && unit) ms = addUnits(ms, (sign === "-" ? -1 : 1) * Number(amount), unit as DateUnit);
    if (align) ms = alignDown(ms, align as DateUnit);
    return { ok: true, ms };
  }
  const iso = ISO.exec(text);
  if (iso) return parseIso(iso);
  return {
    ok: false,
    reason: `"${input}" is not a valid date: use UTC milliseconds, ISO 8601 (2021-01-25T05:57:01.123+01:00) or now+NU (e.g. now+14d)`,
  };
}

const DURATION = /^(\d{1,12})(ms|s|m|h|d|w|M|y)$/;

/** Parses an admin clock step such as `30d`, `90m`, `1500ms`, `6M`. */
export function parseDuration(text: string): { amount: number; unit: DateUnit | "ms" | "s" } | undefined {
  const m = DURATION.exec(text.trim());
  if (!m) return undefined;
  return { amount: Number(m[1]), unit: m[2] as DateUnit | "ms" | "s" };
}
