// Reads the rollup tables (see prisma/migrations/*_rollups_triggers): sums of daily rows over a
// period and the same period last year, in one statement. No authorization here: callers in
// lib/queries/ decide the filter from the actor (lib/auth/scope.ts); scripts (benchmarks)
// pass their own Prisma client.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db-client";
import { fromCents, toCents } from "@/lib/domain/money";
import { NINGBO_CODE } from "@/lib/domain/regions";
import type { Period } from "@/lib/domain/period";
import { addDays } from "@/lib/domain/dates";
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

type Range = { from: string; to: string };
/** A period as whole calendar months (read from the monthly tables) plus edge days (daily). */
export type SplitPeriod = { months: Range | null; days: Range[] };

const firstOfMonth = (d: string) => `${d.slice(0, 8)}01`;
function firstOfNextMonth(d: string): string {
  const y = Number(d.slice(0, 4));
  const m = Number(d.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, "0")}-01-01` : `${d.slice(0, 5)}${String(m + 1).padStart(2, "0")}-01`;
}

export function splitPeriod(p: Period): SplitPeriod {
  const firstFull = p.from.endsWith("-01") ? p.from : firstOfNextMonth(p.from);
  const endsMonth = firstOfNextMonth(p.to) === addDays(p.to, 1);
  const lastFull = endsMonth ? firstOfMonth(p.to) : firstOfMonth(addDays(firstOfMonth(p.to), -1));
  if (firstFull > lastFull) return { months: null, days: [p] };
  const days: Range[] = [];
  if (p.from < firstFull) days.push({ from: p.from, to: addDays(firstFull, -1) });
  const afterLast = firstOfNextMonth(lastFull);
  if (afterLast <= p.to) days.push({ from: afterLast, to: p.to });
  return { months: { from: firstFull, to: lastFull }, days };
}

function inRanges(column: Prisma.Sql, ranges: Range[]): Prisma.Sql {
  if (!ranges.length) return Prisma.sql`false`;
  return Prisma.join(ranges.map((r) => Prisma.sql`${column} BETWEEN ${r.from}::date AND ${r.to}::date`), " OR ");
}

/**
 * Rows of the monthly table (whole months) and the daily table (edge days) for the periods,
 * each tagged with which period it belongs to (in_c, in_p: computed once per row).
 */
function source(bankTable: boolean, key: Prisma.Sql, periods: SplitPeriod[], where: Prisma.Sql[]): Prisma.Sql {
  const listed = Prisma.raw(bankTable ? "pooled" : "listed");
  const tags = periods.map((p, i) => Prisma.sql`${inPeriod(p)} AS ${Prisma.raw(`in_${i}`)}`);
  const cols = Prisma.sql`${key} AS key, day, ${listed} AS listed, needs, visited, credited, credit_amount, first_loans, first_loan_amount`;
  const monthly = Prisma.raw(bankTable ? "rollup_bank_monthly" : "rollup_region_monthly");
  const daily = Prisma.raw(bankTable ? "rollup_bank_daily" : "rollup_region_daily");
  const months = periods.flatMap((p) => (p.months ? [p.months] : []));
  const days = periods.flatMap((p) => p.days);
  const and = (first: Prisma.Sql) => Prisma.join([first, ...where], " AND ");
  return Prisma.sql`
    SELECT ${cols}, ${Prisma.join(tags.map((t) => Prisma.sql`${t}`), ", ")}
      FROM (SELECT true AS is_month, month AS day, * FROM ${monthly} WHERE ${and(Prisma.sql`(${inRanges(Prisma.sql`month`, months)})`)}) m
    UNION ALL
    SELECT ${cols}, ${Prisma.join(tags.map((t) => Prisma.sql`${t}`), ", ")}
      FROM (SELECT false AS is_month, * FROM ${daily} WHERE ${and(Prisma.sql`(${inRanges(Prisma.sql`day`, days)})`)}) d`;
}

function inPeriod(p: SplitPeriod): Prisma.Sql {
  return Prisma.sql`((is_month AND (${inRanges(Prisma.sql`day`, p.months ? [p.months] : [])})) OR (NOT is_month AND (${inRanges(Prisma.sql`day`, p.days)})))`;
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
  const key = Prisma.raw(GROUP_COLUMN[input.group]);
  const c = splitPeriod(input.period);
  const p = splitPeriod(input.previous);
  const inC = Prisma.sql`in_0`;
  const inP = Prisma.sql`in_1`;
  const sums = (cond: Prisma.Sql, prefix: string) => Prisma.sql`
    coalesce(sum(listed) FILTER (WHERE ${cond}), 0)::int AS ${Prisma.raw(prefix)}_listed,
    coalesce(sum(needs) FILTER (WHERE ${cond}), 0)::int AS ${Prisma.raw(prefix)}_needs,
    coalesce(sum(visited) FILTER (WHERE ${cond}), 0)::int AS ${Prisma.raw(prefix)}_visited,
    coalesce(sum(credited) FILTER (WHERE ${cond}), 0)::int AS ${Prisma.raw(prefix)}_credited,
    coalesce(sum(credit_amount) FILTER (WHERE ${cond}), 0)::text AS ${Prisma.raw(prefix)}_credit_amount,
    coalesce(sum(first_loans) FILTER (WHERE ${cond}), 0)::int AS ${Prisma.raw(prefix)}_first_loans,
    coalesce(sum(first_loan_amount) FILTER (WHERE ${cond}), 0)::text AS ${Prisma.raw(prefix)}_first_loan_amount`;
  const rows = await db.$queryRaw<Row[]>`
    SELECT key, ${sums(inC, "c")}, ${sums(inP, "p")}
      FROM (${source(bankTable, key, [c, p], whereOf(input.filter, bankTable))}) x
     GROUP BY key`;
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

/** New 首贷户 per month over [from, to] (for the trend chart). */
export async function monthlyFirstLoans(
  db: Queryable,
  input: { from: string; to: string; filter: RollupFilter },
): Promise<MonthPoint[]> {
  const bankTable = usesBankTable("total", input.filter);
  const split = splitPeriod({ from: input.from, to: input.to });
  const rows = await db.$queryRaw<{ month: string; first_loans: number; first_loan_amount: string }[]>`
    SELECT to_char(day, 'YYYY-MM') AS month, sum(first_loans)::int AS first_loans, sum(first_loan_amount)::text AS first_loan_amount
      FROM (${source(bankTable, Prisma.sql`'total'`, [split], whereOf(input.filter, bankTable))}) x
     GROUP BY 1 ORDER BY 1`;
  return rows.map((r) => ({ month: r.month, firstLoans: Number(r.first_loans), firstLoanAmount: money(r.first_loan_amount) }));
}
