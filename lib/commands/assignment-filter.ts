// The pool filter as a SQL condition for bulk moves: exactly the pool screen's condition
// (lib/queries/pool-filter.ts), so "select all N matching" moves what the screen counted.
// Cursors are dropped: "all matching" means every page.
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { poolFilterSchema, poolWhereSql } from "@/lib/queries/pool-filter";

export function selectionFilterSql(actor: Actor, raw: Record<string, unknown>): { sql: Prisma.Sql; filter: Record<string, unknown> } {
  const { after: _after, before: _before, ...filter } = poolFilterSchema.parse(raw);
  return { sql: poolWhereSql(actor, filter), filter };
}
