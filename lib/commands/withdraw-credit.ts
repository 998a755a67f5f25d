// The author of a credit proposal withdraws it while it is still pending (a mistake, the
// enterprise changed its mind). Only the proposer, only while pending, only on a client they
// still work; the line stays on record as 已撤回 (WITHDRAWN), with an audit row. Withdrawing
// twice answers with the first result; a decision that came first wins (then: refused).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { clientWorkScope } from "@/lib/auth/scope";
import { notFound, ruleViolation } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { withdrawCreditSchema } from "@/lib/schemas/credit";
import { syncStage } from "@/lib/commands/sync-stage";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { retryOnDeadlock } from "@/lib/commands/retry";

export type WithdrawCreditResult = { creditLineId: string; enterpriseId: string; status: "WITHDRAWN"; stage: string; isReplay: boolean };

export async function withdrawCredit(actor: Actor | null, raw: unknown): Promise<WithdrawCreditResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(withdrawCreditSchema, raw);

  return retryOnDeadlock(() => db.$transaction(async (tx) => {
    const visible = await tx.creditLine.findFirst({
      where: { id: input.creditLineId, proposedById: who.userId, client: clientWorkScope(who) },
      select: { id: true },
    });
    if (!visible) throw notFound();
    // Lock, then read: a decision and a withdrawal on one proposal are taken one after the other.
    await tx.$queryRaw`SELECT 1 FROM credit_lines WHERE id = ${visible.id}::uuid FOR UPDATE`;
    const line = await tx.creditLine.findUniqueOrThrow({ where: { id: visible.id }, select: { id: true, clientId: true, bankId: true, enterpriseId: true, status: true } });
    if (line.status === "WITHDRAWN") {
      const client = await tx.bankClient.findUniqueOrThrow({ where: { id: line.clientId }, select: { stage: true } });
      return { creditLineId: line.id, enterpriseId: line.enterpriseId, status: "WITHDRAWN" as const, stage: client.stage, isReplay: true };
    }
    if (line.status !== "PENDING") throw ruleViolation("withdrawAfterDecision");
    await tx.creditLine.update({ where: { id: line.id }, data: { status: "WITHDRAWN" } });
    const stage = await syncStage(tx, line.clientId, { actorId: who.userId, cause: "CREDIT_WITHDRAWN", causeId: line.id });
    await writeAudit(tx, {
      actorId: who.userId, bankId: line.bankId, action: "credit.withdraw", entityType: "credit_line", entityId: line.id,
      before: { status: "PENDING" }, after: { status: "WITHDRAWN" },
    });
    return { creditLineId: line.id, enterpriseId: line.enterpriseId, status: "WITHDRAWN" as const, stage: stage.to, isReplay: false };
  }));
}
