import "server-only";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { readDb } from "@/lib/db";
import { rollupReads } from "@/lib/rollups/reader";
import { CITIES, COUNTIES, NINGBO_CODE, findCity } from "@/lib/domain/regions";
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
  /** Drill-down: the city whose counties are listed (by=county). */
  city: string | null;
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
  // A drill-down city outside the selection (Ningbo while excluded) shows nothing.
  const city = by === "county" && params.city && findCity(params.city) ? params.city : null;
  const cityVisible = !city || (ningboOnly ? city === NINGBO_CODE : !(cities === "excludeNingbo" && city === NINGBO_CODE));

  const filter: RollupFilter = { cities, ...(city ? { cityCode: city } : {}), ...(scope.level === "bank" ? { bankId: scope.bankId } : {}) };
  const base = { period, previous };
  // Cities and counties partition the enterprises (so do a bank's own rows): the total is the
  // sum of the rows. Banks overlap (an enterprise may work with two), so by=bank asks the
  // province table for the distinct total.
  const groups = cityVisible ? await rollups.sum({ ...base, group: by, filter }) : new Map<string, FiguresPair>();
  const totals = by === "bank" && scope.level === "province" && cityVisible
    ? await rollups.sum({ ...base, group: "total", filter })
    : new Map([["total", sumPairs([...groups.values()])]]);

  let rows: RollupRow[];
  if (by === "city") {
    rows = CITIES.filter((c) => (cities === "all" ? true : cities === "ningboOnly" ? c.code === NINGBO_CODE : c.code !== NINGBO_CODE))
      .map((c) => toRow(c.code, c.name, c.nameEn, groups.get(c.code)));
  } else if (by === "county") {
    rows = COUNTIES.filter((c) => (city ? c.cityCode === city : cities === "all" ? true : cities === "ningboOnly" ? c.cityCode === NINGBO_CODE : c.cityCode !== NINGBO_CODE))
      .map((c) => toRow(c.code, c.name, c.nameEn, groups.get(c.code)));
    // Historical county codes (e.g. 330103 下城) still roll up: show them when they have data.
    for (const [code, pair] of groups) if (!rows.some((r) => r.code === code)) rows.push(toRow(code, code, code, pair));
  } else {
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
    totals: toRow("total", "合计", "Total", totals.get("total")),
    rows,
  };
}
