// A branch head approves or rejects a pending proposal of their own branch (maker-checker:
// never their own proposal; a CHECK in the database refuses it too). Approval is a stage fact
// (已授信, or 伙伴客户 for a further line after the first loan).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { approvalScope } from "@/lib/auth/scope";
import { notFound, ruleViolation } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { decideCreditSchema } from "@/lib/schemas/credit";
import { decisionViolation } from "@/lib/domain/credit";
import { toIsoDate } from "@/lib/commands/dates";
import { syncStage } from "@/lib/commands/sync-stage";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { retryOnDeadlock } from "@/lib/commands/retry";
import { commandToday, type CommandOptions } from "@/lib/commands/clock";

export type DecideCreditResult = {
  creditLineId: string;
  enterpriseId: string;
  status: "APPROVED" | "REJECTED";
  stage: string;
  isReplay: boolean;
};

export async function decideCredit(actor: Actor | null, raw: unknown, options?: CommandOptions): Promise<DecideCreditResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(decideCreditSchema, raw);
  const today = commandToday(options);
  const status = input.decision === "APPROVE" ? "APPROVED" : "REJECTED";

  return retryOnDeadlock(() => db.$transaction(async (tx) => {
    const visible = await tx.creditLine.findFirst({ where: { id: input.creditLineId, client: approvalScope(who) }, select: { id: true } });
    if (!visible) throw notFound();
    // Lock the line, then read it: two decisions on one proposal are taken one after the other.
    await tx.$queryRaw`SELECT 1 FROM credit_lines WHERE id = ${visible.id}::uuid FOR UPDATE`;
    const found = await tx.creditLine.findUniqueOrThrow({
      where: { id: visible.id },
      select: {
        id: true, clientId: true, bankId: true, enterpriseId: true, status: true, proposedById: true,
        decidedById: true, decisionReason: true, validTo: true, limitAmount: true,
      },
    });

    // The same head clicking "approve" twice gets the first answer back.
    if (found.status === status && found.decidedById === who.userId && (found.decisionReason ?? undefined) === input.reason) {
      const client = await tx.bankClient.findUniqueOrThrow({ where: { id: found.clientId }, select: { stage: true } });
      return { creditLineId: found.id, enterpriseId: found.enterpriseId, status, stage: client.stage, isReplay: true };
    }
    const violation = decisionViolation({
      status: found.status,
      proposedById: found.proposedById,
      deciderId: who.userId,
      decision: input.decision,
      validTo: toIsoDate(found.validTo),
      today,
    });
    if (violation) throw ruleViolation(violation);

    await tx.$executeRaw`
      UPDATE credit_lines
         SET status = ${status}::"CreditStatus", decided_by_id = ${who.userId}::uuid, decided_at = now(),
             decided_on = ${today}::date, decision_reason = ${input.reason ?? null}
       WHERE id = ${found.id}::uuid AND status = 'PENDING'`;
    const stage = status === "APPROVED"
      ? await syncStage(tx, found.clientId, { actorId: who.userId, cause: "CREDIT_APPROVED", causeId: found.id })
      : null;
    await writeAudit(tx, {
      actorId: who.userId,
      bankId: found.bankId,
      action: status === "APPROVED" ? "credit.approve" : "credit.reject",
      entityType: "credit_line",
      entityId: found.id,
      before: { status: found.status },
      after: { status, decidedOn: today, reason: input.reason ?? null, limitAmount: found.limitAmount.toFixed(2), stage: stage?.to ?? null },
    });
    const current = stage?.to ?? (await tx.bankClient.findUniqueOrThrow({ where: { id: found.clientId }, select: { stage: true } })).stage;
    return { creditLineId: found.id, enterpriseId: found.enterpriseId, status, stage: current, isReplay: false };
  }, { maxWait: 10_000, timeout: 20_000 }));
}
