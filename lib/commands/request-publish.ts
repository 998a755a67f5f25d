// A regulator asks for a province list to be published. Publishing a province-size list is
// minutes of set-based work (530,000 allocations and pool entries), so it runs as a job
// (queue "list-publish", lib/lists/publish-job.ts) and never inside the request: this records
// who asked and when (one transaction with the audit row), then queues the job. The job runs
// publishBatch (lib/commands/publish-batch.ts) as the requesting regulator.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { requireActor } from "@/lib/commands/require-actor";
import { writeAudit } from "@/lib/commands/audit";
import { notFound, ruleViolation } from "@/lib/errors";
import { enqueue, QUEUES } from "@/lib/jobs/queue";
import { parseOrThrow } from "@/lib/schemas/parse";
import { publishBatchSchema } from "@/lib/schemas/allocation";

export type RequestPublishResult = { batchId: string; requestedAt: string };

export async function requestPublish(actor: Actor | null, raw: unknown): Promise<RequestPublishResult> {
  const who = requireActor(actor);
  if (who.role !== "REGULATOR") throw notFound();
  const { batchId } = parseOrThrow(publishBatchSchema, raw);
  const requestedAt = await db.$transaction(async (tx) => {
    const [batch] = await tx.$queryRaw<{ owner_bank_id: string | null; status: string; published_at: Date | null; publish_requested_at: Date | null; publish_error: string | null }[]>`
      SELECT owner_bank_id, status::text AS status, published_at, publish_requested_at, publish_error
        FROM list_batches WHERE id = ${batchId}::uuid FOR UPDATE`;
    if (!batch || batch.owner_bank_id !== null) throw notFound();
    if (batch.published_at) throw ruleViolation("alreadyPublished");
    if (batch.status !== "DONE") throw ruleViolation("batchNotDone");
    // Asked already and still on its way (a failed attempt may be asked again).
    if (batch.publish_requested_at && !batch.publish_error) throw ruleViolation("publishPending");
    const [row] = await tx.$queryRaw<{ at: Date }[]>`
      UPDATE list_batches SET publish_requested_at = now(), publish_requested_by_id = ${who.userId}::uuid, publish_error = NULL
       WHERE id = ${batchId}::uuid RETURNING publish_requested_at AS at`;
    await writeAudit(tx, { actorId: who.userId, bankId: null, action: "batch.publish_request", entityType: "list_batch", entityId: batchId });
    return row!.at;
  });
  // After COMMIT; a lost send is re-sent by the worker's sweep.
  await enqueue(QUEUES.listPublish, { batchId }, { singletonKey: `publish:${batchId}` }).catch((error: unknown) => {
    console.error("[publish] enqueue failed; the worker's sweep will pick the batch up", error);
  });
  return { batchId, requestedAt: requestedAt.toISOString() };
}
