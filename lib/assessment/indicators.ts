// The six assessment indicators of every branch or manager of one bank for a period, read
// from the rollups with the attribution that follows the doer (docs/dashboards.md, "Which
// figures follow the doer"): a handover or reassignment does not move work already counted.
// No authorization here: lib/queries/assessment.ts decides the bank from the actor.
import type { Db } from "@/lib/db-client";
import { sumRollups, type FiguresPair } from "@/lib/rollups/query";
import { EARLIEST_DAY, type Period } from "@/lib/domain/period";
import { addDays, startOfShanghaiDay } from "@/lib/domain/dates";
import type { Indicators } from "@/lib/assessment/score";

export type AssessmentUnit = "branch" | "manager";
export const NIL_KEY = "00000000-0000-0000-0000-000000000000";

type Queryable = Pick<Db, "$queryRaw">;

/**
 * Indicators per branch id and per user id; keys with no activity and no pool are absent. The
 * unassigned key (clients waiting at head office) is left out: nobody is assessed for it.
 *
 * - newFirstLoans, firstLoanAmount: the first-ever loans drawn on the unit's credit lines
 *   (branch and proposer of the line), as the rollups count them.
 * - coverage: first on-site visits in the period done by the unit ÷ the listed clients in the
 *   unit's pool at the period's end (as assigned at that moment, from client_assignments; a
 *   later handover changes no past period), at most 1.
 * - conversion: first approved lines ÷ first on-site visits in the period (both the doer's).
 * - partners: clients whose 伙伴客户 date (bank_clients.partner_at) falls in the period,
 *   counted for the branch and proposer of the further line that made them partners.
 * - timeliness: median days from the bank's first need to the first-ever loan, for the unit's
 *   first loans in the period that had a need recorded first.
 */
export async function readIndicators(db: Queryable, input: { bankId: string; period: Period }): Promise<Record<AssessmentUnit, Map<string, Indicators>>> {
  const { bankId, period } = input;
  const periodEnd = startOfShanghaiDay(addDays(period.to, 1));
  // Each statement reads the bank's rows once and groups them both ways (GROUPING SETS).
  const [byBranch, byManager, poolNowBranch, poolNowManager, moved, partners, timeliness] = await Promise.all([
    sumRollups(db, { period, previous: period, group: "branch", filter: { cities: "all", bankId } }),
    sumRollups(db, { period, previous: period, group: "manager", filter: { cities: "all", bankId } }),
    // The pool as it stood at the period's end. The rollups give it as assigned now (pool
    // entries up to the end, keyed by the current branch and manager); clients moved since
    // (client_assignments after the end: few) are put back where they stood then — the last
    // move before the end, else the first move after it (its "from").
    sumRollups(db, { period: { from: EARLIEST_DAY, to: period.to }, previous: period, group: "branch", filter: { cities: "all", bankId } }),
    sumRollups(db, { period: { from: EARLIEST_DAY, to: period.to }, previous: period, group: "manager", filter: { cities: "all", bankId } }),
    db.$queryRaw<{ now_branch: string; now_manager: string; then_branch: string | null; then_manager: string | null; n: number }[]>`
      SELECT f.branch_key::text AS now_branch, f.manager_key::text AS now_manager,
             (CASE WHEN b.client_id IS NOT NULL THEN b.to_branch_id ELSE a.from_branch_id END)::text AS then_branch,
             (CASE WHEN b.client_id IS NOT NULL THEN b.to_manager_id ELSE a.from_manager_id END)::text AS then_manager,
             count(*)::int AS n
        FROM (SELECT DISTINCT client_id FROM client_assignments WHERE bank_id = ${bankId}::uuid AND at >= ${periodEnd}) m
        JOIN bank_clients bc ON bc.id = m.client_id
        JOIN rollup_client_facts f ON f.bank_id = bc.bank_id AND f.enterprise_id = bc.enterprise_id
        LEFT JOIN LATERAL (SELECT ca.client_id, ca.to_branch_id, ca.to_manager_id FROM client_assignments ca
                            WHERE ca.client_id = bc.id AND ca.at < ${periodEnd} ORDER BY ca.at DESC, ca.id DESC LIMIT 1) b ON true
        LEFT JOIN LATERAL (SELECT ca.from_branch_id, ca.from_manager_id FROM client_assignments ca
                            WHERE ca.client_id = bc.id AND ca.at >= ${periodEnd} ORDER BY ca.at, ca.id LIMIT 1) a ON true
       WHERE f.is_listed AND f.pooled_on <= ${period.to}::date
       GROUP BY 1, 2, 3, 4`,
    db.$queryRaw<{ by_branch: boolean; key: string; n: number }[]>`
      SELECT GROUPING(l.proposed_by_id) = 1 AS by_branch, coalesce(l.branch_id, l.proposed_by_id)::text AS key, count(*)::int AS n
        FROM bank_clients bc
        JOIN LATERAL (
          SELECT cl.branch_id, cl.proposed_by_id FROM credit_lines cl
           WHERE cl.client_id = bc.id AND cl.status = 'APPROVED' AND cl.decided_on = bc.partner_at
             AND cl.id IS DISTINCT FROM (SELECT d.credit_line_id FROM disbursements d
                                          WHERE d.bank_id = bc.bank_id AND d.enterprise_id = bc.enterprise_id
                                          ORDER BY d.disbursed_on, d.created_at, d.id LIMIT 1)
           ORDER BY cl.proposed_at, cl.id LIMIT 1) l ON true
       WHERE bc.bank_id = ${bankId}::uuid AND bc.partner_at BETWEEN ${period.from}::date AND ${period.to}::date
       GROUP BY GROUPING SETS ((l.branch_id), (l.proposed_by_id))`,
    db.$queryRaw<{ by_branch: boolean; key: string; days: number }[]>`
      SELECT GROUPING(loan_manager) = 1 AS by_branch, coalesce(loan_branch, loan_manager)::text AS key,
             percentile_cont(0.5) WITHIN GROUP (ORDER BY first_loan_on - need_on)::float8 AS days
        FROM rollup_client_facts
       WHERE bank_id = ${bankId}::uuid AND first_loan_on BETWEEN ${period.from}::date AND ${period.to}::date
         AND need_on IS NOT NULL AND need_on <= first_loan_on
       GROUP BY GROUPING SETS ((loan_branch), (loan_manager))`,
  ]);
  const poolBy = {
    branch: new Map([...poolNowBranch].map(([key, f]) => [key, f.current.listed])),
    manager: new Map([...poolNowManager].map(([key, f]) => [key, f.current.listed])),
  };
  const shift = (map: Map<string, number>, key: string | null, n: number) => {
    if (key && key !== NIL_KEY) map.set(key, (map.get(key) ?? 0) + n);
  };
  for (const r of moved) {
    shift(poolBy.branch, r.now_branch, -r.n);
    shift(poolBy.branch, r.then_branch, r.n);
    shift(poolBy.manager, r.now_manager, -r.n);
    shift(poolBy.manager, r.then_manager, r.n);
  }
  const split = <T extends { by_branch: boolean; key: string }, V>(rows: T[], value: (r: T) => V) => ({
    branch: new Map(rows.filter((r) => r.by_branch).map((r) => [r.key, value(r)])),
    manager: new Map(rows.filter((r) => !r.by_branch).map((r) => [r.key, value(r)])),
  });
  const partnersBy = split(partners, (r) => Number(r.n));
  const daysBy = split(timeliness, (r) => Number(r.days));
  const build = (unit: AssessmentUnit, figures: Map<string, FiguresPair>) => {
    const keys = new Set([...figures.keys(), ...poolBy[unit].keys(), ...partnersBy[unit].keys(), ...daysBy[unit].keys()]);
    const out = new Map<string, Indicators>();
    for (const key of keys) {
      if (key === NIL_KEY) continue;
      const f = figures.get(key)?.current;
      const visited = f?.visited ?? 0;
      const pool = poolBy[unit].get(key) ?? 0;
      out.set(key, {
        newFirstLoans: f?.firstLoans ?? 0,
        firstLoanAmount: f?.firstLoanAmount ?? "0.00",
        coverage: pool > 0 ? Math.min(1, visited / pool) : null,
        conversion: visited > 0 ? (f?.credited ?? 0) / visited : null,
        partners: partnersBy[unit].get(key) ?? 0,
        timeliness: daysBy[unit].get(key) ?? null,
      });
    }
    return out;
  };
  return { branch: build("branch", byBranch), manager: build("manager", byManager) };
}

export const EMPTY_INDICATORS: Indicators = {
  newFirstLoans: 0, firstLoanAmount: "0.00", coverage: null, conversion: null, partners: 0, timeliness: null,
};
