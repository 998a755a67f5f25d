import "server-only";
import type { Actor } from "@/lib/auth/actor";
import zh from "@/lib/i18n/messages/zh-CN.json";
import { findCity } from "@/lib/domain/regions";
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

// Exports carry Chinese headers whatever the screen language (the files go to reports).
const r = zh.rollup;
const x = zh.export;

function figureColumns(listedHeader: string): ExportColumn[] {
  const cols: [string, string, ExportColumn["kind"]][] = [
    ["listed", listedHeader, "count"], ["needs", r.needs, "count"], ["visited", r.visited, "count"], ["credited", r.credited, "count"],
    ["creditAmount", `${r.creditAmount}（元）`, "amount"], ["firstLoans", r.firstLoans, "count"], ["firstLoanAmount", `${r.firstLoanAmount}（元）`, "amount"],
  ];
  return [
    ...cols.map(([key, header, kind]) => ({ key, header, kind })),
    { key: "conversion", header: r.conversion, kind: "ratio" as const },
    ...cols.map(([key, header, kind]) => ({ key: `prev_${key}`, header: `${r.lastYear}·${header}`, kind })),
    ...cols.map(([key, header]) => ({ key: `yoy_${key}`, header: `${r.yoy}·${header.replace("（元）", "")}（%）`, kind: "percent" as const })),
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

function periodFilters(p: { from: string; to: string }, prev: { from: string; to: string }): [string, string][] {
  return [
    [x.period, `${p.from} 至 ${p.to}`],
    [x.previous, `${prev.from} 至 ${prev.to}`],
  ];
}

const ningboLabel = (n: string) => (n === "only" ? r.ningboOnly : n === "exclude" ? r.ningboExclude : r.ningboInclude);

/** The table behind a dashboard view, for the same actor and filters; null when not theirs. */
export async function buildExportTable(actor: Actor | null, name: ExportTableName, raw: Record<string, string>): Promise<DataTable | null> {
  if (name === "assessment") {
    // Scores and ranks (考核) as /assessment shows them to this caller; unit branch|manager.
    const view = await getAssessment(actor, raw);
    const unit = raw.unit === "manager" ? "manager" : "branch";
    return view ? assessmentTable(view, unit) : null;
  }
  const params = rollupParamsSchema.parse(raw);
  const exportedAt: [string, string] = [x.exportedAt, `${toShanghaiDate(new Date())}（北京时间）`];
  const unit: [string, string] = [x.amountUnit, x.yuan];
  if (name === "province") {
    const rollup = await getProvinceRollup(actor, params);
    if (!rollup) return null;
    const byLabel = rollup.by === "city" ? r.byCity : rollup.by === "county" ? r.byCounty : r.byBank;
    const nameHeader = rollup.by === "city" ? r.city : rollup.by === "county" ? r.county : r.bank;
    return {
      title: x.titles.province,
      sheetName: x.sheet,
      filters: [
        ...periodFilters(rollup.period, rollup.previousPeriod),
        [x.ningbo, ningboLabel(rollup.ningbo)],
        [x.by, byLabel],
        ...(rollup.city ? [[x.city, findCity(rollup.city)?.name ?? rollup.city] as [string, string]] : []),
        unit,
        exportedAt,
      ],
      columns: [{ key: "code", header: "代码", kind: "text" }, { key: "name", header: nameHeader, kind: "text" }, ...figureColumns(rollup.by === "bank" ? r.listedBank : r.listed)],
      rows: [...rollup.rows, rollup.totals].map((row) => ({ code: row.code === "total" ? "" : row.code, name: row.code === "total" ? r.total : row.name, ...figureCells(row) })),
    };
  }
  if (name === "bank-branches" || name === "bank-cities") {
    const bank = await getBankDashboard(actor, { ...params, ningbo: params.ningbo });
    if (!bank) return null;
    const rows = name === "bank-branches" ? bank.byBranch : bank.byCity;
    return {
      title: `${bank.bankName} ${x.titles[name]}`,
      sheetName: x.sheet,
      filters: [[x.scope, bank.bankName], ...periodFilters(bank.period, bank.previousPeriod), [x.ningbo, ningboLabel(bank.ningbo)], unit, exportedAt],
      columns: [{ key: "name", header: name === "bank-branches" ? r.branch : r.city, kind: "text" }, ...figureColumns(r.listedBank)],
      rows: [...rows, bank.totals].map((row) => ({ name: row.code === "total" ? r.total : row.name, ...figureCells(row) })),
    };
  }
  const branch = await getBranchDashboard(actor, params);
  if (!branch) return null;
  const filters: [string, string][] = [[x.scope, branch.branchName], ...periodFilters(branch.period, branch.previousPeriod), unit, exportedAt];
  if (name === "branch-managers") {
    return {
      title: `${branch.branchName} ${x.titles["branch-managers"]}`,
      sheetName: x.sheet,
      filters,
      columns: [{ key: "name", header: r.manager, kind: "text" }, { key: "poolSize", header: zh.dashboard.poolSize, kind: "count" }, ...figureColumns(r.listedBank)],
      rows: branch.managers.map((row) => ({ name: row.name, poolSize: row.poolSize, ...figureCells(row) })),
    };
  }
  const f = branch.funnel.current;
  const steps: [string, number, string | null][] = [
    [zh.dashboard.funnelSteps.pool, f.listed, null],
    [zh.dashboard.funnelSteps.needs, f.needs, null],
    [zh.dashboard.funnelSteps.visited, f.visited, null],
    [zh.dashboard.funnelSteps.credited, f.credited, f.creditAmount],
    [zh.dashboard.funnelSteps.firstLoans, f.firstLoans, f.firstLoanAmount],
    [zh.dashboard.funnelSteps.partners, branch.partners.current, null],
  ];
  return {
    title: `${branch.branchName} ${x.titles["branch-funnel"]}`,
    sheetName: x.sheet,
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
