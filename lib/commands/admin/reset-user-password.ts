// An admin resets a user's password: a new temporary password, shown once to the admin; the
// user's sessions end at once and they must set their own password at the next sign-in.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { endUserSessions } from "@/lib/auth/sessions";
import { userIdSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { lockManagedUser, NO_META, requireAdmin } from "@/lib/commands/admin/authorize";
import { temporaryCredentials } from "@/lib/commands/admin/temporary-password";

export type PasswordReset = { userId: string; email: string; temporaryPassword: string; sessionsEnded: number };

export async function resetUserPassword(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<PasswordReset> {
  const admin = requireAdmin(actor);
  const input = parseOrThrow(userIdSchema, raw);
  const credentials = await temporaryCredentials();
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, admin, input.userId);
    await tx.user.update({ where: { id: user.id }, data: { passwordHash: credentials.hash, mustChangePassword: true } });
    const sessionsEnded = await endUserSessions(tx, user.id, "PASSWORD_RESET");
    await writeAudit(tx, {
      actorId: admin.userId, bankId: user.bankId, action: "user.reset_password", entityType: "user", entityId: user.id,
      before: { mustChangePassword: user.mustChangePassword }, after: { mustChangePassword: true, sessionsEnded }, ...meta,
    });
    return { userId: user.id, email: user.email, temporaryPassword: credentials.password, sessionsEnded };
  });
}
