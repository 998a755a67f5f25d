// The first worksheet of an .xlsx workbook, row by row, without building a document: the
// shared strings table is read into memory first (random access through the zip's central
// directory), then the sheet XML is scanned byte by byte as it inflates. Faster than exceljs's
// streaming reader by a wide margin (figures in scripts/bench/import-parse.ts) and memory stays
// at the shared strings plus one inflate window.
import { ImportFileError } from "./file-error";
import type { ReadInfo, SourceRow } from "./read-rows";
import { ZipFile, type ZipEntry } from "./zip";

/** Largest single element (a row, a shared string) the reader holds in one piece. */
const MAX_ELEMENT_BYTES = 16 * 1024 * 1024;
/** Shared strings beyond this (some 3 million rows of text) are refused rather than held. */
const MAX_SHARED_STRING_BYTES = 256 * 1024 * 1024;

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUOTE = 0x22;
const APOS = 0x27;
const EQ = 0x3d;
const COLON = 0x3a;

function isNameEnd(b: number | undefined): boolean {
  // Space, tab, CR, LF, '>' or '/': the tag name ended.
  return b === 0x20 || b === GT || b === SLASH || b === 0x09 || b === 0x0a || b === 0x0d;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
// ST_Xstring: Excel writes characters XML cannot carry (e.g. a CR) as _x000D_.
const XSTRING = /_x([0-9a-fA-F]{4})_/g;

function decodeText(b: Buffer, start: number, end: number): string {
  let s = b.toString("utf8", start, end);
  if (s.includes("&")) {
    s = s.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
      name ? NAMED[name]! : String.fromCodePoint(hex ? parseInt(hex, 16) : Number(dec)),
    );
  }
  // _x0000_ would be a NUL, which PostgreSQL text cannot hold: dropped.
  if (s.includes("_x")) s = s.replace(XSTRING, (_, hex: string) => (parseInt(hex, 16) === 0 ? "" : String.fromCharCode(parseInt(hex, 16))));
  return s;
}

/**
 * A number cell as the digits a person typed: codes and phones stored as numbers come back
 * without exponent or ".0" (1.3800138E+10 → "13800138000", 330483.0 → "330483").
 */
export function numberText(raw: string): string {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c < 48 || c > 57) {
      if (i === 0 && c === 45) continue; // leading minus
      const n = Number(raw);
      if (!Number.isFinite(n)) return raw;
      if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
      return String(n);
    }
  }
  return raw;
}

/** The namespace prefix of the part's root element ("x" for <x:worksheet>), "" for none. */
function rootPrefix(b: Buffer): string {
  let p = 0;
  for (;;) {
    const lt = b.indexOf(LT, p);
    if (lt < 0) return "";
    const next = b[lt + 1];
    if (next === 0x3f /* ? */ || next === 0x21 /* ! */) {
      p = lt + 1;
      continue;
    }
    let e = lt + 1;
    while (e < b.length && !isNameEnd(b[e])) e++;
    const name = b.toString("latin1", lt + 1, e);
    const colon = name.indexOf(":");
    return colon < 0 ? "" : name.slice(0, colon);
  }
}

/** Next '<' at or after p (or `end`): a plain loop beats Buffer#indexOf's call overhead here. */
function nextLt(b: Buffer, p: number, end: number): number {
  while (p < end && b[p] !== LT) p++;
  return p;
}

function nextGt(b: Buffer, p: number, end: number): number {
  while (p < end && b[p] !== GT) p++;
  return p;
}

/** Matches `<prefix:name` (or `</prefix:name` with close) at position p, followed by a name end. */
function tagAt(b: Buffer, p: number, prefix: Buffer, name: Buffer): number {
  let q = p;
  for (let i = 0; i < prefix.length; i++) if (b[q++] !== prefix[i]) return -1;
  for (let i = 0; i < name.length; i++) if (b[q++] !== name[i]) return -1;
  return isNameEnd(b[q]) ? q : -1;
}

type Needles = { prefix: Buffer; row: Buffer; c: Buffer; v: Buffer; t: Buffer; is: Buffer; rPh: Buffer; si: Buffer };

function needles(prefix: string): Needles {
  const pre = Buffer.from(prefix ? `${prefix}:` : "", "latin1");
  return {
    prefix: pre,
    row: Buffer.from("row"),
    c: Buffer.from("c"),
    v: Buffer.from("v"),
    t: Buffer.from("t"),
    is: Buffer.from("is"),
    rPh: Buffer.from("rPh"),
    si: Buffer.from("si"),
  };
}

function closeTag(prefix: string, name: string): Buffer {
  return Buffer.from(`</${prefix ? `${prefix}:` : ""}${name}>`, "latin1");
}

/**
 * Text of every <t> in [start, end), skipping phonetic runs (<rPh>): rich text joins its
 * runs. Text holds no '<', so the next '<' after <t> is its </t>.
 */
function collectText(b: Buffer, start: number, end: number, n: Needles, closeRPh: Buffer): string {
  let out = "";
  let p = start;
  for (;;) {
    const lt = nextLt(b, p, end);
    if (lt >= end) break;
    if (tagAt(b, lt + 1, n.prefix, n.rPh) >= 0) {
      const close = b.indexOf(closeRPh, lt);
      p = close < 0 || close >= end ? end : close + closeRPh.length;
      continue;
    }
    const after = tagAt(b, lt + 1, n.prefix, n.t);
    if (after < 0) {
      p = lt + 1;
      continue;
    }
    const gt = nextGt(b, after, end);
    if (gt >= end) break;
    if (b[gt - 1] === SLASH) {
      p = gt + 1;
      continue;
    }
    const close = nextLt(b, gt + 1, end);
    out += decodeText(b, gt + 1, close);
    p = close + 1;
  }
  return out;
}

/**
 * The part cut after its last complete `close` element in each chunk. Only the piece that
 * straddles two chunks is copied; the rest of a chunk is scanned where it lies.
 */
async function* completeElements(chunks: AsyncIterable<Buffer>, close: Buffer): AsyncGenerator<{ buf: Buffer; end: number }> {
  let carry: Buffer | null = null;
  for await (const chunk of chunks) {
    let start = 0;
    if (carry) {
      const first = chunk.indexOf(close);
      if (first < 0) {
        // One row (or one shared string) of many megabytes is no list: stop before memory goes.
        if (carry.length + chunk.length > MAX_ELEMENT_BYTES) throw new ImportFileError("xlsxTooLarge");
        carry = Buffer.concat([carry, chunk]);
        continue;
      }
      const joined = Buffer.concat([carry, chunk.subarray(0, first + close.length)]);
      carry = null;
      yield { buf: joined, end: joined.length };
      start = first + close.length;
    }
    const last = chunk.lastIndexOf(close);
    if (last < start) {
      // Beyond the limit only when no element ever closes, e.g. a sheet without rows but with
      // megabytes of other markup: the tail is then read as one piece at the end.
      if (chunk.length - start > MAX_ELEMENT_BYTES) throw new ImportFileError("xlsxTooLarge");
      carry = Buffer.from(chunk.subarray(start));
      continue;
    }
    const end = last + close.length;
    yield { buf: start === 0 ? chunk : chunk.subarray(start), end: end - start };
    // Copied: a view would keep the whole inflate chunk alive.
    carry = end < chunk.length ? Buffer.from(chunk.subarray(end)) : null;
  }
  if (carry) yield { buf: carry, end: carry.length };
}

async function readSharedStrings(zip: ZipFile, entry: ZipEntry): Promise<string[]> {
  const strings: string[] = [];
  const source = zip.read(entry);
  const first = await source.next();
  if (first.done) return strings;
  // The root element's prefix ("x" in <x:sst>) names every element of the part.
  const prefix = rootPrefix(first.value);
  const n = needles(prefix);
  const closeSi = closeTag(prefix, "si");
  const closeRPh = closeTag(prefix, "rPh");
  let total = 0;
  async function* all(): AsyncGenerator<Buffer> {
    yield first.value as Buffer;
    for await (const chunk of source) {
      total += chunk.length;
      if (total > MAX_SHARED_STRING_BYTES) throw new ImportFileError("xlsxTooLarge");
      yield chunk;
    }
  }
  for await (const { buf, end } of completeElements(all(), closeSi)) {
    let p = 0;
    for (;;) {
      const lt = nextLt(buf, p, end);
      if (lt >= end) break;
      const after = tagAt(buf, lt + 1, n.prefix, n.si);
      if (after < 0) {
        p = lt + 1;
        continue;
      }
      const gt = nextGt(buf, after, end);
      if (gt >= end) break;
      if (buf[gt - 1] === SLASH) {
        strings.push("");
        p = gt + 1;
        continue;
      }
      // The usual entry, <si><t>text</t></si>, without the general walk over its children.
      const t = gt + 1;
      const afterT = buf[t] === LT ? tagAt(buf, t + 1, n.prefix, n.t) : -1;
      if (afterT >= 0) {
        const tgt = nextGt(buf, afterT, end);
        if (buf[tgt - 1] !== SLASH) {
          const close = nextLt(buf, tgt + 1, end);
          const siClose = nextGt(buf, close, end) + 1;
          if (buf[siClose] === LT && buf[siClose + 1] === SLASH && tagAt(buf, siClose + 2, n.prefix, n.si) >= 0) {
            strings.push(decodeText(buf, tgt + 1, close));
            p = nextGt(buf, siClose, end) + 1;
            continue;
          }
        }
      }
      const close = buf.indexOf(closeSi, gt);
      if (close < 0 || close >= end) break;
      strings.push(collectText(buf, gt + 1, close, n, closeRPh));
      p = close + closeSi.length;
    }
  }
  return strings;
}

/** Column index (0-based) of a cell reference such as "AB12". */
function columnOf(b: Buffer, start: number, end: number): number {
  let col = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col - 1;
}

function intAt(b: Buffer, start: number, end: number): number {
  let n = 0;
  let seen = false;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      seen = true;
    } else if (seen) break;
  }
  return seen ? n : -1;
}

type Attrs = { r0: number; r1: number; t0: number; t1: number };

/** Positions of the r="…" and t="…" attribute values between `from` and the tag's '>'. */
function scanAttrs(b: Buffer, from: number, gt: number, out: Attrs): void {
  out.r0 = out.r1 = out.t0 = out.t1 = -1;
  let i = from;
  while (i < gt) {
    const c = b[i]!;
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === SLASH) {
      i++;
      continue;
    }
    const nameStart = i;
    while (i < gt && b[i] !== EQ) i++;
    const nameEnd = i;
    i++;
    const q = b[i];
    if (q !== QUOTE && q !== APOS) return;
    const valueStart = i + 1;
    let valueEnd = valueStart;
    while (valueEnd < gt && b[valueEnd] !== q) valueEnd++;
    if (valueEnd >= gt) return;
    if (nameEnd - nameStart === 1) {
      if (b[nameStart] === 0x72 /* r */) (out.r0 = valueStart), (out.r1 = valueEnd);
      else if (b[nameStart] === 0x74 /* t */) (out.t0 = valueStart), (out.t1 = valueEnd);
    }
    i = valueEnd + 1;
  }
}

// Cell types by their t attribute's first two bytes.
const T_NUMBER = 0;
const T_SHARED = 1;
const T_INLINE = 2;
const T_STR = 3;
const T_BOOL = 4;
const T_OTHER = 5; // e (error), d (ISO date): the text as written

function cellType(b: Buffer, t0: number, t1: number): number {
  if (t0 < 0) return T_NUMBER;
  const c = b[t0];
  const len = t1 - t0;
  if (c === 0x73 /* s */) return len === 1 ? T_SHARED : T_STR;
  if (c === 0x69 /* i */) return T_INLINE;
  if (c === 0x6e /* n */) return T_NUMBER;
  if (c === 0x62 /* b */) return T_BOOL;
  return T_OTHER;
}

export type XlsxProgress = { fraction: number };

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

function resolveTarget(baseDir: string, target: string): string {
  if (target.startsWith("/")) return target.slice(1);
  const parts = baseDir ? baseDir.split("/") : [];
  for (const seg of target.split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

const REL = /<(?:\w+:)?Relationship\b[^>]*>/g;
const ATTR = (name: string) => new RegExp(`\\b${name}\\s*=\\s*["']([^"']*)["']`);

async function relationships(zip: ZipFile, partPath: string): Promise<{ id: string; type: string; target: string }[]> {
  const slash = partPath.lastIndexOf("/");
  const dir = slash < 0 ? "" : partPath.slice(0, slash);
  const relsPath = `${dir ? `${dir}/` : ""}_rels/${partPath.slice(slash + 1)}.rels`;
  const entry = zip.find(relsPath);
  if (!entry) return [];
  const xml = await zip.readText(entry);
  const out: { id: string; type: string; target: string }[] = [];
  for (const m of xml.matchAll(REL)) {
    const id = ATTR("Id").exec(m[0])?.[1];
    const type = ATTR("Type").exec(m[0])?.[1] ?? "";
    const target = ATTR("Target").exec(m[0])?.[1];
    if (id && target) out.push({ id, type, target: resolveTarget(dir, target) });
  }
  return out;
}

async function locateParts(zip: ZipFile): Promise<{ sheet: ZipEntry; sharedStrings: ZipEntry | null }> {
  const rootRels = await relationships(zip, "");
  const workbookPath = rootRels.find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbook = zip.find(workbookPath);
  if (!workbook) throw new ImportFileError(zip.entries.size > 0 ? "xlsxNoWorksheet" : "xlsxCorrupt");
  const rels = await relationships(zip, workbookPath);
  const xml = await zip.readText(workbook);
  // The first sheet in the workbook's order that is not hidden (a hidden first sheet is
  // usually a lookup table a template carries).
  const sheets = [...xml.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map((m) => ({
    relId: /\b(?:\w+:)?id\s*=\s*["']([^"']*)["']/.exec(m[0])?.[1],
    isHidden: /\bstate\s*=\s*["'](?:hidden|veryHidden)["']/.test(m[0]),
  }));
  const chosen = sheets.find((s) => !s.isHidden) ?? sheets[0];
  const sheetPath = (chosen && rels.find((r) => r.id === chosen.relId)?.target) ?? "xl/worksheets/sheet1.xml";
  const sheet = zip.find(sheetPath);
  if (!sheet) throw new ImportFileError("xlsxNoWorksheet");
  const sstPath = rels.find((r) => r.type.endsWith("/sharedStrings"))?.target ?? "xl/sharedStrings.xml";
  return { sheet, sharedStrings: zip.find(sstPath) ?? null };
}

/**
 * A number cell's text straight from the bytes. Plain integers of the usual code lengths
 * (6: a county code, 11: a mobile) are built with one fromCharCode call: several times
 * faster than String(number) for values past 2^31 or a Buffer slice.
 */
function numberAt(b: Buffer, start: number, end: number): string {
  let isPlain = end > start && (b[start] !== 48 || end - start === 1);
  for (let i = start; isPlain && i < end; i++) {
    const c = b[i]!;
    if (c < 48 || c > 57) isPlain = false;
  }
  if (isPlain) {
    const s = start;
    switch (end - start) {
      case 6:
        return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
      case 11:
        return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!, b[s + 6]!, b[s + 7]!, b[s + 8]!, b[s + 9]!, b[s + 10]!);
      default:
        return b.toString("latin1", start, end);
    }
  }
  return numberText(b.toString("latin1", start, end).trim());
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
