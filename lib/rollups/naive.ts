// The same figures as lib/rollups/query.ts, recounted with GROUP BY over the base tables
// (list_memberships, bank_clients, financing_needs, visits, credit_lines, enterprises),
// ignoring the rollup tables entirely. The recount test compares the two after random
// operations; `npm run bench:rollups` times both. Not used by the app.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db-client";
import { NINGBO_CODE } from "@/lib/domain/regions";
import type { Period } from "@/lib/domain/period";
import { isEmptyFigures, money, usesBankTable, type FiguresPair, type RollupFilter, type RollupGroup } from "@/lib/rollups/query";

type Queryable = Pick<Db, "$queryRaw">;

const NIL = "00000000-0000-0000-0000-000000000000";

type Row = Record<string, string | number>;

function pair(r: Row): FiguresPair {
  const f = (p: "c" | "p") => ({
    listed: Number(r[`${p}_listed`]),
    needs: Number(r[`${p}_needs`]),
    visited: Number(r[`${p}_visited`]),
    credited: Number(r[`${p}_credited`]),
    creditAmount: money(String(r[`${p}_credit_amount`])),
    firstLoans: Number(r[`${p}_first_loans`]),
    firstLoanAmount: money(String(r[`${p}_first_loan_amount`])),
  });
  return { current: f("c"), previous: f("p") };
}

function between(column: Prisma.Sql, p: Period): Prisma.Sql {
  return Prisma.sql`${column} BETWEEN ${p.from}::date AND ${p.to}::date`;
}

function cityWhere(filter: RollupFilter): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (filter.cities === "excludeNingbo") parts.push(Prisma.sql`e.city_code <> ${NINGBO_CODE}`);
  if (filter.cities === "ningboOnly") parts.push(Prisma.sql`e.city_code = ${NINGBO_CODE}`);
  if (filter.cityCode) parts.push(Prisma.sql`e.city_code = ${filter.cityCode}`);
  if (filter.countyCode) parts.push(Prisma.sql`e.county_code = ${filter.countyCode}`);
  return parts;
}

export async function naiveSums(
  db: Queryable,
  input: { period: Period; previous: Period; group: RollupGroup; filter: RollupFilter },
): Promise<Map<string, FiguresPair>> {
  const rows = usesBankTable(input.group, input.filter) ? await bankLevel(db, input) : await regionLevel(db, input);
  const out = new Map<string, FiguresPair>();
  for (const r of rows) {
    const value = pair(r);
    if (!isEmptyFigures(value.current) || !isEmptyFigures(value.previous)) out.set(String(r.key), value);
  }
  return out;
}

async function regionLevel(
  db: Queryable,
  input: { period: Period; previous: Period; group: RollupGroup; filter: RollupFilter },
): Promise<Row[]> {
  const key = Prisma.raw(input.group === "city" ? "e.city_code" : input.group === "county" ? "e.county_code" : "'total'");
  const counts = (p: Period, x: string) => Prisma.sql`
    count(*) FILTER (WHERE ${between(Prisma.sql`lm.d`, p)})::int AS ${Prisma.raw(x)}_listed,
    count(*) FILTER (WHERE lm.d IS NOT NULL AND ${between(Prisma.sql`nd.d`, p)})::int AS ${Prisma.raw(x)}_needs,
    count(*) FILTER (WHERE lm.d IS NOT NULL AND ${between(Prisma.sql`vs.d`, p)})::int AS ${Prisma.raw(x)}_visited,
    count(*) FILTER (WHERE lm.d IS NOT NULL AND ${between(Prisma.sql`cr.d`, p)})::int AS ${Prisma.raw(x)}_credited,
    coalesce(sum(am.${Prisma.raw(x)}) FILTER (WHERE lm.d IS NOT NULL), 0)::text AS ${Prisma.raw(x)}_credit_amount,
    count(*) FILTER (WHERE ${between(Prisma.sql`e.first_loan_on`, p)})::int AS ${Prisma.raw(x)}_first_loans,
    coalesce(sum(e.first_loan_amount) FILTER (WHERE ${between(Prisma.sql`e.first_loan_on`, p)}), 0)::text AS ${Prisma.raw(x)}_first_loan_amount`;
  const where = cityWhere(input.filter);
  return db.$queryRaw<Row[]>`
    WITH lm AS (SELECT enterprise_id, min(listed_on) d FROM list_memberships GROUP BY 1),
         nd AS (SELECT enterprise_id, min(raised_on) d FROM financing_needs GROUP BY 1),
         vs AS (SELECT enterprise_id, min(visited_on) d FROM visits WHERE mode = 'ON_SITE' GROUP BY 1),
         cr AS (SELECT enterprise_id, min(decided_on) d FROM credit_lines WHERE status = 'APPROVED' GROUP BY 1),
         am AS (SELECT enterprise_id,
                       sum(limit_amount) FILTER (WHERE ${between(Prisma.sql`decided_on`, input.period)}) c,
                       sum(limit_amount) FILTER (WHERE ${between(Prisma.sql`decided_on`, input.previous)}) p
                  FROM credit_lines WHERE status = 'APPROVED' GROUP BY 1)
    SELECT ${key} AS key, ${counts(input.period, "c")}, ${counts(input.previous, "p")}
      FROM enterprises e
      LEFT JOIN lm ON lm.enterprise_id = e.id
      LEFT JOIN nd ON nd.enterprise_id = e.id
      LEFT JOIN vs ON vs.enterprise_id = e.id
      LEFT JOIN cr ON cr.enterprise_id = e.id
      LEFT JOIN am ON am.enterprise_id = e.id
     ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
     GROUP BY 1`;
}

// Bank, branch and manager figures, one row per (subject, step) with the step's own key:
// pool size follows the current assignment; the first need, the first on-site visit, the first
// approved line (and every line's amount) and the first loan stay with the branch and user
// who did the work (docs/dashboards.md, "Which figures follow the doer").
async function bankLevel(
  db: Queryable,
  input: { period: Period; previous: Period; group: RollupGroup; filter: RollupFilter },
): Promise<Row[]> {
  const keys: Record<RollupGroup, string> = {
    total: "'total'",
    city: "e.city_code",
    county: "e.county_code",
    bank: "f.bank_id::text",
    branch: "f.branch_key::text",
    manager: "f.manager_key::text",
  };
  const key = Prisma.raw(keys[input.group]);
  const counts = (p: Period, x: string) => Prisma.sql`
    count(*) FILTER (WHERE f.step = 'pooled' AND ${between(Prisma.sql`f.d`, p)})::int AS ${Prisma.raw(x)}_listed,
    count(*) FILTER (WHERE f.step = 'need' AND ${between(Prisma.sql`f.d`, p)})::int AS ${Prisma.raw(x)}_needs,
    count(*) FILTER (WHERE f.step = 'visit' AND ${between(Prisma.sql`f.d`, p)})::int AS ${Prisma.raw(x)}_visited,
    count(*) FILTER (WHERE f.step = 'credit' AND ${between(Prisma.sql`f.d`, p)})::int AS ${Prisma.raw(x)}_credited,
    coalesce(sum(f.amount) FILTER (WHERE f.step = 'line' AND ${between(Prisma.sql`f.d`, p)}), 0)::text AS ${Prisma.raw(x)}_credit_amount,
    count(*) FILTER (WHERE f.step = 'loan' AND ${between(Prisma.sql`f.d`, p)})::int AS ${Prisma.raw(x)}_first_loans,
    coalesce(sum(f.amount) FILTER (WHERE f.step = 'loan' AND ${between(Prisma.sql`f.d`, p)}), 0)::text AS ${Prisma.raw(x)}_first_loan_amount`;
  const where = cityWhere(input.filter);
  if (input.filter.bankId) where.push(Prisma.sql`f.bank_id = ${input.filter.bankId}::uuid`);
  if (input.filter.branchId) where.push(Prisma.sql`f.branch_key = ${input.filter.branchId}::uuid`);
  if (input.filter.managerId) where.push(Prisma.sql`f.manager_key = ${input.filter.managerId}::uuid`);
  const nil = Prisma.sql`${NIL}::uuid`;
  return db.$queryRaw<Row[]>`
    WITH li AS (SELECT DISTINCT enterprise_id FROM list_memberships),
         nd AS (SELECT DISTINCT ON (n.bank_id, n.enterprise_id) n.bank_id, n.enterprise_id, n.raised_on d,
                       v.id visit_id, v.branch_id, v.user_id
                  FROM financing_needs n LEFT JOIN visits v ON v.id = n.visit_id
                 ORDER BY n.bank_id, n.enterprise_id, n.raised_on, n.created_at, n.id),
         vs AS (SELECT DISTINCT ON (bank_id, enterprise_id) bank_id, enterprise_id, visited_on d, branch_id, user_id
                  FROM visits WHERE mode = 'ON_SITE'
                 ORDER BY bank_id, enterprise_id, visited_on, created_at, id),
         cr AS (SELECT DISTINCT ON (bank_id, enterprise_id) bank_id, enterprise_id, decided_on d, branch_id, proposed_by_id
                  FROM credit_lines WHERE status = 'APPROVED' AND decided_on IS NOT NULL
                 ORDER BY bank_id, enterprise_id, decided_on, proposed_at, id),
         fd AS (SELECT DISTINCT ON (d.bank_id, d.enterprise_id) d.bank_id, d.enterprise_id, l.branch_id, l.proposed_by_id
                  FROM disbursements d JOIN credit_lines l ON l.id = d.credit_line_id
                 WHERE d.is_first_ever
                 ORDER BY d.bank_id, d.enterprise_id, d.disbursed_on, d.created_at, d.id),
         f AS (
           SELECT bc.bank_id, bc.enterprise_id, 'pooled' step, (bc.created_at AT TIME ZONE 'Asia/Shanghai')::date d,
                  coalesce(bc.branch_id, ${nil}) branch_key, coalesce(bc.manager_id, ${nil}) manager_key, NULL::numeric amount
             FROM bank_clients bc JOIN li ON li.enterprise_id = bc.enterprise_id
           UNION ALL
           SELECT nd.bank_id, nd.enterprise_id, 'need', nd.d,
                  CASE WHEN nd.visit_id IS NOT NULL THEN nd.branch_id ELSE coalesce(bc.branch_id, ${nil}) END,
                  CASE WHEN nd.visit_id IS NOT NULL THEN nd.user_id ELSE coalesce(bc.manager_id, ${nil}) END, NULL
             FROM nd JOIN li ON li.enterprise_id = nd.enterprise_id
             LEFT JOIN bank_clients bc ON bc.bank_id = nd.bank_id AND bc.enterprise_id = nd.enterprise_id
           UNION ALL
           SELECT vs.bank_id, vs.enterprise_id, 'visit', vs.d, vs.branch_id, vs.user_id, NULL
             FROM vs JOIN li ON li.enterprise_id = vs.enterprise_id
           UNION ALL
           SELECT cr.bank_id, cr.enterprise_id, 'credit', cr.d, cr.branch_id, cr.proposed_by_id, NULL
             FROM cr JOIN li ON li.enterprise_id = cr.enterprise_id
           UNION ALL
           SELECT l.bank_id, l.enterprise_id, 'line', l.decided_on, l.branch_id, l.proposed_by_id, l.limit_amount
             FROM credit_lines l JOIN li ON li.enterprise_id = l.enterprise_id
            WHERE l.status = 'APPROVED' AND l.decided_on IS NOT NULL
           UNION ALL
           SELECT en.first_loan_bank_id, en.id, 'loan', en.first_loan_on,
                  CASE WHEN fd.bank_id IS NOT NULL THEN fd.branch_id ELSE coalesce(bc.branch_id, ${nil}) END,
                  CASE WHEN fd.bank_id IS NOT NULL THEN fd.proposed_by_id ELSE coalesce(bc.manager_id, ${nil}) END,
                  coalesce(en.first_loan_amount, 0)
             FROM enterprises en
             LEFT JOIN fd ON fd.bank_id = en.first_loan_bank_id AND fd.enterprise_id = en.id
             LEFT JOIN bank_clients bc ON bc.bank_id = en.first_loan_bank_id AND bc.enterprise_id = en.id
            WHERE en.first_loan_on IS NOT NULL AND en.first_loan_bank_id IS NOT NULL
         )
    SELECT ${key} AS key, ${counts(input.period, "c")}, ${counts(input.previous, "p")}
      FROM f
      JOIN enterprises e ON e.id = f.enterprise_id
     ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
     GROUP BY 1`;
}
