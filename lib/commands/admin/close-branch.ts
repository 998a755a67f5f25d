// A bank's admin closes a branch. Only an empty one: its clients handed to another branch and
// its active users moved or disabled first. A closed branch keeps its history and its name,
// shows as closed, and takes no new users.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import { notFound, ruleViolation } from "@/lib/errors";
import { branchIdSchema } from "@/lib/schemas/admin";
import { parseOrThrow } from "@/lib/schemas/parse";
import { writeAudit } from "@/lib/commands/audit";
import { NO_META, requireBankAdmin } from "@/lib/commands/admin/authorize";

export async function closeBranch(actor: Actor | null, raw: unknown, meta: RequestMeta = NO_META): Promise<{ branchId: string }> {
  const admin = requireBankAdmin(actor);
  const input = parseOrThrow(branchIdSchema, raw);
  return db.$transaction(async (tx) => {
    // FOR UPDATE waits for anyone placing a user in the branch (they hold FOR SHARE), so the
    // counts below see them.
    const rows = await tx.$queryRaw<{ closed: boolean }[]>`
      SELECT closed_at IS NOT NULL AS closed FROM branches
      WHERE id = ${input.branchId}::uuid AND bank_id = ${admin.bankId}::uuid FOR UPDATE`;
    if (!rows.length) throw notFound();
    if (rows[0]!.closed) throw ruleViolation("branchAlreadyClosed");
    const [clients, users] = await Promise.all([
      tx.bankClient.count({ where: { bankId: admin.bankId, branchId: input.branchId } }),
      tx.user.count({ where: { branchId: input.branchId, isActive: true } }),
    ]);
    if (clients > 0) throw ruleViolation("branchHasClients");
    if (users > 0) throw ruleViolation("branchHasUsers");
    const closed = await tx.branch.update({ where: { id: input.branchId }, data: { closedAt: new Date() }, select: { closedAt: true } });
    await writeAudit(tx, {
      actorId: admin.userId, bankId: admin.bankId, action: "branch.close", entityType: "branch", entityId: input.branchId,
      before: { closedAt: null }, after: { closedAt: closed.closedAt!.toISOString() }, ...meta,
    });
    return { branchId: input.branchId };
  });
}
