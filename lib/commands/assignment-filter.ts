// The pool filter as a SQL condition for bulk moves. Interim copy of the pool screen's filter
// (q, stage, countyCode, branch, manager) until lib/queries/pool-filter.ts lands; then this
// file only forwards to poolWhereSql so "select all N matching" means what the screen showed.
import { z } from "zod";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Actor } from "@/lib/auth/actor";
import { STAGES } from "@/lib/domain/stage";
import { normalizeUscc } from "@/lib/domain/uscc";
import type { Stage } from "@/lib/generated/prisma/enums";

const idOrNone = z.union([z.literal("none"), z.string().uuid()]).optional().catch(undefined);

const filterSchema = z.object({
  q: z.string().trim().max(100).catch(""),
  stage: z.enum(STAGES as [Stage, ...Stage[]]).optional().catch(undefined),
  countyCode: z.string().regex(/^\d{6}$/).optional().catch(undefined),
  branch: idOrNone,
  manager: idOrNone,
});

export function selectionFilterSql(_actor: Actor, raw: Record<string, unknown>): { sql: Prisma.Sql; filter: Record<string, unknown> } {
  const f = filterSchema.parse(raw);
  const parts: Prisma.Sql[] = [Prisma.sql`true`];
  if (f.q) {
    const usccLike = normalizeUscc(f.q);
    const name = Prisma.sql`e.name ILIKE ${"%" + f.q.replace(/[\\%_]/g, (c) => "\\" + c) + "%"}`;
    parts.push(/^[0-9A-Z]{4,18}$/.test(usccLike) ? Prisma.sql`(${name} OR e.uscc LIKE ${usccLike + "%"})` : name);
  }
  if (f.stage) parts.push(Prisma.sql`bc.stage = ${f.stage}::"Stage"`);
  if (f.countyCode) parts.push(Prisma.sql`e.county_code = ${f.countyCode}`);
  if (f.branch === "none") parts.push(Prisma.sql`bc.branch_id IS NULL`);
  else if (f.branch) parts.push(Prisma.sql`bc.branch_id = ${f.branch}::uuid`);
  if (f.manager === "none") parts.push(Prisma.sql`bc.manager_id IS NULL`);
  else if (f.manager) parts.push(Prisma.sql`bc.manager_id = ${f.manager}::uuid`);
  return { sql: Prisma.join(parts, " AND "), filter: f };
}
