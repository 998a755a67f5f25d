// Turns a selection (ticked ids, or "all N matching" a pool filter) into a SQL condition on
// bc, checked against what the actor may move. Ticked ids outside the actor's reach fail
// the whole operation as "not found" (nothing is written); a filter only ever matches inside.
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db-client";
import { AppError, notFound } from "@/lib/errors";
import type { Selection } from "@/lib/schemas/assign";
import { selectionFilterSql } from "@/lib/commands/assignment-filter";

/** The clients a distributing actor may move: head office its bank, a branch head their branch. */
export function moveScopeSql(actor: Actor): Prisma.Sql {
  if (actor.role === "BANK_HEAD_OFFICE" && actor.bankId) return Prisma.sql`bc.bank_id = ${actor.bankId}::uuid`;
  if (actor.role === "BRANCH_HEAD" && actor.bankId && actor.branchId) {
    return Prisma.sql`bc.bank_id = ${actor.bankId}::uuid AND bc.branch_id = ${actor.branchId}::uuid`;
  }
  return Prisma.sql`false`;
}

export type ResolvedSelection = { where: Prisma.Sql; matched: number; filter: Record<string, unknown> | null };

export async function resolveSelection(tx: Tx, actor: Actor, selection: Selection): Promise<ResolvedSelection> {
  const scope = moveScopeSql(actor);
  if (selection.by === "ids") {
    const [row] = await tx.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM bank_clients bc WHERE bc.id = ANY(${selection.clientIds}::uuid[]) AND ${scope}`;
    if ((row?.n ?? 0) !== selection.clientIds.length) throw notFound();
    return { where: Prisma.sql`bc.id = ANY(${selection.clientIds}::uuid[]) AND ${scope}`, matched: row!.n, filter: null };
  }
  const { sql, filter } = selectionFilterSql(actor, selection.filter);
  const where = Prisma.sql`(${sql}) AND ${scope}`;
  const [row] = await tx.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM bank_clients bc WHERE ${where}`;
  const matched = row?.n ?? 0;
  // "Select all N matching": the N the user confirmed must still be the N that would move.
  if (selection.expectedCount !== undefined && selection.expectedCount !== matched) {
    throw new AppError("CONFLICT", "countChanged");
  }
  return { where, matched, filter };
}
