// A notice as an Excel workbook: one sheet per table (funnel, bank ranking, city ranking,
// lagging banks), each laid out like every other export (lib/export/table.ts: title, the
// filters, a bold header, counts and amounts as numbers with formats, an auto-filter, a
// frozen header). Chinese headers, from the zh-CN catalogue.
import ExcelJS from "exceljs";
import zh from "@/lib/i18n/messages/zh-CN/notices.json";
import { FIGURE_KEYS } from "@/lib/domain/rollup";
import type { FunnelBlock, RankRow } from "@/lib/domain/notice";
import { addTableSheet, type DataTable, type ExportCell, type ExportColumn } from "@/lib/export/table";
import type { BankNoticeView, NoticeView } from "@/lib/queries/notices";

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? "");

function funnelTable(title: string, filters: DataTable["filters"], scopes: [string, { month: FunnelBlock; ytd: FunnelBlock }][]): DataTable {
  const columns: ExportColumn[] = [
    { key: "scope", header: zh.xlsx.scope, kind: "text" },
    { key: "period", header: zh.xlsx.period, kind: "text" },
    ...FIGURE_KEYS.flatMap((k): ExportColumn[] => [
      { key: k, header: zh.figures[k], kind: k.endsWith("Amount") ? "amount" : "count" },
      { key: `${k}Previous`, header: `${zh.figures[k]}（${zh.funnel.lastYear}）`, kind: k.endsWith("Amount") ? "amount" : "count" },
      { key: `${k}Yoy`, header: `${zh.figures[k]}${zh.funnel.yoy}%`, kind: "percent" },
    ]),
    { key: "conversion", header: zh.funnel.conversion, kind: "ratio" },
  ];
  const rows = scopes.flatMap(([scope, s]) => (["month", "ytd"] as const).map((p) => {
    const b = s[p];
    const row: Record<string, ExportCell> = { scope, period: p === "month" ? zh.funnel.month : zh.funnel.ytd, conversion: b.conversion };
    for (const k of FIGURE_KEYS) { row[k] = b.current[k]; row[`${k}Previous`] = b.previous[k]; row[`${k}Yoy`] = b.yoy[k]; }
    return row;
  }));
  return { title, sheetName: zh.xlsx.funnelSheet, filters, columns, rows };
}

const RANK_COLUMNS = (nameHeader: string): ExportColumn[] => [
  { key: "rank", header: zh.rankings.rank, kind: "count" },
  { key: "name", header: nameHeader, kind: "text" },
  { key: "monthFirstLoans", header: zh.rankings.monthFirstLoans, kind: "count" },
  { key: "firstLoans", header: zh.rankings.firstLoans, kind: "count" },
  { key: "firstLoansPrevious", header: `${zh.rankings.firstLoans}（${zh.funnel.lastYear}）`, kind: "count" },
  { key: "firstLoansYoy", header: `${zh.rankings.firstLoansYoy}%`, kind: "percent" },
  { key: "firstLoanAmount", header: zh.figures.firstLoanAmount, kind: "amount" },
  { key: "coverage", header: zh.rankings.coverage, kind: "ratio" },
  { key: "coverageRank", header: `${zh.rankings.coverage}${zh.rankings.rank}`, kind: "count" },
  { key: "conversion", header: zh.rankings.conversion, kind: "ratio" },
  { key: "conversionRank", header: `${zh.rankings.conversion}${zh.rankings.rank}`, kind: "count" },
  { key: "creditShare", header: zh.rankings.creditShare, kind: "ratio" },
  { key: "creditShareRank", header: `${zh.rankings.creditShare}${zh.rankings.rank}`, kind: "count" },
  { key: "medianDays", header: zh.rankings.medianDays, kind: "percent" },
  { key: "medianDaysRank", header: `${zh.rankings.medianDays}${zh.rankings.rank}`, kind: "count" },
];

function rankRow(r: RankRow): Record<string, ExportCell> {
  return {
    rank: r.ranks.firstLoans, name: r.name, monthFirstLoans: r.monthFirstLoans, firstLoans: r.firstLoans, firstLoansPrevious: r.firstLoansPrevious,
    firstLoansYoy: r.firstLoansYoy, firstLoanAmount: r.firstLoanAmount, coverage: r.coverage, coverageRank: r.ranks.coverage,
    conversion: r.conversion, conversionRank: r.ranks.conversion, creditShare: r.creditShare, creditShareRank: r.ranks.creditShare,
    medianDays: r.medianDays, medianDaysRank: r.ranks.medianDays,
  };
}

/** The tables of a notice as its reader may see it (a bank's page holds only its own row and the names and ranks of the others). */
export function noticeTables(view: NoticeView): DataTable[] {
  const published = view.publishedAt.slice(0, 19).replace("T", " ") + " UTC";
  if (view.audience === "province") {
    const f = view.figures;
    const title = fill(zh.xlsx.title, { month: view.month });
    const filters: DataTable["filters"] = [[zh.month, view.month], [zh.publishedAt, published], [zh.funnel.ytd, `${f.periods.ytd.from} — ${f.periods.ytd.to}`]];
    return [
      funnelTable(title, filters, [[zh.funnel.scopeExcl, f.funnel.excludingNingbo], [zh.funnel.scopeAll, f.funnel.all], [zh.funnel.scopeNingbo, f.funnel.ningboOnly]]),
      { title, sheetName: zh.xlsx.banksSheet, filters, columns: RANK_COLUMNS(zh.rankings.bank), rows: f.rankings.banks.map(rankRow) },
      { title, sheetName: zh.xlsx.citiesSheet, filters, columns: RANK_COLUMNS(zh.rankings.city), rows: f.rankings.cities.map(rankRow) },
      {
        title, sheetName: zh.xlsx.flagsSheet, filters,
        columns: [{ key: "name", header: zh.flags.bank, kind: "text" }, { key: "rule", header: zh.flags.metric, kind: "text" }, { key: "value", header: zh.flags.value, kind: "text" }],
        rows: f.flags.map((x) => ({ name: x.name, rule: fill(zh.flags.rule, { metric: zh.metrics[x.metric], comparator: zh.flags[x.comparator], threshold: x.threshold }), value: String(x.value) })),
      },
    ];
  }
  if (view.audience === "ningbo") {
    const title = fill(zh.xlsx.title, { month: view.month });
    return [funnelTable(title, [[zh.month, view.month], [zh.publishedAt, published]], [[zh.funnel.scopeNingbo, view.funnel.ningboOnly]])];
  }
  return bankTables(view, published);
}

function bankTables(view: BankNoticeView, published: string): DataTable[] {
  const title = fill(zh.xlsx.bankTitle, { month: view.month });
  const filters: DataTable["filters"] = [[zh.month, view.month], [zh.publishedAt, published]];
  const own = view.own ? [rankRow(view.own)] : [];
  const province = { ...rankRow({ ...view.provinceRow, ranks: { firstLoans: null, coverage: null, conversion: null, firstLoansYoy: null, creditShare: null, medianDays: null } }), name: zh.bank.province };
  return [
    funnelTable(title, filters, [[zh.funnel.scopeExcl, view.province]]),
    { title, sheetName: zh.xlsx.banksSheet, filters, columns: RANK_COLUMNS(zh.rankings.bank), rows: [...own, province] },
    {
      title, sheetName: zh.bank.rankingTitle, filters,
      columns: [
        { key: "name", header: zh.rankings.bank, kind: "text" },
        { key: "firstLoans", header: `${zh.rankings.firstLoans}${zh.rankings.rank}`, kind: "count" },
        { key: "coverage", header: `${zh.rankings.coverage}${zh.rankings.rank}`, kind: "count" },
        { key: "conversion", header: `${zh.rankings.conversion}${zh.rankings.rank}`, kind: "count" },
        { key: "creditShare", header: `${zh.rankings.creditShare}${zh.rankings.rank}`, kind: "count" },
        { key: "medianDays", header: `${zh.rankings.medianDays}${zh.rankings.rank}`, kind: "count" },
      ],
      rows: view.ranking.map((r) => ({ name: r.isOwn ? `${r.name}${zh.bank.ownMark}` : r.name, ...r.ranks })),
    },
  ];
}

export async function noticeWorkbook(view: NoticeView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "首贷通";
  workbook.created = new Date();
  for (const table of noticeTables(view)) addTableSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
