// Logs a visit (and the financing need it found) for a client of the actor's, in one
// transaction with the stage change and the audit row.
//
// Replays are safe (a double tap, a weak signal, the offline outbox sending again): the form's
// clientKey is unique, and the payload's hash is stored with it. The same key with the same
// fields answers with the visit already made (isReplay), also when two submissions race and
// the other one commits first; the same key with other fields is a CONFLICT, never a second
// visit. A deadlock (the rollup triggers lock per-day rows) is retried.
import { db } from "@/lib/db";
import type { Db, Tx } from "@/lib/db-client";
import type { Actor } from "@/lib/auth/actor";
import { clientWorkScope } from "@/lib/auth/scope";
import { AppError, notFound } from "@/lib/errors";
import { replayOrConflict } from "@/lib/domain/idempotency";
import { isUniqueViolation, payloadHash } from "@/lib/commands/idempotency";
import { retryOnDeadlock } from "@/lib/commands/retry";
import { visitSchema } from "@/lib/schemas/visit";
import { parseOrThrow } from "@/lib/schemas/parse";
import { fromIsoDate } from "@/lib/commands/dates";
import { syncStage } from "@/lib/commands/sync-stage";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";

export type LogVisitResult = { visitId: string; stage: string; isReplay: boolean };

export async function logVisit(actor: Actor | null, raw: unknown): Promise<LogVisitResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(visitSchema, raw);
  const hash = input.clientKey ? payloadHash(input, "clientKey") : null;

  try {
    return await retryOnDeadlock(() => db.$transaction(async (tx) => {
      const client = await tx.bankClient.findFirst({
        where: { AND: [clientWorkScope(who), { enterpriseId: input.enterpriseId }] },
        select: { id: true, bankId: true, branchId: true, enterpriseId: true, stage: true },
      });
      // Work scope only matches clients inside the actor's branch; unassigned ones are head office's.
      if (!client?.branchId) throw notFound();

      // A retried submission returns the visit it already created.
      if (input.clientKey) {
        const existing = await tx.visit.findUnique({ where: { clientKey: input.clientKey }, select: replaySelect });
        if (existing) return replay(tx, existing, client.id, hash);
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
          payloadHash: hash,
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
            amount: input.amountYuan!,
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
          amountYuan: input.hasNeed ? input.amountYuan! : null,
          stage: stage.to,
        },
        before: { stage: stage.from },
      });
      return { visitId: visit.id, stage: stage.to, isReplay: false };
    }));
  } catch (error) {
    if (!input.clientKey || !isUniqueViolation(error)) throw error;
    // A concurrent submission with the same key committed first: answer with its visit.
    const winner = await db.visit.findUnique({ where: { clientKey: input.clientKey }, select: replaySelect });
    if (!winner) throw error;
    const client = await db.bankClient.findFirst({ where: { AND: [clientWorkScope(who), { enterpriseId: input.enterpriseId }] }, select: { id: true } });
    if (!client) throw notFound();
    return replay(db, winner, client.id, hash);
  }
}

const replaySelect = { id: true, clientId: true, payloadHash: true } as const;

async function replay(
  database: Tx | Db, existing: { id: string; clientId: string; payloadHash: string | null }, clientId: string, hash: string | null,
): Promise<LogVisitResult> {
  // Another client's visit under this key reads as missing; the same client with other
  // fields is a reused key (visits from before payload hashes were kept count as replays).
  if (existing.clientId !== clientId) throw notFound();
  if (hash && existing.payloadHash && replayOrConflict(existing.payloadHash, hash) === "conflict") {
    throw new AppError("CONFLICT", "idempotencyKeyReused");
  }
  const current = await database.bankClient.findUniqueOrThrow({ where: { id: clientId }, select: { stage: true } });
  return { visitId: existing.id, stage: current.stage, isReplay: true };
}
