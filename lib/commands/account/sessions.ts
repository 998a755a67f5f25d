// The user's own sign-in sessions: end one (a lost laptop), or every other one. Only the
// user's own open sessions; someone else's id reads as not found.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { endUserSessions } from "@/lib/auth/sessions";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { endSessionSchema } from "@/lib/schemas/account";
import { auditMeta, type AccountContext } from "./shared";

export async function endOwnSession(actor: Actor | null, raw: unknown, ctx?: AccountContext): Promise<{ ended: true }> {
  const who = requireActor(actor);
  const input = parseOrThrow(endSessionSchema, raw);
  return db.$transaction(async (tx) => {
    const ended = await tx.userSession.updateMany({
      where: { id: input.sessionId, userId: who.userId, endedAt: null },
      data: { endedAt: new Date(), endReason: "ENDED_BY_USER" },
    });
    if (ended.count !== 1) throw notFound();
    await writeAudit(tx, {
      actorId: who.userId, bankId: who.bankId, action: "session.end", entityType: "user_session", entityId: input.sessionId,
      after: { current: input.sessionId === ctx?.sessionId }, ...auditMeta(ctx),
    });
    return { ended: true as const };
  });
}

export async function endOtherSessions(actor: Actor | null, ctx?: AccountContext): Promise<{ sessionsEnded: number }> {
  const who = requireActor(actor);
  return db.$transaction(async (tx) => {
    const sessionsEnded = await endUserSessions(tx, who.userId, "ENDED_BY_USER", ctx?.sessionId ?? undefined);
    await writeAudit(tx, {
      actorId: who.userId, bankId: who.bankId, action: "session.end_others", entityType: "user", entityId: who.userId,
      after: { sessionsEnded }, ...auditMeta(ctx),
    });
    return { sessionsEnded };
  });
}
