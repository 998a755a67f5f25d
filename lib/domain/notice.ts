// The monthly notice (监测通报): what a published notice holds, the ranking and flag rules,
// and the difference between two versions of its figures. Pure: no I/O.
//
// Numbers: counts are integers; amounts are decimal yuan strings (exact); ratios are plain
// numbers rounded half-up from exact integers (lib/domain/rollup.ts ratio()):
//   coverage, conversion, creditShare  fractions with 4 decimals (0.2876 = 28.76 %)
//   firstLoansYoy                      percent with 1 decimal (39.5), null when last year was 0
//   medianDays                         days with 1 decimal (the middle of an even count is the
//                                      mean of the two middle values)
import type { Period } from "@/lib/domain/period";
import { previousYear, monthPeriod } from "@/lib/domain/period";
import { ratio, type Figures, type FiguresYoy } from "@/lib/domain/rollup";
import { todayInShanghai, type IsoDate } from "@/lib/domain/dates";

export const NOTICE_MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;

export function isNoticeMonth(month: string): boolean {
  return NOTICE_MONTH.test(month);
}

/** The Shanghai month before the one `today` falls in. */
export function previousShanghaiMonth(today: IsoDate = todayInShanghai()): string {
  const y = Number(today.slice(0, 4));
  const m = Number(today.slice(5, 7));
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** A notice can be generated for a month that has ended (Shanghai calendar). */
export function isPastMonth(month: string, today: IsoDate = todayInShanghai()): boolean {
  return isNoticeMonth(month) && month < today.slice(0, 7);
}

export type NoticePeriods = { month: Period; monthPrevious: Period; ytd: Period; ytdPrevious: Period };

export function noticePeriods(month: string): NoticePeriods {
  const p = monthPeriod(month);
  if (!p) throw new Error(`not a month: ${month}`);
  const ytd = { from: `${month.slice(0, 4)}-01-01`, to: p.to };
  return { month: p, monthPrevious: previousYear(p), ytd, ytdPrevious: previousYear(ytd) };
}

export type FunnelBlock = { current: Figures; previous: Figures; yoy: FiguresYoy; conversion: number | null; previousConversion: number | null };
export type FunnelScope = { month: FunnelBlock; ytd: FunnelBlock };

export const METRICS = ["coverage", "conversion", "firstLoansYoy", "creditShare", "medianDays"] as const;
export type Metric = (typeof METRICS)[number];
/** Which way is better when ranking: higher, or lower (days waited). */
const HIGHER_IS_BETTER: Record<Metric | "firstLoans", boolean> = {
  firstLoans: true, coverage: true, conversion: true, firstLoansYoy: true, creditShare: true, medianDays: false,
};

export type RankRow = {
  /** Bank id or city code. */
  code: string;
  name: string;
  nameEn: string;
  /** New 首贷户 in the month, and year to date with last year's same days. */
  monthFirstLoans: number;
  firstLoans: number;
  firstLoansPrevious: number;
  firstLoansYoy: number | null;
  firstLoanAmount: string;
  /** Listed enterprises (a bank: those it is responsible for) and those contacted, as of the month's end. */
  listed: number;
  contacted: number;
  coverage: number | null;
  /** Year to date. */
  visited: number;
  credited: number;
  conversion: number | null;
  /** First loans year to date on a recorded line, and those on unsecured (CREDIT) lines. */
  loansWithLine: number;
  creditLoans: number;
  creditShare: number | null;
  /** Days from the bank's first financing need to the first loan, first loans year to date. */
  medianDays: number | null;
  ranks: Record<"firstLoans" | Metric, number | null>;
};

export type LaggingRuleSpec = { metric: Metric; comparator: "lt" | "gt"; threshold: string };
export type Flag = { bankId: string; name: string; nameEn: string; metric: Metric; comparator: "lt" | "gt"; threshold: string; value: number };

/** Used while the regulator has written no rule: coverage below 30 %, YoY of new 首贷户 below 0. */
export const DEFAULT_LAGGING_RULES: readonly LaggingRuleSpec[] = [
  { metric: "coverage", comparator: "lt", threshold: "0.3000" },
  { metric: "firstLoansYoy", comparator: "lt", threshold: "0.0000" },
];

export type NoticeFigures = {
  month: string;
  periods: NoticePeriods;
  funnel: { all: FunnelScope; excludingNingbo: FunnelScope; ningboOnly: FunnelScope };
  /** Rankings cover Zhejiang excluding Ningbo (the provincial bureau's programme), year to date. */
  rankings: { province: Omit<RankRow, "ranks">; banks: RankRow[]; cities: RankRow[] };
  rules: LaggingRuleSpec[];
  flags: Flag[];
};

/** n ÷ d as a number with `decimals` places, rounded half-up exactly; null when d is 0. */
export function ratioNumber(n: number | bigint, d: number | bigint, decimals: number): number | null {
  const r = ratio(BigInt(n), BigInt(d), decimals);
  return r === null ? null : Number(r);
}

/**
 * Competition ranks (1, 2, 2, 4) by one metric; rows without a value get no rank.
 */
export function rankBy<T>(rows: readonly T[], value: (row: T) => number | null, higherIsBetter: boolean): (number | null)[] {
  const values = rows.map(value);
  return values.map((v) => {
    if (v === null) return null;
    const better = values.filter((o) => o !== null && (higherIsBetter ? o > v : o < v)).length;
    return better + 1;
  });
}

export function withRanks(rows: Omit<RankRow, "ranks">[]): RankRow[] {
  const keys = ["firstLoans", ...METRICS] as const;
  const ranks = Object.fromEntries(keys.map((k) => [k, rankBy(rows, (r) => r[k], HIGHER_IS_BETTER[k])]));
  const out = rows.map((row, i) => ({
    ...row,
    ranks: Object.fromEntries(keys.map((k) => [k, ranks[k]![i]!])) as RankRow["ranks"],
  }));
  // Ordered by new 首贷户 (the headline ranking), then name.
  return out.sort((a, b) => b.firstLoans - a.firstLoans || a.code.localeCompare(b.code));
}

/** Banks breaking an active rule; a bank with no value for the metric is not flagged. */
export function laggingFlags(banks: readonly RankRow[], rules: readonly LaggingRuleSpec[]): Flag[] {
  const flags: Flag[] = [];
  for (const rule of rules) {
    const threshold = Number(rule.threshold);
    for (const bank of banks) {
      const value = bank[rule.metric];
      if (value === null) continue;
      if (rule.comparator === "lt" ? value < threshold : value > threshold) {
        flags.push({ bankId: bank.code, name: bank.name, nameEn: bank.nameEn, metric: rule.metric, comparator: rule.comparator, threshold: rule.threshold, value });
      }
    }
  }
  return flags;
}

export type Change = { path: string; before: unknown; after: unknown };

/** Leaf-by-leaf differences between two JSON values (paths like funnel.all.ytd.current.firstLoans). */
export function diffFigures(before: unknown, after: unknown, path = ""): Change[] {
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
  if (Array.isArray(before) && Array.isArray(after)) {
    // Ranking rows and flags are keyed by code/bank (and metric): compare them by key.
    const key = (v: unknown, i: number) => (isObj(v) ? String(v.code ?? (v.bankId !== undefined ? `${v.bankId}:${v.metric}` : v.metric ?? i)) : String(i));
    const a = new Map(before.map((v, i) => [key(v, i), v]));
    const b = new Map(after.map((v, i) => [key(v, i), v]));
    const changes: Change[] = [];
    for (const [k, v] of a) changes.push(...(b.has(k) ? diffFigures(v, b.get(k), `${path}[${k}]`) : [{ path: `${path}[${k}]`, before: v, after: null }]));
    for (const [k, v] of b) if (!a.has(k)) changes.push({ path: `${path}[${k}]`, before: null, after: v });
    return changes;
  }
  if (isObj(before) && isObj(after) && !Array.isArray(before) && !Array.isArray(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffFigures(before[k], after[k], path ? `${path}.${k}` : k));
  }
  return [{ path, before: before ?? null, after: after ?? null }];
}
