import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { cachedRollupView } from "@/lib/rollups/reader";
import type { Locale } from "@/lib/i18n/locale";
import { getFirstLoanTrend, type TrendPoint } from "@/lib/queries/first-loan-trend";
import { getProvinceRollup, type ProvinceRollup, type RollupParams } from "@/lib/queries/province-rollup";

export type RegulatorRollup = { rollup: ProvinceRollup; trend: TrendPoint[]; year: number };

/**
 * The regulator page's figures: the province rollup for the request's grouping, drill-down
 * and period, and the first-loan trend of the same region (the charts follow the drill-down).
 * Regulators only; null for everyone else. Regions and banks only, no personal data.
 *
 * `present` turns the figures into what the page shows (table rows, chart data in `locale`);
 * its result is cached under the rollup version with a key built here from the actor's own
 * scope, so no caller can be handed figures formatted for another jurisdiction.
 */
export async function getRegulatorView<T>(
  actor: Actor | null,
  params: RollupParams,
  locale: Locale,
  present: (data: RegulatorRollup) => Promise<T>,
): Promise<T | null> {
  const scope = rollupScope(actor);
  if (actor?.role !== "REGULATOR" || scope?.level !== "province") return null;
  return cachedRollupView(actor, `regulator:${locale}:${JSON.stringify(scope)}:${JSON.stringify(params)}`, async () => {
    const rollup = await getProvinceRollup(actor, params);
    if (!rollup) return null;
    const year = Number(rollup.period.to.slice(0, 4));
    const cities = rollup.ningbo === "only" ? "ningboOnly" : rollup.ningbo === "exclude" ? "excludeNingbo" : "all";
    const trend = rollup.isOutsideScope
      ? []
      : ((await getFirstLoanTrend(actor, { year, cities, until: rollup.period.to, cityCode: rollup.city ?? undefined, countyCode: rollup.county ?? undefined })) ?? []);
    return present({ rollup, trend, year });
  });
}
