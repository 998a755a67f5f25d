// Records a disbursement (用信) against an approved line. Money rules:
//   - no over-draw, even under concurrency: drawn grows through one conditional UPDATE that
//     only matches while drawn + amount ≤ limit (the row lock serialises concurrent ones and
//     PostgreSQL re-checks the condition on the newest row); a CHECK (drawn ≤ limit) backs it;
//   - idempotent: the form's key is unique; the same key with the same payload returns the
//     first result, with another payload it is refused. Concurrent duplicates lose on the
//     unique index, and then read the winner's row.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { clientWorkScope } from "@/lib/auth/scope";
import { AppError, notFound, ruleViolation } from "@/lib/errors";
import type { Db, Tx } from "@/lib/db-client";
import { parseOrThrow } from "@/lib/schemas/parse";
import { disbursementSchema } from "@/lib/schemas/money-movement";
import { availableAmount, disbursementViolation } from "@/lib/domain/credit";
import { replayOrConflict } from "@/lib/domain/idempotency";
import { fromIsoDate, toIsoDate } from "@/lib/commands/dates";
import { syncStage } from "@/lib/commands/sync-stage";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { retryOnDeadlock } from "@/lib/commands/retry";
import { commandToday, type CommandOptions } from "@/lib/commands/clock";
import { isUniqueViolation, payloadHash } from "@/lib/commands/idempotency";
import { claimFirstLoan } from "@/lib/commands/first-loan";

export type RecordDisbursementResult = {
  disbursementId: string;
  creditLineId: string;
  enterpriseId: string;
  amount: string;
  disbursedOn: string;
  isFirstEver: boolean;
  drawn: string;
  available: string;
  stage: string;
  isReplay: boolean;
};

const FIELD_OF: Record<string, string> = {
  amountPositive: "amountWan",
  exceedsAvailable: "amountWan",
  dateInFuture: "disbursedOn",
  outsideValidity: "disbursedOn",
  beforeApproval: "disbursedOn",
};

export async function recordDisbursement(actor: Actor | null, raw: unknown, options?: CommandOptions): Promise<RecordDisbursementResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(disbursementSchema, raw);
  const today = commandToday(options);
  const hash = payloadHash(input);

  try {
    return await retryOnDeadlock(() => db.$transaction(async (tx) => {
      const line = await tx.creditLine.findFirst({
        where: { id: input.creditLineId, client: clientWorkScope(who) },
        select: {
          id: true, clientId: true, bankId: true, enterpriseId: true, status: true, validFrom: true, validTo: true,
          decidedOn: true, limitAmount: true, drawnAmount: true, creditCheckOn: true, creditCheckHasPriorLoan: true,
          client: { select: { stage: true } },
        },
      });
      if (!line) throw notFound();
      const existing = await tx.disbursement.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: replaySelect });
      if (existing) return replay(tx, existing, hash);

      const violation = disbursementViolation({
        line: {
          status: line.status,
          validFrom: toIsoDate(line.validFrom),
          validTo: toIsoDate(line.validTo),
          approvedOn: line.decidedOn ? toIsoDate(line.decidedOn) : null,
          limit: line.limitAmount.toFixed(2),
          drawn: line.drawnAmount.toFixed(2),
        },
        amount: input.amount,
        disbursedOn: input.disbursedOn,
        today,
      });
      // An over-draw is refused with what is still available on the line.
      const amounts = violation === "exceedsAvailable"
        ? { available: availableAmount({ limit: line.limitAmount.toFixed(2), drawn: line.drawnAmount.toFixed(2) }) }
        : undefined;
      if (violation) throw ruleViolation(violation, FIELD_OF[violation] ? { [FIELD_OF[violation]]: [violation] } : undefined, amounts);

      // The decisive check: only matches while the amount still fits (see the header).
      const [drawn] = await tx.$queryRaw<{ drawn: string; limit: string }[]>`
        UPDATE credit_lines
           SET drawn_amount = drawn_amount + ${input.amount}::numeric
         WHERE id = ${line.id}::uuid
           AND status = 'APPROVED'
           AND ${input.disbursedOn}::date BETWEEN valid_from AND valid_to
           AND drawn_amount + ${input.amount}::numeric <= limit_amount
        RETURNING drawn_amount::text AS drawn, limit_amount::text AS "limit"`;
      if (!drawn) {
        // A concurrent drawdown got there first: say what it left (a new statement sees its commit).
        const now = await tx.creditLine.findUniqueOrThrow({ where: { id: line.id }, select: { limitAmount: true, drawnAmount: true } });
        throw ruleViolation("exceedsAvailable", { amountWan: ["exceedsAvailable"] }, {
          available: availableAmount({ limit: now.limitAmount.toFixed(2), drawn: now.drawnAmount.toFixed(2) }),
        });
      }

      const claim = await claimFirstLoan(tx, {
        enterpriseId: line.enterpriseId,
        bankId: line.bankId,
        amount: input.amount,
        disbursedOn: input.disbursedOn,
        creditCheckOn: toIsoDate(line.creditCheckOn),
        creditCheckHasPriorLoan: line.creditCheckHasPriorLoan,
      });
      const row = await tx.disbursement.create({
        data: {
          creditLineId: line.id,
          bankId: line.bankId,
          enterpriseId: line.enterpriseId,
          amount: input.amount,
          disbursedOn: fromIsoDate(input.disbursedOn),
          type: input.type,
          isFirstEver: claim.isFirstEver,
          recordedById: who.userId,
          idempotencyKey: input.idempotencyKey,
          payloadHash: hash,
        },
        select: { id: true },
      });
      // Only the bank's earliest disbursement is a stage fact; a later drawdown cannot move the
      // stage, and skipping the re-derivation keeps the line's lock short under load.
      const stage = claim.isBankEarliest
        ? await syncStage(tx, line.clientId, { actorId: who.userId, cause: "DISBURSEMENT", causeId: row.id })
        : { from: line.client.stage, to: line.client.stage };
      await resyncDisplaced(tx, line.enterpriseId, claim.displaced, row.id);
      await writeAudit(tx, {
        actorId: who.userId,
        bankId: line.bankId,
        action: "disbursement.record",
        entityType: "disbursement",
        entityId: row.id,
        before: { drawn: line.drawnAmount.toFixed(2), stage: stage.from },
        after: {
          creditLineId: line.id,
          amount: input.amount,
          disbursedOn: input.disbursedOn,
          type: input.type,
          isFirstEver: claim.isFirstEver,
          displacedFirstLoans: claim.displaced.map((d) => d.id),
          drawn: drawn.drawn,
          stage: stage.to,
        },
      });
      return {
        disbursementId: row.id,
        creditLineId: line.id,
        enterpriseId: line.enterpriseId,
        amount: input.amount,
        disbursedOn: input.disbursedOn,
        isFirstEver: claim.isFirstEver,
        drawn: fixed2(drawn.drawn),
        available: availableAmount({ limit: fixed2(drawn.limit), drawn: fixed2(drawn.drawn) }),
        stage: stage.to,
        isReplay: false,
      };
    }, { maxWait: 15_000, timeout: 30_000 }));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // A concurrent submission with the same key committed first: answer with its row.
    const winner = await db.disbursement.findUnique({ where: { idempotencyKey: input.idempotencyKey }, select: replaySelect });
    if (!winner) throw error;
    return replay(db, winner, hash);
  }
}

const replaySelect = {
  id: true, creditLineId: true, enterpriseId: true, amount: true, disbursedOn: true, isFirstEver: true, payloadHash: true,
  creditLine: { select: { clientId: true, limitAmount: true, drawnAmount: true } },
} as const;

type ReplayRow = {
  id: string; creditLineId: string; enterpriseId: string; amount: { toFixed(n: number): string }; disbursedOn: Date;
  isFirstEver: boolean; payloadHash: string;
  creditLine: { clientId: string; limitAmount: { toFixed(n: number): string }; drawnAmount: { toFixed(n: number): string } };
};

async function replay(client: Tx | Db, row: ReplayRow, hash: string): Promise<RecordDisbursementResult> {
  // The hash covers the line id, so a key reused on another line (anyone's) is a conflict too.
  if (replayOrConflict(row.payloadHash, hash) === "conflict") throw new AppError("CONFLICT", "idempotencyKeyReused");
  const current = await client.bankClient.findUniqueOrThrow({ where: { id: row.creditLine.clientId }, select: { stage: true } });
  const limit = row.creditLine.limitAmount.toFixed(2);
  const drawn = row.creditLine.drawnAmount.toFixed(2);
  return {
    disbursementId: row.id,
    creditLineId: row.creditLineId,
    enterpriseId: row.enterpriseId,
    amount: row.amount.toFixed(2),
    disbursedOn: toIsoDate(row.disbursedOn),
    isFirstEver: row.isFirstEver,
    drawn,
    available: availableAmount({ limit, drawn }),
    stage: current.stage,
    isReplay: true,
  };
}

/** Banks whose disbursement lost the first-loan fact re-derive their stage (首贷户 → 本行新客户). */
async function resyncDisplaced(tx: Tx, enterpriseId: string, displaced: { bankId: string }[], causeId: string): Promise<void> {
  const bankIds = [...new Set(displaced.map((d) => d.bankId))];
  if (!bankIds.length) return;
  const clients = await tx.bankClient.findMany({ where: { enterpriseId, bankId: { in: bankIds } }, select: { id: true }, orderBy: { id: "asc" } });
  for (const client of clients) await syncStage(tx, client.id, { actorId: null, cause: "FIRST_LOAN_EARLIER", causeId });
}

function fixed2(value: string): string {
  // numeric::text of a Decimal(18,2) column already has two decimals; keep the DTO canonical anyway.
  return value.includes(".") ? value : `${value}.00`;
}
