import "server-only";
// The users an admin manages: a bank admin the users of their bank (filter by branch, role,
// active, name or email), a regulator admin the regulator users. Null for anyone else.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Jurisdiction, Role } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import type { UserFilter } from "@/lib/schemas/admin";
import { jurisdictionsOf } from "@/lib/auth/scope";

export const USER_LIST_LIMIT = 500;

export type AdminUserRow = {
  id: string;
  name: string;
  email: string;
  role: Role;
  branchId: string | null;
  branchName: string | null;
  branchNameEn: string | null;
  jurisdiction: Jurisdiction | null;
  isActive: boolean;
  isAdmin: boolean;
  mustChangePassword: boolean;
  hasTotp: boolean;
  isSelf: boolean;
};
export type AdminUserList = { scope: "bank" | "regulator"; rows: AdminUserRow[]; truncated: boolean };

/** The part of `users` an admin manages (the same rule as lib/commands/admin/authorize.ts). */
export function managedUsersWhere(actor: Actor | null): Prisma.UserWhereInput | null {
  if (!actor?.isAdmin) return null;
  if (actor.role === "BANK_HEAD_OFFICE" && actor.bankId) return { bankId: actor.bankId, role: { not: "REGULATOR" } };
  if (actor.role === "REGULATOR") return { role: "REGULATOR", jurisdiction: { in: jurisdictionsOf(actor) } };
  return null;
}

export async function listAdminUsers(actor: Actor | null, filter: UserFilter): Promise<AdminUserList | null> {
  const scope = managedUsersWhere(actor);
  if (!actor || !scope) return null;
  const and: Prisma.UserWhereInput[] = [scope];
  if (filter.branch === "none") and.push({ branchId: null });
  else if (filter.branch) and.push({ branchId: filter.branch });
  if (filter.role) and.push({ role: filter.role });
  if (filter.active) and.push({ isActive: filter.active === "yes" });
  if (filter.q) and.push({ OR: [{ name: { contains: filter.q, mode: "insensitive" } }, { email: { contains: filter.q.toLowerCase() } }] });
  const users = await db.user.findMany({
    where: { AND: and },
    select: {
      id: true, name: true, email: true, role: true, branchId: true, jurisdiction: true, isActive: true, isAdmin: true,
      mustChangePassword: true, totpEnabledAt: true, branch: { select: { name: true, nameEn: true } },
    },
    orderBy: [{ isActive: "desc" }, { name: "asc" }, { id: "asc" }],
    take: USER_LIST_LIMIT + 1,
  });
  return {
    scope: actor.role === "REGULATOR" ? "regulator" : "bank",
    truncated: users.length > USER_LIST_LIMIT,
    rows: users.slice(0, USER_LIST_LIMIT).map((u) => ({
      id: u.id, name: u.name, email: u.email, role: u.role, branchId: u.branchId, branchName: u.branch?.name ?? null,
      branchNameEn: u.branch?.nameEn ?? null, jurisdiction: u.jurisdiction, isActive: u.isActive, isAdmin: u.isAdmin,
      mustChangePassword: u.mustChangePassword, hasTotp: u.totpEnabledAt !== null, isSelf: u.id === actor.userId,
    })),
  };
}
