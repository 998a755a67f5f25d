// The managers a branch head may give clients to: active account managers of their own branch.
// Anything else (another branch's or bank's manager, a disabled one, a head) answers "not found".
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db-client";
import { notFound } from "@/lib/errors";

export async function lockTargetManagers(tx: Tx, head: Actor, managerIds: string[]): Promise<void> {
  if (!head.bankId || !head.branchId) throw notFound();
  // FOR SHARE: a manager cannot be disabled or moved while clients are being given to them.
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text FROM users
    WHERE id = ANY(${managerIds}::uuid[]) AND role = 'ACCOUNT_MANAGER' AND is_active
      AND bank_id = ${head.bankId}::uuid AND branch_id = ${head.branchId}::uuid
    FOR SHARE`;
  if (rows.length !== managerIds.length) throw notFound();
}
