// The figures of a month's notice (监测通报), read in ONE repeatable-read, read-only
// transaction: the rollup version is read first in the same snapshot as every figure, so the
// version a notice records is exactly the state its figures came from (lib/rollups/cache.ts
// reads the version before the figures for the same reason; a snapshot makes it exact).
//
// No authorization here: this is the job's read (lib/notices/publish.ts, the scheduled job,
// the benchmark). People read a published notice through lib/queries/notices.ts.
//
// What is read:
//   funnel      the rollups by city for the month and the year to date, each beside the same
//               days last year; "all", "excluding Ningbo" and "Ningbo only" are sums of cities
//   rankings    banks and cities of Zhejiang excluding Ningbo, year to date: new 首贷户 (rollup
//               bank/region tables), conversion, and from the base tables coverage as of the
//               month's end (a bank: listed enterprises in its pool it had contacted by then;
//               a city: listed enterprises any bank had contacted by then), the share of unsecured (CREDIT) lines among first loans on a recorded
//               line, and the median days from the bank's first need to the first loan
//   flags       banks breaking the active lagging rules (the defaults while none is written)
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db, Tx } from "@/lib/db-client";
import { CITIES, NINGBO_CODE } from "@/lib/domain/regions";
import { ZERO_FIGURES, addFigures, yoyOf, type Figures } from "@/lib/domain/rollup";
import {
  DEFAULT_LAGGING_RULES, laggingFlags, noticePeriods, ratioNumber, withRanks,
  type FunnelBlock, type FunnelScope, type LaggingRuleSpec, type Metric, type NoticeFigures, type RankRow,
} from "@/lib/domain/notice";
import { readRollupVersion } from "@/lib/rollups/cache";
import { sumRollups, type FiguresPair } from "@/lib/rollups/query";

export type ComputedNotice = { figures: NoticeFigures; rollupVersion: bigint; rollupVersionText: string };

type Raw = { g_city: number; g_bank: number; city_code: string | null; bank_id: string | null };

function block(pair: FiguresPair): FunnelBlock {
  return {
    current: pair.current,
    previous: pair.previous,
    yoy: yoyOf(pair.current, pair.previous),
    conversion: ratioNumber(pair.current.credited, pair.current.visited, 4),
    previousConversion: ratioNumber(pair.previous.credited, pair.previous.visited, 4),
  };
}

function sumWhere(byCity: Map<string, FiguresPair>, keep: (city: string) => boolean): FiguresPair {
  let current: Figures = ZERO_FIGURES;
  let previous: Figures = ZERO_FIGURES;
  for (const [city, pair] of byCity) {
    if (!keep(city)) continue;
    current = addFigures(current, pair.current);
    previous = addFigures(previous, pair.previous);
  }
  return { current, previous };
}

function scope(month: Map<string, FiguresPair>, ytd: Map<string, FiguresPair>, keep: (city: string) => boolean): FunnelScope {
  return { month: block(sumWhere(month, keep)), ytd: block(sumWhere(ytd, keep)) };
}

/** The version's counter as a BigInt (the text form is "<oid>:<sum>"). */
export function versionNumber(text: string): bigint {
  return BigInt(text.split(":").pop() || "0");
}

/** The active rules, or the defaults while the table holds no rule at all. */
export async function activeLaggingRules(db: Pick<Db, "laggingRule">): Promise<LaggingRuleSpec[]> {
  const rows = await db.laggingRule.findMany({ orderBy: [{ metric: "asc" }, { threshold: "asc" }], select: { metric: true, comparator: true, threshold: true, isActive: true } });
  if (rows.length === 0) return [...DEFAULT_LAGGING_RULES];
  return rows.filter((r) => r.isActive).map((r) => ({ metric: r.metric as Metric, comparator: r.comparator as "lt" | "gt", threshold: r.threshold.toFixed(4) }));
}

async function read(tx: Tx, month: string): Promise<ComputedNotice> {
  const periods = noticePeriods(month);
  const rollupVersionText = await readRollupVersion(tx);
  const all = { cities: "all" as const };
  const exNb = { cities: "excludeNingbo" as const };
  const cityMonth = await sumRollups(tx, { period: periods.month, previous: periods.monthPrevious, group: "city", filter: all });
  const cityYtd = await sumRollups(tx, { period: periods.ytd, previous: periods.ytdPrevious, group: "city", filter: all });
  const bankYtd = await sumRollups(tx, { period: periods.ytd, previous: periods.ytdPrevious, group: "bank", filter: exNb });
  const bankMonth = await sumRollups(tx, { period: periods.month, previous: periods.monthPrevious, group: "bank", filter: exNb });
  const end = periods.month.to;
  const { from } = periods.ytd;

  // Coverage as of the month's end. A bank: listed enterprises in its pool by then (entered by
  // then, or already contacted — a pool row loaded later keeps its earlier visits) that it had
  // contacted by then (a visit, or its last contact date). A city and the province: listed
  // enterprises any bank had contacted by then. One pass over the pools (hash joins; the
  // per-client visit lookups it replaces cost seconds at province scale).
  const coverage = await tx.$queryRaw<(Raw & { listed: number; contacted: number })[]>`
    WITH visited AS (SELECT client_id FROM visits WHERE visited_on <= ${end}::date GROUP BY client_id),
    pools AS MATERIALIZED (
      SELECT f.enterprise_id, bc.bank_id,
             (bc.last_contact_at <= ${end}::date OR visited.client_id IS NOT NULL) AS contacted,
             bc.created_at < ((${end}::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS pooled
        FROM rollup_enterprise_facts f
        JOIN bank_clients bc ON bc.enterprise_id = f.enterprise_id
        LEFT JOIN visited ON visited.client_id = bc.id
       WHERE f.listed_on <= ${end}::date AND f.city_code <> ${NINGBO_CODE}
    )
    SELECT 1 AS g_city, 0 AS g_bank, NULL::text AS city_code, bank_id::text AS bank_id,
           count(*) FILTER (WHERE pooled OR contacted)::int AS listed, count(*) FILTER (WHERE contacted)::int AS contacted
      FROM pools GROUP BY bank_id
    UNION ALL
    SELECT GROUPING(f.city_code)::int, 1, f.city_code, NULL, count(*)::int, count(c.enterprise_id)::int
      FROM rollup_enterprise_facts f
      LEFT JOIN (SELECT DISTINCT enterprise_id FROM pools WHERE contacted) c ON c.enterprise_id = f.enterprise_id
     WHERE f.listed_on <= ${end}::date AND f.city_code <> ${NINGBO_CODE}
     GROUP BY GROUPING SETS ((f.city_code), ())`;

  const credit = await tx.$queryRaw<(Raw & { loans: number; credit: number })[]>`
    SELECT GROUPING(e.city_code)::int AS g_city, GROUPING(d.bank_id)::int AS g_bank, e.city_code, d.bank_id::text AS bank_id,
           count(*)::int AS loans, count(*) FILTER (WHERE cl.guarantee_mode = 'CREDIT')::int AS credit
      FROM disbursements d
      JOIN credit_lines cl ON cl.id = d.credit_line_id
      JOIN enterprises e ON e.id = d.enterprise_id
     WHERE d.is_first_ever AND d.disbursed_on BETWEEN ${from}::date AND ${end}::date AND e.city_code <> ${NINGBO_CODE}
     GROUP BY GROUPING SETS ((e.city_code), (d.bank_id), ())`;

  const days = await tx.$queryRaw<(Raw & { median: string | null })[]>`
    SELECT GROUPING(city_code)::int AS g_city, GROUPING(bank_id)::int AS g_bank, city_code, bank_id::text AS bank_id,
           round(percentile_cont(0.5) WITHIN GROUP (ORDER BY first_loan_on - need_on)::numeric, 1)::text AS median
      FROM rollup_client_facts
     WHERE first_loan_on BETWEEN ${from}::date AND ${end}::date AND need_on IS NOT NULL AND need_on <= first_loan_on
       AND city_code <> ${NINGBO_CODE}
     GROUP BY GROUPING SETS ((city_code), (bank_id), ())`;

  const byCity = <T extends Raw>(rows: T[]) => new Map(rows.filter((r) => r.g_city === 0 && r.city_code).map((r) => [r.city_code!, r]));
  const byBank = <T extends Raw>(rows: T[]) => new Map(rows.filter((r) => r.g_bank === 0 && r.bank_id).map((r) => [r.bank_id!, r]));

  const row = (
    code: string, name: string, nameEn: string,
    ytd: FiguresPair | undefined, monthPair: FiguresPair | undefined,
    cov: { listed: number; contacted: number } | undefined, cr: { loans: number; credit: number } | undefined, md: { median: string | null } | undefined,
  ): Omit<RankRow, "ranks"> => {
    const c = ytd?.current ?? ZERO_FIGURES;
    const p = ytd?.previous ?? ZERO_FIGURES;
    return {
      code, name, nameEn,
      monthFirstLoans: monthPair?.current.firstLoans ?? 0,
      firstLoans: c.firstLoans,
      firstLoansPrevious: p.firstLoans,
      firstLoansYoy: ratioNumber((c.firstLoans - p.firstLoans) * 100, p.firstLoans, 1),
      firstLoanAmount: c.firstLoanAmount,
      listed: cov?.listed ?? 0,
      contacted: cov?.contacted ?? 0,
      coverage: ratioNumber(cov?.contacted ?? 0, cov?.listed ?? 0, 4),
      visited: c.visited,
      credited: c.credited,
      conversion: ratioNumber(c.credited, c.visited, 4),
      loansWithLine: cr?.loans ?? 0,
      creditLoans: cr?.credit ?? 0,
      creditShare: ratioNumber(cr?.credit ?? 0, cr?.loans ?? 0, 4),
      medianDays: md?.median != null ? Number(md.median) : null,
    };
  };

  const covCity = byCity(coverage), covBank = byBank(coverage);
  const crCity = byCity(credit), crBank = byBank(credit);
  const mdCity = byCity(days), mdBank = byBank(days);

  const cities = withRanks(
    CITIES.filter((c) => c.code !== NINGBO_CODE).map((c) => row(c.code, c.name, c.nameEn, cityYtd.get(c.code), cityMonth.get(c.code), covCity.get(c.code), crCity.get(c.code), mdCity.get(c.code))),
  );
  const bankIds = [...new Set([...bankYtd.keys(), ...covBank.keys()])];
  const bankRows = await tx.bank.findMany({ where: { id: { in: bankIds } }, select: { id: true, name: true, nameEn: true, code: true }, orderBy: { code: "asc" } });
  const banks = withRanks(bankRows.map((b) => row(b.id, b.name, b.nameEn, bankYtd.get(b.id), bankMonth.get(b.id), covBank.get(b.id), crBank.get(b.id), mdBank.get(b.id))));

  const grand = <T extends Raw>(rows: T[]) => rows.find((r) => r.g_city === 1 && r.g_bank === 1);
  const exNingbo = (c: string) => c !== NINGBO_CODE;
  const province = row("total", "浙江（不含宁波）", "Zhejiang excl. Ningbo", sumWhere(cityYtd, exNingbo), sumWhere(cityMonth, exNingbo), grand(coverage), grand(credit), grand(days));

  const rules = await activeLaggingRules(tx);
  const figures: NoticeFigures = {
    month,
    periods,
    funnel: {
      all: scope(cityMonth, cityYtd, () => true),
      excludingNingbo: scope(cityMonth, cityYtd, (c) => c !== NINGBO_CODE),
      ningboOnly: scope(cityMonth, cityYtd, (c) => c === NINGBO_CODE),
    },
    rankings: { province, banks, cities },
    rules,
    flags: laggingFlags(banks, rules),
  };
  return { figures, rollupVersion: versionNumber(rollupVersionText), rollupVersionText };
}

/**
 * The notice figures of `month` (YYYY-MM) as the database holds them now, with the rollup
 * version they came from. Reads only.
 */
export async function computeNoticeFigures(month: string, database: Db): Promise<ComputedNotice> {
  return database.$transaction(
    async (tx) => {
      await tx.$executeRaw`SET TRANSACTION READ ONLY`;
      // The coverage pass hashes every pool row once a month: room to do it in memory.
      await tx.$executeRaw`SET LOCAL work_mem = '64MB'`;
      return read(tx, month);
    },
    { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 120_000, maxWait: 30_000 },
  );
}
