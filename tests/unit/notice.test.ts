import { describe, expect, it } from "vitest";
import { diffFigures, isPastMonth, laggingFlags, noticePeriods, previousShanghaiMonth, rankBy, ratioNumber, withRanks, type RankRow } from "@/lib/domain/notice";

const row = (code: string, over: Partial<RankRow> = {}): Omit<RankRow, "ranks"> => ({
  code, name: code, nameEn: code, monthFirstLoans: 0, firstLoans: 0, firstLoansPrevious: 0, firstLoansYoy: null, firstLoanAmount: "0.00",
  listed: 0, contacted: 0, coverage: null, visited: 0, credited: 0, conversion: null, loansWithLine: 0, creditLoans: 0, creditShare: null, medianDays: null, ...over,
});

describe("the notice's rules", () => {
  it("covers the past Shanghai month, its year to date and last year's same days", () => {
    expect(previousShanghaiMonth("2026-01-03")).toBe("2025-12");
    expect(previousShanghaiMonth("2026-03-31")).toBe("2026-02");
    expect(noticePeriods("2020-05")).toEqual({
      month: { from: "2020-05-01", to: "2020-05-31" }, monthPrevious: { from: "2019-05-01", to: "2019-05-31" },
      ytd: { from: "2020-01-01", to: "2020-05-31" }, ytdPrevious: { from: "2019-01-01", to: "2019-05-31" },
    });
    expect(noticePeriods("2024-02").ytdPrevious).toEqual({ from: "2023-01-01", to: "2023-02-28" });
    expect(isPastMonth("2026-10", "2026-11-01")).toBe(true);
    expect(isPastMonth("2026-11", "2026-11-30")).toBe(false);
  });

  it("rounds ratios half-up from exact integers", () => {
    expect(ratioNumber(40_000 - 28_674, 28_674, 3)).toBe(0.395);
    expect(ratioNumber(1, 3, 4)).toBe(0.3333);
    expect(ratioNumber(1, 0, 4)).toBeNull();
  });

  it("ranks best first, shares ranks on ties, leaves rows without a value unranked, and ranks days lowest first", () => {
    expect(rankBy([3, 5, 5, null, 1], (x) => x, true)).toEqual([3, 1, 1, null, 4]);
    const ranked = withRanks([row("A", { firstLoans: 2, medianDays: 9 }), row("B", { firstLoans: 7, medianDays: 3 }), row("C", { firstLoans: 2 })]);
    expect(ranked.map((r) => [r.code, r.ranks.firstLoans, r.ranks.medianDays])).toEqual([["B", 1, 1], ["A", 2, 2], ["C", 2, null]]);
  });

  it("flags the banks breaking a rule, never a bank without a value", () => {
    const banks = withRanks([row("A", { coverage: 0.25, firstLoansYoy: 3 }), row("B", { coverage: 0.3, firstLoansYoy: -0.1 }), row("C")]);
    const flags = laggingFlags(banks, [{ metric: "coverage", comparator: "lt", threshold: "0.3000" }, { metric: "firstLoansYoy", comparator: "lt", threshold: "0.0000" }]);
    expect(flags.map((f) => [f.bankId, f.metric, f.value])).toEqual([["A", "coverage", 0.25], ["B", "firstLoansYoy", -0.1]]);
  });

  it("diffs figures leaf by leaf, matching ranking rows by code", () => {
    const before = { funnel: { month: { firstLoans: 1 } }, rankings: { banks: [{ code: "x", firstLoans: 1 }, { code: "y", firstLoans: 4 }] } };
    const after = { funnel: { month: { firstLoans: 2 } }, rankings: { banks: [{ code: "y", firstLoans: 4 }, { code: "x", firstLoans: 2 }, { code: "z", firstLoans: 1 }] } };
    expect(diffFigures(before, after)).toEqual([
      { path: "funnel.month.firstLoans", before: 1, after: 2 },
      { path: "rankings.banks[x].firstLoans", before: 1, after: 2 },
      { path: "rankings.banks[z]", before: null, after: { code: "z", firstLoans: 1 } },
    ]);
    expect(diffFigures(after, structuredClone(after))).toEqual([]);
  });
});
