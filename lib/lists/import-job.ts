// The list import job (queue "list-import"): reads a stored file, checks every row, COPYs the
// checked rows into a temporary table (pg_temp.import_rows) and merges them into the shared registry — all in ONE
// transaction, so a worker that dies (or a cancel) leaves nothing behind: the batch is taken
// over by the next worker once its lease runs out, and starts again from the first row.
// Progress (rows read, accepted, rejected, bytes) and the lease are written on a second
// connection every second, outside the transaction, so the browser sees them move.
import { once } from "node:events";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { mapHeader, type ColumnMap } from "@/lib/import/fields";
import { makeRowChecker, type BankRef, type CheckedRow } from "@/lib/import/check-row";
import { ImportFileError } from "@/lib/import/file-error";
import { detectFormat, readRows, type FileFormat, type ReadInfo } from "@/lib/import/read-rows";
import { copyBool, copyTextArray, copyValue } from "@/lib/lists/copy-text";
import { readStoredFile } from "@/lib/lists/file-store";
import { encodeReasons } from "@/lib/lists/reason-code";
import { orderedUuid } from "@/lib/lists/ordered-uuid";
import { mergeBatch, type MergeCounts } from "@/lib/lists/merge";
import { pgPool } from "@/lib/pg";

export type ImportOutcome = "DONE" | "FAILED" | "CANCELLED" | "NOT_CLAIMED";

export type ImportOptions = {
  /** How long a claim holds without renewal (a dead worker's batch is free after this). */
  leaseSeconds?: number;
  /** Progress/lease write interval. */
  tickMs?: number;
  workerId?: string;
};

class Cancelled extends Error {}
/** A problem with the file itself (no header, unreadable): the batch fails, no retry. */
export class BadFile extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

type Claimed = {
  id: string;
  list_type: string;
  owner_bank_id: string | null;
  created_by_id: string | null;
  file_name: string | null;
  file_size: string | null;
  attempts: number;
};

const COPY_COLUMNS = [
  "batch_id", "line_no", "uscc", "name", "county_code", "city_code", "industry", "kind", "legal_rep_name",
  "legal_rep_phone", "bank_id", "enterprise_id", "is_rejected", "is_new", "reasons", "raw",
];

/** Takes the batch if it is queued, or running under a lease that ran out. */
async function claim(batchId: string, leaseSeconds: number): Promise<Claimed | null> {
  const { rows } = await pgPool().query<Claimed>(
    `UPDATE list_batches SET status = 'RUNNING', attempts = attempts + 1,
            lease_until = now() + make_interval(secs => $2), started_at = coalesce(started_at, now()),
            rows_read = 0, accepted = 0, rejected = 0, warnings = 0, bytes_read = 0, error_message = NULL
      WHERE id = $1 AND NOT cancel_requested
        AND (status = 'QUEUED' OR (status = 'RUNNING' AND lease_until < now()))
      RETURNING id, list_type, owner_bank_id, created_by_id, file_name, file_size, attempts`,
    [batchId, leaseSeconds],
  );
  return rows[0] ?? null;
}

async function finish(batchId: string, status: "FAILED" | "CANCELLED", message: string | null): Promise<void> {
  await pgPool().query(
    `UPDATE list_batches SET status = $2, error_message = $3, finished_at = now(), lease_until = NULL WHERE id = $1 AND status IN ('QUEUED', 'RUNNING')`,
    [batchId, status, message],
  );
}

/** A queued batch cancelled before any worker took it. */
async function cancelIfRequested(batchId: string): Promise<boolean> {
  const { rowCount } = await pgPool().query(
    `UPDATE list_batches SET status = 'CANCELLED', finished_at = now(), lease_until = NULL
      WHERE id = $1 AND cancel_requested AND status IN ('QUEUED', 'RUNNING') AND (status = 'QUEUED' OR lease_until < now())`,
    [batchId],
  );
  return (rowCount ?? 0) > 0;
}

type Progress = { bytes: number; rows: number; accepted: number; rejected: number; warnings: number };

export async function runListImport(batchId: string, options: ImportOptions = {}): Promise<ImportOutcome> {
  const leaseSeconds = options.leaseSeconds ?? Number(process.env.IMPORT_LEASE_SECONDS ?? 30);
  const tickMs = options.tickMs ?? 1000;
  const batch = await claim(batchId, leaseSeconds);
  if (!batch) return (await cancelIfRequested(batchId)) ? "CANCELLED" : "NOT_CLAIMED";

  const progress: Progress = { bytes: 0, rows: 0, accepted: 0, rejected: 0, warnings: 0 };
  let isCancelled = false;
  let lostLease = false;
  // Progress and lease on the pool, apart from the import's own transaction. The attempt
  // number says whose run it is: once another worker has taken the batch over, this one's
  // writes match nothing and it stops.
  //
  // While nothing moves (the merge: every row read) the batch row is only read, and its lease
  // renewed a third of the way into it: the merge's foreign-key checks (memberships and the
  // batch's rows reference the batch) find the row's current version at the end of a chain of
  // every version written since their statement began, one a second.
  let written = "";
  let renewedAt = 0;
  const tick = async () => {
    const now = performance.now();
    const state = `${progress.rows}/${progress.accepted}/${progress.rejected}/${progress.warnings}/${progress.bytes}`;
    let rows: { cancel_requested: boolean }[];
    if (state !== written || now - renewedAt >= (leaseSeconds * 1000) / 3) {
      ({ rows } = await pgPool().query<{ cancel_requested: boolean }>(
        `UPDATE list_batches SET rows_read = $2, accepted = $3, rejected = $4, warnings = $5, bytes_read = $6,
                lease_until = now() + make_interval(secs => $7)
          WHERE id = $1 AND status = 'RUNNING' AND attempts = $8 RETURNING cancel_requested`,
        [batchId, progress.rows, progress.accepted, progress.rejected, progress.warnings, progress.bytes, leaseSeconds, batch.attempts],
      ));
      written = state;
      renewedAt = now;
    } else {
      ({ rows } = await pgPool().query<{ cancel_requested: boolean }>(
        "SELECT cancel_requested FROM list_batches WHERE id = $1 AND status = 'RUNNING' AND attempts = $2",
        [batchId, batch.attempts],
      ));
    }
    if (rows.length === 0) lostLease = true;
    else if (rows[0]!.cancel_requested) isCancelled = true;
  };
  let ticking: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    ticking = ticking.then(tick).catch((error: unknown) => console.error("[import] progress write failed", error));
  }, tickMs);
  const checkpoint = () => {
    if (isCancelled) throw new Cancelled();
    if (lostLease) throw new Error("lease lost: another worker took the batch");
  };

  const client = await pgPool().connect();
  let isBroken = false;
  try {
    await client.query("BEGIN");
    await client.query("SET LOCAL statement_timeout = 0");
    // Memory for the merge's sorts and hash joins over the whole file (the defaults' 4 MB
    // spill them to disk), for this transaction only. The commit need not wait for its WAL to
    // reach the disk: a commit lost to a crash leaves the batch RUNNING under a lease nobody
    // renews, and the sweep runs the import again, as after a killed worker.
    await client.query("SET LOCAL work_mem = '128MB'");
    await client.query("SET LOCAL synchronous_commit = off");
    // A previous attempt's rows died with its transaction; this is belt and braces.
    await client.query("DELETE FROM list_batch_rows WHERE batch_id = $1", [batchId]);
    // The checked rows go to a temporary table of this session first (no WAL, no foreign-key
    // check per row, dropped at the end of the transaction, whatever its end); the merge
    // writes list_batch_rows once, with every row's outcome.
    await client.query("DROP TABLE IF EXISTS pg_temp.import_rows");
    await client.query("CREATE TEMP TABLE import_rows (LIKE list_batch_rows INCLUDING DEFAULTS) ON COMMIT DROP");
    const staged = performance.now();
    await stageRows(client, batchId, progress, checkpoint);
    if (process.env.IMPORT_TIMINGS === "1") console.log(`[import] read, check and COPY: ${(performance.now() - staged).toFixed(0)} ms (${progress.rows} rows)`);
    checkpoint();
    const counts = await mergeBatch(client, { batchId, listType: batch.list_type, ownerBankId: batch.owner_bank_id, actorId: batch.created_by_id, checkpoint });
    checkpoint();
    await writeOutcome(client, batchId, batch.attempts, counts);
    const committing = performance.now();
    await client.query("COMMIT");
    if (process.env.IMPORT_TIMINGS === "1") console.log(`[import] commit: ${(performance.now() - committing).toFixed(0)} ms`);
    return "DONE";
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      isBroken = true;
    });
    if (error instanceof Cancelled) {
      await finish(batchId, "CANCELLED", null);
      return "CANCELLED";
    }
    if (error instanceof BadFile) {
      await finish(batchId, "FAILED", error.reason);
      return "FAILED";
    }
    // Anything else (database gone, lost lease, a bug): give the batch back so a retry can
    // take it at once; after five attempts it fails for good.
    if (batch.attempts >= 5) await finish(batchId, "FAILED", "internal");
    else await pgPool().query("UPDATE list_batches SET lease_until = now() WHERE id = $1 AND status = 'RUNNING'", [batchId]).catch(() => {});
    throw error;
  } finally {
    clearInterval(timer);
    await ticking;
    client.release(isBroken);
  }
}

async function loadBanks(client: pg.PoolClient): Promise<BankRef[]> {
  const { rows } = await client.query<{ id: string; code: string; name: string; name_en: string }>("SELECT id, code, name, name_en FROM banks");
  return rows.map((b) => ({ id: b.id, code: b.code, name: b.name, nameEn: b.name_en }));
}

/** Streams the stored file through the reader and the checker into pg_temp.import_rows (COPY). */
async function stageRows(client: pg.PoolClient, batchId: string, progress: Progress, checkpoint: () => void): Promise<void> {
  const meta = await client.query<{ file_name: string | null; file_format: string | null; file_size: string | null }>(
    "SELECT file_name, file_format, file_size FROM list_batches WHERE id = $1",
    [batchId],
  );
  const fileSize = Number(meta.rows[0]?.file_size ?? 0);
  const banks = await loadBanks(client);

  // Count bytes as the reader pulls them (the browser's "time left" is bytes read ÷ size).
  const fileClient = await pgPool().connect();
  try {
    const bytes = readStoredFile(fileClient, batchId);
    const head = await bytes.next();
    if (head.done) throw new BadFile("emptyFile");
    const format: FileFormat | null = (meta.rows[0]?.file_format as FileFormat | null) ?? detectFormat(meta.rows[0]?.file_name ?? "", head.value);
    if (!format) throw new BadFile("unknownFormat");
    // CSV: bytes as the parser pulls them; .xlsx: the reader's own fraction (below).
    const countsBytes = format === "csv";
    async function* counted(): AsyncGenerator<Uint8Array> {
      if (countsBytes) progress.bytes += head.value!.byteLength;
      yield head.value!;
      for await (const chunk of bytes) {
        if (countsBytes) progress.bytes += chunk.byteLength;
        yield chunk;
      }
    }
    const info: ReadInfo = { encoding: null };
    const copy = client.query(copyFrom(`COPY pg_temp.import_rows (${COPY_COLUMNS.join(", ")}) FROM STDIN`));
    const copyDone = new Promise<void>((resolve, reject) => {
      copy.on("finish", resolve);
      copy.on("error", reject);
    });
    let check: ((row: { lineNo: number; cells: string[] }) => CheckedRow) | null = null;
    let columns: ColumnMap | null = null;
    let headerDone = false;
    try {
      for await (const chunk of readRows(counted(), format, info)) {
        let text = "";
        for (const row of chunk) {
          if (!headerDone) {
            headerDone = true;
            const mapped = mapHeader(row.cells);
            if (mapped.missing.length) throw new BadFile(`missingColumns:${mapped.missing.join(",")}`);
            columns = mapped.columns;
            check = makeRowChecker({ columns, banks });
            // Line 0 keeps the header cells (the error file repeats them).
            text += `${batchId}\t0\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\tt\tf\t{}\t${copyTextArray(row.cells)}\n`;
            continue;
          }
          const c = check!(row);
          const reasons = c.reasons.length ? encodeReasons(c.reasons, c.detail) : c.reasons;
          progress.rows += 1;
          if (c.isRejected) progress.rejected += 1;
          else progress.accepted += 1;
          if (c.reasons.length && !c.isRejected) progress.warnings += 1;
          text += `${batchId}\t${c.lineNo}\t${copyValue(c.uscc)}\t${copyValue(c.name)}\t${copyValue(c.countyCode)}\t${copyValue(c.cityCode)}\t${copyValue(c.industry)}\t${copyValue(c.kind)}\t${copyValue(c.legalRepName)}\t${copyValue(c.legalRepPhone)}\t${copyValue(c.bankId)}\t${c.isRejected ? "\\N" : orderedUuid()}\t${copyBool(c.isRejected)}\t${copyBool(!c.isRejected)}\t${copyTextArray(reasons)}\t${reasons.length ? copyTextArray(c.raw) : "{}"}\n`;
        }
        // An .xlsx is spooled whole before its first row: its reader reports how far it got.
        if (format === "xlsx" && info.fraction !== undefined && fileSize) progress.bytes = Math.floor(info.fraction * fileSize);
        checkpoint();
        if (text && !copy.write(text)) await once(copy, "drain");
      }
      if (!headerDone) throw new BadFile("noHeader");
      copy.end();
      await copyDone;
    } catch (error) {
      copy.destroy(error instanceof Error ? error : new Error(String(error)));
      await copyDone.catch(() => {});
      if (error instanceof ImportFileError) throw new BadFile(`${error.code}${error.detail.line ? `:${error.detail.line}` : ""}`);
      throw error;
    }
    // On the pool, not in the import's transaction: a row lock held by the transaction would
    // stall every progress and lease write until COMMIT.
    await pgPool().query("UPDATE list_batches SET encoding = $2, file_format = $3 WHERE id = $1", [batchId, info.encoding, format]);
  } finally {
    fileClient.release();
  }
}

async function writeOutcome(client: pg.PoolClient, batchId: string, attempt: number, counts: MergeCounts): Promise<void> {
  const { rowCount } = await client.query(
    `UPDATE list_batches SET status = 'DONE', finished_at = clock_timestamp(), lease_until = NULL, row_count = $2, rows_read = $2,
            accepted = $3, rejected = $4, warnings = $5, new_enterprises = $6, known_enterprises = $7,
            memberships_added = $8, registry_updates = $9, duplicate_of_id = $10, pooled = $11,
            bytes_read = coalesce(file_size, bytes_read)
      WHERE id = $1 AND attempts = $12 AND status = 'RUNNING'`,
    [batchId, counts.rows, counts.accepted, counts.rejected, counts.warnings, counts.newEnterprises, counts.knownEnterprises,
      counts.membershipsAdded, counts.registryUpdates, counts.duplicateOfId, counts.pooled, attempt],
  );
  // Taken over meanwhile (this run's lease ran out): roll back, the other run counts.
  if (rowCount !== 1) throw new Error("lease lost: another worker took the batch");
}
