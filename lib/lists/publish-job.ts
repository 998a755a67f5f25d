// The publish job (queue "list-publish"): publishes a batch as the regulator who asked
// (publishBatch: one transaction under the batch's row lock, so a worker that dies leaves
// nothing and a duplicate job waits, then finds it published). A refusal (the requester was
// disabled or demoted meanwhile, the batch changed) is recorded on the batch for the page.
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import { publishBatch } from "@/lib/commands/publish-batch";
import { AppError } from "@/lib/errors";

export type PublishOutcome = "PUBLISHED" | "ALREADY" | "REFUSED" | "NOT_REQUESTED";

export async function runPublishJob(batchId: string): Promise<PublishOutcome> {
  const batch = await db.listBatch.findUnique({
    where: { id: batchId },
    select: { publishRequestedAt: true, publishRequestedById: true, publishedAt: true, publishError: true },
  });
  if (!batch?.publishRequestedAt || batch.publishError) return "NOT_REQUESTED";
  if (batch.publishedAt) return "ALREADY";
  try {
    await publishBatch(await loadActor(db, batch.publishRequestedById), { batchId });
    return "PUBLISHED";
  } catch (error) {
    if (error instanceof AppError) {
      if (error.messageKey === "alreadyPublished") return "ALREADY";
      await db.listBatch.update({ where: { id: batchId }, data: { publishError: error.messageKey } });
      return "REFUSED";
    }
    throw error; // retried by the queue
  }
}
