// CSV as Chinese offices save it: UTF-8 (with or without BOM) or GBK/GB18030 (Excel's "CSV"
// on a Chinese Windows), quoted fields with commas, quotes and line breaks inside, CRLF or LF.
// A hand-written RFC 4180 parser rather than csv-parse: it also reports the physical line a
// record starts on and runs several times faster on this hot path (see
// scripts/bench/import-parse.ts).
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import { ImportFileError } from "./file-error";
import type { ReadInfo, SourceRow } from "./read-rows";

const SNIFF_BYTES = 64 * 1024;
/**
 * Bytes decoded at a time. Small enough that the decoded text (and the record strings sliced
 * from it) stay in V8's young generation: 1 MiB pieces made multi-megabyte strings that only
 * a full collection frees, and garbage collection took more time than parsing.
 */
const DECODE_BYTES = 32 * 1024;
/** A record longer than this is a quote that never closes, not data. */
const MAX_RECORD_CHARS = 4 * 1024 * 1024;

const NUL = /\0/g;
const QUOTE = 34;
const LF = 10;
const CR = 13;

export type CsvEncoding = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be";

/**
 * BOM → utf-8-bom (or UTF-16, what Excel's "Unicode text" export writes); valid UTF-8 in the
 * first 64 KiB → utf-8; anything else → gb18030.
 */
export function detectCsvEncoding(head: Uint8Array): CsvEncoding {
  if (head.length >= 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8-bom";
  if (head.length >= 2 && head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head.length >= 2 && head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  let end = Math.min(head.length, SNIFF_BYTES);
  // The sample may stop inside a multi-byte character: cut back to its lead byte.
  if (end === SNIFF_BYTES) {
    let i = end - 1;
    while (i > end - 4 && i > 0 && (head[i]! & 0xc0) === 0x80) i--;
    const lead = head[i]!;
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (i + need > end) end = i;
  }
  return isUtf8(head.subarray(0, end)) ? "utf-8" : "gb18030";
}

function countLineBreaks(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c === LF || (c === CR && s.charCodeAt(i + 1) !== LF)) n++;
  }
  return n;
}

/** Pick the delimiter from the first line: comma unless tabs or semicolons clearly win. */
function sniffDelimiter(text: string): number {
  let end = text.indexOf("\n");
  if (end < 0) end = text.length;
  const line = text.slice(0, end);
  const count = (ch: string) => line.split(ch).length - 1;
  const comma = count(",");
  const tab = count("\t");
  const semicolon = count(";");
  if (tab > comma && tab >= semicolon) return 9;
  if (semicolon > comma && semicolon > tab) return 59;
  return 44;
}

/**
 * Incremental parser: push decoded text, get complete records. An unfinished record at the
 * end of a chunk is parsed again from its start with the next chunk (records are short, so
 * this costs less than carrying field state across chunks).
 */
export class CsvParser {
  private leftover = "";
  private line = 1;
  private delimiter = -1;

  push(text: string, isLast: boolean, out: SourceRow[]): void {
    // PostgreSQL text cannot hold NUL: drop it here, once, rather than fail the COPY later.
    if (text.includes("\0")) text = text.replace(NUL, "");
    const s = this.leftover.length > 0 ? this.leftover + text : text;
    if (this.delimiter < 0) {
      if (s.length === 0 && !isLast) return;
      this.delimiter = sniffDelimiter(s);
    }
    const delim = this.delimiter;
    const n = s.length;
    let pos = 0;
    let line = this.line;
    records: while (pos < n) {
      const startLine = line;
      const cells: string[] = [];
      let i = pos;
      for (;;) {
        if (i < n && s.charCodeAt(i) === QUOTE) {
          // Quoted field: "" is a quote; anything up to the next delimiter after the closing
          // quote is kept too (lenient: 'a"b' and '"a"b' occur in hand-edited files).
          let value = "";
          let seg = i + 1;
          let j = seg;
          for (;;) {
            const q = s.indexOf('"', j);
            if (q < 0 || (q + 1 >= n && !isLast)) {
              if (!isLast) break records;
              value += s.slice(seg);
              line += countLineBreaks(s, seg, n);
              i = n;
              break;
            }
            if (s.charCodeAt(q + 1) === QUOTE) {
              value += s.slice(seg, q + 1);
              line += countLineBreaks(s, seg, q);
              j = q + 2;
              seg = j;
              continue;
            }
            value += s.slice(seg, q);
            line += countLineBreaks(s, seg, q);
            i = q + 1;
            break;
          }
          if (i < n) {
            let k = i;
            while (k < n) {
              const c = s.charCodeAt(k);
              if (c === delim || c === LF || c === CR) break;
              k++;
            }
            if (k >= n && !isLast) break records;
            if (k > i) value += s.slice(i, k);
            i = k;
          }
          cells.push(value);
        } else {
          let k = i;
          while (k < n) {
            const c = s.charCodeAt(k);
            if (c === delim || c === LF || c === CR) break;
            k++;
          }
          if (k >= n && !isLast) break records;
          cells.push(s.slice(i, k));
          i = k;
        }
        if (i >= n) break; // last record of the file, without a final line break
        const c = s.charCodeAt(i);
        if (c === delim) {
          i++;
          if (i >= n) {
            if (!isLast) break records;
            cells.push("");
            break;
          }
          continue;
        }
        if (c === CR) {
          if (i + 1 >= n && !isLast) break records;
          i += s.charCodeAt(i + 1) === LF ? 2 : 1;
        } else {
          i++;
        }
        line++;
        break;
      }
      out.push({ lineNo: startLine, cells });
      pos = i;
      this.line = line;
    }
    // Whatever did not finish is parsed again with the next chunk, from its first line.
    this.leftover = pos < n ? s.slice(pos) : "";
    if (this.leftover.length > MAX_RECORD_CHARS) {
      throw new ImportFileError("recordTooLong", { line: String(this.line) });
    }
  }
}

type Decoder = { write(chunk: Buffer): string; end(): string };

function makeDecoder(encoding: CsvEncoding): Decoder {
  if (encoding === "gb18030") {
    // Node's ICU decoder gives the same text as iconv-lite and is about 4x faster (measured:
    // 90 ms against 350 ms for a 43 MiB file); iconv-lite covers a Node built without ICU.
    let native: TextDecoder | null = null;
    try {
      native = new TextDecoder("gb18030");
    } catch {
      native = null;
    }
    if (native) {
      const d = native;
      return { write: (chunk) => d.decode(chunk, { stream: true }), end: () => d.decode() };
    }
    const d = iconv.getDecoder("gb18030");
    return { write: (chunk) => d.write(chunk), end: () => d.end() ?? "" };
  }
  // TextDecoder drops the BOM (ignoreBOM: false) and keeps split characters across chunks.
  const d = new TextDecoder(encoding === "utf-16le" || encoding === "utf-16be" ? encoding : "utf-8");
  return { write: (chunk) => d.decode(chunk, { stream: true }), end: () => d.decode() };
}

function toBuffer(chunk: Uint8Array): Buffer {
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

/** Records of a CSV stream (blank records included; the caller skips them). */
export async function* csvRecords(source: AsyncIterable<Uint8Array>, info?: ReadInfo): AsyncGenerator<SourceRow[]> {
  const iterator = source[Symbol.asyncIterator]();
  // Hold back the first 64 KiB to decide the encoding.
  const head: Buffer[] = [];
  let headBytes = 0;
  let isDone = false;
  while (headBytes < SNIFF_BYTES) {
    const next = await iterator.next();
    if (next.done) {
      isDone = true;
      break;
    }
    const chunk = toBuffer(next.value);
    head.push(chunk);
    headBytes += chunk.length;
  }
  const first = Buffer.concat(head);
  const encoding = detectCsvEncoding(first);
  if (info) info.encoding = encoding;
  const decoder = makeDecoder(encoding);
  const parser = new CsvParser();

  let out: SourceRow[] = [];
  const feed = (chunk: Buffer) => {
    for (let i = 0; i < chunk.length; i += DECODE_BYTES) {
      parser.push(decoder.write(chunk.subarray(i, i + DECODE_BYTES)), false, out);
    }
  };
  feed(first);
  if (out.length > 0) {
    yield out;
    out = [];
  }
  while (!isDone) {
    const next = await iterator.next();
    if (next.done) break;
    feed(toBuffer(next.value));
    if (out.length > 0) {
      yield out;
      out = [];
    }
  }
  parser.push(decoder.end(), true, out);
  if (out.length > 0) yield out;
}
