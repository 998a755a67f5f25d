// The assessment's pure rules: share-of-best normalisation (timeliness inverted), weighted
// scores, shared ranks for ties, the scheme form's weights, and the period a request names.
import { describe, expect, it } from "vitest";
import { normalize, scoreUnits, type Indicators, type Weights } from "@/lib/assessment/score";
import { createSchemeSchema } from "@/lib/assessment/scheme-schema";
import { assessmentPeriodFor, resolveAssessmentPeriod } from "@/lib/assessment/period";

const base: Indicators = { newFirstLoans: 0, firstLoanAmount: "0.00", coverage: null, conversion: null, partners: 0, timeliness: null };
const W: Weights = { newFirstLoans: 40, firstLoanAmount: 0, coverage: 0, conversion: 0, partners: 0, timeliness: 60 };

describe("normalize", () => {
  it("divides by the best; missing values and an all-zero field score 0", () => {
    expect(normalize([4, 2, null, 0], false)).toEqual([1, 0.5, 0, 0]);
    expect(normalize([0, 0], false)).toEqual([0, 0]);
  });
  it("timeliness: the fastest gets 1, others (1 + fastest) ÷ (1 + days); same day does not divide by zero", () => {
    expect(normalize([0, 9, null], true)).toEqual([1, 0.1, 0]);
    expect(normalize([10, 21], true)).toEqual([1, 0.5]);
  });
});

describe("scoreUnits", () => {
  it("weights the normalised indicators into 0–100 and ranks, ties sharing a rank", () => {
    const units = [
      { name: "甲", indicators: { ...base, newFirstLoans: 2, timeliness: 10 } },
      { name: "乙", indicators: { ...base, newFirstLoans: 4, timeliness: 21 } },
      { name: "丙", indicators: { ...base, newFirstLoans: 4, timeliness: 21 } },
      { name: "丁", indicators: base },
    ];
    const scored = scoreUnits(units, W);
    // 甲: 40·½ + 60·1 = 80; 乙, 丙: 40·1 + 60·½ = 70; 丁: 0.
    const byName = Object.fromEntries(scored.map((u) => [u.name, [u.score, u.rank]]));
    expect(byName).toEqual({ 甲: [80, 1], 乙: [70, 2], 丙: [70, 2], 丁: [0, 4] });
    expect(scored.map((u) => u.rank)).toEqual([1, 2, 2, 4]);
  });
});

describe("createSchemeSchema", () => {
  const valid = { name: "方案", validFrom: "2026-01-01", weightNewFirstLoans: "33.33", weightFirstLoanAmount: "33.33", weightCoverage: "33.34", weightConversion: "0", weightPartner: "0", weightTimeliness: "0" };
  it("accepts weights with two decimals summing to exactly 100", () => {
    expect(createSchemeSchema.safeParse(valid).success).toBe(true);
  });
  it("refuses a sum of 99.99, three decimals, more than 100 and a bad date", () => {
    expect(createSchemeSchema.safeParse({ ...valid, weightCoverage: "33.33" }).error?.issues[0]?.message).toBe("weightsSum");
    expect(createSchemeSchema.safeParse({ ...valid, weightCoverage: "33.340" }).success).toBe(false);
    expect(createSchemeSchema.safeParse({ ...valid, weightCoverage: "101" }).success).toBe(false);
    expect(createSchemeSchema.safeParse({ ...valid, validFrom: "2026-02-30" }).success).toBe(false);
  });
});

describe("assessment periods", () => {
  it("month, quarter and calendar year; nothing named is the current month; a month that does not exist is none", () => {
    expect(resolveAssessmentPeriod({}, "2026-11-30")).toMatchObject({ kind: "month", key: "2026-11", from: "2026-11-01", to: "2026-11-30" });
    expect(resolveAssessmentPeriod({ kind: "quarter", quarter: "2026-Q1" }, "2026-11-30")).toMatchObject({ from: "2026-01-01", to: "2026-03-31" });
    expect(resolveAssessmentPeriod({ kind: "year", year: "2024" }, "2026-11-30")).toMatchObject({ from: "2024-01-01", to: "2024-12-31" });
    expect(resolveAssessmentPeriod({ kind: "month", month: "2026-13" }, "2026-11-30")).toBeNull();
    expect(resolveAssessmentPeriod({ kind: "week" }, "2026-11-30")).toBeNull();
  });
  it("the dashboard's month or quarter, else the month its period ends in", () => {
    expect(assessmentPeriodFor({ kind: "quarter", month: "2026-10", quarter: "2026-Q4", to: "2026-12-31" })).toEqual({ kind: "quarter", quarter: "2026-Q4" });
    expect(assessmentPeriodFor({ kind: "ytd", month: "2026-01", quarter: "2026-Q1", to: "2026-11-30" })).toEqual({ kind: "month", month: "2026-11" });
  });
});
