// The per-row error file a user downloads after an import: 行号 (line number), 原因 (the
// reasons in Chinese), then the row exactly as it was in their file, under their own header,
// so they can fix the rows and import them again.
import { PassThrough } from "node:stream";
import { once } from "node:events";
import ExcelJS from "exceljs";
import { csvTextCell, neutralizeCell } from "@/lib/export/csv-cell";
import { reasonsText } from "./reasons";

export type ErrorFileRow = { lineNo: number; reasons: string[]; raw: string[]; detail?: Record<string, string> | null };

export const ERROR_FILE_HEADERS = ["行号", "原因"] as const;

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const FLUSH_CHARS = 64 * 1024;

// The formula rule is shared with the dashboard exports (lib/export/csv-cell.ts).
export { neutralizeCell };

function line(cells: readonly string[]): string {
  let out = "";
  for (let i = 0; i < cells.length; i++) out += (i > 0 ? "," : "") + csvTextCell(cells[i] ?? "");
  return `${out}\r\n`;
}

/** CSV in UTF-8 with BOM (Excel on Chinese Windows opens it right) and CRLF line ends. */
export async function* errorFileCsv(
  header: string[],
  rows: AsyncIterable<ErrorFileRow> | Iterable<ErrorFileRow>,
): AsyncGenerator<Buffer> {
  yield BOM;
  let text = line([...ERROR_FILE_HEADERS, ...header]);
  for await (const row of rows) {
    text += line([String(row.lineNo), reasonsText(row.reasons, "zh", row.detail), ...row.raw]);
    if (text.length >= FLUSH_CHARS) {
      yield Buffer.from(text);
      text = "";
    }
  }
  yield Buffer.from(text);
}

/**
 * The same as .xlsx, written row by row with exceljs's streaming writer. Every cell is a
 * string (a code stays "0573…", never a number), so nothing in it runs as a formula.
 */
export function errorFileXlsx(header: string[], rows: AsyncIterable<ErrorFileRow> | Iterable<ErrorFileRow>): AsyncIterable<Buffer> {
  const out = new PassThrough({ highWaterMark: 1 << 20 });
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
  const sheet = workbook.addWorksheet("错误明细");
  sheet.columns = [
    { width: 8 },
    { width: 48 },
    ...header.map((h) => ({ width: Math.min(40, Math.max(12, h.length * 2 + 4)) })),
  ];
  const write = async () => {
    const head = sheet.addRow([...ERROR_FILE_HEADERS, ...header]);
    head.font = { bold: true };
    head.commit();
    let n = 0;
    for await (const row of rows) {
      sheet.addRow([row.lineNo, reasonsText(row.reasons, "zh", row.detail), ...row.raw]).commit();
      // Let a slow download hold the writer back instead of piling rows up in memory.
      if (++n % 1000 === 0 && out.writableNeedDrain) await once(out, "drain");
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((error: unknown) => out.destroy(error instanceof Error ? error : new Error(String(error))));
  return out;
}
