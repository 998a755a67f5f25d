// Just enough of a zip reader for .xlsx: the central directory (so entries can be read in any
// order — Excel writes the worksheet before the shared strings it needs) and a stream of one
// entry's bytes inflated by Node's native zlib.
import { createReadStream } from "node:fs";
import { open, type FileHandle } from "node:fs/promises";
import { createInflateRaw } from "node:zlib";
import { ImportFileError } from "./file-error";

export type ZipEntry = {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await fh.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

function corrupt(): ImportFileError {
  return new ImportFileError("xlsxCorrupt");
}

function u64(b: Buffer, at: number): number {
  return Number(b.readBigUInt64LE(at));
}

export class ZipFile {
  private constructor(
    private readonly path: string,
    private readonly fh: FileHandle,
    readonly entries: ReadonlyMap<string, ZipEntry>,
  ) {}

  static async open(path: string): Promise<ZipFile> {
    const fh = await open(path, "r");
    try {
      const { size } = await fh.stat();
      const tailLength = Math.min(size, 22 + 0xffff);
      const tail = await readAt(fh, size - tailLength, tailLength);
      let at = -1;
      for (let i = tail.length - 22; i >= 0; i--) {
        if (tail.readUInt32LE(i) === EOCD) {
          at = i;
          break;
        }
      }
      if (at < 0) throw corrupt();
      let count = tail.readUInt16LE(at + 10);
      let cdSize = tail.readUInt32LE(at + 12);
      let cdOffset = tail.readUInt32LE(at + 16);
      if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
        const loc = at - 20;
        if (loc < 0 || tail.readUInt32LE(loc) !== ZIP64_LOCATOR) throw corrupt();
        const z = await readAt(fh, u64(tail, loc + 8), 56);
        if (z.length < 56 || z.readUInt32LE(0) !== ZIP64_EOCD) throw corrupt();
        count = u64(z, 32);
        cdSize = u64(z, 40);
        cdOffset = u64(z, 48);
      }
      const cd = await readAt(fh, cdOffset, cdSize);
      const entries = new Map<string, ZipEntry>();
      let p = 0;
      for (let n = 0; n < count; n++) {
        if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw corrupt();
        const method = cd.readUInt16LE(p + 10);
        let compressedSize = cd.readUInt32LE(p + 20);
        let uncompressedSize = cd.readUInt32LE(p + 24);
        const nameLength = cd.readUInt16LE(p + 28);
        const extraLength = cd.readUInt16LE(p + 30);
        const commentLength = cd.readUInt16LE(p + 32);
        let localHeaderOffset = cd.readUInt32LE(p + 42);
        const name = cd.toString("utf8", p + 46, p + 46 + nameLength);
        // Zip64 extra field: the 64-bit values, in this order, for each 32-bit one that is full.
        let e = p + 46 + nameLength;
        const extraEnd = e + extraLength;
        while (e + 4 <= extraEnd) {
          const id = cd.readUInt16LE(e);
          const len = cd.readUInt16LE(e + 2);
          if (id === 0x0001) {
            let q = e + 4;
            if (uncompressedSize === 0xffffffff) {
              uncompressedSize = u64(cd, q);
              q += 8;
            }
            if (compressedSize === 0xffffffff) {
              compressedSize = u64(cd, q);
              q += 8;
            }
            if (localHeaderOffset === 0xffffffff) localHeaderOffset = u64(cd, q);
          }
          e += 4 + len;
        }
        entries.set(name.replace(/^\/+/, ""), { name, method, compressedSize, uncompressedSize, localHeaderOffset });
        p = extraEnd + commentLength;
      }
      return new ZipFile(path, fh, entries);
    } catch (error) {
      await fh.close();
      throw error instanceof ImportFileError ? error : corrupt();
    }
  }

  /** The entry by name, case-insensitively as a fallback (some tools upper-case part names). */
  find(name: string): ZipEntry | undefined {
    const exact = this.entries.get(name);
    if (exact) return exact;
    const lower = name.toLowerCase();
    for (const [key, entry] of this.entries) if (key.toLowerCase() === lower) return entry;
    return undefined;
  }

  /**
   * The entry's uncompressed bytes as a stream of chunks. `onCompressedRead` reports how many
   * compressed bytes were read so far (for progress).
   */
  async *read(entry: ZipEntry, onCompressedRead?: (bytes: number) => void): AsyncGenerator<Buffer> {
    const header = await readAt(this.fh, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw corrupt();
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (entry.compressedSize === 0) return;
    if (entry.method !== 0 && entry.method !== 8) throw new ImportFileError("xlsxUnsupportedCompression");
    const raw = createReadStream(this.path, { start, end: start + entry.compressedSize - 1, highWaterMark: 1 << 20 });
    let compressed = 0;
    if (entry.method === 0) {
      for await (const chunk of raw as AsyncIterable<Buffer>) {
        compressed += chunk.length;
        onCompressedRead?.(compressed);
        yield chunk;
      }
      return;
    }
    if (onCompressedRead) {
      raw.on("data", (chunk) => {
        compressed += chunk.length;
        onCompressedRead(compressed);
      });
    }
    const inflate = createInflateRaw({ chunkSize: 1 << 18 });
    raw.on("error", (error) => inflate.destroy(error));
    raw.pipe(inflate);
    try {
      for await (const chunk of inflate as AsyncIterable<Buffer>) yield chunk;
    } catch {
      throw corrupt();
    } finally {
      raw.destroy();
      inflate.destroy();
    }
  }

  async readText(entry: ZipEntry): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.read(entry)) chunks.push(chunk);
    return Buffer.concat(chunks).toString("utf8");
  }

  async close(): Promise<void> {
    await this.fh.close();
  }
}
