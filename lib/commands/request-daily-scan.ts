// A regulator admin runs the daily scan now (the alerts of the whole province: idempotent, so
// asking twice changes nothing the second time). The run is queued on the one job queue and
// appears in the job history; the request itself is an audit row.
import type { Actor } from "@/lib/auth/actor";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { db } from "@/lib/db";
import { todayInShanghai } from "@/lib/domain/dates";
import { AppError } from "@/lib/errors";
import { enqueue, QUEUES } from "@/lib/jobs/queue";

export async function requestDailyScan(actor: Actor | null): Promise<{ day: string }> {
  const who = requireActor(actor);
  if (who.role !== "REGULATOR" || !who.isAdmin) throw new AppError("NOT_FOUND", "notFound");
  const day = todayInShanghai();
  await writeAudit(db, { actorId: who.userId, bankId: null, action: "job.request", entityType: "job", entityId: `daily-scan:${day}` });
  await enqueue(QUEUES.dailyScan, { day, trigger: "ON_DEMAND", requestedById: who.userId }, { singletonKey: `daily-scan:${day}:on-demand`, singletonSeconds: 60 });
  return { day };
}
