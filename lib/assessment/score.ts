// Scoring (考核): six indicators per unit (branch or manager), each normalised among the
// bank's peers to 0–1, weighted (weights in percent, summing to 100) into a 0–100 score, and
// ranked. Pure; the rules are written up in docs/dashboards.md, "考核".
//
// Normalisation: "share of the best". For indicators where more is better the value is
// divided by the best value among the peers (the best gets 1, half of the best 0.5). For
// timeliness (median days from need to first loan; fewer is better) it is
// (1 + best) ÷ (1 + value), so a same-day loan (0 days) does not divide by zero and the
// fastest peer gets 1. A unit without a value (no visits for conversion, nobody in the pool
// for coverage, no first loan with a recorded need for timeliness) and every unit when the
// best value is 0 get 0 for that indicator.

export const INDICATOR_KEYS = ["newFirstLoans", "firstLoanAmount", "coverage", "conversion", "partners", "timeliness"] as const;
export type IndicatorKey = (typeof INDICATOR_KEYS)[number];

export type Indicators = {
  newFirstLoans: number;
  /** Yuan, decimal string. */
  firstLoanAmount: string;
  /** On-site visited in the period ÷ pool at the period's end (null: empty pool). */
  coverage: number | null;
  /** Credited ÷ visited in the period (null: no visits). */
  conversion: number | null;
  partners: number;
  /** Median days from the bank's first need to the first loan, for first loans in the period. */
  timeliness: number | null;
};

export type Weights = Record<IndicatorKey, number>;

export type Scored<T> = T & { normalized: Record<IndicatorKey, number>; score: number; rank: number };

function numeric(ind: Indicators, key: IndicatorKey): number | null {
  const v = ind[key];
  if (v === null) return null;
  return typeof v === "string" ? Number(v) : v;
}

export function normalize(values: (number | null)[], lowerIsBetter: boolean): number[] {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (!present.length) return values.map(() => 0);
  if (lowerIsBetter) {
    const best = Math.min(...present);
    return values.map((v) => (v === null || v < 0 ? 0 : (1 + best) / (1 + v)));
  }
  const best = Math.max(...present);
  return values.map((v) => (v === null || best <= 0 ? 0 : Math.max(0, v) / best));
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * Scores and ranks units. Ties share a rank (1, 1, 3); the order among equals is by `name`.
 */
export function scoreUnits<T extends { name: string; indicators: Indicators }>(units: readonly T[], weights: Weights): Scored<T>[] {
  const norms = Object.fromEntries(
    INDICATOR_KEYS.map((key) => [key, normalize(units.map((u) => numeric(u.indicators, key)), key === "timeliness")]),
  ) as Record<IndicatorKey, number[]>;
  const scored = units.map((unit, i) => {
    const normalized = Object.fromEntries(INDICATOR_KEYS.map((key) => [key, norms[key][i]!])) as Record<IndicatorKey, number>;
    const score = round2(INDICATOR_KEYS.reduce((sum, key) => sum + weights[key] * normalized[key], 0));
    return { ...unit, normalized, score, rank: 0 };
  });
  scored.sort((a, b) => b.score - a.score || a.name.localeCompare(b.name, "zh-CN"));
  scored.forEach((u, i) => {
    u.rank = i > 0 && scored[i - 1]!.score === u.score ? scored[i - 1]!.rank : i + 1;
  });
  return scored;
}
