import { describe, expect, it } from "vitest";
import { isValidPeriodRequest, monthPeriod, quarterPeriod, resolvePeriod } from "@/lib/domain/period";

const today = "2026-11-30";

describe("periods far outside the programme", () => {
  it("month 9999-12 and quarter 9999-Q4 are refused, not a RangeError", () => {
    expect(() => resolvePeriod({ period: "month", month: "9999-12" }, today)).not.toThrow();
    expect(() => resolvePeriod({ period: "quarter", quarter: "9999-Q4" }, today)).not.toThrow();
    expect(resolvePeriod({ period: "month", month: "9999-12" }, today)).toMatchObject({ kind: "ytd", from: "2026-01-01", to: today });
    expect(isValidPeriodRequest({ period: "month", month: "9999-12" })).toBe(false);
    expect(isValidPeriodRequest({ period: "quarter", quarter: "9999-Q4" })).toBe(false);
  });

  it("month and quarter ends are still the right days", () => {
    expect(monthPeriod("2024-02")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(monthPeriod("2026-12")).toEqual({ from: "2026-12-01", to: "2026-12-31" });
    expect(quarterPeriod("2026-Q4")).toEqual({ from: "2026-10-01", to: "2026-12-31" });
  });
});

describe("isValidPeriodRequest", () => {
  it.each([
    [{}],
    [{ period: "ytd" }],
    [{ period: "month", month: "2026-03", quarter: "2026-Q1", from: "2026-01-01", to: "2026-11-30" }],
    [{ period: "quarter", quarter: "2026-Q2", month: "bad" }],
    [{ period: "range", from: "2025-01-01", to: "2025-12-31" }],
    [{ from: "2025-01-01", to: "2025-12-31" }],
  ])("accepts %j", (input) => {
    expect(isValidPeriodRequest(input)).toBe(true);
  });

  it.each([
    [{ period: "week" }],
    [{ period: "month", month: "2026-13" }],
    [{ period: "month" }],
    [{ period: "quarter", quarter: "2026-Q5" }],
    [{ period: "range", from: "2026-05-01", to: "2026-03-01" }],
    [{ period: "range", from: "1999-12-31", to: "2000-01-31" }],
    [{ from: "2026-02-30", to: "2026-03-01" }],
    [{ from: "2026-01-01" }],
    [{ period: "ytd", to: "9999-12-31" }],
  ])("refuses %j", (input) => {
    expect(isValidPeriodRequest(input)).toBe(false);
  });
});
