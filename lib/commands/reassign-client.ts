// Branch head moves one client of the branch to another of its account managers, with a reason
// that stays on the client's timeline.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound, ruleViolation } from "@/lib/errors";
import { reassignSchema } from "@/lib/schemas/assign";
import { parseOrThrow } from "@/lib/schemas/parse";
import { requireActor } from "@/lib/commands/require-actor";
import { writeAudit } from "@/lib/commands/audit";
import { moveClients } from "@/lib/commands/move-clients";
import { lockTargetManagers } from "@/lib/commands/assignment-targets";

export type ReassignResult = { clientId: string; enterpriseId: string; fromManagerId: string | null; toManagerId: string };

export async function reassignClient(actor: Actor | null, raw: unknown): Promise<ReassignResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(reassignSchema, raw);
  if (who.role !== "BRANCH_HEAD" || !who.bankId || !who.branchId) throw notFound();
  const bankId = who.bankId;
  const branchId = who.branchId;

  return db.$transaction(async (tx) => {
    const [client] = await tx.$queryRaw<{ enterprise_id: string; manager_id: string | null }[]>`
      SELECT enterprise_id::text, manager_id::text FROM bank_clients
      WHERE id = ${input.clientId}::uuid AND bank_id = ${bankId}::uuid AND branch_id = ${branchId}::uuid
      FOR UPDATE`;
    if (!client) throw notFound();
    await lockTargetManagers(tx, who, [input.managerId]);
    if (client.manager_id === input.managerId) throw ruleViolation("sameManager", { managerId: ["sameManager"] });
    const result = await moveClients(tx, {
      bankId, actorId: who.userId, kind: "REASSIGN", reason: input.reason,
      where: Prisma.sql`bc.id = ${input.clientId}::uuid`, managerIds: [input.managerId], branch: { kind: "keep" },
    });
    await writeAudit(tx, {
      actorId: who.userId,
      bankId,
      action: "client.reassign",
      entityType: "bank_client",
      entityId: input.clientId,
      before: { managerId: client.manager_id },
      after: { managerId: input.managerId, reason: input.reason, moved: result.moved },
    });
    return { clientId: input.clientId, enterpriseId: client.enterprise_id, fromManagerId: client.manager_id, toManagerId: input.managerId };
  });
}
