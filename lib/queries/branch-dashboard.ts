import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { readDb } from "@/lib/db";
import { rollupReads } from "@/lib/rollups/reader";
import { todayInShanghai } from "@/lib/domain/dates";
import { ageingSql } from "@/lib/queries/ageing-sql";
import { previousYear, resolvePeriod, type Period, type PeriodInput, type ResolvedPeriod } from "@/lib/domain/period";
import { sumPairs, toRow, type RollupRow } from "@/lib/queries/province-rollup";

export type Ageing = {
  /** Pool clients with nothing done yet, not contacted for more than 30 / 60 / 90 days. */
  notContacted30: number;
  notContacted60: number;
  notContacted90: number;
  /** A need on record for 7+ days without an on-site visit. */
  needWithoutVisit7: number;
  /** Credit granted 30+ days ago and never drawn. */
  creditUndrawn30: number;
};

export type BranchDashboard = {
  branchName: string;
  branchNameEn: string;
  period: ResolvedPeriod;
  previousPeriod: Period;
  funnel: RollupRow;
  partners: { current: number; previous: number };
  managers: (RollupRow & { poolSize: number })[];
  ageing: Ageing;
  approvalQueue: number;
  poolSize: number;
};

const NIL = "00000000-0000-0000-0000-000000000000";

export async function getBranchDashboard(actor: Actor | null, input: PeriodInput, today = todayInShanghai()): Promise<BranchDashboard | null> {
  const db = readDb(actor);
  const scope = rollupScope(actor);
  if (!scope || scope.level !== "branch") return null;
  const rollups = await rollupReads(actor);
  const period = resolvePeriod(input, today);
  const previous = previousYear(period);
  const filter = { cities: "all" as const, branchId: scope.branchId };
  const [branch, managers, pool, byManager, partners, ageing, approvalQueue] = await Promise.all([
    db.branch.findUniqueOrThrow({ where: { id: scope.branchId }, select: { name: true, nameEn: true } }),
    db.user.findMany({
      where: { branchId: scope.branchId, role: "ACCOUNT_MANAGER" },
      select: { id: true, name: true, isActive: true },
      orderBy: { name: "asc" },
    }),
    db.bankClient.groupBy({ by: ["managerId"], where: { bankId: scope.bankId, branchId: scope.branchId }, _count: { _all: true } }),
    rollups.sum({ period, previous, group: "manager", filter }),
    db.$queryRaw<{ current: number; previous: number }[]>`
      SELECT count(*) FILTER (WHERE partner_at BETWEEN ${period.from}::date AND ${period.to}::date)::int AS current,
             count(*) FILTER (WHERE partner_at BETWEEN ${previous.from}::date AND ${previous.to}::date)::int AS previous
        FROM bank_clients WHERE bank_id = ${scope.bankId}::uuid AND branch_id = ${scope.branchId}::uuid AND partner_at IS NOT NULL`,
    // The same conditions as the pool's ageing filter (each count links to it).
    db.$queryRaw<Ageing[]>`
      SELECT count(*) FILTER (WHERE ${ageingSql("notContacted30", today)})::int AS "notContacted30",
             count(*) FILTER (WHERE ${ageingSql("notContacted60", today)})::int AS "notContacted60",
             count(*) FILTER (WHERE ${ageingSql("notContacted90", today)})::int AS "notContacted90",
             count(*) FILTER (WHERE ${ageingSql("needWithoutVisit7", today)})::int AS "needWithoutVisit7",
             count(*) FILTER (WHERE ${ageingSql("creditUndrawn30", today)})::int AS "creditUndrawn30"
        FROM bank_clients bc WHERE bc.bank_id = ${scope.bankId}::uuid AND bc.branch_id = ${scope.branchId}::uuid`,
    db.creditLine.count({ where: { branchId: scope.branchId, status: "PENDING" } }),
  ]);
  // Work figures (needs, visits, credits, first loans) stay with the user who did the work, in
  // the branch where it was done; pool sizes (and pool entries) follow the current assignment
  // (docs/dashboards.md, "Which figures follow the doer"). So a row is every account manager of
  // the branch, plus anyone else with figures here: a branch head who proposed credit, a
  // manager who left or moved on, and the clients without a manager (未分配).
  const poolBy = new Map(pool.map((p) => [p.managerId ?? NIL, p._count._all]));
  const staff = new Set(managers.map((m) => m.id));
  const others = [...new Set([...byManager.keys(), ...poolBy.keys()])].filter((id) => id !== NIL && !staff.has(id));
  const otherUsers = others.length
    ? await db.user.findMany({ where: { id: { in: others } }, select: { id: true, name: true }, orderBy: { name: "asc" } })
    : [];
  const row = (id: string, name: string, nameEn: string) => ({ ...toRow(id, name, nameEn, byManager.get(id)), poolSize: poolBy.get(id) ?? 0 });
  const rows = [
    ...managers.map((m) => row(m.id, m.name, m.name)),
    ...otherUsers.map((u) => row(u.id, u.name, u.name)),
    // An id with figures but no user row (not expected: users are never deleted) still shows.
    ...others.filter((id) => !otherUsers.some((u) => u.id === id)).map((id) => row(id, "—", "—")),
  ];
  if (byManager.has(NIL) || poolBy.has(NIL)) rows.push(row(NIL, "未分配", "Unassigned"));
  return {
    branchName: branch.name,
    branchNameEn: branch.nameEn,
    period,
    previousPeriod: previous,
    // Every figure has exactly one user key (or none) in this branch: the rows add up to it.
    funnel: toRow("total", "合计", "Total", sumPairs([...byManager.values()])),
    partners: partners[0] ?? { current: 0, previous: 0 },
    managers: rows,
    ageing: ageing[0]!,
    approvalQueue,
    poolSize: pool.reduce((s, p) => s + p._count._all, 0),
  };
}
