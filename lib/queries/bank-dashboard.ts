import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { readDb } from "@/lib/db";
import { rollupReads } from "@/lib/rollups/reader";
import { CITIES } from "@/lib/domain/regions";
import { previousYear, resolvePeriod, type Period, type PeriodInput, type ResolvedPeriod } from "@/lib/domain/period";
import type { CityFilter } from "@/lib/rollups/query";
import { sumPairs, toRow, type NingboChoice, type RollupRow } from "@/lib/queries/province-rollup";

export type BankDashboard = {
  bankName: string;
  bankNameEn: string;
  period: ResolvedPeriod;
  previousPeriod: Period;
  ningbo: NingboChoice;
  totals: RollupRow;
  byBranch: RollupRow[];
  byCity: RollupRow[];
  /** Clients per branch now (the current assignment; NIL = waiting at head office), as the pool counts them. */
  poolByBranch: Record<string, number>;
  poolSize: number;
};

const NIL = "00000000-0000-0000-0000-000000000000";

/** Bank head office: its own bank's figures by branch and by city (enterprise location). */
export async function getBankDashboard(actor: Actor | null, input: PeriodInput & { ningbo?: NingboChoice }): Promise<BankDashboard | null> {
  const db = readDb(actor);
  const scope = rollupScope(actor);
  if (!scope || scope.level !== "bank") return null;
  const rollups = await rollupReads(actor);
  const period = resolvePeriod(input);
  const previous = previousYear(period);
  const ningbo = input.ningbo ?? scope.defaultNingbo;
  const cities: CityFilter = ningbo === "exclude" ? "excludeNingbo" : "all";
  const filter = { cities, bankId: scope.bankId };
  const base = { period, previous, filter };
  const [bank, branches, byBranch, byCity, pool] = await Promise.all([
    db.bank.findUniqueOrThrow({ where: { id: scope.bankId }, select: { name: true, nameEn: true } }),
    db.branch.findMany({ where: { bankId: scope.bankId }, select: { id: true, name: true, nameEn: true, code: true }, orderBy: { code: "asc" } }),
    rollups.sum({ ...base, group: "branch" }),
    rollups.sum({ ...base, group: "city" }),
    db.bankClient.groupBy({ by: ["branchId"], where: { bankId: scope.bankId }, _count: { _all: true } }),
  ]);
  const poolByBranch = Object.fromEntries(pool.map((p) => [p.branchId ?? NIL, p._count._all]));
  const branchRows = branches.map((b) => toRow(b.id, b.name, b.nameEn, byBranch.get(b.id)));
  // Figures of enterprises no longer in any branch's pool (e.g. a first loan at a bank without a client row).
  // (and the clients waiting at head office for a branch).
  if (byBranch.has(NIL) || poolByBranch[NIL]) branchRows.push(toRow(NIL, "未分配", "Unassigned", byBranch.get(NIL)));
  return {
    bankName: bank.name,
    bankNameEn: bank.nameEn,
    period,
    previousPeriod: previous,
    ningbo,
    // Within one bank, cities partition its clients: the total is the sum of the city rows.
    totals: toRow("total", "合计", "Total", sumPairs([...byCity.values()])),
    byBranch: branchRows,
    poolByBranch,
    poolSize: pool.reduce((sum, p) => sum + p._count._all, 0),
    byCity: CITIES.filter((c) => cities === "all" || c.code !== "330200").map((c) => toRow(c.code, c.name, c.nameEn, byCity.get(c.code))),
  };
}
