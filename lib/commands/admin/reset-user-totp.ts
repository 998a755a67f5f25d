// An admin resets a user's second factor (a lost or replaced phone): the TOTP secret and the
// recovery codes go, and — so that whoever holds the old password cannot enrol a device of
// their own — the password is reset too: a new temporary password, shown once to the admin.
// The user's sessions end at once; at the next sign-in they set a password and enrol again.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { endUserSessions } from "@/lib/auth/sessions";
import { ruleViolation } from "@/lib/errors";
import { userIdSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { lockManagedUser, NO_META, requireAdmin } from "@/lib/commands/admin/authorize";
import { temporaryCredentials } from "@/lib/commands/admin/temporary-password";
import type { PasswordReset } from "@/lib/commands/admin/reset-user-password";

export async function resetUserTotp(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<PasswordReset> {
  const admin = requireAdmin(actor);
  const input = parseOrThrow(userIdSchema, raw);
  const credentials = await temporaryCredentials();
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, admin, input.userId);
    const row = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { totpEnabledAt: true, totpSecret: true } });
    if (!row.totpEnabledAt && !row.totpSecret) throw ruleViolation("totpNotEnrolled");
    await tx.user.update({
      where: { id: user.id },
      data: { totpSecret: null, totpEnabledAt: null, totpLastStep: null, passwordHash: credentials.hash, mustChangePassword: true },
    });
    const recoveryCodes = await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    const sessionsEnded = await endUserSessions(tx, user.id, "TOTP_CHANGED");
    await writeAudit(tx, {
      actorId: admin.userId, bankId: user.bankId, action: "user.reset_totp", entityType: "user", entityId: user.id,
      before: { totpEnrolled: row.totpEnabledAt !== null }, after: { totpEnrolled: false, mustChangePassword: true, recoveryCodesRemoved: recoveryCodes.count, sessionsEnded },
      ...meta,
    });
    return { userId: user.id, email: user.email, temporaryPassword: credentials.password, sessionsEnded };
  });
}
