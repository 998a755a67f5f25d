// /account: a signed-in user changes their password — the current one first, then the new one
// (policy; not the same as the current). Every other session of the user ends; the one making
// the change stays open. One transaction with the audit row.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { changePasswordSchema } from "@/lib/schemas/account";
import { auditMeta, ownUser, requireGoodPassword, requireCurrentPassword, type AccountContext } from "./shared";

export type ChangePasswordResult = { sessionsEnded: number };

export async function changePassword(actor: Actor | null, raw: unknown, ctx?: AccountContext): Promise<ChangePasswordResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(changePasswordSchema, raw);
  const user = await ownUser(who.userId);
  await requireCurrentPassword(user, input.currentPassword);
  requireGoodPassword(input.password, user.email);
  if (input.password === input.currentPassword) throw new AppError("INVALID_INPUT", "invalidInput", { password: ["passwordUnchanged"] });
  const passwordHash = await hashPassword(input.password);

  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: user.id, passwordHash: user.passwordHash },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "accountConflict");
    const sessionsEnded = await endUserSessions(tx, user.id, "PASSWORD_CHANGED", ctx?.sessionId ?? undefined);
    await writeAudit(tx, {
      actorId: user.id, bankId: user.bankId, action: "password.change", entityType: "user", entityId: user.id,
      after: { sessionsEnded }, ...auditMeta(ctx),
    });
    return { sessionsEnded };
  });
}
