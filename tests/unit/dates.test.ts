import { describe, it, expect } from "vitest";
import fc from "fast-check";
import {
  addDays,
  daysBetween,
  formatDate,
  formatDateTime,
  isValidIsoDate,
  startOfShanghaiDay,
  toShanghaiDate,
  todayInShanghai,
} from "../../lib/domain/dates";

describe("Shanghai calendar date", () => {
  it("rolls over at 16:00 UTC, not at UTC midnight", () => {
    expect(toShanghaiDate(new Date("2026-11-27T15:59:59.999Z"))).toBe("2026-11-27");
    expect(toShanghaiDate(new Date("2026-11-27T16:00:00Z"))).toBe("2026-11-28");
    expect(toShanghaiDate(new Date("2026-11-27T16:30:00Z"))).toBe("2026-11-28");
    expect(toShanghaiDate(new Date("2026-11-28T00:00:00Z"))).toBe("2026-11-28");
    expect(toShanghaiDate(new Date("2026-12-31T16:30:00Z"))).toBe("2027-01-01");
  });

  it("todayInShanghai takes an injectable clock", () => {
    expect(todayInShanghai(new Date("2026-11-27T16:30:00Z"))).toBe("2026-11-28");
    expect(todayInShanghai()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("rejects invalid dates", () => {
    expect(() => toShanghaiDate(new Date("nope"))).toThrow(RangeError);
  });

  it("startOfShanghaiDay is the instant the day begins", () => {
    expect(startOfShanghaiDay("2026-11-28").toISOString()).toBe("2026-11-27T16:00:00.000Z");
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60_000 }), (offset) => {
        const day = addDays("1992-01-01", offset);
        expect(toShanghaiDate(startOfShanghaiDay(day))).toBe(day);
        expect(toShanghaiDate(new Date(startOfShanghaiDay(day).getTime() - 1))).toBe(addDays(day, -1));
      }),
    );
  });
});

describe("isValidIsoDate", () => {
  it.each(["2026-11-28", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"])("accepts %s", (s) => {
    expect(isValidIsoDate(s)).toBe(true);
  });
  it.each(["2026-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-11-31", "2026-1-5", "20261128", "2026-11-28T00:00", "", "abcd-ef-gh"])(
    "rejects %s",
    (s) => {
      expect(isValidIsoDate(s)).toBe(false);
    },
  );
});

describe("date arithmetic", () => {
  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-11-28", 2)).toBe("2026-11-30");
    expect(addDays("2026-11-28", 3)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2024-03-01", -1)).toBe("2024-02-29");
    expect(addDays("2026-11-28", 0)).toBe("2026-11-28");
    expect(addDays("2026-11-28", 365)).toBe("2027-11-28");
  });

  it("counts days signed", () => {
    expect(daysBetween("2026-11-28", "2026-11-30")).toBe(2);
    expect(daysBetween("2026-11-30", "2026-11-28")).toBe(-2);
    expect(daysBetween("2024-01-01", "2025-01-01")).toBe(366);
    expect(daysBetween("2026-03-01", "2026-03-01")).toBe(0);
  });

  it("addDays and daysBetween are inverse (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: -5000, max: 5000 }), (base, n) => {
        const a = addDays("1900-01-01", base);
        expect(daysBetween(a, addDays(a, n))).toBe(n);
      }),
    );
  });

  it("throws on bad input", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(RangeError);
    expect(() => addDays("2026-11-28", 1.5)).toThrow(RangeError);
    expect(() => daysBetween("x", "2026-11-28")).toThrow(RangeError);
  });
});

describe("formatting", () => {
  it("formats calendar dates", () => {
    expect(formatDate("2026-11-28", "zh-CN")).toBe("2026年11月28日");
    expect(formatDate("2026-11-28", "en")).toBe("28 Nov 2026");
    expect(formatDate("2026-01-05", "zh-CN")).toBe("2026年1月5日");
    expect(formatDate("2026-09-05", "en")).toBe("5 Sep 2026");
    expect(() => formatDate("2026-11-31", "en")).toThrow(RangeError);
  });

  it("formats a Date by its Shanghai day", () => {
    const lateUtc = new Date("2026-11-27T16:30:00Z");
    expect(formatDate(lateUtc, "zh-CN")).toBe("2026年11月28日");
    expect(formatDate(lateUtc, "en")).toBe("28 Nov 2026");
  });

  it("formats date-times in Shanghai time, 24 h", () => {
    const d = new Date("2026-11-28T00:05:00Z");
    expect(formatDateTime(d, "zh-CN")).toBe("2026-11-28 08:05");
    expect(formatDateTime(d, "en")).toBe("28 Nov 2026, 08:05");
    expect(formatDateTime(new Date("2026-11-27T16:00:00Z"), "zh-CN")).toBe("2026-11-28 00:00");
    expect(formatDateTime(new Date("2026-11-28T15:59:00Z"), "en")).toBe("28 Nov 2026, 23:59");
  });
});
