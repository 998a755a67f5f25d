// Small string helpers shared by the header mapper and the row checker. Written as plain
// loops over char codes: they run on every cell of a 530,000-row file.

/** Full-width ASCII (U+FF01–U+FF5E) → ASCII, ideographic space → space; other text unchanged. */
export function toHalfWidth(s: string): string {
  let i = 0;
  const n = s.length;
  // Most cells have nothing to convert: return the same string without allocating.
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) break;
  }
  if (i === n) return s;
  let out = s.slice(0, i);
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0xff01 && c <= 0xff5e ? String.fromCharCode(c - 0xfee0) : c === 0x3000 ? " " : s[i];
  }
  return out;
}

function isSpace(c: number): boolean {
  // Whitespace and other control characters, NBSP, ideographic space, zero-width space and BOM
  // (pasted from web pages and PDFs).
  return c <= 0x20 || c === 0x7f || c === 0xa0 || c === 0x3000 || c === 0x200b || c === 0xfeff;
}

/** Trim and collapse inner runs of whitespace to one ASCII space. */
export function cleanText(s: string): string {
  const n = s.length;
  let start = 0;
  let end = n;
  while (start < end && isSpace(s.charCodeAt(start))) start++;
  while (end > start && isSpace(s.charCodeAt(end - 1))) end--;
  let hasInner = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c) && (c !== 0x20 || isSpace(s.charCodeAt(i + 1)))) {
      hasInner = true;
      break;
    }
  }
  if (!hasInner) return start === 0 && end === n ? s : s.slice(start, end);
  let out = "";
  let inSpace = false;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i);
    if (isSpace(c)) {
      inSpace = true;
    } else {
      if (inSpace) out += " ";
      inSpace = false;
      out += s[i];
    }
  }
  return out;
}

/** True when the cell holds nothing but whitespace. */
export function isBlank(s: string | undefined): boolean {
  if (!s) return true;
  for (let i = 0; i < s.length; i++) if (!isSpace(s.charCodeAt(i))) return false;
  return true;
}

/** Lookup key: half-width, lower case, without whitespace. */
export function lookupKey(s: string): string {
  const half = toHalfWidth(s);
  let out = "";
  for (let i = 0; i < half.length; i++) if (!isSpace(half.charCodeAt(i))) out += half[i];
  return out.toLowerCase();
}
