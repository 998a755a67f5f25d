import "server-only";
// Whose clients in the branch need a new manager: everyone holding clients here, those who can
// no longer serve them first — a disabled account, someone moved to another branch, or no
// longer an account manager — then the active managers (a planned handover).
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";

export type HandoverNeed = {
  managerId: string;
  name: string;
  clients: number;
  isActive: boolean;
  /** Why they cannot keep these clients; null for an active manager of this branch. */
  reason: "disabled" | "movedAway" | "notManager" | null;
};

export async function listHandoverNeeds(actor: Actor | null): Promise<HandoverNeed[] | null> {
  if (!actor || actor.role !== "BRANCH_HEAD" || !actor.bankId || !actor.branchId) return null;
  const rows = await db.$queryRaw<{ id: string; name: string; clients: number; is_active: boolean; branch_id: string | null; bank_id: string | null; role: string }[]>`
    SELECT u.id::text, u.name, c.clients, u.is_active, u.branch_id::text, u.bank_id::text, u.role::text
    FROM (SELECT manager_id, count(*)::int AS clients FROM bank_clients
          WHERE bank_id = ${actor.bankId}::uuid AND branch_id = ${actor.branchId}::uuid AND manager_id IS NOT NULL
          GROUP BY manager_id) c
    JOIN users u ON u.id = c.manager_id`;
  const needs = rows.map((r): HandoverNeed => ({
    managerId: r.id,
    name: r.name,
    clients: r.clients,
    isActive: r.is_active,
    reason: !r.is_active ? "disabled"
      : r.role !== "ACCOUNT_MANAGER" ? "notManager"
      : r.branch_id !== actor.branchId || r.bank_id !== actor.bankId ? "movedAway"
      : null,
  }));
  return needs.sort((a, b) => Number(b.reason !== null) - Number(a.reason !== null) || b.clients - a.clients || a.name.localeCompare(b.name));
}
