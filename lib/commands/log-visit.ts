// Logs a visit (and the financing need it found) for a client of the actor's, in one
// transaction with the stage change and the audit row.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { clientWorkScope } from "@/lib/auth/scope";
import { notFound } from "@/lib/errors";
import { visitSchema } from "@/lib/schemas/visit";
import { parseOrThrow } from "@/lib/schemas/parse";
import { wanToYuan } from "@/lib/domain/money";
import { fromIsoDate } from "@/lib/commands/dates";
import { syncStage } from "@/lib/commands/sync-stage";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";

export type LogVisitResult = { visitId: string; stage: string; isReplay: boolean };

export async function logVisit(actor: Actor | null, raw: unknown): Promise<LogVisitResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(visitSchema, raw);

  return db.$transaction(async (tx) => {
    const client = await tx.bankClient.findFirst({
      where: { AND: [clientWorkScope(who), { enterpriseId: input.enterpriseId }] },
      select: { id: true, bankId: true, branchId: true, enterpriseId: true, stage: true },
    });
    // Work scope only matches clients inside the actor's branch; unassigned ones are head office's.
    if (!client?.branchId) throw notFound();

    // A retried submission (weak signal, double tap) returns the visit it already created.
    if (input.clientKey) {
      const existing = await tx.visit.findUnique({ where: { clientKey: input.clientKey }, select: { id: true, clientId: true } });
      if (existing) {
        if (existing.clientId !== client.id) throw notFound();
        const current = await tx.bankClient.findUniqueOrThrow({ where: { id: client.id }, select: { stage: true } });
        return { visitId: existing.id, stage: current.stage, isReplay: true };
      }
    }

    const visit = await tx.visit.create({
      data: {
        clientId: client.id,
        bankId: client.bankId,
        branchId: client.branchId,
        enterpriseId: client.enterpriseId,
        userId: who.userId,
        visitedOn: fromIsoDate(input.visitedOn),
        mode: input.mode,
        hasNeed: input.hasNeed,
        noNeedReason: input.hasNeed ? null : input.noNeedReason!,
        notes: input.notes ?? "",
        followUpOn: input.followUpOn ? fromIsoDate(input.followUpOn) : null,
        clientKey: input.clientKey ?? null,
      },
      select: { id: true },
    });
    let needId: string | null = null;
    if (input.hasNeed) {
      const need = await tx.financingNeed.create({
        data: {
          visitId: visit.id,
          clientId: client.id,
          bankId: client.bankId,
          enterpriseId: client.enterpriseId,
          amount: wanToYuan(input.amountWan!)!,
          termMonths: input.termMonths!,
          purpose: input.purpose!,
          preferredGuarantee: input.preferredGuarantee ?? null,
          raisedOn: fromIsoDate(input.visitedOn),
        },
        select: { id: true },
      });
      needId = need.id;
    }
    const stage = await syncStage(tx, client.id, { actorId: who.userId, cause: "VISIT", causeId: visit.id });
    await writeAudit(tx, {
      actorId: who.userId,
      bankId: client.bankId,
      action: "visit.log",
      entityType: "visit",
      entityId: visit.id,
      after: {
        enterpriseId: client.enterpriseId,
        visitedOn: input.visitedOn,
        mode: input.mode,
        hasNeed: input.hasNeed,
        needId,
        amountYuan: input.hasNeed ? wanToYuan(input.amountWan!) : null,
        stage: stage.to,
      },
      before: { stage: stage.from },
    });
    return { visitId: visit.id, stage: stage.to, isReplay: false };
  });
}
