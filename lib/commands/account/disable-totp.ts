// Turns two-factor sign-in off — only for a user who is not required to use it (regulators,
// head offices, admins and every user of a bank that requires it are), and only with the
// current password. The secret and the recovery codes go; other sessions end.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { totpRequired } from "@/lib/auth/actor";
import { endUserSessions } from "@/lib/auth/sessions";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { AppError, ruleViolation } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { disableTotpSchema } from "@/lib/schemas/account";
import { auditMeta, ownUser, requireCurrentPassword, type AccountContext } from "./shared";

export async function disableTotp(actor: Actor | null, raw: unknown, ctx?: AccountContext): Promise<{ disabled: true }> {
  const who = requireActor(actor);
  const input = parseOrThrow(disableTotpSchema, raw);
  const user = await ownUser(who.userId);
  if (!user.totpEnabledAt) throw ruleViolation("totpNotEnabled");
  if (totpRequired({ role: user.role, isAdmin: user.isAdmin, bankRequiresTotp: user.bank?.requireTotp ?? false })) {
    // Refused like any action the caller may not take (the authorization matrix's NOT_FOUND),
    // with a message that says why.
    throw new AppError("NOT_FOUND", "totpRequiredForYou");
  }
  await requireCurrentPassword(user, input.currentPassword);

  return db.$transaction(async (tx) => {
    const updated = await tx.user.updateMany({
      where: { id: user.id, totpEnabledAt: { not: null } },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null },
    });
    if (updated.count !== 1) throw new AppError("CONFLICT", "accountConflict");
    const recoveryCodes = await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    const sessionsEnded = await endUserSessions(tx, user.id, "TOTP_CHANGED", ctx?.sessionId ?? undefined);
    await writeAudit(tx, {
      actorId: user.id, bankId: user.bankId, action: "totp.disable", entityType: "user", entityId: user.id,
      after: { recoveryCodesRemoved: recoveryCodes.count, sessionsEnded }, ...auditMeta(ctx),
    });
    return { disabled: true as const };
  });
}
