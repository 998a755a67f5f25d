// Receives a list file (streamed, never held whole in memory) and queues its import. The
// batch row, the file's chunks and the audit row are written in ONE transaction that commits
// only when the whole upload arrived and its fields are valid and allowed for the caller: a
// refused or broken upload writes nothing. The import itself runs in the worker (queue
// "list-import"), never inside the upload request.
import { createHash } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/commands/require-actor";
import { AppError } from "@/lib/errors";
import { todayInShanghai } from "@/lib/domain/dates";
import { canImportList, LIST_TYPES } from "@/lib/domain/lists";
import { detectFormat } from "@/lib/import/read-rows";
import { rechunk } from "@/lib/lists/file-store";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { pgPool } from "@/lib/pg";
import { parseOrThrow } from "@/lib/schemas/parse";
import { isoDate, onRealDate, optional } from "@/lib/schemas/common";

export const MAX_LIST_FILE_BYTES = 256 * 1024 * 1024;

export const listImportSchema = z.strictObject({
  listType: z.enum(LIST_TYPES, { message: "required" }),
  name: z.string({ message: "required" }).trim().min(1, { message: "required" }).max(100, { message: "tooLong" }),
  issuedOn: optional(isoDate.refine(onRealDate((d) => d >= "2015-01-01" && d <= todayInShanghai()), { message: "invalidDate" })),
});

export type ListImportFile = { fileName: string; stream: AsyncIterable<Uint8Array> };

/**
 * `readUpload` drives the multipart parser: it calls `onFile` once for the file part (which
 * must consume it) and resolves with the text fields when the request has been read.
 */
export type UploadReader = (onFile: (file: ListImportFile) => Promise<void>) => Promise<Record<string, string>>;

export async function createListImport(actor: Actor | null, readUpload: UploadReader): Promise<{ batchId: string }> {
  const who = requireActor(actor);
  // Decided before a byte is read: only regulators and bank head offices import lists.
  if (who.role !== "REGULATOR" && !(who.role === "BANK_HEAD_OFFICE" && who.bankId)) throw new AppError("NOT_FOUND", "notFound");

  const client = await pgPool().connect();
  let batchId: string | null = null;
  let fileInfo: { size: number; sha256: string; format: string | null; name: string } | null = null;
  let isOpen = false;
  try {
    const fields = await readUpload(async (file) => {
      if (batchId) throw new AppError("INVALID_INPUT", "invalidInput", { file: ["oneFileOnly"] });
      await client.query("BEGIN");
      isOpen = true;
      // Placeholder type and name: the fields may arrive after the file; nothing is visible
      // to anyone before COMMIT, and they are set (or the whole thing rolled back) below.
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO list_batches (list_type, name, issued_on, status, created_by_id, file_name)
         VALUES ('BANKS_VISIT_ENTERPRISES', '', $1, 'QUEUED', $2, $3) RETURNING id`,
        [todayInShanghai(), who.userId, file.fileName.slice(0, 255)],
      );
      batchId = rows[0]!.id;
      const hash = createHash("sha256");
      let size = 0;
      let seq = 0;
      let head: Uint8Array | null = null;
      for await (const chunk of rechunk(file.stream)) {
        size += chunk.length;
        if (size > MAX_LIST_FILE_BYTES) throw new AppError("INVALID_INPUT", "invalidInput", { file: ["fileTooLarge"] });
        head ??= chunk.subarray(0, 8);
        hash.update(chunk);
        await client.query("INSERT INTO list_batch_files (batch_id, seq, data) VALUES ($1, $2, $3)", [batchId, seq++, chunk]);
      }
      fileInfo = { size, sha256: hash.digest("hex"), format: head ? detectFormat(file.fileName, head) : null, name: file.fileName };
    });

    const input = parseOrThrow(listImportSchema, fields);
    if (!batchId || !fileInfo) throw new AppError("INVALID_INPUT", "invalidInput", { file: ["required"] });
    const info = fileInfo as { size: number; sha256: string; format: string | null; name: string };
    if (info.size === 0) throw new AppError("INVALID_INPUT", "invalidInput", { file: ["emptyFile"] });
    if (!info.format) throw new AppError("INVALID_INPUT", "invalidInput", { file: ["unknownFormat"] });
    if (!canImportList(who, input.listType)) throw new AppError("INVALID_INPUT", "invalidInput", { listType: ["listTypeNotAllowed"] });

    const ownerBankId = who.role === "BANK_HEAD_OFFICE" ? who.bankId : null;
    await client.query(
      `UPDATE list_batches SET list_type = $2, name = $3, issued_on = $4, owner_bank_id = $5, file_size = $6,
              file_sha256 = $7, file_format = $8, source = $9 WHERE id = $1`,
      [batchId, input.listType, input.name, input.issuedOn ?? todayInShanghai(), ownerBankId, info.size, info.sha256, info.format, who.role === "REGULATOR" ? "regulator" : "bank"],
    );
    await client.query(
      `INSERT INTO audit_logs (actor_id, bank_id, action, entity_type, entity_id, after) VALUES ($1, $2, 'list.upload', 'list_batch', $3, $4)`,
      [who.userId, ownerBankId, batchId, JSON.stringify({ listType: input.listType, name: input.name, fileName: info.name, size: info.size, sha256: info.sha256 })],
    );
    await client.query("COMMIT");
    isOpen = false;
  } catch (error) {
    if (isOpen) await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  const id = batchId as unknown as string;
  // After COMMIT: a send that fails is re-sent by the worker's sweep of queued batches.
  await enqueue(QUEUES.listImport, { batchId: id }, { singletonKey: id }).catch((error: unknown) => {
    console.error("[import] enqueue failed; the worker's sweep will pick the batch up", error);
  });
  return { batchId: id };
}
