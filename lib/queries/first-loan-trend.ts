import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { rollupReads } from "@/lib/rollups/reader";
import type { CityFilter, RollupFilter } from "@/lib/rollups/query";

export type TrendPoint = { month: number; thisYear: number | null; lastYear: number };

/** New 首贷户 per month of `year` beside the year before, within the actor's rollup scope. */
/** Months after `until` (YYYY-MM-DD, the period's end) have no figure yet: null, not 0. */
/** `cityCode`/`countyCode` narrow a province or bank trend to a drill-down's region. */
export async function getFirstLoanTrend(
  actor: Actor | null,
  input: { year: number; cities: CityFilter; until?: string; cityCode?: string; countyCode?: string },
): Promise<TrendPoint[] | null> {
  const scope = rollupScope(actor);
  if (!scope) return null;
  const rollups = await rollupReads(actor);
  const region = { ...(input.cityCode ? { cityCode: input.cityCode } : {}), ...(input.countyCode ? { countyCode: input.countyCode } : {}) };
  const filter: RollupFilter =
    scope.level === "province" ? { cities: scope.ningboOnly ? "ningboOnly" : input.cities, ...region }
    : scope.level === "bank" ? { cities: input.cities, bankId: scope.bankId, ...region }
    : scope.level === "branch" ? { cities: "all", branchId: scope.branchId }
    : { cities: "all", managerId: scope.managerId };
  const points = await rollups.monthlyFirstLoans({ from: `${input.year - 1}-01-01`, to: `${input.year}-12-31`, filter });
  const by = new Map(points.map((p) => [p.month, p.firstLoans]));
  return Array.from({ length: 12 }, (_, i) => {
    const mm = String(i + 1).padStart(2, "0");
    const isFuture = input.until !== undefined && `${input.year}-${mm}` > input.until.slice(0, 7);
    return { month: i + 1, thisYear: isFuture ? null : (by.get(`${input.year}-${mm}`) ?? 0), lastYear: by.get(`${input.year - 1}-${mm}`) ?? 0 };
  });
}
