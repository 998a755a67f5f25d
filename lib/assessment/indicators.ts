// The six assessment indicators of every branch or manager of one bank for a period, read
// from the rollups with the attribution that follows the doer (docs/dashboards.md, "Which
// figures follow the doer"): a handover or reassignment does not move work already counted.
// No authorization here: lib/queries/assessment.ts decides the bank from the actor.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db-client";
import { sumRollups } from "@/lib/rollups/query";
import type { Period } from "@/lib/domain/period";
import { addDays, startOfShanghaiDay } from "@/lib/domain/dates";
import type { Indicators } from "@/lib/assessment/score";

export type AssessmentUnit = "branch" | "manager";
export const NIL_KEY = "00000000-0000-0000-0000-000000000000";

type Queryable = Pick<Db, "$queryRaw">;

/**
 * Indicators per key (branch id or user id); keys with no activity at all are absent. The
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
export async function readIndicators(db: Queryable, input: { bankId: string; period: Period; unit: AssessmentUnit }): Promise<Map<string, Indicators>> {
  const { bankId, period, unit } = input;
  const byBranch = unit === "branch";
  const poolKey = Prisma.raw(byBranch ? "branch_id" : "manager_id");
  const periodEnd = startOfShanghaiDay(addDays(period.to, 1));
  const loanKey = Prisma.raw(byBranch ? "loan_branch" : "loan_manager");
  const lineKey = Prisma.raw(byBranch ? "l.branch_id" : "l.proposed_by_id");
  const [figures, pools, partners, timeliness] = await Promise.all([
    sumRollups(db, { period, previous: period, group: byBranch ? "branch" : "manager", filter: { cities: "all", bankId } }),
    // The pool as it stood at the period's end: the client's assignment history
    // (client_assignments) as of that moment — the last move before it, else the first move
    // after it (its "from"); a client with no history there, as it is now. Set-based (hash
    // joins), so a bank of 100,000 clients is a few scans, not 100,000 index probes.
    db.$queryRaw<{ key: string; n: number }[]>`
      WITH before_end AS (
        SELECT DISTINCT ON (client_id) client_id, to_branch_id AS branch_id, to_manager_id AS manager_id
          FROM client_assignments WHERE bank_id = ${bankId}::uuid AND at < ${periodEnd}
         ORDER BY client_id, at DESC, id DESC
      ), after_end AS (
        SELECT DISTINCT ON (client_id) client_id, from_branch_id AS branch_id, from_manager_id AS manager_id
          FROM client_assignments WHERE bank_id = ${bankId}::uuid AND at >= ${periodEnd}
         ORDER BY client_id, at, id
      )
      SELECT ${poolKey}::text AS key, count(*)::int AS n FROM (
        SELECT CASE WHEN b.client_id IS NOT NULL THEN b.branch_id WHEN a.client_id IS NOT NULL THEN a.branch_id ELSE bc.branch_id END AS branch_id,
               CASE WHEN b.client_id IS NOT NULL THEN b.manager_id WHEN a.client_id IS NOT NULL THEN a.manager_id ELSE bc.manager_id END AS manager_id
          FROM rollup_client_facts f
          JOIN bank_clients bc ON bc.bank_id = f.bank_id AND bc.enterprise_id = f.enterprise_id
          LEFT JOIN before_end b ON b.client_id = bc.id
          LEFT JOIN after_end a ON a.client_id = bc.id
         WHERE f.bank_id = ${bankId}::uuid AND f.is_listed AND f.pooled_on <= ${period.to}::date
      ) p WHERE ${poolKey} IS NOT NULL
      GROUP BY 1`,
    db.$queryRaw<{ key: string; n: number }[]>`
      SELECT ${lineKey}::text AS key, count(*)::int AS n
        FROM bank_clients bc
        JOIN LATERAL (
          SELECT cl.branch_id, cl.proposed_by_id FROM credit_lines cl
           WHERE cl.client_id = bc.id AND cl.status = 'APPROVED' AND cl.decided_on = bc.partner_at
             AND cl.id IS DISTINCT FROM (SELECT d.credit_line_id FROM disbursements d
                                          WHERE d.bank_id = bc.bank_id AND d.enterprise_id = bc.enterprise_id
                                          ORDER BY d.disbursed_on, d.created_at, d.id LIMIT 1)
           ORDER BY cl.proposed_at, cl.id LIMIT 1) l ON true
       WHERE bc.bank_id = ${bankId}::uuid AND bc.partner_at BETWEEN ${period.from}::date AND ${period.to}::date
       GROUP BY 1`,
    db.$queryRaw<{ key: string; days: number }[]>`
      SELECT ${loanKey}::text AS key, percentile_cont(0.5) WITHIN GROUP (ORDER BY first_loan_on - need_on)::float8 AS days
        FROM rollup_client_facts
       WHERE bank_id = ${bankId}::uuid AND first_loan_on BETWEEN ${period.from}::date AND ${period.to}::date
         AND need_on IS NOT NULL AND need_on <= first_loan_on
       GROUP BY 1`,
  ]);
  const poolBy = new Map(pools.map((r) => [r.key, Number(r.n)]));
  const partnersBy = new Map(partners.map((r) => [r.key, Number(r.n)]));
  const daysBy = new Map(timeliness.map((r) => [r.key, Number(r.days)]));
  const keys = new Set([...figures.keys(), ...poolBy.keys(), ...partnersBy.keys(), ...daysBy.keys()]);
  const out = new Map<string, Indicators>();
  for (const key of keys) {
    if (key === NIL_KEY) continue;
    const f = figures.get(key)?.current;
    const visited = f?.visited ?? 0;
    const pool = poolBy.get(key) ?? 0;
    out.set(key, {
      newFirstLoans: f?.firstLoans ?? 0,
      firstLoanAmount: f?.firstLoanAmount ?? "0.00",
      coverage: pool > 0 ? Math.min(1, visited / pool) : null,
      conversion: visited > 0 ? (f?.credited ?? 0) / visited : null,
      partners: partnersBy.get(key) ?? 0,
      timeliness: daysBy.get(key) ?? null,
    });
  }
  return out;
}

export const EMPTY_INDICATORS: Indicators = {
  newFirstLoans: 0, firstLoanAmount: "0.00", coverage: null, conversion: null, partners: 0, timeliness: null,
};
