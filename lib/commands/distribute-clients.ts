// Head office hands clients to branches: by the county rule (each waiting client to the bank's
// branch in its enterprise's county), or a selection (ticked, or all N matching a filter) to
// one branch. One transaction: the move, one history row per moved client, one audit row.
import { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { notFound, ruleViolation } from "@/lib/errors";
import { distributeSchema } from "@/lib/schemas/assign";
import { parseOrThrow } from "@/lib/schemas/parse";
import { requireActor } from "@/lib/commands/require-actor";
import { writeAudit } from "@/lib/commands/audit";
import { moveClients, type MoveResult } from "@/lib/commands/move-clients";
import { resolveSelection } from "@/lib/commands/assignment-selection";

export type DistributeResult = MoveResult & {
  /** Clients the selection matched (before leaving out those already there or not waiting). */
  matched: number;
  /** Clients of the bank still waiting at head office afterwards. */
  leftAtHeadOffice: number;
};

/** Bulk moves of a province-sized pool take seconds, not Prisma's default 5 s budget. */
export const BULK_TX = { timeout: 120_000, maxWait: 10_000 } as const;

export async function distributeClients(actor: Actor | null, raw: unknown): Promise<DistributeResult> {
  const who = requireActor(actor);
  const input = parseOrThrow(distributeSchema, raw);
  if (who.role !== "BANK_HEAD_OFFICE" || !who.bankId) throw notFound();
  const bankId = who.bankId;

  return db.$transaction(async (tx) => {
    let result: MoveResult;
    let matched: number;
    let audit: Prisma.InputJsonObject;
    if (input.mode === "county") {
      // Open branches only, locked against closing until this commits (closeBranch locks its row for update).
      const branches = await tx.$queryRaw<{ id: string; countyCode: string }[]>`
        SELECT id::text, county_code AS "countyCode" FROM branches
         WHERE bank_id = ${bankId}::uuid AND closed_at IS NULL ORDER BY code FOR SHARE`;
      const byCounty = new Map<string, string[]>();
      for (const b of branches) byCounty.set(b.countyCode, [...(byCounty.get(b.countyCode) ?? []), b.id]);
      for (const [county, branchId] of Object.entries(input.picks)) {
        if (!branches.some((b) => b.id === branchId)) throw notFound();
        if (!byCounty.get(county)?.includes(branchId)) throw ruleViolation("pickNotInCounty", { picks: ["pickNotInCounty"] });
      }
      // A county with one branch needs no choice; with several, the head office's pick; else it waits.
      const pairs = [...byCounty].flatMap(([county, ids]) => {
        const chosen = ids.length === 1 ? ids[0] : input.picks[county];
        return chosen ? [[county, chosen] as const] : [];
      });
      const where = Prisma.sql`bc.branch_id IS NULL`;
      const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM bank_clients bc WHERE bc.bank_id = ${bankId}::uuid AND ${where}`;
      matched = row?.n ?? 0;
      result = await moveClients(tx, {
        bankId, actorId: who.userId, kind: "DISTRIBUTE", reason: null, where, managerIds: [],
        branch: { kind: "byCounty", counties: pairs.map((p) => p[0]), branchIds: pairs.map((p) => p[1]) },
      });
      audit = { mode: "county", picks: input.picks };
    } else {
      // A closed branch takes no clients: it reads as missing (and cannot close under us).
      const [branch] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id::text FROM branches WHERE id = ${input.branchId}::uuid AND bank_id = ${bankId}::uuid AND closed_at IS NULL FOR SHARE`;
      if (!branch) throw notFound();
      const selection = await resolveSelection(tx, who, input.selection);
      matched = selection.matched;
      // Only clients waiting at head office, unless re-distributing from another branch was asked for.
      const where = input.redistribute
        ? Prisma.sql`${selection.where} AND bc.branch_id IS DISTINCT FROM ${branch.id}::uuid`
        : Prisma.sql`${selection.where} AND bc.branch_id IS NULL`;
      result = await moveClients(tx, {
        bankId, actorId: who.userId, kind: "DISTRIBUTE", reason: input.reason ?? null, where, managerIds: [],
        branch: { kind: "fixed", branchId: branch.id },
      });
      audit = {
        mode: "selection", by: input.selection.by, branchId: branch.id, redistribute: input.redistribute,
        filter: (selection.filter ?? null) as Prisma.InputJsonValue, reason: input.reason ?? null,
      };
    }
    const [left] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM bank_clients WHERE bank_id = ${bankId}::uuid AND branch_id IS NULL`;
    const leftAtHeadOffice = left?.n ?? 0;
    await writeAudit(tx, {
      actorId: who.userId,
      bankId,
      action: "clients.distribute",
      entityType: "bank",
      entityId: bankId,
      after: { ...audit, matched, moved: result.moved, perBranch: result.perBranch, leftAtHeadOffice },
    });
    return { ...result, matched, leftAtHeadOffice };
  }, BULK_TX);
}
