// A bank's own list goes straight into that bank's pool once imported (no publishing step):
// run after the import committed, in its own transaction; the worker's sweep re-runs it for
// a batch whose worker died in between (published_at stays null until it is done).
import { db } from "@/lib/db";
import { applyBatchToPools } from "@/lib/commands/publish-batch";

export async function poolBankListIfNeeded(batchId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string; created_by_id: string | null }[]>`
      SELECT id, created_by_id FROM list_batches
       WHERE id = ${batchId}::uuid AND status = 'DONE' AND owner_bank_id IS NOT NULL AND published_at IS NULL
       FOR UPDATE`;
    const batch = rows[0];
    if (!batch) return;
    const { pooled } = await applyBatchToPools(tx, batchId, batch.created_by_id);
    await tx.listBatch.update({ where: { id: batchId }, data: { publishedAt: new Date(), publishedById: batch.created_by_id, pooled } });
  }, { timeout: 10 * 60_000, maxWait: 30_000 });
}
