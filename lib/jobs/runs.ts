// The job history admins read (job_runs): every run of a scheduled or on-demand job, with its
// trigger, attempt, start, end, rows touched and error. A run's work must be idempotent —
// running the same day or month twice writes nothing twice — so a retry (pg-boss retries a
// job whose handler threw) is simply another run row.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";

export type JobTrigger = "SCHEDULE" | "ON_DEMAND" | "SWEEP";

export type JobResult = { rowsTouched: number; detail?: Prisma.InputJsonValue };

export async function recordRun(
  job: string,
  key: string,
  options: { trigger: JobTrigger; requestedById?: string | null; attempt?: number },
  work: () => Promise<JobResult>,
): Promise<JobResult> {
  const run = await db.jobRun.create({
    data: { job, key, status: "RUNNING", trigger: options.trigger, requestedById: options.requestedById ?? null, attempt: options.attempt ?? 1 },
    select: { id: true },
  });
  try {
    const result = await work();
    await db.jobRun.update({
      where: { id: run.id },
      data: { status: "DONE", finishedAt: new Date(), rowsTouched: result.rowsTouched, detail: result.detail ?? Prisma.JsonNull },
    });
    return result;
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await db.jobRun.update({ where: { id: run.id }, data: { status: "FAILED", finishedAt: new Date(), error: message.slice(0, 2000) } }).catch(() => {});
    throw error;
  }
}

/** Runs left RUNNING by a worker that died (no finish after `staleMinutes`) are marked failed. */
export async function failStaleRuns(staleMinutes = 120): Promise<number> {
  return db.$executeRaw`UPDATE job_runs SET status = 'FAILED', finished_at = now(), error = 'worker stopped before the run finished'
    WHERE status = 'RUNNING' AND started_at < now() - make_interval(mins => ${staleMinutes})`;
}
