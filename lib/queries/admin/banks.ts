import "server-only";
// The banks in the programme, for the regulator admin who onboards them: each with its
// branches, active users and admins. Null for anyone but a regulator admin.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

export type AdminBankRow = {
  id: string; code: string; name: string; nameEn: string; requireTotp: boolean; createdAt: Date;
  openBranches: number; activeUsers: number; admins: number;
};

export async function listAdminBanks(actor: Actor | null): Promise<AdminBankRow[] | null> {
  if (!actor?.isAdmin || actor.role !== "REGULATOR") return null;
  const [banks, branches, users, admins] = await Promise.all([
    db.bank.findMany({ select: { id: true, code: true, name: true, nameEn: true, requireTotp: true, createdAt: true }, orderBy: { code: "asc" } }),
    db.branch.groupBy({ by: ["bankId"], where: { closedAt: null }, _count: { _all: true } }),
    db.user.groupBy({ by: ["bankId"], where: { isActive: true, bankId: { not: null } }, _count: { _all: true } }),
    db.user.groupBy({ by: ["bankId"], where: { isActive: true, isAdmin: true, bankId: { not: null } }, _count: { _all: true } }),
  ]);
  const count = (groups: { bankId: string | null; _count: { _all: number } }[]) => new Map(groups.map((g) => [g.bankId, g._count._all]));
  const [b, u, a] = [count(branches), count(users), count(admins)];
  return banks.map((bank) => ({ ...bank, openBranches: b.get(bank.id) ?? 0, activeUsers: u.get(bank.id) ?? 0, admins: a.get(bank.id) ?? 0 }));
}
