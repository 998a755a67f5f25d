// The shared strings table (xl/sharedStrings.xml) of an .xlsx, into memory: cells refer to
// it by index, and Excel stores every text cell there.
import { ImportFileError } from "./file-error";
import { closeTag, collectText, completeElements, decodeText, LT, needles, nextGt, nextLt, rootPrefix, SLASH, tagAt } from "./xlsx-scan";
import type { ZipEntry, ZipFile } from "./zip";

/** Shared strings beyond this (some 3 million rows of text) are refused rather than held. */
const MAX_SHARED_STRING_BYTES = 256 * 1024 * 1024;

export async function readSharedStrings(zip: ZipFile, entry: ZipEntry): Promise<string[]> {
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
