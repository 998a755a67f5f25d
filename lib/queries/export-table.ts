import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { MESSAGES } from "@/lib/i18n/messages";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locale";
import { cityOf, regionName } from "@/lib/domain/regions";
import { periodTag, regionScopeName, reportFileStem } from "@/lib/domain/report-name";
import { toShanghaiDate } from "@/lib/domain/dates";
import { ratio } from "@/lib/domain/rollup";
import type { DataTable, ExportColumn, ExportCell } from "@/lib/export/table";
import { getProvinceRollup, rollupParamsSchema, type RollupRow } from "@/lib/queries/province-rollup";
import { getBankDashboard } from "@/lib/queries/bank-dashboard";
import { getBranchDashboard } from "@/lib/queries/branch-dashboard";
import { getAssessment } from "@/lib/queries/assessment";
import { assessmentTable } from "@/lib/assessment/export";

export const EXPORT_TABLES = ["province", "bank-branches", "bank-cities", "branch-managers", "branch-funnel", "assessment"] as const;
export type ExportTableName = (typeof EXPORT_TABLES)[number];

// Exports speak the language of the screen they were asked from (Chinese unless the caller
// chose English), headers, filters and file name alike: 浙江省不含宁波-按地市-2020-05.xlsx,
// zhejiang-excl-ningbo-by-city-2020-05.xlsx.
type Texts = ReturnType<typeof textsOf>;
function textsOf(locale: Locale) {
  const m = MESSAGES[locale];
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? "");
  return { r: m.rollup, x: m.export, d: m.dashboard, fill, locale };
}

function figureColumns(T: Texts, listedHeader: string): ExportColumn[] {
  const { r, x } = T;
  const cols: [string, string, ExportColumn["kind"]][] = [
    ["listed", listedHeader, "count"], ["needs", r.needs, "count"], ["visited", r.visited, "count"], ["credited", r.credited, "count"],
    ["creditAmount", `${r.creditAmount}${x.yuanSuffix}`, "amount"], ["firstLoans", r.firstLoans, "count"], ["firstLoanAmount", `${r.firstLoanAmount}${x.yuanSuffix}`, "amount"],
  ];
  return [
    ...cols.map(([key, header, kind]) => ({ key, header, kind })),
    { key: "conversion", header: r.conversion, kind: "ratio" as const },
    ...cols.map(([key, header, kind]) => ({ key: `prev_${key}`, header: `${r.lastYear}·${header}`, kind })),
    ...cols.map(([key, header]) => ({ key: `yoy_${key}`, header: `${r.yoy}·${header.replace(x.yuanSuffix, "")}${x.percentSuffix}`, kind: "percent" as const })),
  ];
}

function figureCells(row: RollupRow): Record<string, ExportCell> {
  const out: Record<string, ExportCell> = { conversion: row.conversion };
  for (const key of ["listed", "needs", "visited", "credited", "creditAmount", "firstLoans", "firstLoanAmount"] as const) {
    out[key] = row.current[key];
    out[`prev_${key}`] = row.previous[key];
    out[`yoy_${key}`] = row.yoy[key];
  }
  return out;
}

function periodFilters(T: Texts, p: { from: string; to: string }, prev: { from: string; to: string }): [string, string][] {
  return [
    [T.x.period, T.fill(T.x.range, p)],
    [T.x.previous, T.fill(T.x.range, prev)],
  ];
}

const byKey = (by: "city" | "county" | "bank"): "byCity" | "byCounty" | "byBank" => (by === "city" ? "byCity" : by === "county" ? "byCounty" : "byBank");

const ningboLabel = (T: Texts, n: string) => (n === "only" ? T.r.ningboOnly : n === "exclude" ? T.r.ningboExclude : T.r.ningboInclude);

/** The table behind a dashboard view, for the same actor and filters; null when not theirs. */
export async function buildExportTable(actor: Actor | null, name: ExportTableName, raw: Record<string, string>, locale: Locale = DEFAULT_LOCALE): Promise<DataTable | null> {
  const T = textsOf(locale);
  const { r, x, d } = T;
  const en = locale === "en";
  // The file's name in the caller's language, and in English for the ASCII fallback.
  const E = textsOf("en");
  const file = (local: string[], english: string[]) => ({ fileStem: { name: reportFileStem(local, locale), ascii: reportFileStem(english, "en") } });
  if (name === "assessment") {
    // Scores and ranks (考核) as /assessment shows them to this caller; unit branch|manager.
    // (Headers stay Chinese: the scheme's own texts are.)
    const view = await getAssessment(actor, raw);
    const unit = raw.unit === "manager" ? "manager" : "branch";
    if (!view) return null;
    return { ...assessmentTable(view, unit), ...file(en ? ["assessment", `by ${unit}`, view.period.key] : [view.bankName, unit === "branch" ? r.branch : r.manager, view.period.key], ["assessment", `by ${unit}`, view.period.key]) };
  }
  const params = rollupParamsSchema.parse(raw);
  const exportedAt: [string, string] = [x.exportedAt, T.fill(x.beijingTime, { day: toShanghaiDate(new Date()) })];
  const unit: [string, string] = [x.amountUnit, x.yuan];
  const nameOf = (row: RollupRow) => (en ? row.nameEn : row.name);
  if (name === "province") {
    const rollup = await getProvinceRollup(actor, params);
    if (!rollup) return null;
    const byLabel = r[byKey(rollup.by)];
    const nameHeader = rollup.by === "city" ? r.city : rollup.by === "county" ? r.county : r.bank;
    const region = (code: string) => regionName(code, locale) ?? code;
    const distinct = rollup.totalsKind === "distinct";
    // The distinct total has no pool-entry figure (bank rows count 入池): left blank, and said.
    const totalCells = { ...figureCells(rollup.totals), ...(distinct ? { listed: null, prev_listed: null, yoy_listed: null } : {}) };
    return {
      title: x.titles.province,
      sheetName: x.sheet,
      filters: [
        [x.scope, regionScopeName(rollup, locale)],
        ...periodFilters(T, rollup.period, rollup.previousPeriod),
        [x.ningbo, ningboLabel(T, rollup.ningbo)],
        [x.by, byLabel],
        ...(rollup.city ? [[x.city, region(rollup.city)] as [string, string]] : []),
        ...(rollup.county ? [[r.county, region(rollup.county)] as [string, string]] : []),
        ...(distinct ? [[x.note, `${r.bankRowsNote} ${r.totalDistinctNote}`] as [string, string]] : []),
        unit,
        exportedAt,
      ],
      columns: [
        { key: "code", header: x.code, kind: "text" },
        { key: "name", header: nameHeader, kind: "text" },
        ...(rollup.by === "county" ? [{ key: "city", header: r.city, kind: "text" as const }] : []),
        ...figureColumns(T, rollup.by === "bank" ? r.listedBank : r.listed),
      ],
      rows: [
        ...rollup.rows.map((row) => ({ code: row.code, name: nameOf(row), ...(rollup.by === "county" ? { city: cityOf(row.code) ? region(cityOf(row.code)!.code) : "" } : {}), ...figureCells(row) })),
        { code: "", name: distinct ? r.totalDistinct : r.total, ...totalCells },
      ],
      ...file([regionScopeName(rollup, locale), byLabel, periodTag(rollup.period)], [regionScopeName(rollup, "en"), E.r[byKey(rollup.by)], periodTag(rollup.period)]),
    };
  }
  if (name === "bank-branches" || name === "bank-cities") {
    const bank = await getBankDashboard(actor, { ...params, ningbo: params.ningbo });
    if (!bank) return null;
    const rows = name === "bank-branches" ? bank.byBranch : bank.byCity;
    const bankName = en ? bank.bankNameEn : bank.bankName;
    return {
      title: `${bankName} ${x.titles[name]}`,
      sheetName: x.sheet,
      filters: [[x.scope, bankName], ...periodFilters(T, bank.period, bank.previousPeriod), [x.ningbo, ningboLabel(T, bank.ningbo)], unit, exportedAt],
      columns: [{ key: "name", header: name === "bank-branches" ? r.branch : r.city, kind: "text" }, ...figureColumns(T, r.listedBank)],
      rows: [...rows, bank.totals].map((row) => ({ name: row.code === "total" ? r.total : nameOf(row), ...figureCells(row) })),
      ...file(
        [bankName, ...(bank.ningbo === "exclude" ? [r.ningboExclude] : []), x.titles[name], periodTag(bank.period)],
        [bank.bankNameEn, ...(bank.ningbo === "exclude" ? [E.r.ningboExclude] : []), E.x.titles[name], periodTag(bank.period)],
      ),
    };
  }
  const branch = await getBranchDashboard(actor, params);
  if (!branch) return null;
  const branchName = en ? branch.branchNameEn : branch.branchName;
  const filters: [string, string][] = [[x.scope, branchName], ...periodFilters(T, branch.period, branch.previousPeriod), unit, exportedAt];
  if (name === "branch-managers") {
    return {
      title: `${branchName} ${x.titles["branch-managers"]}`,
      sheetName: x.sheet,
      filters,
      columns: [{ key: "name", header: r.manager, kind: "text" }, { key: "poolSize", header: d.poolSize, kind: "count" }, ...figureColumns(T, r.listedBank)],
      rows: branch.managers.map((row) => ({ name: row.name, poolSize: row.poolSize, ...figureCells(row) })),
      ...file([branchName, x.titles["branch-managers"], periodTag(branch.period)], [branch.branchNameEn, E.x.titles["branch-managers"], periodTag(branch.period)]),
    };
  }
  const f = branch.funnel.current;
  const steps: [string, number, string | null][] = [
    [d.funnelSteps.pool, f.listed, null],
    [d.funnelSteps.needs, f.needs, null],
    [d.funnelSteps.visited, f.visited, null],
    [d.funnelSteps.credited, f.credited, f.creditAmount],
    [d.funnelSteps.firstLoans, f.firstLoans, f.firstLoanAmount],
    [d.funnelSteps.partners, branch.partners.current, null],
  ];
  return {
    title: `${branchName} ${x.titles["branch-funnel"]}`,
    sheetName: x.sheet,
    ...file([branchName, x.titles["branch-funnel"], periodTag(branch.period)], [branch.branchNameEn, E.x.titles["branch-funnel"], periodTag(branch.period)]),
    filters,
    columns: [
      { key: "step", header: x.step, kind: "text" }, { key: "count", header: x.count, kind: "count" },
      { key: "amount", header: x.amount, kind: "amount" }, { key: "conversion", header: x.stepConversion, kind: "ratio" },
    ],
    rows: steps.map(([step, count, amount], i) => ({
      step, count, amount,
      conversion: i === 0 ? null : ratio(BigInt(count), BigInt(steps[i - 1]![1]), 4),
    })),
  };
}
