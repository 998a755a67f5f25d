import "server-only";
// A bank admin's branches, open and closed, with what keeps one from closing: its clients and
// its active users. Null for anyone but a bank's admin.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

export type AdminBranchRow = {
  id: string; code: string; name: string; nameEn: string; countyCode: string;
  closedAt: Date | null; activeUsers: number; clients: number;
};

export async function listAdminBranches(actor: Actor | null): Promise<AdminBranchRow[] | null> {
  if (!actor?.isAdmin || actor.role !== "BANK_HEAD_OFFICE" || !actor.bankId) return null;
  const bankId = actor.bankId;
  const [branches, users, clients] = await Promise.all([
    db.branch.findMany({
      where: { bankId },
      select: { id: true, code: true, name: true, nameEn: true, countyCode: true, closedAt: true },
      orderBy: [{ closedAt: { sort: "asc", nulls: "first" } }, { code: "asc" }],
    }),
    db.user.groupBy({ by: ["branchId"], where: { bankId, isActive: true, branchId: { not: null } }, _count: { _all: true } }),
    db.bankClient.groupBy({ by: ["branchId"], where: { bankId, branchId: { not: null } }, _count: { _all: true } }),
  ]);
  const userCount = new Map(users.map((u) => [u.branchId, u._count._all]));
  const clientCount = new Map(clients.map((c) => [c.branchId, c._count._all]));
  return branches.map((b) => ({ ...b, activeUsers: userCount.get(b.id) ?? 0, clients: clientCount.get(b.id) ?? 0 }));
}
