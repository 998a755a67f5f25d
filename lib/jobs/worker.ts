// The worker process's body: works the queues and sweeps up work whose job was lost (a send
// that failed after its batch committed, a worker killed mid-import). Started by
// scripts/worker.ts beside the web workers (npm run dev, npm start) and by tests.
import type PgBoss from "pg-boss";
import { createBoss, ensureQueues, QUEUES, SCHEDULE_TZ, SCHEDULES } from "@/lib/jobs/queue";
import { failStaleRuns } from "@/lib/jobs/runs";
import { runDailyScanJob, type DailyScanJobData } from "@/lib/alerts/scan";
import { runNoticeJob, type NoticeJobData } from "@/lib/notices/job";
import { runListImport } from "@/lib/lists/import-job";
import { poolBankListIfNeeded } from "@/lib/lists/pool-bank-list";
import { runPublishJob } from "@/lib/lists/publish-job";
import { pgPool } from "@/lib/pg";
import { log } from "@/lib/log";

export type WorkerOptions = { leaseSeconds?: number; sweepMs?: number; pollingSeconds?: number };

export type RunningWorker = { stop(): Promise<void>; sweep(): Promise<number> };

/** One import job: the import itself, then (bank lists) the owner bank's pool. */
export async function handleListImport(batchId: string, options: WorkerOptions = {}): Promise<void> {
  const outcome = await runListImport(batchId, { leaseSeconds: options.leaseSeconds });
  if (outcome === "DONE" || outcome === "NOT_CLAIMED") await poolBankListIfNeeded(batchId);
}

/**
 * Batches whose job went missing: queued for over a minute, running under a lease that ran
 * out (its worker died), or a bank list imported but not yet pooled. Each is queued again;
 * a duplicate job is harmless (only one worker can claim a batch).
 */
export async function sweepLostImports(boss: PgBoss): Promise<number> {
  const { rows } = await pgPool().query<{ id: string }>(
    `UPDATE list_batches SET status = CASE WHEN status = 'RUNNING' THEN 'QUEUED'::"BatchStatus" ELSE status END,
            lease_until = now() + interval '60 seconds'
      WHERE (status = 'RUNNING' AND lease_until < now())
         OR (status = 'QUEUED' AND NOT cancel_requested AND created_at < now() - interval '60 seconds' AND coalesce(lease_until, '-infinity') < now())
         OR (status = 'DONE' AND owner_bank_id IS NOT NULL AND published_at IS NULL AND coalesce(lease_until, '-infinity') < now()
             AND finished_at < now() - interval '10 seconds')
      RETURNING id`,
  );
  for (const { id } of rows) await boss.send(QUEUES.listImport, { batchId: id }, { singletonKey: id });
  // Publishes asked for ten minutes ago and neither done nor refused (a lost send, a dead
  // worker): ask again; the batch's row lock keeps a second run from publishing twice.
  const publishes = await pgPool().query<{ id: string }>(
    `UPDATE list_batches SET publish_requested_at = now()
      WHERE publish_requested_at < now() - interval '10 minutes' AND published_at IS NULL AND publish_error IS NULL
      RETURNING id`,
  );
  for (const { id } of publishes.rows) await boss.send(QUEUES.listPublish, { batchId: id }, { singletonKey: `publish:${id}` });
  return rows.length + publishes.rows.length;
}

/**
 * Schedules that were missed (the worker was down at 07:00, or this is a fresh install): if no
 * daily scan has run today (Shanghai), or no notice exists for last month from the 3rd on, one
 * is queued now. Both jobs are idempotent, so a catch-up that overlaps the cron is harmless.
 */
export async function catchUpSchedules(boss: PgBoss): Promise<number> {
  const { rows } = await pgPool().query<{ day: string; scanned: boolean; last_month: string; notice_due: boolean }>(
    `SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD') AS day,
            EXISTS (SELECT 1 FROM job_runs WHERE job = 'daily-scan' AND status IN ('RUNNING', 'DONE')
                      AND key = to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')) AS scanned,
            to_char((now() AT TIME ZONE 'Asia/Shanghai') - interval '1 month', 'YYYY-MM') AS last_month,
            extract(day FROM now() AT TIME ZONE 'Asia/Shanghai') >= 3
              AND NOT EXISTS (SELECT 1 FROM notices WHERE month = to_char((now() AT TIME ZONE 'Asia/Shanghai') - interval '1 month', 'YYYY-MM'))
              AND NOT EXISTS (SELECT 1 FROM job_runs WHERE job = 'monthly-notice' AND started_at > now() - interval '1 hour'
                                AND key = to_char((now() AT TIME ZONE 'Asia/Shanghai') - interval '1 month', 'YYYY-MM')) AS notice_due`,
  );
  const state = rows[0]!;
  let sent = 0;
  if (!state.scanned && (await boss.send(QUEUES.dailyScan, { day: state.day, trigger: "SWEEP" }, { singletonKey: `catch-up:${state.day}`, singletonSeconds: 300 }))) sent++;
  if (state.notice_due && (await boss.send(QUEUES.monthlyNotice, { month: state.last_month, trigger: "SWEEP" }, { singletonKey: `catch-up:${state.last_month}`, singletonSeconds: 3600 }))) sent++;
  return sent;
}

export async function startWorker(databaseUrl: string, options: WorkerOptions = {}): Promise<RunningWorker> {
  const boss = createBoss(databaseUrl, "worker");
  await boss.start();
  await ensureQueues(boss);
  await boss.work<{ batchId: string }>(QUEUES.listImport, { batchSize: 1, pollingIntervalSeconds: options.pollingSeconds ?? 1 }, async ([job]) => {
    if (job) await handleListImport(job.data.batchId, options);
  });
  await boss.work<{ batchId: string }>(QUEUES.listPublish, { batchSize: 1, pollingIntervalSeconds: options.pollingSeconds ?? 1 }, async ([job]) => {
    if (job) await runPublishJob(job.data.batchId);
  });
  // The scheduled side (issue 12): each queue's body records its run in job_runs; a handler
  // that throws is retried by pg-boss (retryLimit in QUEUE_OPTIONS).
  await boss.work<DailyScanJobData>(QUEUES.dailyScan, { batchSize: 1, pollingIntervalSeconds: options.pollingSeconds ?? 2, includeMetadata: true }, async ([job]) => {
    if (job) await runDailyScanJob(job.data ?? {}, job.retryCount + 1);
  });
  await boss.work<NoticeJobData>(QUEUES.monthlyNotice, { batchSize: 1, pollingIntervalSeconds: options.pollingSeconds ?? 2, includeMetadata: true }, async ([job]) => {
    if (job) await runNoticeJob(job.data ?? {}, job.retryCount + 1);
  });
  for (const { queue, cron } of SCHEDULES) await boss.schedule(queue, cron, {}, { tz: SCHEDULE_TZ });
  const sweep = async () => {
    await failStaleRuns();
    await catchUpSchedules(boss);
    return sweepLostImports(boss);
  };
  await sweep().catch((error: unknown) => log("error", "job sweep failed", { error }));
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => log("error", "job sweep failed", { error }));
  }, options.sweepMs ?? 15_000);
  return {
    sweep,
    async stop() {
      clearInterval(timer);
      await boss.stop({ graceful: true, wait: true, timeout: 30_000 });
    },
  };
}
