import { describe, expect, it } from "vitest";
import { DateFormatError, parseDateInput, parseDuration, shift } from "../../provider/dates";

const now = new Date("2026-03-15T10:20:30.456Z");

describe("parseDateInput", () => {
  it.each([
    ["now+14d", "2026-03-29T10:20:30.456Z"],
    ["now+6M", "2026-09-15T10:20:30.456Z"],
    ["now-1h/d", "2026-03-15T00:00:00.000Z"],
    ["now/w", "2026-03-09T00:00:00.000Z"],
    ["now+90m", "2026-03-15T11:50:30.456Z"],
    ["now+1y", "2027-03-15T10:20:30.456Z"],
    ["now+2w", "2026-03-29T10:20:30.456Z"],
    ["now", "2026-03-15T10:20:30.456Z"],
    ["2021-01-25T05:57:01.123+01:00", "2021-01-25T04:57:01.123Z"],
    ["2021-01-25T05:57:01.123", "2021-01-25T05:57:01.123Z"],
    ["2021-01-25 05:57", "2021-01-25T05:57:00.000Z"],
    ["2021-01-25T05:57:01Z", "2021-01-25T05:57:01.000Z"],
    ["1611554221123", "2021-01-25T05:57:01.123Z"],
  ])("parses %s", (input, iso) => {
    expect(parseDateInput(input, now).toISOString()).toBe(iso);
  });

  it("parses a millisecond number", () => {
    expect(parseDateInput(1611554221123, now).toISOString()).toBe("2021-01-25T05:57:01.123Z");
  });

  it("clamps month arithmetic to the last day of the month", () => {
    expect(parseDateInput("now+1M", new Date("2026-01-31T00:00:00Z")).toISOString()).toBe("2026-02-28T00:00:00.000Z");
  });

  it.each(["tomorrow", "now+14x", "2021-13-01", "2021-02-30T00:00:00Z", "now+"])("rejects %s with the accepted forms", (input) => {
    expect(() => parseDateInput(input, now)).toThrow(DateFormatError);
    expect(() => parseDateInput(input, now)).toThrow(/now\+90d/);
  });
});

describe("parseDuration", () => {
  it("distinguishes months from minutes", () => {
    expect(parseDuration("6M")).toEqual({ amount: 6, unit: "M" });
    expect(parseDuration("30m")).toEqual({ amount: 30, unit: "m" });
    expect(parseDuration("14d")).toEqual({ amount: 14, unit: "d" });
  });

  it.each(["14", "0d", "-1d", "14 days", ""])("rejects %s", (input) => {
    expect(() => parseDuration(input)).toThrow(/is not a duration/);
  });

  it("shifts backwards by calendar units", () => {
    expect(shift(new Date("2026-12-01T00:00:00Z"), -14, "d").toISOString()).toBe("2026-11-17T00:00:00.000Z");
  });
});

// Issue 10: dates beyond JavaScript's range turned into invalid dates that passed every comparison at preview.
describe("issue 10: dates and durations out of range", () => {
  it.each(["now+300000y", "now+8000y", "now+99999999M", "now+999999999w", "now-300000y", "now+300000y-299999y", "253402300800000", 253402300800000])(
    "rejects %s with the latest date and a fix",
    (input) => {
      expect(() => parseDateInput(input, now)).toThrow(DateFormatError);
      expect(() => parseDateInput(input, now)).toThrow(/9999-12-31.*use a nearer date such as "now\+1y"/);
    },
  );

  it.each(["99999999999999999", 8.64e15 + 1])("rejects the timestamp %s, beyond JavaScript's range", (input) => {
    expect(() => parseDateInput(input, now)).toThrow(/is not a valid timestamp — use a relative date like "now\+90d"/);
  });

  it("accepts the last millisecond of year 9999", () => {
    expect(parseDateInput("9999-12-31T23:59:59.999Z", now).toISOString()).toBe("9999-12-31T23:59:59.999Z");
    expect(parseDateInput(253402300799999, now).getTime()).toBe(253402300799999);
  });

  it.each(["300000y", "10001y", "120001M", "99999999999999999999d", "9999999999m"])("rejects the duration %s as too long", (input) => {
    expect(() => parseDuration(input)).toThrow(DateFormatError);
    expect(() => parseDuration(input)).toThrow(/longer than 10000 years.*use a window such as "14d"/);
  });

  it("accepts long but representable durations", () => {
    expect(parseDuration("9000y")).toEqual({ amount: 9000, unit: "y" });
    expect(parseDuration("525600m")).toEqual({ amount: 525600, unit: "m" });
  });
});
