// The figures the zhejiang-2020 scenario must reproduce exactly (DOMAIN.md, "The article's own
// table"), scaled. At scale 1 they are the article's; at other scales every count is rounded
// half-up and the amount is exact to the cent, so a test at scale 0.01 and the full load at
// scale 1 are held to the same arithmetic.

/** Zhejiang excluding Ningbo, programme period 2019-10-01..2020-06-30. */
export const PROGRAMME = { from: "2019-10-01", to: "2020-06-30" } as const;
/** New 首贷户 window in the article (Jan–May 2020) and the same months a year earlier. */
export const FIRST_LOAN_WINDOW = { from: "2020-01-01", to: "2020-05-31" } as const;
export const FIRST_LOAN_WINDOW_LAST_YEAR = { from: "2019-01-01", to: "2019-05-31" } as const;

export const ARTICLE = {
  listed: 530_000,
  needs: 50_000,
  visited: 14_458,
  credited: 4_158,
  creditAmountCents: 6_292_500_000_000n, // 62,925,000,000.00 元 = 629.25 亿元
  firstLoans2020: 40_000,
  firstLoans2019: 28_674,
} as const;

/** Ningbo's own (smaller, plausible) programme: shown only when Ningbo is included. */
export const NINGBO = {
  listed: 61_200,
  needs: 5_870,
  visited: 1_706,
  credited: 493,
  creditAmountCents: 738_460_000_000n,
  firstLoans2020: 5_210,
  firstLoans2019: 3_950,
} as const;

export type ScenarioTargets = {
  scale: number;
  listed: number;
  needs: number;
  visited: number;
  credited: number;
  creditAmountCents: bigint;
  firstLoans2020: number;
  firstLoans2019: number;
};

function scaled(figures: typeof ARTICLE | typeof NINGBO, scale: number): ScenarioTargets {
  // Scale as an exact rational (millionths) so the amount is computed on integers.
  const micro = BigInt(Math.round(scale * 1_000_000));
  const count = (n: number) => Math.round(n * scale);
  return {
    scale,
    listed: count(figures.listed),
    needs: count(figures.needs),
    visited: count(figures.visited),
    credited: count(figures.credited),
    creditAmountCents: (figures.creditAmountCents * micro + 500_000n) / 1_000_000n,
    firstLoans2020: count(figures.firstLoans2020),
    firstLoans2019: count(figures.firstLoans2019),
  };
}

export function scenarioTargets(scale: number): { province: ScenarioTargets; ningbo: ScenarioTargets } {
  if (!Number.isFinite(scale) || scale < 0.005 || scale > 20) throw new RangeError(`scale must be within 0.005..20, got ${scale}`);
  return { province: scaled(ARTICLE, scale), ningbo: scaled(NINGBO, scale) };
}
