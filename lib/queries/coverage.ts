import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { readDb } from "@/lib/db";
import { CITIES, NINGBO_CODE, countiesOf, findCity } from "@/lib/domain/regions";
import { ratio } from "@/lib/domain/rollup";
import type { CoverageParams } from "@/lib/schemas/allocation";

/**
 * How far distribution has reached (一企一行), now, not per period:
 *   listed    enterprises on any list (a bank scope: those whose responsible bank it is);
 *   allocated have a responsible bank (enterprise_allocations);
 *   assigned  the responsible bank's client has a dedicated account manager;
 *   contacted the responsible bank's client has a last contact date or any visit.
 * Ratios are fractions with 4 decimals: allocated ÷ listed, assigned ÷ allocated,
 * contacted ÷ listed (the DOMAIN sheet's coverage). Counts only: no names, no contact data.
 */
export type CoverageFigures = {
  listed: number;
  allocated: number;
  assigned: number;
  contacted: number;
  allocatedRatio: string | null;
  assignedRatio: string | null;
  contactedRatio: string | null;
};

export type CoverageRow = CoverageFigures & { code: string; name: string; nameEn: string };

export type CoverageView = {
  scope: "province" | "bank";
  ningbo: "include" | "exclude" | "only";
  canSwitchNingbo: boolean;
  /** Drill-down city (rows are its counties), or null (rows are cities). */
  city: string | null;
  totals: CoverageFigures;
  regions: CoverageRow[];
  /** Per responsible bank; a province view adds a row with code "" for the unallocated. */
  banks: CoverageRow[];
};

type Raw = { g_region: number; g_bank: number; region: string | null; bank_id: string | null; listed: bigint; allocated: bigint; assigned: bigint; contacted: bigint };

/** Regulators: the province (or Ningbo, by jurisdiction); bank head office: its own bank only. */
export async function getCoverage(actor: Actor | null, params: CoverageParams): Promise<CoverageView | null> {
  const db = readDb(actor);
  const scope = rollupScope(actor);
  if (!scope || (scope.level !== "province" && scope.level !== "bank")) return null;
  const ningbo = scope.level === "province" && scope.ningboOnly
    ? "only"
    : scope.canSwitchNingbo ? (params.ningbo ?? scope.defaultNingbo) : scope.defaultNingbo;
  // A drill-down outside the Ningbo choice (a Ningbo regulator asking for Hangzhou) shows the cities.
  const city = params.city && findCity(params.city)
    && !(ningbo === "only" && params.city !== NINGBO_CODE) && !(ningbo === "exclude" && params.city === NINGBO_CODE)
    ? params.city : null;
  const bankId = scope.level === "bank" ? scope.bankId : null;

  // coverage_counts: the listed enterprises counted per county × responsible bank, kept exact
  // by triggers (prisma/migrations/*_coverage_counts); a few thousand rows whatever the province.
  const where: Prisma.Sql[] = [Prisma.sql`true`];
  if (ningbo === "exclude") where.push(Prisma.sql`c.city_code <> ${NINGBO_CODE}`);
  if (ningbo === "only") where.push(Prisma.sql`c.city_code = ${NINGBO_CODE}`);
  if (city) where.push(Prisma.sql`c.city_code = ${city}`);
  if (bankId) where.push(Prisma.sql`c.bank_key = ${bankId}::uuid`);
  const region = city ? Prisma.sql`c.county_code` : Prisma.sql`c.city_code`;

  const rows = await db.$queryRaw<Raw[]>`
    WITH base AS (
      SELECT ${region} AS region, nullif(c.bank_key, '00000000-0000-0000-0000-000000000000'::uuid) AS bank_id,
             c.listed, c.allocated, c.assigned, c.contacted
        FROM coverage_counts c
       WHERE ${Prisma.join(where, " AND ")} AND (c.listed, c.allocated, c.assigned, c.contacted) <> (0, 0, 0, 0)
    )
    SELECT GROUPING(region)::int AS g_region, GROUPING(bank_id)::int AS g_bank, region, bank_id::text AS bank_id,
           coalesce(sum(listed), 0)::bigint AS listed, coalesce(sum(allocated), 0)::bigint AS allocated,
           coalesce(sum(assigned), 0)::bigint AS assigned, coalesce(sum(contacted), 0)::bigint AS contacted
      FROM base
     GROUP BY GROUPING SETS ((region), (bank_id), ())`;

  const zero: Raw = { g_region: 1, g_bank: 1, region: null, bank_id: null, listed: 0n, allocated: 0n, assigned: 0n, contacted: 0n };
  const totalsRaw = rows.find((r) => r.g_region === 1 && r.g_bank === 1) ?? zero;
  const regionRaw = new Map(rows.filter((r) => r.g_region === 0).map((r) => [r.region!, r]));
  const bankRaw = rows.filter((r) => r.g_bank === 0 && r.g_region === 1);

  const regionList = city
    ? countiesOf(city)
    : CITIES.filter((c) => (ningbo === "only" ? c.code === NINGBO_CODE : ningbo === "exclude" ? c.code !== NINGBO_CODE : true));
  const regions: CoverageRow[] = regionList.map((r) => ({ code: r.code, name: r.name, nameEn: r.nameEn, ...figures(regionRaw.get(r.code) ?? zero) }));
  // Historical county codes (330103 下城 …) still count: shown under their own code.
  for (const [code, raw] of regionRaw) {
    if (!regionList.some((r) => r.code === code)) regions.push({ code, name: code, nameEn: code, ...figures(raw) });
  }

  const bankIds = bankRaw.map((r) => r.bank_id).filter((id): id is string => id !== null);
  if (bankId && !bankIds.includes(bankId)) bankIds.push(bankId);
  const names = await db.bank.findMany({ where: { id: { in: bankIds } }, select: { id: true, name: true, nameEn: true } });
  const banks: CoverageRow[] = names
    .map((b) => ({ code: b.id, name: b.name, nameEn: b.nameEn, ...figures(bankRaw.find((r) => r.bank_id === b.id) ?? zero) }))
    .sort((a, b) => b.listed - a.listed || (a.name < b.name ? -1 : 1));
  const unallocated = bankRaw.find((r) => r.bank_id === null);
  if (!bankId && unallocated) banks.push({ code: "", name: "", nameEn: "", ...figures(unallocated) });

  return {
    scope: scope.level,
    ningbo,
    canSwitchNingbo: scope.level === "bank" || scope.canSwitchNingbo,
    city,
    totals: figures(totalsRaw),
    regions,
    banks,
  };
}

function figures(r: Raw): CoverageFigures {
  const listed = BigInt(r.listed);
  const allocated = BigInt(r.allocated);
  const contacted = BigInt(r.contacted);
  return {
    listed: Number(listed),
    allocated: Number(allocated),
    assigned: Number(r.assigned),
    contacted: Number(contacted),
    allocatedRatio: ratio(allocated, listed, 4),
    assignedRatio: ratio(BigInt(r.assigned), allocated, 4),
    contactedRatio: ratio(contacted, listed, 4),
  };
}
