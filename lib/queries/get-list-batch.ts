import "server-only";
import type { BatchStatus, ListType } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { batchScope } from "@/lib/queries/list-batches";
import { uuid } from "@/lib/schemas/common";

export type BatchView = {
  id: string;
  listType: ListType;
  name: string;
  status: BatchStatus;
  isBankList: boolean;
  issuedOn: string;
  fileName: string | null;
  fileFormat: string | null;
  fileSize: number | null;
  fileSha256: string | null;
  encoding: string | null;
  createdAt: string;
  createdByName: string | null;
  startedAt: string | null;
  finishedAt: string | null;
  /** Seconds from the first start to the end (or to now while running). */
  durationSeconds: number | null;
  attempts: number;
  cancelRequested: boolean;
  errorMessage: string | null;
  progress: { bytesRead: number; fileSize: number | null; percent: number | null; secondsLeft: number | null; isMerging: boolean };
  rows: number;
  accepted: number;
  rejected: number;
  warnings: number;
  newEnterprises: number;
  knownEnterprises: number;
  membershipsAdded: number;
  registryUpdates: number;
  duplicateOf: { id: string; name: string; createdAt: string } | null;
  publishedAt: string | null;
  publishedByName: string | null;
  publishRequestedAt: string | null;
  publishError: string | null;
  allocated: number;
  pooled: number;
};

/** One batch the actor may see (else null: "not yours" looks like "does not exist"). */
export async function getListBatch(actor: Actor | null, id: string, now = new Date()): Promise<BatchView | null> {
  if (!uuid.safeParse(id).success) return null;
  const b = await db.listBatch.findFirst({
    where: { AND: [batchScope(actor), { id }] },
    include: { createdBy: { select: { name: true } }, publishedBy: { select: { name: true } } },
  });
  if (!b) return null;
  const duplicate = b.duplicateOfId
    ? await db.listBatch.findUnique({ where: { id: b.duplicateOfId }, select: { id: true, name: true, createdAt: true } })
    : null;
  const fileSize = b.fileSize === null ? null : Number(b.fileSize);
  const bytesRead = Number(b.bytesRead);
  const end = b.finishedAt ?? (b.status === "RUNNING" ? now : null);
  const elapsed = b.startedAt && end ? (end.getTime() - b.startedAt.getTime()) / 1000 : null;
  const percent = fileSize ? Math.min(100, Math.round((bytesRead / fileSize) * 1000) / 10) : null;
  const isMerging = b.status === "RUNNING" && fileSize !== null && bytesRead >= fileSize;
  // Time left from the reading speed so far; the merge after the last byte is not included.
  const secondsLeft = b.status === "RUNNING" && elapsed && fileSize && bytesRead > 0 && !isMerging
    ? Math.max(0, Math.round((elapsed * (fileSize - bytesRead)) / bytesRead))
    : null;
  return {
    id: b.id,
    listType: b.listType,
    name: b.name,
    status: b.status,
    isBankList: b.ownerBankId !== null,
    issuedOn: b.issuedOn.toISOString().slice(0, 10),
    fileName: b.fileName,
    fileFormat: b.fileFormat,
    fileSize,
    fileSha256: b.fileSha256,
    encoding: b.encoding,
    createdAt: b.createdAt.toISOString(),
    createdByName: b.createdBy?.name ?? null,
    startedAt: b.startedAt?.toISOString() ?? null,
    finishedAt: b.finishedAt?.toISOString() ?? null,
    durationSeconds: elapsed === null ? null : Math.round(elapsed * 10) / 10,
    attempts: b.attempts,
    cancelRequested: b.cancelRequested,
    errorMessage: b.errorMessage,
    progress: { bytesRead, fileSize, percent, secondsLeft, isMerging },
    rows: b.rowsRead,
    accepted: b.accepted,
    rejected: b.rejected,
    warnings: b.warnings,
    newEnterprises: b.newEnterprises,
    knownEnterprises: b.knownEnterprises,
    membershipsAdded: b.membershipsAdded,
    registryUpdates: b.registryUpdates,
    duplicateOf: duplicate ? { id: duplicate.id, name: duplicate.name, createdAt: duplicate.createdAt.toISOString() } : null,
    publishedAt: b.publishedAt?.toISOString() ?? null,
    publishedByName: b.publishedBy?.name ?? null,
    publishRequestedAt: b.publishRequestedAt?.toISOString() ?? null,
    publishError: b.publishError,
    allocated: b.allocated,
    pooled: b.pooled,
  };
}
