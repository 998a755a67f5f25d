import "server-only";
// The admin home: for a bank's admin, its users, branches, two-factor rule and the clients that
// wait for a handover; for a regulator admin, the banks and regulator users. Null for anyone else.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { jurisdictionsOf } from "@/lib/auth/scope";

export type BankAdminOverview = {
  kind: "bank";
  bankName: string;
  bankNameEn: string;
  requireTotp: boolean;
  activeUsers: number;
  disabledUsers: number;
  /** Users who have not yet set their own password (new, or reset). */
  pendingSetup: number;
  openBranches: number;
  closedBranches: number;
  /** Clients whose manager is disabled, moved away or no longer a manager. */
  clientsNeedingHandover: number;
};
export type RegulatorAdminOverview = { kind: "regulator"; banks: number; activeUsers: number; disabledUsers: number; pendingSetup: number };

export async function getAdminOverview(actor: Actor | null): Promise<BankAdminOverview | RegulatorAdminOverview | null> {
  if (!actor?.isAdmin) return null;
  if (actor.role === "REGULATOR") {
    const [banks, users] = await Promise.all([
      db.bank.count(),
      db.user.groupBy({ by: ["isActive", "mustChangePassword"], where: { role: "REGULATOR", jurisdiction: { in: jurisdictionsOf(actor) } }, _count: { _all: true } }),
    ]);
    return { kind: "regulator", banks, ...tally(users) };
  }
  if (actor.role !== "BANK_HEAD_OFFICE" || !actor.bankId) return null;
  const bankId = actor.bankId;
  const [bank, users, branches, handover] = await Promise.all([
    db.bank.findUnique({ where: { id: bankId }, select: { name: true, nameEn: true, requireTotp: true } }),
    db.user.groupBy({ by: ["isActive", "mustChangePassword"], where: { bankId }, _count: { _all: true } }),
    db.branch.groupBy({ by: ["closedAt"], where: { bankId }, _count: { _all: true } }),
    db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM bank_clients bc JOIN users u ON u.id = bc.manager_id
      WHERE bc.bank_id = ${bankId}::uuid
        AND (NOT u.is_active OR u.role <> 'ACCOUNT_MANAGER' OR u.branch_id IS DISTINCT FROM bc.branch_id)`,
  ]);
  if (!bank) return null;
  return {
    kind: "bank",
    bankName: bank.name,
    bankNameEn: bank.nameEn,
    requireTotp: bank.requireTotp,
    ...tally(users),
    openBranches: branches.filter((b) => b.closedAt === null).reduce((s, b) => s + b._count._all, 0),
    closedBranches: branches.filter((b) => b.closedAt !== null).reduce((s, b) => s + b._count._all, 0),
    clientsNeedingHandover: handover[0]?.n ?? 0,
  };
}

function tally(groups: { isActive: boolean; mustChangePassword: boolean; _count: { _all: number } }[]) {
  const sum = (f: (g: (typeof groups)[number]) => boolean) => groups.filter(f).reduce((s, g) => s + g._count._all, 0);
  return { activeUsers: sum((g) => g.isActive), disabledUsers: sum((g) => !g.isActive), pendingSetup: sum((g) => g.isActive && g.mustChangePassword) };
}
