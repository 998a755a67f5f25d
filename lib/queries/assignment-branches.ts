import "server-only";
// What head office needs to distribute: how many clients wait at head office, each branch with
// its clients, and per county the branch the county rule would pick (one, several: head office
// chooses, none: they keep waiting).
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

export type BranchChoice = {
  id: string;
  name: string;
  countyCode: string;
  clients: number;
  withoutManager: number;
  /** Clients whose manager can no longer serve them (disabled, moved away, not a manager). */
  needsHandover: number;
};
export type CountyRule = {
  countyCode: string;
  cityCode: string;
  /** Clients of this county waiting at head office. */
  waiting: number;
  /** The bank's branches in this county (none: the clients stay at head office). */
  branches: { id: string; name: string }[];
};
export type DistributionOverview = { waiting: number; branches: BranchChoice[]; counties: CountyRule[] };

export async function getDistributionOverview(actor: Actor | null): Promise<DistributionOverview | null> {
  if (!actor || actor.role !== "BANK_HEAD_OFFICE" || !actor.bankId) return null;
  const bankId = actor.bankId;
  const [branches, perBranch, perCounty] = await Promise.all([
    // Closed branches take no clients, so they are no choice here.
    db.branch.findMany({ where: { bankId, closedAt: null }, select: { id: true, name: true, countyCode: true }, orderBy: { code: "asc" } }),
    db.$queryRaw<{ branch_id: string | null; clients: number; without_manager: number; needs_handover: number }[]>`
      SELECT bc.branch_id::text, count(*)::int AS clients,
             count(*) FILTER (WHERE bc.manager_id IS NULL)::int AS without_manager,
             count(*) FILTER (WHERE bc.manager_id IS NOT NULL AND (NOT u.is_active OR u.role <> 'ACCOUNT_MANAGER'
               OR u.branch_id IS DISTINCT FROM bc.branch_id))::int AS needs_handover
      FROM bank_clients bc LEFT JOIN users u ON u.id = bc.manager_id
      WHERE bc.bank_id = ${bankId}::uuid GROUP BY bc.branch_id`,
    db.$queryRaw<{ county_code: string; city_code: string; waiting: number }[]>`
      SELECT e.county_code, e.city_code, count(*)::int AS waiting
      FROM bank_clients bc JOIN enterprises e ON e.id = bc.enterprise_id
      WHERE bc.bank_id = ${bankId}::uuid AND bc.branch_id IS NULL
      GROUP BY e.county_code, e.city_code ORDER BY e.county_code`,
  ]);
  const counts = new Map(perBranch.map((r) => [r.branch_id, r]));
  return {
    waiting: counts.get(null)?.clients ?? 0,
    branches: branches.map((b) => ({
      ...b,
      clients: counts.get(b.id)?.clients ?? 0,
      withoutManager: counts.get(b.id)?.without_manager ?? 0,
      needsHandover: counts.get(b.id)?.needs_handover ?? 0,
    })),
    counties: perCounty.map((c) => ({
      countyCode: c.county_code,
      cityCode: c.city_code,
      waiting: c.waiting,
      branches: branches.filter((b) => b.countyCode === c.county_code).map((b) => ({ id: b.id, name: b.name })),
    })),
  };
}
