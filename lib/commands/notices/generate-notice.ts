// A regulator asks for a month's notice now (the "generate now" button, POST
// /api/v1/notices/{month}). Runs the job body directly — the caller waits for the notice —
// so the run is in the job history like a scheduled one (trigger ON_DEMAND). Idempotent:
// an existing notice with unchanged figures writes nothing but the run row; changed figures
// append a restatement (lib/notices/publish.ts).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { requireActor } from "@/lib/commands/require-actor";
import { notFound } from "@/lib/errors";
import { canPublishNotices } from "@/lib/notices/audience";
import { parseOrThrow } from "@/lib/schemas/parse";
import { generateNoticeSchema } from "@/lib/schemas/notices";
import { runNoticeJob } from "@/lib/notices/job";
import type { PublishOutcome } from "@/lib/notices/publish";

export type GenerateNoticeResult = { month: string; outcome: PublishOutcome };

export async function generateNotice(actor: Actor | null, raw: unknown): Promise<GenerateNoticeResult> {
  const who = requireActor(actor);
  if (!canPublishNotices(who)) throw notFound();
  const { month } = parseOrThrow(generateNoticeSchema, raw);
  const result = await runNoticeJob({ month, trigger: "ON_DEMAND", requestedById: who.userId });
  const detail = result.detail as { outcome: PublishOutcome };
  return { month, outcome: detail.outcome };
}
