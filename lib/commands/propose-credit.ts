// An account manager (or the branch head) proposes a credit line for a client of theirs. It
// waits as PENDING for a branch head's decision (maker-checker); one pending proposal per bank
// and enterprise (a partial unique index backs this up).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { clientWorkScope } from "@/lib/auth/scope";
import { notFound, ruleViolation } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { proposeCreditSchema, type ProposeCredit } from "@/lib/schemas/credit";
import { proposalViolation } from "@/lib/domain/credit";
import { fromIsoDate, toIsoDate } from "@/lib/commands/dates";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { retryOnDeadlock } from "@/lib/commands/retry";
import { commandToday, type CommandOptions } from "@/lib/commands/clock";
import { isUniqueViolation } from "@/lib/commands/idempotency";

export type ProposeCreditResult = { creditLineId: string; enterpriseId: string; isReplay: boolean };

export async function proposeCredit(actor: Actor | null, raw: unknown, options?: CommandOptions): Promise<ProposeCreditResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(proposeCreditSchema, raw);
  const today = commandToday(options);

  try {
    return await retryOnDeadlock(() => db.$transaction(async (tx) => {
      const client = await tx.bankClient.findFirst({
        where: { AND: [clientWorkScope(who), { enterpriseId: input.enterpriseId }] },
        select: { id: true, bankId: true, branchId: true, enterpriseId: true },
      });
      if (!client?.branchId) throw notFound();
      const violation = proposalViolation({ validFrom: input.validFrom, validTo: input.validTo, today });
      if (violation) throw ruleViolation(violation, { validTo: [violation] });

      const pending = await tx.creditLine.findFirst({ where: { clientId: client.id, status: "PENDING" }, select: pendingSelect });
      if (pending) {
        // A double-submitted form finds its own identical proposal: answer as the first time.
        if (isSameProposal(pending, who.userId, input)) return { creditLineId: pending.id, enterpriseId: client.enterpriseId, isReplay: true };
        throw ruleViolation("proposalPending");
      }

      const line = await tx.creditLine.create({
        data: {
          clientId: client.id,
          bankId: client.bankId,
          branchId: client.branchId,
          enterpriseId: client.enterpriseId,
          status: "PENDING",
          productName: input.productName,
          limitAmount: input.limitAmount,
          guaranteeMode: input.guaranteeMode,
          hasGuaranteeInsurance: input.hasGuaranteeInsurance,
          hasGovGuarantee: input.hasGovGuarantee,
          hasRiskCompensation: input.hasRiskCompensation,
          isRevolving: input.isRevolving,
          validFrom: fromIsoDate(input.validFrom),
          validTo: fromIsoDate(input.validTo),
          creditCheckOn: fromIsoDate(input.creditCheckOn),
          creditCheckHasPriorLoan: input.creditCheckHasPriorLoan,
          proposedById: who.userId,
        },
        select: { id: true },
      });
      await writeAudit(tx, {
        actorId: who.userId,
        bankId: client.bankId,
        action: "credit.propose",
        entityType: "credit_line",
        entityId: line.id,
        after: { ...input, status: "PENDING" },
      });
      return { creditLineId: line.id, enterpriseId: client.enterpriseId, isReplay: false };
    }, { maxWait: 10_000, timeout: 20_000 }));
  } catch (error) {
    // Two proposals racing for the one pending slot: the loser hears what a later one would.
    if (isUniqueViolation(error)) throw ruleViolation("proposalPending");
    throw error;
  }
}

const pendingSelect = {
  id: true, proposedById: true, productName: true, limitAmount: true, guaranteeMode: true, hasGuaranteeInsurance: true,
  hasGovGuarantee: true, hasRiskCompensation: true, isRevolving: true, validFrom: true, validTo: true,
  creditCheckOn: true, creditCheckHasPriorLoan: true,
} as const;

type PendingLine = {
  proposedById: string; productName: string; limitAmount: { toFixed(n: number): string }; guaranteeMode: string;
  hasGuaranteeInsurance: boolean; hasGovGuarantee: boolean; hasRiskCompensation: boolean; isRevolving: boolean;
  validFrom: Date; validTo: Date; creditCheckOn: Date; creditCheckHasPriorLoan: boolean;
};

function isSameProposal(line: PendingLine, userId: string, input: ProposeCredit): boolean {
  return line.proposedById === userId
    && line.productName === input.productName
    && line.limitAmount.toFixed(2) === input.limitAmount
    && line.guaranteeMode === input.guaranteeMode
    && line.hasGuaranteeInsurance === input.hasGuaranteeInsurance
    && line.hasGovGuarantee === input.hasGovGuarantee
    && line.hasRiskCompensation === input.hasRiskCompensation
    && line.isRevolving === input.isRevolving
    && toIsoDate(line.validFrom) === input.validFrom
    && toIsoDate(line.validTo) === input.validTo
    && toIsoDate(line.creditCheckOn) === input.creditCheckOn
    && line.creditCheckHasPriorLoan === input.creditCheckHasPriorLoan;
}
