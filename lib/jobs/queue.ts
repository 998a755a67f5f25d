// The one job queue of the app: pg-boss, in PostgreSQL (schema `pgboss`), so the app stays
// stateless and any node can enqueue or work. pg-boss 10.4 is the last line that runs on
// Node 20; its cron schedules take a time zone (Asia/Shanghai), its jobs are retried and kept
// (history) after they finish.
//
// Web processes only send (no maintenance, no cron, no schema migration); the worker process
// (scripts/worker.ts) works the queues, runs maintenance and the schedules. The schema is
// installed by scripts/db/prepare.ts (npm run dev, npm test) and `npm run db:migrate`.
import PgBoss from "pg-boss";
import { log } from "@/lib/log";

export const QUEUES = {
  /** A list file to read, check and merge into the registry: data { batchId }. */
  listImport: "list-import",
  /** A province list to publish (allocate and pool): data { batchId }. */
  listPublish: "list-publish",
  /** The daily alert and market-order scan: data { day?: YYYY-MM-DD } (default: today in Shanghai). */
  dailyScan: "daily-scan",
  /** The monthly notice (监测通报): data { month?: YYYY-MM } (default: the month before). */
  monthlyNotice: "monthly-notice",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export const JOB_SCHEMA = "pgboss";

/** Queue settings, applied by the worker at start (createQueue/updateQueue). */
export const QUEUE_OPTIONS: Record<QueueName, Omit<PgBoss.Queue, "name">> = {
  // An import holds its own lease (list_batches.lease_until): pg-boss's expiry is only the
  // last resort for a job whose worker vanished without the lease logic noticing.
  [QUEUES.listImport]: { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: 4 * 3600, retentionDays: 30 },
  [QUEUES.listPublish]: { retryLimit: 3, retryDelay: 10, retryBackoff: true, expireInSeconds: 3600, retentionDays: 30 },
  [QUEUES.dailyScan]: { retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 3600, retentionDays: 90 },
  [QUEUES.monthlyNotice]: { retryLimit: 5, retryDelay: 60, retryBackoff: true, expireInSeconds: 3600, retentionDays: 400 },
};

/**
 * Cron schedules, in Asia/Shanghai, registered by the worker (pg-boss keeps one schedule per
 * queue, whichever worker registers it; its cron monitor sends each occurrence once even with
 * several workers).
 */
export const SCHEDULES: { queue: QueueName; cron: string; what: string }[] = [
  { queue: QUEUES.dailyScan, cron: "0 7 * * *", what: "daily at 07:00: alerts, digests, market-order flags" },
  { queue: QUEUES.monthlyNotice, cron: "0 8 3 * *", what: "the 3rd of each month at 08:00: the past month's notice" },
];
export const SCHEDULE_TZ = "Asia/Shanghai";

export function createBoss(connectionString: string, role: "sender" | "worker"): PgBoss {
  const boss = new PgBoss({
    connectionString,
    schema: JOB_SCHEMA,
    max: role === "sender" ? 2 : 4,
    application_name: `shoudai-jobs-${role}`,
    supervise: role === "worker",
    schedule: role === "worker",
    migrate: role === "worker",
  } as PgBoss.ConstructorOptions);
  boss.on("error", (error) => log("error", "job queue error", { role, error }));
  return boss;
}

/** Installs or upgrades pg-boss's schema and creates the app's queues; then disconnects. */
export async function installJobQueue(connectionString: string): Promise<void> {
  const boss = createBoss(connectionString, "worker");
  await boss.start();
  try {
    await ensureQueues(boss);
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

export async function ensureQueues(boss: PgBoss): Promise<void> {
  for (const [name, options] of Object.entries(QUEUE_OPTIONS)) {
    if (await boss.getQueue(name)) await boss.updateQueue(name, { name, ...options });
    else await boss.createQueue(name, { name, ...options });
  }
}

const globalForJobs = globalThis as unknown as { shoudaiBoss?: Promise<PgBoss> };

function sender(): Promise<PgBoss> {
  if (!globalForJobs.shoudaiBoss) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const boss = createBoss(url, "sender");
    globalForJobs.shoudaiBoss = boss.start().catch((error: unknown) => {
      globalForJobs.shoudaiBoss = undefined;
      throw error;
    });
  }
  return globalForJobs.shoudaiBoss;
}

/**
 * Enqueues a job. Callers write their own durable state first (e.g. a QUEUED batch): a send
 * that fails is picked up by the worker's sweep, so losing one here loses no work.
 */
export async function enqueue(name: QueueName, data: object, options: PgBoss.SendOptions = {}): Promise<string | null> {
  const boss = await sender();
  return boss.send(name, data, options);
}
