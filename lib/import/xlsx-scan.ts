// Byte-level helpers for scanning SpreadsheetML as it inflates, shared by the shared-strings
// and worksheet readers. Plain loops over a Buffer: Buffer#indexOf's per-call cost showed up
// first in the profile at millions of calls per file.
import { ImportFileError } from "./file-error";

/** Largest single element (a row, a shared string) the reader holds in one piece. */
export const MAX_ELEMENT_BYTES = 16 * 1024 * 1024;

export const LT = 0x3c;
export const GT = 0x3e;
export const SLASH = 0x2f;
export const QUOTE = 0x22;
export const APOS = 0x27;
export const EQ = 0x3d;

export function isNameEnd(b: number | undefined): boolean {
  // Space, tab, CR, LF, '>' or '/': the tag name ended.
  return b === 0x20 || b === GT || b === SLASH || b === 0x09 || b === 0x0a || b === 0x0d;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
// ST_Xstring: Excel writes characters XML cannot carry (e.g. a CR) as _x000D_.
const XSTRING = /_x([0-9a-fA-F]{4})_/g;

/** A character reference's text; NUL and code points beyond Unicode give nothing. */
function codePointText(cp: number): string {
  return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : "";
}

export function decodeText(b: Buffer, start: number, end: number): string {
  let s = b.toString("utf8", start, end);
  if (s.includes("&")) {
    s = s.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
      name ? NAMED[name]! : codePointText(hex ? parseInt(hex, 16) : Number(dec)),
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
      if (Number.isSafeInteger(n)) return String(n);
      // Past 2^53 Excel has already dropped digits (an 18-digit code typed as a number):
      // keep its own text, "9.13304007429142E+17", so the row says what went wrong.
      if (Number.isInteger(n)) return raw;
      return String(n);
    }
  }
  return raw;
}

/** The namespace prefix of the part's root element ("x" for <x:worksheet>), "" for none. */
export function rootPrefix(b: Buffer): string {
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
export function nextLt(b: Buffer, p: number, end: number): number {
  while (p < end && b[p] !== LT) p++;
  return p;
}

export function nextGt(b: Buffer, p: number, end: number): number {
  while (p < end && b[p] !== GT) p++;
  return p;
}

/** Matches `<prefix:name` (or `</prefix:name` with close) at position p, followed by a name end. */
export function tagAt(b: Buffer, p: number, prefix: Buffer, name: Buffer): number {
  let q = p;
  for (let i = 0; i < prefix.length; i++) if (b[q++] !== prefix[i]) return -1;
  for (let i = 0; i < name.length; i++) if (b[q++] !== name[i]) return -1;
  return isNameEnd(b[q]) ? q : -1;
}

export type Needles = { prefix: Buffer; row: Buffer; c: Buffer; v: Buffer; t: Buffer; is: Buffer; rPh: Buffer; si: Buffer };

export function needles(prefix: string): Needles {
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

export function closeTag(prefix: string, name: string): Buffer {
  return Buffer.from(`</${prefix ? `${prefix}:` : ""}${name}>`, "latin1");
}

/**
 * Text of every <t> in [start, end), skipping phonetic runs (<rPh>): rich text joins its
 * runs. Text holds no '<', so the next '<' after <t> is its </t>.
 */
export function collectText(b: Buffer, start: number, end: number, n: Needles, closeRPh: Buffer): string {
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
export async function* completeElements(chunks: AsyncIterable<Buffer>, close: Buffer): AsyncGenerator<{ buf: Buffer; end: number }> {
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

/** Column index (0-based) of a cell reference such as "AB12". */
export function columnOf(b: Buffer, start: number, end: number): number {
  let col = 0;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (c >= 65 && c <= 90) col = col * 26 + (c - 64);
    else if (c >= 97 && c <= 122) col = col * 26 + (c - 96);
    else break;
  }
  return col - 1;
}

export function intAt(b: Buffer, start: number, end: number): number {
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

export type Attrs = { r0: number; r1: number; t0: number; t1: number };

/** Positions of the r="…" and t="…" attribute values between `from` and the tag's '>'. */
export function scanAttrs(b: Buffer, from: number, gt: number, out: Attrs): void {
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
      if (b[nameStart] === 0x72 /* r */) {
        out.r0 = valueStart;
        out.r1 = valueEnd;
      } else if (b[nameStart] === 0x74 /* t */) {
        out.t0 = valueStart;
        out.t1 = valueEnd;
      }
    }
    i = valueEnd + 1;
  }
}

// Cell types by their t attribute's first two bytes.
export const T_NUMBER = 0;
export const T_SHARED = 1;
export const T_INLINE = 2;
export const T_STR = 3;
export const T_BOOL = 4;
export const T_OTHER = 5; // e (error), d (ISO date): the text as written

export function cellType(b: Buffer, t0: number, t1: number): number {
  if (t0 < 0) return T_NUMBER;
  const c = b[t0];
  const len = t1 - t0;
  if (c === 0x73 /* s */) return len === 1 ? T_SHARED : T_STR;
  if (c === 0x69 /* i */) return T_INLINE;
  if (c === 0x6e /* n */) return T_NUMBER;
  if (c === 0x62 /* b */) return T_BOOL;
  return T_OTHER;
}

/**
 * A number cell's text straight from the bytes. Plain integers of the usual code lengths
 * (6: a county code, 11: a mobile) are built with one fromCharCode call: several times
 * faster than String(number) for values past 2^31 or a Buffer slice.
 */
export function numberAt(b: Buffer, start: number, end: number): string {
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
