import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { BatchStatus, ListType } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

/** Which batches an actor sees: regulators the province lists, a head office its bank's own. */
export function batchScope(actor: Actor | null): Prisma.ListBatchWhereInput {
  if (actor?.role === "REGULATOR") return { ownerBankId: null };
  if (actor?.role === "BANK_HEAD_OFFICE" && actor.bankId) return { ownerBankId: actor.bankId };
  return { id: { in: [] } };
}

export type BatchSummary = {
  id: string;
  listType: ListType;
  name: string;
  status: BatchStatus;
  fileName: string | null;
  createdAt: string;
  createdByName: string | null;
  rows: number;
  rejected: number;
  newEnterprises: number;
  membershipsAdded: number;
  publishedAt: string | null;
};

/** The actor's batches, newest first (seeded lists included). */
export async function listBatches(actor: Actor | null, take = 50): Promise<BatchSummary[]> {
  const batches = await db.listBatch.findMany({
    where: batchScope(actor),
    orderBy: { createdAt: "desc" },
    take,
    select: {
      id: true, listType: true, name: true, status: true, fileName: true, createdAt: true, rowsRead: true, rejected: true,
      newEnterprises: true, membershipsAdded: true, publishedAt: true, createdBy: { select: { name: true } },
    },
  });
  return batches.map((b) => ({
    id: b.id,
    listType: b.listType,
    name: b.name,
    status: b.status,
    fileName: b.fileName,
    createdAt: b.createdAt.toISOString(),
    createdByName: b.createdBy?.name ?? null,
    rows: b.rowsRead,
    rejected: b.rejected,
    newEnterprises: b.newEnterprises,
    membershipsAdded: b.membershipsAdded,
    publishedAt: b.publishedAt?.toISOString() ?? null,
  }));
}
