// First sign-in (or after an admin's reset): the user sets a password of their own. Only while
// the account must change its password (the temporary one was just typed to sign in, so it is
// not asked again); the new one must pass the policy and differ from the temporary one. Ends
// the user's other sessions; the audit row says so.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { totpRequired } from "@/lib/auth/actor";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { endUserSessions } from "@/lib/auth/sessions";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { AppError, ruleViolation } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { setPasswordSchema } from "@/lib/schemas/account";
import { auditMeta, ownUser, requireGoodPassword, type AccountContext } from "./shared";

export type SetPasswordResult = { next: "totp" | null };

export async function setInitialPassword(actor: Actor | null, raw: unknown, ctx?: AccountContext): Promise<SetPasswordResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(setPasswordSchema, raw);
  const user = await ownUser(who.userId);
  if (!user.mustChangePassword) throw ruleViolation("nothingPending");
  requireGoodPassword(input.password, user.email);
  if (await verifyPassword(user.passwordHash, input.password)) {
    throw new AppError("INVALID_INPUT", "invalidInput", { password: ["passwordUnchanged"] });
  }
  const passwordHash = await hashPassword(input.password);

  return db.$transaction(async (tx) => {
    // Only over the row we checked: a concurrent reset or change wins, this one is refused.
    const updated = await tx.user.updateMany({
      where: { id: user.id, mustChangePassword: true, passwordHash: user.passwordHash },
      data: { passwordHash, mustChangePassword: false, passwordChangedAt: new Date() },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "accountConflict");
    const ended = await endUserSessions(tx, user.id, "PASSWORD_CHANGED", ctx?.sessionId ?? undefined);
    await writeAudit(tx, {
      actorId: user.id, bankId: user.bankId, action: "password.set", entityType: "user", entityId: user.id,
      after: { sessionsEnded: ended }, ...auditMeta(ctx),
    });
    const next = !user.totpEnabledAt && totpRequired({ role: user.role, isAdmin: user.isAdmin, bankRequiresTotp: user.bank?.requireTotp ?? false })
      ? "totp" : null;
    return { next };
  });
}
