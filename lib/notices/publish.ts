// Publishing a month's notice, idempotently. The first run for a month freezes the figures
// (a notices row: append-only, triggers refuse UPDATE/DELETE), writes an audit row and tells
// every active bank head-office user and every regulator (notifications, one per person and
// month). A later run recomputes: figures equal to the latest published state write nothing;
// different figures append a restatement with the difference and an audit row. The published
// notice itself never changes.
//
// No authorization here: the scheduled job calls this, and so does the regulator's on-demand
// command after checking the caller (lib/commands/notices/generate-notice.ts).
import { Prisma } from "@/lib/generated/prisma/client";
import type { Db } from "@/lib/db-client";
import { writeAudit } from "@/lib/commands/audit";
import { diffFigures, type Change, type NoticeFigures } from "@/lib/domain/notice";
import { computeNoticeFigures } from "@/lib/notices/figures";
import type { JobTrigger } from "@/lib/jobs/runs";

export type PublishOutcome = "published" | "restated" | "unchanged";
export type PublishResult = { outcome: PublishOutcome; noticeId: string; month: string; rowsTouched: number; changes: Change[] };

export async function publishNotice(
  month: string,
  options: { trigger: JobTrigger; requestedBy?: string | null },
  database: Db,
): Promise<PublishResult> {
  const computed = await computeNoticeFigures(month, database);
  const figures = computed.figures as unknown as Prisma.InputJsonValue;
  const actorId = options.requestedBy ?? null;

  return database.$transaction(async (tx) => {
    // One publisher per month at a time (the schedule and a regulator may meet).
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`notice:${month}`}, 0))`;
    const notice = await tx.notice.findUnique({
      where: { month },
      select: { id: true, figures: true, restatements: { orderBy: { restatedAt: "desc" }, take: 1, select: { figures: true } } },
    });

    if (!notice) {
      const created = await tx.notice.create({
        data: { month, figures, rollupVersion: computed.rollupVersion, trigger: options.trigger, publishedById: actorId },
        select: { id: true },
      });
      await writeAudit(tx, {
        actorId, bankId: null, action: "notice.publish", entityType: "notice", entityId: created.id,
        after: { month, trigger: options.trigger, rollupVersion: computed.rollupVersionText },
      });
      const notified = await tx.$executeRaw`
        INSERT INTO notifications (user_id, bank_id, kind, cause_key, payload)
        SELECT u.id, u.bank_id, 'NOTICE_PUBLISHED'::"NotificationKind", ${`notice:${month}`}, jsonb_build_object('month', ${month}::text)
          FROM users u
         WHERE u.is_active AND (u.role = 'REGULATOR' OR (u.role = 'BANK_HEAD_OFFICE' AND u.bank_id IS NOT NULL))
        ON CONFLICT (user_id, kind, cause_key) DO NOTHING`;
      return { outcome: "published" as const, noticeId: created.id, month, rowsTouched: 2 + notified, changes: [] };
    }

    const latest = (notice.restatements[0]?.figures ?? notice.figures) as unknown as NoticeFigures;
    const changes = diffFigures(latest, computed.figures);
    if (changes.length === 0) return { outcome: "unchanged" as const, noticeId: notice.id, month, rowsTouched: 0, changes };

    const diff = { against: notice.restatements.length ? "restatement" : "published", changes } as unknown as Prisma.InputJsonValue;
    const restatement = await tx.noticeRestatement.create({
      data: { noticeId: notice.id, figures, diff, rollupVersion: computed.rollupVersion, restatedById: actorId },
      select: { id: true },
    });
    await writeAudit(tx, {
      actorId, bankId: null, action: "notice.restate", entityType: "notice", entityId: notice.id,
      after: { month, restatementId: restatement.id, changes: changes.length, trigger: options.trigger, rollupVersion: computed.rollupVersionText },
    });
    return { outcome: "restated" as const, noticeId: notice.id, month, rowsTouched: 2, changes };
  });
}
