// Asks a running (or queued) import to stop. The job sees the request at its next progress
// write (within a second), rolls its transaction back and marks the batch CANCELLED: nothing
// of a cancelled import stays in the registry.
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { requireActor } from "@/lib/commands/require-actor";
import { writeAudit } from "@/lib/commands/audit";
import { notFound, ruleViolation } from "@/lib/errors";
import { batchScope } from "@/lib/queries/list-batches";
import { parseOrThrow } from "@/lib/schemas/parse";
import { uuid } from "@/lib/schemas/common";

const cancelSchema = z.strictObject({ batchId: uuid });

export async function cancelListImport(actor: Actor | null, raw: unknown): Promise<{ batchId: string }> {
  const who = requireActor(actor);
  const { batchId } = parseOrThrow(cancelSchema, raw);
  return db.$transaction(async (tx) => {
    const batch = await tx.listBatch.findFirst({ where: { AND: [batchScope(who), { id: batchId }] }, select: { id: true, status: true, ownerBankId: true } });
    if (!batch) throw notFound();
    if (batch.status !== "QUEUED" && batch.status !== "RUNNING") throw ruleViolation("importNotRunning");
    await tx.listBatch.update({ where: { id: batchId }, data: { cancelRequested: true } });
    // Nobody has it yet: cancel at once.
    if (batch.status === "QUEUED") {
      await tx.listBatch.update({ where: { id: batchId }, data: { status: "CANCELLED", finishedAt: new Date() } });
    }
    await writeAudit(tx, { actorId: who.userId, bankId: batch.ownerBankId, action: "list.cancel", entityType: "list_batch", entityId: batchId, before: { status: batch.status } });
    return { batchId };
  });
}
