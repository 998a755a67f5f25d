// Reads the rollup tables (see prisma/migrations/*_rollups_triggers): sums of daily rows over a
// period and the same period last year, in one statement. No authorization here: callers in
// lib/queries/ decide the filter from the actor (lib/auth/scope.ts); scripts (benchmarks)
// pass their own Prisma client.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db-client";
import { fromCents, toCents } from "@/lib/domain/money";
import { NINGBO_CODE } from "@/lib/domain/regions";
import type { Period } from "@/lib/domain/period";
import type { Figures } from "@/lib/domain/rollup";

export type CityFilter = "all" | "excludeNingbo" | "ningboOnly";

export type RollupFilter = {
  cities: CityFilter;
  cityCode?: string;
  countyCode?: string;
  bankId?: string;
  branchId?: string;
  managerId?: string;
};

export type RollupGroup = "total" | "city" | "county" | "bank" | "branch" | "manager";

export type FiguresPair = { current: Figures; previous: Figures };

type Queryable = Pick<Db, "$queryRaw">;

/** Bank-level groups and filters need the bank table; province views use the region table. */
export function usesBankTable(group: RollupGroup, filter: RollupFilter): boolean {
  return group === "bank" || group === "branch" || group === "manager" || !!(filter.bankId || filter.branchId || filter.managerId);
}

const GROUP_COLUMN: Record<RollupGroup, string> = {
  total: "'total'",
  city: "city_code",
  county: "county_code",
  bank: "bank_id::text",
  branch: "branch_key::text",
  manager: "manager_key::text",
};

function whereOf(filter: RollupFilter, bankTable: boolean): Prisma.Sql[] {
  const parts: Prisma.Sql[] = [];
  if (filter.cities === "excludeNingbo") parts.push(Prisma.sql`city_code <> ${NINGBO_CODE}`);
  if (filter.cities === "ningboOnly") parts.push(Prisma.sql`city_code = ${NINGBO_CODE}`);
  if (filter.cityCode) parts.push(Prisma.sql`city_code = ${filter.cityCode}`);
  if (filter.countyCode) parts.push(Prisma.sql`county_code = ${filter.countyCode}`);
  if (bankTable) {
    if (filter.bankId) parts.push(Prisma.sql`bank_id = ${filter.bankId}::uuid`);
    if (filter.branchId) parts.push(Prisma.sql`branch_key = ${filter.branchId}::uuid`);
    if (filter.managerId) parts.push(Prisma.sql`manager_key = ${filter.managerId}::uuid`);
  }
  return parts;
}

type Row = {
  key: string;
  c_listed: number; c_needs: number; c_visited: number; c_credited: number; c_credit_amount: string; c_first_loans: number; c_first_loan_amount: string;
  p_listed: number; p_needs: number; p_visited: number; p_credited: number; p_credit_amount: string; p_first_loans: number; p_first_loan_amount: string;
};

/** "0" or "123.4" from a numeric sum → canonical "0.00" / "123.40". */
export function money(value: string | null | undefined): string {
  return fromCents(toCents(value ?? "0"));
}

function figures(r: Row, p: "c" | "p"): Figures {
  return {
    listed: Number(r[`${p}_listed`]),
    needs: Number(r[`${p}_needs`]),
    visited: Number(r[`${p}_visited`]),
    credited: Number(r[`${p}_credited`]),
    creditAmount: money(r[`${p}_credit_amount`]),
    firstLoans: Number(r[`${p}_first_loans`]),
    firstLoanAmount: money(r[`${p}_first_loan_amount`]),
  };
}

/**
 * Figures for `period` and `previous` grouped by `group` (key "total" for the whole filter).
 * Groups with nothing in either period are absent.
 */
export async function sumRollups(
  db: Queryable,
  input: { period: Period; previous: Period; group: RollupGroup; filter: RollupFilter },
): Promise<Map<string, FiguresPair>> {
  const bankTable = usesBankTable(input.group, input.filter);
  const table = Prisma.raw(bankTable ? "rollup_bank_daily" : "rollup_region_daily");
  const listed = Prisma.raw(bankTable ? "pooled" : "listed");
  const key = Prisma.raw(GROUP_COLUMN[input.group]);
  const { period: c, previous: p } = input;
  const inC = Prisma.sql`day BETWEEN ${c.from}::date AND ${c.to}::date`;
  const inP = Prisma.sql`day BETWEEN ${p.from}::date AND ${p.to}::date`;
  const where = [Prisma.sql`(${inC} OR ${inP})`, ...whereOf(input.filter, bankTable)];
  const sums = (cond: Prisma.Sql, prefix: string) => Prisma.sql`
    coalesce(sum(${listed}) FILTER (WHERE ${cond}), 0)::int AS ${Prisma.raw(prefix)}_listed,
    coalesce(sum(needs) FILTER (WHERE ${cond}), 0)::int AS ${Prisma.raw(prefix)}_needs,
    coalesce(sum(visited) FILTER (WHERE ${cond}), 0)::int AS ${Prisma.raw(prefix)}_visited,
    coalesce(sum(credited) FILTER (WHERE ${cond}), 0)::int AS ${Prisma.raw(prefix)}_credited,
    coalesce(sum(credit_amount) FILTER (WHERE ${cond}), 0)::text AS ${Prisma.raw(prefix)}_credit_amount,
    coalesce(sum(first_loans) FILTER (WHERE ${cond}), 0)::int AS ${Prisma.raw(prefix)}_first_loans,
    coalesce(sum(first_loan_amount) FILTER (WHERE ${cond}), 0)::text AS ${Prisma.raw(prefix)}_first_loan_amount`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT ${key} AS key, ${sums(inC, "c")}, ${sums(inP, "p")}
      FROM ${table}
     WHERE ${Prisma.join(where, " AND ")}
     GROUP BY 1`;
  const out = new Map<string, FiguresPair>();
  for (const r of rows) {
    const value = { current: figures(r, "c"), previous: figures(r, "p") };
    // Daily rows can hold zeros after facts moved away; a group with nothing is no group.
    if (!isEmptyFigures(value.current) || !isEmptyFigures(value.previous)) out.set(r.key, value);
  }
  return out;
}

export function isEmptyFigures(f: Figures): boolean {
  return !f.listed && !f.needs && !f.visited && !f.credited && f.creditAmount === "0.00" && !f.firstLoans && f.firstLoanAmount === "0.00";
}

export type MonthPoint = { month: string; firstLoans: number; firstLoanAmount: string };

/** New 首贷户 per month over [from, to] (for the trend chart), whole months. */
export async function monthlyFirstLoans(
  db: Queryable,
  input: { from: string; to: string; filter: RollupFilter },
): Promise<MonthPoint[]> {
  const bankTable = usesBankTable("total", input.filter);
  const table = Prisma.raw(bankTable ? "rollup_bank_daily" : "rollup_region_daily");
  const where = [Prisma.sql`day BETWEEN ${input.from}::date AND ${input.to}::date`, ...whereOf(input.filter, bankTable)];
  const rows = await db.$queryRaw<{ month: string; first_loans: number; first_loan_amount: string }[]>`
    SELECT to_char(day, 'YYYY-MM') AS month, sum(first_loans)::int AS first_loans, sum(first_loan_amount)::text AS first_loan_amount
      FROM ${table}
     WHERE ${Prisma.join(where, " AND ")}
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({ month: r.month, firstLoans: Number(r.first_loans), firstLoanAmount: money(r.first_loan_amount) }));
}
