// Uploaded list files live in PostgreSQL (list_batch_files, 1 MiB chunks): the app keeps no
// files on its own disk, so whichever worker takes the job reads the file from the database.
import type pg from "pg";

export const FILE_CHUNK_BYTES = 1024 * 1024;

/** Reads a stored file chunk by chunk (one row in memory at a time). */
export async function* readStoredFile(client: pg.PoolClient | pg.Client, batchId: string): AsyncGenerator<Uint8Array> {
  for (let seq = 0; ; seq++) {
    const { rows } = await client.query<{ data: Buffer }>("SELECT data FROM list_batch_files WHERE batch_id = $1 AND seq = $2", [batchId, seq]);
    if (rows.length === 0) return;
    yield rows[0]!.data;
  }
}

/** Groups a byte stream into chunks of FILE_CHUNK_BYTES (the last one shorter). */
export async function* rechunk(source: AsyncIterable<Uint8Array>): AsyncGenerator<Buffer> {
  let parts: Buffer[] = [];
  let size = 0;
  for await (const piece of source) {
    let buf = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    while (size + buf.length >= FILE_CHUNK_BYTES) {
      const take = FILE_CHUNK_BYTES - size;
      parts.push(buf.subarray(0, take));
      yield Buffer.concat(parts);
      parts = [];
      size = 0;
      buf = buf.subarray(take);
    }
    if (buf.length) {
      parts.push(Buffer.from(buf));
      size += buf.length;
    }
  }
  if (size) yield Buffer.concat(parts);
}
