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

async function bankLevel(
  db: Queryable,
  input: { period: Period; previous: Period; group: RollupGroup; filter: RollupFilter },
): Promise<Row[]> {
  const keys: Record<RollupGroup, string> = {
    total: "'total'",
    city: "e.city_code",
    county: "e.county_code",
    bank: "s.bank_id::text",
    branch: `coalesce(bc.branch_id, '${NIL}'::uuid)::text`,
    manager: `coalesce(bc.manager_id, '${NIL}'::uuid)::text`,
  };
  const key = Prisma.raw(keys[input.group]);
  const pooled = Prisma.sql`(bc.created_at AT TIME ZONE 'Asia/Shanghai')::date`;
  const counts = (p: Period, x: string) => Prisma.sql`
    count(*) FILTER (WHERE li.enterprise_id IS NOT NULL AND ${between(pooled, p)})::int AS ${Prisma.raw(x)}_listed,
    count(*) FILTER (WHERE li.enterprise_id IS NOT NULL AND ${between(Prisma.sql`nd.d`, p)})::int AS ${Prisma.raw(x)}_needs,
    count(*) FILTER (WHERE li.enterprise_id IS NOT NULL AND ${between(Prisma.sql`vs.d`, p)})::int AS ${Prisma.raw(x)}_visited,
    count(*) FILTER (WHERE li.enterprise_id IS NOT NULL AND ${between(Prisma.sql`cr.d`, p)})::int AS ${Prisma.raw(x)}_credited,
    coalesce(sum(am.${Prisma.raw(x)}) FILTER (WHERE li.enterprise_id IS NOT NULL), 0)::text AS ${Prisma.raw(x)}_credit_amount,
    count(*) FILTER (WHERE e.first_loan_bank_id = s.bank_id AND ${between(Prisma.sql`e.first_loan_on`, p)})::int AS ${Prisma.raw(x)}_first_loans,
    coalesce(sum(e.first_loan_amount) FILTER (WHERE e.first_loan_bank_id = s.bank_id AND ${between(Prisma.sql`e.first_loan_on`, p)}), 0)::text AS ${Prisma.raw(x)}_first_loan_amount`;
  const where = cityWhere(input.filter);
  if (input.filter.bankId) where.push(Prisma.sql`s.bank_id = ${input.filter.bankId}::uuid`);
  if (input.filter.branchId) where.push(Prisma.sql`coalesce(bc.branch_id, ${NIL}::uuid) = ${input.filter.branchId}::uuid`);
  if (input.filter.managerId) where.push(Prisma.sql`coalesce(bc.manager_id, ${NIL}::uuid) = ${input.filter.managerId}::uuid`);
  return db.$queryRaw<Row[]>`
    WITH s AS (SELECT bank_id, enterprise_id FROM bank_clients
               UNION SELECT bank_id, enterprise_id FROM financing_needs
               UNION SELECT bank_id, enterprise_id FROM visits
               UNION SELECT bank_id, enterprise_id FROM credit_lines
               UNION SELECT first_loan_bank_id, id FROM enterprises WHERE first_loan_bank_id IS NOT NULL),
         li AS (SELECT DISTINCT enterprise_id FROM list_memberships),
         nd AS (SELECT bank_id, enterprise_id, min(raised_on) d FROM financing_needs GROUP BY 1, 2),
         vs AS (SELECT bank_id, enterprise_id, min(visited_on) d FROM visits WHERE mode = 'ON_SITE' GROUP BY 1, 2),
         cr AS (SELECT bank_id, enterprise_id, min(decided_on) d FROM credit_lines WHERE status = 'APPROVED' GROUP BY 1, 2),
         am AS (SELECT bank_id, enterprise_id,
                       sum(limit_amount) FILTER (WHERE ${between(Prisma.sql`decided_on`, input.period)}) c,
                       sum(limit_amount) FILTER (WHERE ${between(Prisma.sql`decided_on`, input.previous)}) p
                  FROM credit_lines WHERE status = 'APPROVED' GROUP BY 1, 2)
    SELECT ${key} AS key, ${counts(input.period, "c")}, ${counts(input.previous, "p")}
      FROM s
      JOIN enterprises e ON e.id = s.enterprise_id
      LEFT JOIN bank_clients bc ON bc.bank_id = s.bank_id AND bc.enterprise_id = s.enterprise_id
      LEFT JOIN li ON li.enterprise_id = s.enterprise_id
      LEFT JOIN nd ON nd.bank_id = s.bank_id AND nd.enterprise_id = s.enterprise_id
      LEFT JOIN vs ON vs.bank_id = s.bank_id AND vs.enterprise_id = s.enterprise_id
      LEFT JOIN cr ON cr.bank_id = s.bank_id AND cr.enterprise_id = s.enterprise_id
      LEFT JOIN am ON am.bank_id = s.bank_id AND am.enterprise_id = s.enterprise_id
     ${where.length ? Prisma.sql`WHERE ${Prisma.join(where, " AND ")}` : Prisma.empty}
     GROUP BY 1`;
}
