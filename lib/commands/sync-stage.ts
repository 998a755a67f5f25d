// Re-derives a bank client's stage from its facts and records the change. Every command that
// adds a fact calls this inside its own transaction, after writing the fact.
import type { Stage } from "@/lib/generated/prisma/enums";
import type { Tx } from "@/lib/db-client";
import { deriveStage } from "@/lib/domain/stage";
import { toIsoDate } from "@/lib/commands/dates";

export type StageCause = { actorId: string | null; cause: string; causeId?: string };

export async function syncStage(tx: Tx, clientId: string, cause: StageCause): Promise<{ from: Stage; to: Stage }> {
  // Lock the client row so concurrent facts for one client derive their stages one at a time.
  await tx.$queryRaw`SELECT 1 FROM bank_clients WHERE id = ${clientId}::uuid FOR UPDATE`;
  const client = await tx.bankClient.findUniqueOrThrow({
    where: { id: clientId },
    select: { id: true, bankId: true, enterpriseId: true, stage: true },
  });
  const [need, onSite, lastContact, approvedLines, firstDisbursement] = await Promise.all([
    tx.financingNeed.findFirst({ where: { clientId }, orderBy: { raisedOn: "asc" }, select: { raisedOn: true } }),
    tx.visit.findFirst({ where: { clientId, mode: "ON_SITE" }, orderBy: { visitedOn: "asc" }, select: { visitedOn: true } }),
    tx.visit.findFirst({ where: { clientId }, orderBy: { visitedOn: "desc" }, select: { visitedOn: true, followUpOn: true } }),
    tx.creditLine.findMany({
      where: { clientId, status: "APPROVED" },
      orderBy: { decidedOn: "asc" },
      select: { id: true, decidedOn: true },
    }),
    tx.disbursement.findFirst({
      where: { bankId: client.bankId, enterpriseId: client.enterpriseId },
      orderBy: [{ disbursedOn: "asc" }, { createdAt: "asc" }],
      select: { creditLineId: true, disbursedOn: true, isFirstEver: true },
    }),
  ]);
  const lines = approvedLines.map((line) => ({ id: line.id, approvedOn: toIsoDate(line.decidedOn!) }));
  const first = firstDisbursement
    ? {
        creditLineId: firstDisbursement.creditLineId,
        disbursedOn: toIsoDate(firstDisbursement.disbursedOn),
        isFirstEver: firstDisbursement.isFirstEver,
      }
    : null;
  const to = deriveStage({ hasNeed: !!need, hasOnSiteVisit: !!onSite, approvedLines: lines, firstDisbursement: first });
  const partnerLine = first && to === "PARTNER"
    ? approvedLines.find((line) => line.id !== first.creditLineId && toIsoDate(line.decidedOn!) >= first.disbursedOn)
    : undefined;

  await tx.bankClient.update({
    where: { id: clientId },
    data: {
      firstNeedAt: need?.raisedOn ?? null,
      firstVisitAt: onSite?.visitedOn ?? null,
      firstCreditAt: approvedLines[0]?.decidedOn ?? null,
      firstDisbursedAt: firstDisbursement?.disbursedOn ?? null,
      partnerAt: partnerLine?.decidedOn ?? null,
      lastContactAt: lastContact?.visitedOn ?? null,
      nextFollowUpOn: lastContact?.followUpOn ?? null,
      ...(to !== client.stage ? { stage: to, stageChangedAt: new Date() } : {}),
    },
  });
  if (to !== client.stage) {
    await tx.stageEvent.create({
      data: {
        clientId,
        bankId: client.bankId,
        enterpriseId: client.enterpriseId,
        fromStage: client.stage,
        toStage: to,
        actorId: cause.actorId,
        cause: cause.cause,
        causeId: cause.causeId ?? null,
      },
    });
  }
  return { from: client.stage, to };
}
