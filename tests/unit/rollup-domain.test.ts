import { describe, expect, it } from "vitest";
import { monthPeriod, previousYear, quarterPeriod, resolvePeriod, sameDayLastYear } from "@/lib/domain/period";
import { conversion, ratio, yoyPercent, ZERO_FIGURES } from "@/lib/domain/rollup";
import { splitPeriod } from "@/lib/rollups/query";
import { apportion } from "@/prisma/seed/scenario/zhejiang-2020";

describe("periods", () => {
  it("resolves month, quarter, year to date and from–to, falling back to the year to date", () => {
    expect(resolvePeriod({ period: "month", month: "2020-02" }, "2026-11-28")).toMatchObject({ from: "2020-02-01", to: "2020-02-29", kind: "month" });
    expect(resolvePeriod({ period: "quarter", quarter: "2020-Q2" }, "2026-11-28")).toMatchObject({ from: "2020-04-01", to: "2020-06-30" });
    expect(resolvePeriod({ period: "ytd" }, "2026-11-28")).toMatchObject({ from: "2026-01-01", to: "2026-11-28" });
    expect(resolvePeriod({ from: "2019-10-01", to: "2020-06-30" }, "2026-11-28")).toMatchObject({ kind: "range", from: "2019-10-01", to: "2020-06-30" });
    expect(resolvePeriod({ period: "range", from: "2020-06-30", to: "2019-10-01" }, "2026-11-28")).toMatchObject({ kind: "ytd", from: "2026-01-01" });
    expect(resolvePeriod({ period: "month", month: "2020-13" }, "2026-11-28").kind).toBe("ytd");
    expect(monthPeriod("2019-12")).toEqual({ from: "2019-12-01", to: "2019-12-31" });
    expect(quarterPeriod("2020-Q4")).toEqual({ from: "2020-10-01", to: "2020-12-31" });
  });

  it("compares with the same calendar days last year (29 February → 28 February)", () => {
    expect(previousYear({ from: "2020-01-01", to: "2020-05-31" })).toEqual({ from: "2019-01-01", to: "2019-05-31" });
    expect(sameDayLastYear("2020-02-29")).toBe("2019-02-28");
  });

  it("splits a period into whole months and edge days", () => {
    expect(splitPeriod({ from: "2019-10-01", to: "2020-06-30" })).toEqual({ months: { from: "2019-10-01", to: "2020-06-01" }, days: [] });
    expect(splitPeriod({ from: "2020-01-15", to: "2020-03-10" })).toEqual({
      months: { from: "2020-02-01", to: "2020-02-01" },
      days: [{ from: "2020-01-15", to: "2020-01-31" }, { from: "2020-03-01", to: "2020-03-10" }],
    });
    expect(splitPeriod({ from: "2020-02-03", to: "2020-02-20" })).toEqual({ months: null, days: [{ from: "2020-02-03", to: "2020-02-20" }] });
  });
});

describe("ratios", () => {
  it("conversion as the regulator quotes it, and year-on-year", () => {
    expect(conversion({ ...ZERO_FIGURES, credited: 4158, visited: 14458 })).toBe("0.2876");
    expect(conversion(ZERO_FIGURES)).toBeNull();
    expect(yoyPercent(40000, 28674)).toBe("39.5");
    expect(yoyPercent(0, 1)).toBe("-100.0");
    expect(yoyPercent("62925000000.00", "0.00")).toBeNull();
    expect(ratio(1n, 3n, 4)).toBe("0.3333");
    expect(ratio(2n, 3n, 4)).toBe("0.6667");
  });

  it("apportions an exact total by weights", () => {
    const parts = apportion(6_292_500n, [1, 2.5, 0.3, 7]);
    expect(parts.reduce((a, b) => a + b, 0n)).toBe(6_292_500n);
    expect(parts[3]! > parts[1]!).toBe(true);
  });
});
