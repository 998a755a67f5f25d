// A manager leaves (disabled, moved, or simply handing over): the branch head moves every client
// of theirs in the branch to one or several active managers of the branch, in one step.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { handoverSchema } from "@/lib/schemas/assign";
import { parseOrThrow } from "@/lib/schemas/parse";
import { requireActor } from "@/lib/commands/require-actor";
import { writeAudit } from "@/lib/commands/audit";
import { moveClients, type MoveResult } from "@/lib/commands/move-clients";
import { lockTargetManagers } from "@/lib/commands/assignment-targets";
import { BULK_TX } from "@/lib/commands/distribute-clients";

export type HandoverResult = MoveResult & { fromManagerId: string };

export async function handoverClients(actor: Actor | null, raw: unknown): Promise<HandoverResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(handoverSchema, raw);
  if (who.role !== "BRANCH_HEAD" || !who.bankId || !who.branchId) throw notFound();
  const bankId = who.bankId;
  const branchId = who.branchId;

  return db.$transaction(async (tx) => {
    await lockTargetManagers(tx, who, input.toManagerIds);
    const where = Prisma.sql`bc.branch_id = ${branchId}::uuid AND bc.manager_id = ${input.fromManagerId}::uuid`;
    const result = await moveClients(tx, {
      bankId, actorId: who.userId, kind: "HANDOVER", reason: input.reason ?? null,
      where, managerIds: input.toManagerIds, branch: { kind: "keep" },
    });
    // Nobody of that id has clients in this branch: the same answer as an unknown id.
    if (result.moved === 0) throw notFound();
    await writeAudit(tx, {
      actorId: who.userId,
      bankId,
      action: "clients.handover",
      entityType: "user",
      entityId: input.fromManagerId,
      after: { branchId, toManagerIds: input.toManagerIds, moved: result.moved, perManager: result.perManager, reason: input.reason ?? null },
    });
    return { ...result, fromManagerId: input.fromManagerId };
  }, BULK_TX);
}
