// The monthly-notice queue's body (lib/jobs/worker.ts; cron: the 3rd at 08:00 Shanghai): the
// notice of `month` (default: the Shanghai month before today), published once and restated
// when its figures changed since (lib/notices/publish.ts). Idempotent: a second run with no
// change in the data writes nothing. Each run is a job_runs row (lib/jobs/runs.ts).
import { db } from "@/lib/db";
import { isNoticeMonth, previousShanghaiMonth } from "@/lib/domain/notice";
import { recordRun, type JobResult, type JobTrigger } from "@/lib/jobs/runs";
import { publishNotice } from "@/lib/notices/publish";

export type NoticeJobData = { month?: string; trigger?: JobTrigger; requestedById?: string | null };

export async function runNoticeJob(data: NoticeJobData, attempt = 1): Promise<JobResult> {
  const month = data.month ?? previousShanghaiMonth();
  if (!isNoticeMonth(month)) throw new Error(`monthly-notice: not a month: ${month}`);
  const trigger = data.trigger ?? "SCHEDULE";
  return recordRun("monthly-notice", month, { trigger, requestedById: data.requestedById ?? null, attempt }, async () => {
    const result = await publishNotice(month, { trigger, requestedBy: data.requestedById ?? null }, db);
    return { rowsTouched: result.rowsTouched, detail: { month, outcome: result.outcome, noticeId: result.noticeId, changes: result.changes.length } };
  });
}
