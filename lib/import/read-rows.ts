// Rows of an uploaded list file, CSV or .xlsx, as a stream of chunks (~1,000 rows each) so
// a 530,000-row file never sits in memory. The first row yielded is the header row.
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import { csvRecords } from "./csv-rows";
import { mapHeader } from "./fields";
import { ImportFileError } from "./file-error";
import { isBlank } from "./text";
import { xlsxRecords } from "./xlsx-rows";

export type FileFormat = "csv" | "xlsx";

/** lineNo: 1-based line (CSV: the physical line a record starts on) or worksheet row number. */
export type SourceRow = { lineNo: number; cells: string[] };

export type ReadInfo = {
  /** utf-16le/be: Excel's "Unicode text" export (tab-separated, with a BOM). null for .xlsx. */
  encoding: "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be" | null;
  /** Line of the header row: later than the first non-empty row when a title row sits above it. */
  headerLineNo?: number;
  /** XLSX only: share of the worksheet read so far (0–1), for a progress bar and time left. */
  fraction?: number;
};

export const CHUNK_ROWS = 1000;
/** Title rows ("2020年百行进万企名单") tolerated above the header. */
const HEADER_SEARCH_ROWS = 10;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0]; // legacy .xls

function startsWith(head: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => head[i] === b);
}

/** By magic bytes (a zip is an .xlsx), then by extension; null for what we cannot read. */
export function detectFormat(fileName: string, head: Uint8Array): FileFormat | null {
  if (startsWith(head, ZIP_MAGIC)) return "xlsx";
  if (startsWith(head, OLE_MAGIC)) return null;
  const ext = fileName.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (ext === "xlsx" || ext === "xlsm" || ext === "xls") return null; // says Excel, is not a zip
  if (ext === "csv" || ext === "txt" || ext === "tsv") return "csv";
  // No telling extension: text without NUL bytes (or with a UTF-16 BOM) is taken for CSV.
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) return "csv";
  return head.subarray(0, 4096).includes(0) ? null : "csv";
}

function isBlankRow(cells: string[]): boolean {
  for (let i = 0; i < cells.length; i++) if (!isBlank(cells[i])) return false;
  return true;
}

/**
 * The header among the first rows: the first that names every required field, else the one
 * naming the most fields (so a title row above a header that lacks a column is not taken
 * for the header), else the first row.
 */
function headerIndex(rows: readonly SourceRow[]): number {
  let best = 0;
  let bestScore = 0;
  for (let i = 0; i < rows.length; i++) {
    const { columns, missing } = mapHeader(rows[i]!.cells);
    if (missing.length === 0) return i;
    const score = Object.keys(columns).length;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Skips blank rows, puts the header first (title rows above it are dropped) and re-chunks to
 * about CHUNK_ROWS rows.
 */
async function* shape(records: AsyncIterable<SourceRow[]>, info?: ReadInfo): AsyncGenerator<SourceRow[]> {
  let head: SourceRow[] | null = [];
  let out: SourceRow[] = [];
  const flushHead = (rows: SourceRow[]) => {
    const at = headerIndex(rows);
    if (info) info.headerLineNo = rows[at]!.lineNo;
    for (let i = at; i < rows.length; i++) out.push(rows[i]!);
  };
  for await (const chunk of records) {
    for (const row of chunk) {
      if (isBlankRow(row.cells)) continue;
      if (head !== null) {
        head.push(row);
        if (head.length < HEADER_SEARCH_ROWS && mapHeader(row.cells).missing.length > 0) continue;
        flushHead(head);
        head = null;
        continue;
      }
      out.push(row);
      if (out.length >= CHUNK_ROWS) {
        yield out;
        out = [];
      }
    }
  }
  if (head !== null && head.length > 0) flushHead(head);
  if (out.length > 0) yield out;
}

export async function* readRows(source: AsyncIterable<Uint8Array>, format: FileFormat, info?: ReadInfo): AsyncGenerator<SourceRow[]> {
  if (format === "csv") {
    yield* shape(csvRecords(source, info), info);
    return;
  }
  // An .xlsx is read through its central directory, at the end of the file: spool it to a
  // temporary file (its size, not its row count, bounds what it takes).
  const dir = await mkdtemp(join(tmpdir(), "shoudai-import-"));
  try {
    const path = join(dir, "upload.xlsx");
    await pipeline(Readable.from(source), createWriteStream(path));
    yield* shape(xlsxRecords(path, info), info);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The same from a file on disk (no temporary copy for an .xlsx). */
export async function* readRowsFromFile(path: string, format: FileFormat, info?: ReadInfo): AsyncGenerator<SourceRow[]> {
  if (format === "csv") {
    yield* shape(csvRecords(createReadStream(path, { highWaterMark: 1 << 20 }), info), info);
  } else if (format === "xlsx") {
    yield* shape(xlsxRecords(path, info), info);
  } else {
    throw new ImportFileError("unsupportedFormat");
  }
}
