import "server-only";
// The job history (job_runs) for admins: a head-office admin or a regulator admin. Runs carry
// only counts (rows touched, per-kind figures), never a bank's data, so every admin reads all.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { SCHEDULES, SCHEDULE_TZ } from "@/lib/jobs/queue";

export type JobRunRow = {
  id: string; job: string; key: string; status: string; trigger: string; attempt: number;
  startedAt: string; finishedAt: string | null; durationMs: number | null; rowsTouched: number | null; error: string | null;
};

export function canReadJobs(actor: Actor | null): actor is Actor {
  return !!actor && actor.isAdmin && (actor.role === "BANK_HEAD_OFFICE" || actor.role === "REGULATOR");
}

/** Newest first; null for callers who may not read the history. */
export async function listJobRuns(actor: Actor | null, options: { job?: string; limit?: number } = {}): Promise<{ runs: JobRunRow[]; schedules: typeof SCHEDULES; tz: string } | null> {
  if (!canReadJobs(actor)) return null;
  const rows = await db.jobRun.findMany({
    where: options.job ? { job: options.job } : {},
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: Math.min(options.limit ?? 100, 500),
  });
  return {
    schedules: SCHEDULES,
    tz: SCHEDULE_TZ,
    runs: rows.map((r) => ({
      id: r.id.toString(), job: r.job, key: r.key, status: r.status, trigger: r.trigger, attempt: r.attempt,
      startedAt: r.startedAt.toISOString(), finishedAt: r.finishedAt?.toISOString() ?? null,
      durationMs: r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : null,
      rowsTouched: r.rowsTouched, error: r.status === "FAILED" ? (r.error ?? "").slice(0, 300) : null,
    })),
  };
}
