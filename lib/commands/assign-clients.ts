// Branch head → account managers: ticked clients or all N matching a filter, to one manager or
// split evenly over several (shares differ by at most one, fixed order). One transaction.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { assignSchema } from "@/lib/schemas/assign";
import { parseOrThrow } from "@/lib/schemas/parse";
import { requireActor } from "@/lib/commands/require-actor";
import { writeAudit } from "@/lib/commands/audit";
import { moveClients, type MoveResult } from "@/lib/commands/move-clients";
import { resolveSelection } from "@/lib/commands/assignment-selection";
import { lockTargetManagers } from "@/lib/commands/assignment-targets";
import { BULK_TX } from "@/lib/commands/distribute-clients";

export type AssignResult = MoveResult & { matched: number };

export async function assignClients(actor: Actor | null, raw: unknown): Promise<AssignResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(assignSchema, raw);
  if (who.role !== "BRANCH_HEAD" || !who.bankId || !who.branchId) throw notFound();
  const bankId = who.bankId;
  const branchId = who.branchId;

  return db.$transaction(async (tx) => {
    await lockTargetManagers(tx, who, input.managerIds);
    const selection = await resolveSelection(tx, who, input.selection);
    const result = await moveClients(tx, {
      bankId, actorId: who.userId, kind: "ASSIGN", reason: input.reason ?? null,
      where: selection.where, managerIds: input.managerIds, branch: { kind: "keep" },
    });
    await writeAudit(tx, {
      actorId: who.userId,
      bankId,
      action: "clients.assign",
      entityType: "branch",
      entityId: branchId,
      after: {
        by: input.selection.by,
        filter: (selection.filter ?? null) as Prisma.InputJsonValue,
        managerIds: input.managerIds,
        matched: selection.matched,
        moved: result.moved,
        perManager: result.perManager,
        reason: input.reason ?? null,
      },
    });
    return { ...result, matched: selection.matched };
  }, BULK_TX);
}
