// Turns rollup rows into formatted table rows (server side): counts grouped, amounts in
// 元/万元/亿元, conversion and year-on-year as percentages, last year's figure underneath.
import type { RollupRow } from "@/lib/queries/province-rollup";
import type { FigureKey } from "@/lib/domain/rollup";
import { toCents } from "@/lib/domain/money";
import type { Cell, TableColumn, TableRow } from "@/components/dashboard/sortable-table";

export type Translate = (key: string, values?: Record<string, string | number>) => string;
export type Fmt = { amount: (v: string) => string };

export function percentText(ratio: string | null): string {
  return ratio === null ? "—" : `${(Number(ratio) * 100).toFixed(1)}%`;
}

export function yoyText(yoy: string | null): string {
  if (yoy === null) return "—";
  return yoy.startsWith("-") ? `${yoy}%` : `+${yoy}%`;
}

export function figureColumns(t: Translate, listedKey: "rollup.listed" | "rollup.listedBank"): TableColumn[] {
  return [
    { key: "listed", label: t(listedKey), numeric: true },
    { key: "needs", label: t("rollup.needs"), numeric: true },
    { key: "visited", label: t("rollup.visited"), numeric: true },
    { key: "credited", label: t("rollup.credited"), numeric: true },
    { key: "creditAmount", label: t("rollup.creditAmount"), numeric: true },
    { key: "firstLoans", label: t("rollup.firstLoans"), numeric: true },
    { key: "firstLoanAmount", label: t("rollup.firstLoanAmount"), numeric: true },
    { key: "conversion", label: t("rollup.conversion"), numeric: true },
  ];
}

// One number formatter per locale: toLocaleString(locale) builds a new one on every call, and
// a province table formats a hundred numbers per request.
const COUNT_FORMATS = new Map<string, Intl.NumberFormat>();
export function formatCount(value: number, locale: string): string {
  let format = COUNT_FORMATS.get(locale);
  if (!format) COUNT_FORMATS.set(locale, (format = new Intl.NumberFormat(locale)));
  return format.format(value);
}

export function figureCells(row: RollupRow, t: Translate, f: Fmt, locale: string): Record<string, Cell> {
  // The "YoY {value}" label is the same for every cell: format the message once per row.
  const yoyLabel = t("rollup.yoyValue", { value: "\u0000" });
  const yoy = (key: FigureKey) => yoyLabel.replace("\u0000", yoyText(row.yoy[key]));
  const count = (key: FigureKey) => {
    const v = row.current[key] as number;
    return { text: formatCount(v, locale), sort: v, sub: yoy(key) };
  };
  const amount = (key: FigureKey) => {
    const v = row.current[key] as string;
    return { text: f.amount(v), sort: Number(toCents(v)), sub: yoy(key) };
  };
  return {
    listed: count("listed"),
    needs: count("needs"),
    visited: count("visited"),
    credited: count("credited"),
    creditAmount: amount("creditAmount"),
    firstLoans: count("firstLoans"),
    firstLoanAmount: amount("firstLoanAmount"),
    conversion: { text: percentText(row.conversion), sort: row.conversion === null ? -1 : Number(row.conversion), sub: `${t("rollup.lastYear")} ${percentText(row.previousConversion)}` },
  };
}

export function toTableRow(row: RollupRow, name: Cell, t: Translate, f: Fmt, locale: string): TableRow {
  return { key: row.code, cells: { name, ...figureCells(row, t, f, locale) } };
}
