// The assessment as an export table (lib/queries/export-table.ts, table "assessment"):
// ?unit=branch|manager&kind=month|quarter|year&month=|quarter=|year= — the rows the caller
// sees on /assessment, with the scheme's weights in the filters. Chinese headers.
import type { DataTable } from "@/lib/export/table";
import { toShanghaiDate } from "@/lib/domain/dates";
import zh from "@/lib/i18n/messages/zh-CN/assessment.json";
import type { AssessmentView } from "@/lib/queries/assessment";
import { INDICATOR_KEYS } from "@/lib/assessment/score";

const x = zh.export;
const ind = zh.indicators;

export function assessmentTable(view: AssessmentView, unit: "branch" | "manager"): DataTable {
  const rows = unit === "branch" ? view.branches : view.managers;
  const weights = view.scheme ? INDICATOR_KEYS.map((k) => `${ind[k]} ${view.scheme!.weights[k]}%`).join("；") : x.noScheme;
  return {
    title: `${view.bankName} ${unit === "branch" ? x.titleBranches : x.titleManagers}`,
    sheetName: x.sheet,
    filters: [
      [x.scope, view.bankName],
      [x.period, `${view.period.from} 至 ${view.period.to}（${view.period.key}）`],
      [x.scheme, view.scheme ? `${view.scheme.name}（${view.scheme.validFrom} 起）` : x.noScheme],
      [x.weights, weights],
      [x.exportedAt, `${toShanghaiDate(new Date())}（北京时间）`],
    ],
    columns: [
      { key: "rank", header: x.rank, kind: "count" },
      { key: "name", header: unit === "branch" ? x.branch : x.manager, kind: "text" },
      ...(unit === "manager" ? [{ key: "branchName", header: x.branch, kind: "text" as const }] : []),
      { key: "score", header: x.score, kind: "count" },
      { key: "newFirstLoans", header: ind.newFirstLoans, kind: "count" },
      { key: "firstLoanAmount", header: `${ind.firstLoanAmount}（元）`, kind: "amount" },
      { key: "coverage", header: ind.coverage, kind: "ratio" },
      { key: "conversion", header: ind.conversion, kind: "ratio" },
      { key: "partners", header: ind.partners, kind: "count" },
      { key: "timeliness", header: `${ind.timeliness}（${x.days}）`, kind: "count" },
    ],
    rows: rows.map((r) => ({
      rank: r.rank,
      name: r.name,
      branchName: r.branchName,
      score: r.score,
      newFirstLoans: r.indicators.newFirstLoans,
      firstLoanAmount: r.indicators.firstLoanAmount,
      coverage: r.indicators.coverage === null ? null : r.indicators.coverage.toFixed(4),
      conversion: r.indicators.conversion === null ? null : r.indicators.conversion.toFixed(4),
      partners: r.indicators.partners,
      timeliness: r.indicators.timeliness,
    })),
  };
}
