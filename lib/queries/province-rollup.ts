import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { readDb } from "@/lib/db";
import { rollupReads } from "@/lib/rollups/reader";
import { CITIES, COUNTIES, NINGBO_CODE, cityOf, findCity } from "@/lib/domain/regions";
import { previousYear, resolvePeriod, type Period, type PeriodInput, type ResolvedPeriod } from "@/lib/domain/period";
import { ZERO_FIGURES, addFigures, conversion, yoyOf, type Figures, type FiguresYoy } from "@/lib/domain/rollup";
import type { CityFilter, FiguresPair, RollupFilter } from "@/lib/rollups/query";

export const ROLLUP_BY = ["city", "county", "bank"] as const;
export type RollupBy = (typeof ROLLUP_BY)[number];
export type NingboChoice = "include" | "exclude";

export type RollupRow = {
  code: string;
  name: string;
  nameEn: string;
  current: Figures;
  previous: Figures;
  /** credited ÷ visited (4 decimals), this period and last year's. */
  conversion: string | null;
  previousConversion: string | null;
  yoy: FiguresYoy;
};

export type ProvinceRollup = {
  scope: "province" | "bank";
  period: ResolvedPeriod;
  previousPeriod: Period;
  ningbo: NingboChoice | "only";
  canSwitchNingbo: boolean;
  by: RollupBy;
  /** Drill-down: the city whose counties (by=county) or banks (by=bank) are listed. */
  city: string | null;
  /** Drill-down: the county whose banks are listed (by=bank); its city is `city`. */
  county: string | null;
  /**
   * "sum": the total row adds up the rows. "distinct": bank rows overlap, so the total counts
   * each enterprise once, from the region table, where the first column is the enterprises
   * listed in the period (入库), not the pool entries (入池) the bank rows count.
   */
  totalsKind: "sum" | "distinct";
  /** The drill-down names a region outside the actor's jurisdiction or selection: no rows. */
  isOutsideScope: boolean;
  totals: RollupRow;
  rows: RollupRow[];
};

export const rollupParamsSchema = z.object({
  period: z.string().max(10).optional().catch(undefined),
  month: z.string().max(7).optional().catch(undefined),
  quarter: z.string().max(7).optional().catch(undefined),
  from: z.string().max(10).optional().catch(undefined),
  to: z.string().max(10).optional().catch(undefined),
  ningbo: z.enum(["include", "exclude"]).optional().catch(undefined),
  by: z.enum(ROLLUP_BY).optional().catch(undefined),
  city: z.string().regex(/^33\d{2}00$/).optional().catch(undefined),
  // A county-level code (never a city's "..00"): by=bank narrows to the banks' rows there.
  county: z.string().regex(/^33\d{2}(?!00)\d{2}$/).optional().catch(undefined),
});
export type RollupParams = z.output<typeof rollupParamsSchema>;

export function sumPairs(pairs: FiguresPair[]): FiguresPair {
  return pairs.reduce(
    (acc, p) => ({ current: addFigures(acc.current, p.current), previous: addFigures(acc.previous, p.previous) }),
    { current: ZERO_FIGURES, previous: ZERO_FIGURES },
  );
}

export function toRow(code: string, name: string, nameEn: string, pair: FiguresPair | undefined): RollupRow {
  const current = pair?.current ?? ZERO_FIGURES;
  const previous = pair?.previous ?? ZERO_FIGURES;
  return { code, name, nameEn, current, previous, conversion: conversion(current), previousConversion: conversion(previous), yoy: yoyOf(current, previous) };
}

/**
 * The province rollup as the actor may see it: regulators the province (or Ningbo), bank
 * head office its own bank's figures by city, county or (its one) bank. Null for everyone
 * else. No personal data: rows are regions and banks.
 */
export async function getProvinceRollup(actor: Actor | null, params: RollupParams & PeriodInput): Promise<ProvinceRollup | null> {
  const db = readDb(actor);
  const scope = rollupScope(actor);
  if (!scope || (scope.level !== "province" && scope.level !== "bank")) return null;
  const rollups = await rollupReads(actor);

  const period = resolvePeriod(params);
  const previous = previousYear(period);
  const by: RollupBy = params.by ?? "city";
  const ningboOnly = scope.level === "province" && scope.ningboOnly;
  const ningbo: NingboChoice = scope.canSwitchNingbo ? (params.ningbo ?? scope.defaultNingbo) : scope.defaultNingbo;
  const cities: CityFilter = ningboOnly ? "ningboOnly" : ningbo === "exclude" ? "excludeNingbo" : "all";
  // Drill-down: by=county within a city; by=bank within a city or a county (the county names
  // its city). A region outside the actor's jurisdiction or selection (another city for
  // Ningbo's bureau, Ningbo while excluded) shows nothing; the SQL filter says the same.
  const drill = drillDown(by, params);
  const city = drill.city;
  const county = drill.county;
  const region = county ?? city;
  const cityVisible = !region || (ningboOnly ? cityOf(region)?.code === NINGBO_CODE : !(cities === "excludeNingbo" && cityOf(region)?.code === NINGBO_CODE));

  const filter: RollupFilter = {
    cities,
    ...(city ? { cityCode: city } : {}),
    ...(county ? { countyCode: county } : {}),
    ...(scope.level === "bank" ? { bankId: scope.bankId } : {}),
  };
  const base = { period, previous };
  // Cities and counties partition the enterprises (so do a bank's own rows): the total is the
  // sum of the rows. Banks overlap (an enterprise may work with two), so by=bank asks the
  // region table for the distinct total of the same selection (totalsKind says so).
  const groups = cityVisible ? await rollups.sum({ ...base, group: by, filter }) : new Map<string, FiguresPair>();
  const totalsKind = by === "bank" && scope.level === "province" ? "distinct" : "sum";
  const totals = totalsKind === "distinct" && cityVisible
    ? await rollups.sum({ ...base, group: "total", filter })
    : new Map([["total", sumPairs([...groups.values()])]]);

  let rows: RollupRow[];
  if (!cityVisible) {
    rows = [];
  } else if (by === "city") {
    rows = CITIES.filter((c) => (cities === "all" ? true : cities === "ningboOnly" ? c.code === NINGBO_CODE : c.code !== NINGBO_CODE))
      .map((c) => toRow(c.code, c.name, c.nameEn, groups.get(c.code)));
  } else if (by === "county") {
    rows = COUNTIES.filter((c) => (city ? c.cityCode === city : cities === "all" ? true : cities === "ningboOnly" ? c.cityCode === NINGBO_CODE : c.cityCode !== NINGBO_CODE))
      .map((c) => toRow(c.code, c.name, c.nameEn, groups.get(c.code)));
    // Historical county codes (e.g. 330103 下城) still roll up: show them when they have data.
    for (const [code, pair] of groups) if (!rows.some((r) => r.code === code)) rows.push(toRow(code, code, code, pair));
  } else {
    // Banks with figures in the selection; head office sees its own bank (a zero row if none).
    const banks = await db.bank.findMany({
      where: scope.level === "bank" ? { id: scope.bankId } : { id: { in: [...groups.keys()] } },
      select: { id: true, name: true, nameEn: true },
      orderBy: { code: "asc" },
    });
    rows = banks.map((b) => toRow(b.id, b.name, b.nameEn, groups.get(b.id)));
  }
  return {
    scope: scope.level,
    period,
    previousPeriod: previous,
    ningbo: ningboOnly ? "only" : ningbo,
    canSwitchNingbo: scope.canSwitchNingbo,
    by,
    city,
    county,
    totalsKind,
    isOutsideScope: !cityVisible,
    totals: toRow("total", "合计", "Total", totals.get("total")),
    rows,
  };
}

/** The drill-down a request names, for its grouping (anything else is ignored). */
export function drillDown(by: RollupBy, params: Pick<RollupParams, "city" | "county">): { city: string | null; county: string | null } {
  if (by === "bank" && params.county && cityOf(params.county)) return { city: cityOf(params.county)!.code, county: params.county };
  if ((by === "county" || by === "bank") && params.city && findCity(params.city)) return { city: params.city, county: null };
  return { city: null, county: null };
}
