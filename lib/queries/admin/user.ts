import "server-only";
// One user as their admin sees them: role, branch, flags, open sessions and clients held.
// Null for a user the caller does not manage (another bank's answers like a missing id).
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { uuid } from "@/lib/schemas/common";
import { openSessions } from "@/lib/auth/sessions";
import { managedUsersWhere, type AdminUserRow } from "@/lib/queries/admin/users";

export type AdminUserDetail = AdminUserRow & { openSessions: number; clients: number; createdAt: Date; passwordChangedAt: Date | null };

export async function getAdminUser(actor: Actor | null, userId: string): Promise<AdminUserDetail | null> {
  const scope = managedUsersWhere(actor);
  if (!actor || !scope || !uuid.safeParse(userId).success) return null;
  const u = await db.user.findFirst({
    where: { AND: [scope, { id: userId }] },
    select: {
      id: true, name: true, email: true, role: true, branchId: true, jurisdiction: true, isActive: true, isAdmin: true,
      mustChangePassword: true, totpEnabledAt: true, createdAt: true, passwordChangedAt: true,
      branch: { select: { name: true, nameEn: true } }, _count: { select: { managedClients: true } },
    },
  });
  if (!u) return null;
  const sessions = await openSessions(db, u.id);
  return {
    id: u.id, name: u.name, email: u.email, role: u.role, branchId: u.branchId, branchName: u.branch?.name ?? null,
    branchNameEn: u.branch?.nameEn ?? null, jurisdiction: u.jurisdiction, isActive: u.isActive, isAdmin: u.isAdmin,
    mustChangePassword: u.mustChangePassword, hasTotp: u.totpEnabledAt !== null, isSelf: u.id === actor.userId,
    openSessions: sessions.length, clients: u._count.managedClients, createdAt: u.createdAt, passwordChangedAt: u.passwordChangedAt,
  };
}
