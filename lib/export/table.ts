// A table as exports see it, and its two file formats. Every dashboard table goes through
// here: CSV (UTF-8 with BOM so Excel opens Chinese text; amounts as exact decimal strings)
// and .xlsx (exceljs: Chinese headers, counts and amounts as numbers, an auto-filter on the
// header row). Both start with the filters that produced the table, so a file read on its
// own still says what it shows.
import ExcelJS from "exceljs";
import { csvTextCell } from "@/lib/export/csv-cell";

export type ColumnKind = "text" | "count" | "amount" | "ratio" | "percent";
export type ExportColumn = { key: string; header: string; kind: ColumnKind };
export type ExportCell = string | number | null;
export type DataTable = {
  title: string;
  sheetName: string;
  filters: [label: string, value: string][];
  columns: ExportColumn[];
  rows: Record<string, ExportCell>[];
  /** The download's name without extension: in the caller's language, and its ASCII fallback. */
  fileStem?: { name: string; ascii: string };
};

// Counts, amounts and ratios we computed stay numbers (a negative amount stays -1200.50);
// everything else (text columns, a non-numeric value in a numeric column, titles, filters,
// headers) is a text cell and neutralised when a spreadsheet would run it as a formula.
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?$/;

function csvField(value: ExportCell, kind: ColumnKind = "text"): string {
  if (value === null) return "";
  if (kind !== "text" && (typeof value === "number" ? Number.isFinite(value) : PLAIN_NUMBER.test(value))) return String(value);
  return csvTextCell(String(value));
}

/** Filters (label, value) first, a blank line, then the header and the rows. */
export function toCsv(table: DataTable): string {
  const lines: string[] = [csvField(table.title)];
  for (const [label, value] of table.filters) lines.push([label, value].map((v) => csvField(v)).join(","));
  lines.push("");
  lines.push(table.columns.map((c) => csvField(c.header)).join(","));
  for (const row of table.rows) lines.push(table.columns.map((c) => csvField(row[c.key] ?? null, c.kind)).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

const NUMBER_FORMAT: Record<ColumnKind, string | undefined> = {
  text: undefined,
  count: "#,##0",
  amount: "#,##0.00",
  ratio: "0.00%",
  percent: "0.0",
};

/** Excel cells hold IEEE doubles: amounts become numbers there (the CSV keeps exact strings). */
function cellValue(kind: ColumnKind, value: ExportCell): ExcelJS.CellValue {
  if (value === null || value === "") return null;
  if (kind === "text") return String(value);
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : String(value);
}

/** One table as a worksheet: title, filters, a bold header, typed cells, filter and frozen header. */
export function addTableSheet(workbook: ExcelJS.Workbook, table: DataTable): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(table.sheetName);
  sheet.addRow([table.title]).font = { bold: true, size: 13 };
  for (const [label, value] of table.filters) sheet.addRow([label, value]);
  sheet.addRow([]);
  const headerRow = sheet.addRow(table.columns.map((c) => c.header));
  headerRow.font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow(table.columns.map((c) => cellValue(c.kind, row[c.key] ?? null)));
    table.columns.forEach((c, i) => {
      const format = NUMBER_FORMAT[c.kind];
      if (format) added.getCell(i + 1).numFmt = format;
    });
  }
  if (table.rows.length) {
    sheet.autoFilter = {
      from: { row: headerRow.number, column: 1 },
      to: { row: headerRow.number + table.rows.length, column: table.columns.length },
    };
  }
  sheet.views = [{ state: "frozen", ySplit: headerRow.number }];
  table.columns.forEach((c, i) => { sheet.getColumn(i + 1).width = c.kind === "text" ? 22 : 16; });
  return sheet;
}

export async function toXlsx(table: DataTable): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "首贷通";
  workbook.created = new Date();
  addTableSheet(workbook, table);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
