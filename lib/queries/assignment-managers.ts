import "server-only";
// The managers a branch head may give clients to (active account managers of the branch), each
// with the clients they hold now, and how many clients of the branch have no manager yet.
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

export type ManagerChoice = { id: string; name: string; clients: number };
export type ManagerChoices = { branchId: string; branchName: string; withoutManager: number; total: number; managers: ManagerChoice[] };

export async function listManagerChoices(actor: Actor | null): Promise<ManagerChoices | null> {
  if (!actor || actor.role !== "BRANCH_HEAD" || !actor.bankId || !actor.branchId) return null;
  const branchId = actor.branchId;
  const [branch, managers, counts] = await Promise.all([
    db.branch.findFirst({ where: { id: branchId, bankId: actor.bankId }, select: { name: true } }),
    db.user.findMany({
      where: { branchId, bankId: actor.bankId, role: "ACCOUNT_MANAGER", isActive: true },
      select: { id: true, name: true },
      orderBy: { name: "asc" },
    }),
    db.bankClient.groupBy({ by: ["managerId"], where: { bankId: actor.bankId, branchId }, _count: { _all: true } }),
  ]);
  if (!branch) return null;
  const held = new Map(counts.map((c) => [c.managerId, c._count._all]));
  return {
    branchId,
    branchName: branch.name,
    withoutManager: held.get(null) ?? 0,
    total: counts.reduce((sum, c) => sum + c._count._all, 0),
    managers: managers.map((m) => ({ id: m.id, name: m.name, clients: held.get(m.id) ?? 0 })),
  };
}
