// An admin grants or removes admin rights of another head-office user of the bank (bank
// admin) or of another regulator user (regulator admin). Never their own (lockManagedUser).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { ruleViolation } from "@/lib/errors";
import { setAdminSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { lockManagedUser, NO_META, requireAdmin, userSnapshot } from "@/lib/commands/admin/authorize";
import type { UserChange } from "@/lib/commands/admin/change-user-role";

export async function setUserAdmin(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<UserChange> {
  const admin = requireAdmin(actor);
  const input = parseOrThrow(setAdminSchema, raw);
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, admin, input.userId);
    if (user.role !== "BANK_HEAD_OFFICE" && user.role !== "REGULATOR") throw ruleViolation("adminRoleOnly", { isAdmin: ["adminRoleOnly"] });
    if (user.isAdmin === input.isAdmin) return { userId: user.id, changed: false, sessionsEnded: 0 };
    const updated = await tx.user.update({ where: { id: user.id }, data: { isAdmin: input.isAdmin } });
    await writeAudit(tx, {
      actorId: admin.userId, bankId: user.bankId, action: input.isAdmin ? "user.grant_admin" : "user.revoke_admin", entityType: "user", entityId: user.id,
      before: userSnapshot(user), after: userSnapshot(updated), ...meta,
    });
    return { userId: user.id, changed: true, sessionsEnded: 0 };
  });
}
