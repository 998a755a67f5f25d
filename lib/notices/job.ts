// Placeholder until the notice generator lands (issue 12): the monthly-notice queue's body.
import type { JobResult, JobTrigger } from "@/lib/jobs/runs";

export type NoticeJobData = { month?: string; trigger?: JobTrigger; requestedById?: string | null };

export async function runNoticeJob(data: NoticeJobData, attempt = 1): Promise<JobResult> {
  void data;
  void attempt;
  throw new Error("the monthly notice is not built yet");
}
