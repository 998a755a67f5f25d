// Records a repayment on a line. It may not exceed what is outstanding (Σ disbursed − Σ repaid,
// read under a lock on the line). On a revolving line it frees that much of the limit again
// (drawn goes down); on a one-off line drawn stays, the limit was used up by drawing (see
// lib/domain/credit.ts). Idempotent like disbursements.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { clientWorkScope } from "@/lib/auth/scope";
import { AppError, notFound, ruleViolation } from "@/lib/errors";
import type { Db, Tx } from "@/lib/db-client";
import { parseOrThrow } from "@/lib/schemas/parse";
import { repaymentSchema } from "@/lib/schemas/money-movement";
import { availableAmount, drawnAfterRepayment, repaymentViolation } from "@/lib/domain/credit";
import { replayOrConflict } from "@/lib/domain/idempotency";
import { subMoney } from "@/lib/domain/money";
import { fromIsoDate, toIsoDate } from "@/lib/commands/dates";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { retryOnDeadlock } from "@/lib/commands/retry";
import { commandToday, type CommandOptions } from "@/lib/commands/clock";
import { isUniqueViolation, payloadHash } from "@/lib/commands/idempotency";

export type RecordRepaymentResult = {
  repaymentId: string;
  creditLineId: string;
  enterpriseId: string;
  amount: string;
  repaidOn: string;
  drawn: string;
  available: string;
  outstanding: string;
  isReplay: boolean;
};

const FIELD_OF: Record<string, string> = {
  amountPositive: "amountWan",
  exceedsOutstanding: "amountWan",
  dateInFuture: "repaidOn",
  repaidBeforeDisbursed: "repaidOn",
};

export async function recordRepayment(actor: Actor | null, raw: unknown, options?: CommandOptions): Promise<RecordRepaymentResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(repaymentSchema, raw);
  const today = commandToday(options);
  const hash = payloadHash(input);

  try {
    return await retryOnDeadlock(() => db.$transaction(async (tx) => {
      const visible = await tx.creditLine.findFirst({ where: { id: input.creditLineId, client: clientWorkScope(who) }, select: { id: true } });
      if (!visible) throw notFound();
      const existing = await tx.repayment.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: replaySelect });
      if (existing) return replay(tx, existing, hash);

      // Disbursements and repayments of this line take the line's row lock first, so the sums
      // below cannot change until this transaction ends.
      await tx.$queryRaw`SELECT 1 FROM credit_lines WHERE id = ${visible.id}::uuid FOR UPDATE`;
      const line = await tx.creditLine.findUniqueOrThrow({
        where: { id: visible.id },
        select: { id: true, bankId: true, enterpriseId: true, isRevolving: true, limitAmount: true, drawnAmount: true },
      });
      const balances = await sums(tx, line.id);
      const outstanding = subMoney(balances.disbursed, balances.repaid);
      const violation = repaymentViolation({ amount: input.amount, repaidOn: input.repaidOn, today, firstDisbursedOn: balances.firstOn, outstanding });
      // Repaying too much is refused with what is still outstanding.
      const amounts = violation === "exceedsOutstanding" ? { outstanding } : undefined;
      if (violation) throw ruleViolation(violation, FIELD_OF[violation] ? { [FIELD_OF[violation]]: [violation] } : undefined, amounts);

      const drawnBefore = line.drawnAmount.toFixed(2);
      const drawnAfter = drawnAfterRepayment({ isRevolving: line.isRevolving, drawn: drawnBefore }, input.amount);
      if (drawnAfter !== drawnBefore) {
        await tx.$executeRaw`UPDATE credit_lines SET drawn_amount = drawn_amount - ${input.amount}::numeric WHERE id = ${line.id}::uuid`;
      }
      const row = await tx.repayment.create({
        data: {
          creditLineId: line.id,
          bankId: line.bankId,
          enterpriseId: line.enterpriseId,
          amount: input.amount,
          repaidOn: fromIsoDate(input.repaidOn),
          recordedById: who.userId,
          idempotencyKey: input.idempotencyKey,
          payloadHash: hash,
        },
        select: { id: true },
      });
      const outstandingAfter = subMoney(outstanding, input.amount);
      await writeAudit(tx, {
        actorId: who.userId,
        bankId: line.bankId,
        action: "repayment.record",
        entityType: "repayment",
        entityId: row.id,
        before: { drawn: drawnBefore, outstanding },
        after: { creditLineId: line.id, amount: input.amount, repaidOn: input.repaidOn, drawn: drawnAfter, outstanding: outstandingAfter },
      });
      const limit = line.limitAmount.toFixed(2);
      return {
        repaymentId: row.id,
        creditLineId: line.id,
        enterpriseId: line.enterpriseId,
        amount: input.amount,
        repaidOn: input.repaidOn,
        drawn: drawnAfter,
        available: availableAmount({ limit, drawn: drawnAfter }),
        outstanding: outstandingAfter,
        isReplay: false,
      };
    }, { maxWait: 15_000, timeout: 30_000 }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await db.repayment.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: replaySelect });
    if (!winner) throw error;
    return replay(db, winner, hash);
  }
}

async function sums(client: Tx | Db, creditLineId: string) {
  const [disbursed, repaid] = await Promise.all([
    client.disbursement.aggregate({ where: { creditLineId }, _sum: { amount: true }, _min: { disbursedOn: true } }),
    client.repayment.aggregate({ where: { creditLineId }, _sum: { amount: true } }),
  ]);
  return {
    disbursed: disbursed._sum.amount?.toFixed(2) ?? "0.00",
    repaid: repaid._sum.amount?.toFixed(2) ?? "0.00",
    firstOn: disbursed._min.disbursedOn ? toIsoDate(disbursed._min.disbursedOn) : null,
  };
}

const replaySelect = {
  id: true, creditLineId: true, enterpriseId: true, amount: true, repaidOn: true, payloadHash: true,
  creditLine: { select: { limitAmount: true, drawnAmount: true } },
} as const;

type ReplayRow = {
  id: string; creditLineId: string; enterpriseId: string; amount: { toFixed(n: number): string }; repaidOn: Date; payloadHash: string;
  creditLine: { limitAmount: { toFixed(n: number): string }; drawnAmount: { toFixed(n: number): string } };
};

async function replay(client: Tx | Db, row: ReplayRow, hash: string): Promise<RecordRepaymentResult> {
  if (replayOrConflict(row.payloadHash, hash) === "conflict") throw new AppError("CONFLICT", "idempotencyKeyReused");
  const balances = await sums(client, row.creditLineId);
  const limit = row.creditLine.limitAmount.toFixed(2);
  const drawn = row.creditLine.drawnAmount.toFixed(2);
  return {
    repaymentId: row.id,
    creditLineId: row.creditLineId,
    enterpriseId: row.enterpriseId,
    amount: row.amount.toFixed(2),
    repaidOn: toIsoDate(row.repaidOn),
    drawn,
    available: availableAmount({ limit, drawn }),
    outstanding: subMoney(balances.disbursed, balances.repaid),
    isReplay: true,
  };
}
