// The first worksheet of an .xlsx workbook, row by row, without building a document: the
// shared strings table is read into memory first (random access through the zip's central
// directory), then the sheet XML is scanned byte by byte as it inflates. Faster than exceljs's
// streaming reader by a wide margin (figures in scripts/bench/import-parse.ts) and memory stays
// at the shared strings plus one inflate window.
import type { ReadInfo, SourceRow } from "./read-rows";
import { locateParts } from "./xlsx-parts";
import {
  cellType, closeTag, collectText, columnOf, completeElements, decodeText, intAt, needles, nextGt, nextLt, numberAt,
  rootPrefix, scanAttrs, SLASH, T_BOOL, T_INLINE, T_NUMBER, T_SHARED, tagAt, type Attrs,
} from "./xlsx-scan";
import { readSharedStrings } from "./xlsx-shared-strings";
import { ZipFile, type ZipEntry } from "./zip";

/** Rows of the workbook's first worksheet (blank rows included; the caller skips them). */
export async function* xlsxRecords(path: string, info?: ReadInfo): AsyncGenerator<SourceRow[]> {
  if (info) info.encoding = null;
  const zip = await ZipFile.open(path);
  try {
    const { sheet, sharedStrings } = await locateParts(zip);
    const sst = sharedStrings ? await readSharedStrings(zip, sharedStrings) : [];
    yield* sheetRows(zip, sheet, sst, info);
  } finally {
    await zip.close();
  }
}

async function* sheetRows(zip: ZipFile, entry: ZipEntry, sst: string[], info?: ReadInfo): AsyncGenerator<SourceRow[]> {
  const source = zip.read(entry, (bytes) => {
    if (info) info.fraction = entry.compressedSize > 0 ? bytes / entry.compressedSize : 1;
  });
  // Look at the first chunk for the namespace prefix, then cut the stream after </row>.
  const first = await source.next();
  if (first.done) return;
  const prefix = rootPrefix(first.value);
  const n = needles(prefix);
  const closeRow = closeTag(prefix, "row");
  const closeC = closeTag(prefix, "c");
  const closeRPh = closeTag(prefix, "rPh");
  async function* all(): AsyncGenerator<Buffer> {
    yield first.value as Buffer;
    yield* source;
  }

  const attrs: Attrs = { r0: -1, r1: -1, t0: -1, t1: -1 };
  let rowNo = 0;
  let cells: string[] | null = null;
  let col = -1;
  let out: SourceRow[] = [];

  for await (const { buf: b, end } of completeElements(all(), closeRow)) {
    let p = 0;
    for (;;) {
      const lt = nextLt(b, p, end);
      if (lt >= end) break;
      const isClose = b[lt + 1] === SLASH;
      const nameAt = isClose ? lt + 2 : lt + 1;
      // <c …>: a cell.
      const afterC = isClose || cells === null ? -1 : tagAt(b, nameAt, n.prefix, n.c);
      if (afterC >= 0) {
        const gt = nextGt(b, afterC, end);
        scanAttrs(b, afterC, gt, attrs);
        col = attrs.r0 >= 0 ? columnOf(b, attrs.r0, attrs.r1) : col + 1;
        p = gt + 1;
        if (b[gt - 1] === SLASH) continue;
        const type = cellType(b, attrs.t0, attrs.t1);
        let value: string | null = null;
        // Children up to </c>: the cached value <v>, a formula <f> before it, or <is> text.
        for (;;) {
          const q = nextLt(b, p, end);
          if (q >= end) {
            p = end;
            break;
          }
          if (b[q + 1] === SLASH) {
            const after = tagAt(b, q + 2, n.prefix, n.c);
            p = nextGt(b, q + 1, end) + 1;
            if (after >= 0) break;
            continue;
          }
          const afterV = tagAt(b, q + 1, n.prefix, n.v);
          if (afterV >= 0) {
            const vgt = nextGt(b, afterV, end);
            if (b[vgt - 1] === SLASH) {
              p = vgt + 1;
              continue;
            }
            const vEnd = nextLt(b, vgt + 1, end);
            if (type === T_SHARED) value = sst[intAt(b, vgt + 1, vEnd)] ?? "";
            else if (type === T_NUMBER) value = numberAt(b, vgt + 1, vEnd);
            else if (type === T_BOOL) value = b[vgt + 1] === 0x31 ? "TRUE" : "FALSE";
            else if (type !== T_INLINE) value = decodeText(b, vgt + 1, vEnd);
            p = vEnd;
            continue;
          }
          if (type === T_INLINE && tagAt(b, q + 1, n.prefix, n.is) >= 0) {
            const close = b.indexOf(closeC, q);
            const stop = close < 0 || close > end ? end : close;
            value = collectText(b, q, stop, n, closeRPh);
            p = stop;
            continue;
          }
          p = q + 1;
        }
        if (value !== null && col >= 0 && col < 16384) {
          while (cells!.length < col) cells!.push("");
          cells![col] = value;
        }
        continue;
      }
      // <row …> / </row> / <row …/>.
      const afterRow = tagAt(b, nameAt, n.prefix, n.row);
      if (afterRow >= 0) {
        const gt = nextGt(b, afterRow, end);
        if (isClose) {
          if (cells !== null) {
            out.push({ lineNo: rowNo, cells });
            if (out.length >= 1000) {
              yield out;
              out = [];
            }
          }
          cells = null;
        } else {
          scanAttrs(b, afterRow, gt, attrs);
          const r = attrs.r0 >= 0 ? intAt(b, attrs.r0, attrs.r1) : -1;
          rowNo = r > 0 ? r : rowNo + 1;
          col = -1;
          cells = b[gt - 1] === SLASH ? null : [];
        }
        p = gt + 1;
        continue;
      }
      p = lt + 1;
    }
  }
  if (cells !== null) out.push({ lineNo: rowNo, cells });
  if (out.length > 0) yield out;
  if (info) info.fraction = 1;
}
