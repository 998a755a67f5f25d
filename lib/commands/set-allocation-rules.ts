// The regulator's allocation table, one county at a time: which banks take the county's listed
// enterprises and in what shares (summing to 100). Replaces the county's rule as a whole;
// an empty list removes it. Applied when a province list is published (publish-batch.ts);
// enterprises already allocated keep their bank, so editing a rule never moves anyone.
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { AppError, notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { setAllocationRulesSchema } from "@/lib/schemas/allocation";
import { sharesProblem } from "@/lib/domain/allocate";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";

export type SetAllocationRulesResult = { countyCode: string; rules: { bankId: string; share: number }[] };

/** Any REGULATOR edits any county (one province-wide table; see publishBatch for the same choice). */
export async function setAllocationRules(actor: Actor | null, raw: unknown): Promise<SetAllocationRulesResult> {
  const who = requireActor(actor);
  if (who.role !== "REGULATOR") throw notFound();
  const input = parseOrThrow(setAllocationRulesSchema, raw);
  const rules = input.rules.map((r) => ({ bankId: r.bankId, share: r.share }));

  if (rules.length) {
    const problem = sharesProblem(rules.map((r) => ({ bankKey: r.bankId, share: r.share })));
    if (problem) throw new AppError("INVALID_INPUT", "invalidInput", { rules: [problem] });
    const known = await db.bank.count({ where: { id: { in: rules.map((r) => r.bankId) } } });
    if (known !== rules.length) throw new AppError("INVALID_INPUT", "invalidInput", { rules: ["unknownBank"] });
  }

  return db.$transaction(async (tx) => {
    // Two editors of one county take turns, so "before" in the audit row is what was replaced.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('allocation_rules'), hashtext(${input.countyCode}))`;
    const before = await tx.allocationRule.findMany({
      where: { countyCode: input.countyCode },
      select: { bankId: true, share: true },
      orderBy: { bankId: "asc" },
    });
    await tx.allocationRule.deleteMany({ where: { countyCode: input.countyCode } });
    if (rules.length) {
      await tx.allocationRule.createMany({
        data: rules.map((r) => ({ countyCode: input.countyCode, bankId: r.bankId, share: r.share, updatedById: who.userId })),
      });
    }
    const after = [...rules].sort((a, b) => (a.bankId < b.bankId ? -1 : 1));
    await writeAudit(tx, {
      actorId: who.userId,
      bankId: null,
      action: "allocation_rules.set",
      entityType: "allocation_rule",
      entityId: input.countyCode,
      before,
      after,
    });
    return { countyCode: input.countyCode, rules: after };
  });
}
