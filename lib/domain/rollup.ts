// The figures every rollup (province, city, county, bank, branch, manager) reports, and the
// ratios derived from them. Pure: counts are numbers, money is decimal yuan strings.
//
// Definitions (also shown on the dashboards and in the API's `definitions`):
//   listed      enterprises whose first listing (any of the five lists) falls in the period;
//               for a bank, branch or manager: listed enterprises that entered its pool then
//   needs       listed enterprises whose first financing need was raised in the period
//   visited     listed enterprises whose first ON-SITE visit falls in the period
//   credited    listed enterprises whose first approved credit line was decided in the period
//   creditAmount  sum of approved credit lines (of listed enterprises) decided in the period
//   firstLoans  enterprises (listed or not: the whole banking industry) whose first-ever bank
//               loan was disbursed in the period (首贷户); firstLoanAmount sums those loans
//   conversion  credited ÷ visited, as the regulator quotes it
// An enterprise served by two banks counts once in each bank's row and once in the province,
// so bank rows can add up to more than the total; amounts do add up.
import { sumMoney, toCents, type Money } from "@/lib/domain/money";

export type Figures = {
  listed: number;
  needs: number;
  visited: number;
  credited: number;
  creditAmount: Money;
  firstLoans: number;
  firstLoanAmount: Money;
};

export const FIGURE_KEYS = ["listed", "needs", "visited", "credited", "creditAmount", "firstLoans", "firstLoanAmount"] as const;
export type FigureKey = (typeof FIGURE_KEYS)[number];
export const AMOUNT_KEYS: readonly FigureKey[] = ["creditAmount", "firstLoanAmount"];

export const ZERO_FIGURES: Figures = {
  listed: 0, needs: 0, visited: 0, credited: 0, creditAmount: "0.00", firstLoans: 0, firstLoanAmount: "0.00",
};

export function addFigures(a: Figures, b: Figures): Figures {
  return {
    listed: a.listed + b.listed,
    needs: a.needs + b.needs,
    visited: a.visited + b.visited,
    credited: a.credited + b.credited,
    creditAmount: sumMoney([a.creditAmount, b.creditAmount]),
    firstLoans: a.firstLoans + b.firstLoans,
    firstLoanAmount: sumMoney([a.firstLoanAmount, b.firstLoanAmount]),
  };
}

/** n / d rounded half-up to `decimals` places, exactly (BigInt); null when d is 0. */
export function ratio(n: bigint, d: bigint, decimals: number): string | null {
  if (d === 0n) return null;
  const scale = 10n ** BigInt(decimals);
  const neg = (n < 0n) !== (d < 0n) && n !== 0n;
  const an = n < 0n ? -n : n;
  const ad = d < 0n ? -d : d;
  const q = (an * scale * 2n + ad) / (2n * ad);
  const s = q.toString().padStart(decimals + 1, "0");
  const body = decimals ? `${s.slice(0, -decimals)}.${s.slice(-decimals)}` : s;
  return neg && q !== 0n ? `-${body}` : body;
}

/** Conversion as the regulator quotes it: credited ÷ visited, as a fraction with 4 decimals. */
export function conversion(f: Figures): string | null {
  return ratio(BigInt(f.credited), BigInt(f.visited), 4);
}

/** Year-on-year change in percent with 1 decimal ("39.5"); null when last year was 0. */
export function yoyPercent(current: number | Money, previous: number | Money): string | null {
  const [c, p] = typeof current === "number" ? [BigInt(current), BigInt(previous as number)] : [toCents(current), toCents(previous as Money)];
  return ratio((c - p) * 100n, p, 1);
}

export type FiguresYoy = Record<FigureKey, string | null>;

export function yoyOf(current: Figures, previous: Figures): FiguresYoy {
  const out = {} as FiguresYoy;
  for (const key of FIGURE_KEYS) out[key] = yoyPercent(current[key], previous[key]);
  return out;
}
