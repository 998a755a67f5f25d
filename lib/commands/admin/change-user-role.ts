// A bank's admin changes a user's role and branch in one step (a manager moved to another
// branch, a manager made branch head, a head moved to head office). Their sessions end at
// once: the next request signs in again with the new rights. Clients the user held stay with
// them until the branch head hands them over (/assign/handover lists them first).
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { endUserSessions } from "@/lib/auth/sessions";
import { changeBankUserRoleSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { lockManagedUser, lockOpenBranch, NO_META, requireBankAdmin, userSnapshot } from "@/lib/commands/admin/authorize";

export type UserChange = { userId: string; changed: boolean; sessionsEnded: number };

export async function changeUserRole(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<UserChange> {
  const admin = requireBankAdmin(actor);
  const input = parseOrThrow(changeBankUserRoleSchema, raw);
  const branchId = input.branchId ?? null;
  return db.$transaction(async (tx) => {
    const user = await lockManagedUser(tx, admin, input.userId);
    if (user.role === input.role && user.branchId === branchId) return { userId: user.id, changed: false, sessionsEnded: 0 };
    // The (new or same) branch must be the bank's and open: nobody is placed in a closed branch.
    if (branchId) await lockOpenBranch(tx, admin.bankId, branchId);
    // Admin rights exist only on head office (a CHECK says so too): a move out of head office ends them.
    const isAdmin = input.role === "BANK_HEAD_OFFICE" ? user.isAdmin : false;
    const updated = await tx.user.update({ where: { id: user.id }, data: { role: input.role, branchId, isAdmin } });
    const sessionsEnded = await endUserSessions(tx, user.id, "ROLE_CHANGED");
    await writeAudit(tx, {
      actorId: admin.userId, bankId: admin.bankId, action: "user.change_role", entityType: "user", entityId: user.id,
      before: userSnapshot(user), after: { ...userSnapshot(updated), sessionsEnded }, ...meta,
    });
    return { userId: user.id, changed: true, sessionsEnded };
  });
}
