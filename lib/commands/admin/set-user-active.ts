// An admin disables a user (their sessions end at once; a manager's clients then show on the
// branch head's handover page) or enables them again (not into a closed branch).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { endUserSessions } from "@/lib/auth/sessions";
import { ruleViolation } from "@/lib/errors";
import { setActiveSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { lockManagedUser, NO_META, requireAdmin, userSnapshot } from "@/lib/commands/admin/authorize";
import type { UserChange } from "@/lib/commands/admin/change-user-role";

export async function setUserActive(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<UserChange> {
  const admin = requireAdmin(actor);
  const input = parseOrThrow(setActiveSchema, raw);
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, admin, input.userId);
    if (user.isActive === input.isActive) return { userId: user.id, changed: false, sessionsEnded: 0 };
    if (input.isActive && user.branchId) {
      const branch = await tx.branch.findUniqueOrThrow({ where: { id: user.branchId }, select: { closedAt: true } });
      if (branch.closedAt) throw ruleViolation("branchClosed");
    }
    const updated = await tx.user.update({ where: { id: user.id }, data: { isActive: input.isActive } });
    const sessionsEnded = input.isActive ? 0 : await endUserSessions(tx, user.id, "DISABLED");
    await writeAudit(tx, {
      actorId: admin.userId, bankId: user.bankId, action: input.isActive ? "user.enable" : "user.disable", entityType: "user", entityId: user.id,
      before: userSnapshot(user), after: { ...userSnapshot(updated), sessionsEnded }, ...meta,
    });
    return { userId: user.id, changed: true, sessionsEnded };
  });
}
