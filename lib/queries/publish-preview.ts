import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { uuid } from "@/lib/schemas/common";

export type PublishPreview = {
  /** Accepted rows with an enterprise (what publishing looks at). */
  accepted: number;
  /** Will take the file's 对接银行. */
  fromFile: number;
  /** Will be split by their county's rule. */
  fromRules: number;
  /** Already have a responsible bank (an earlier list): they keep it, whatever the file says. */
  alreadyAllocated: number;
  /** No bank in the file and no rule for their county: stay unallocated (set a rule first). */
  noRule: number;
  /** The counties behind noRule, largest first. */
  noRuleCounties: { code: string; count: number }[];
};

/**
 * What publishing a regulator's batch would do, counted now (rules may still change before
 * the click). For the publish panel on the batch page; regulators only, regulator batches
 * only (a bank's own list is pooled by its import); null otherwise.
 */
export async function getPublishPreview(actor: Actor | null, batchId: string): Promise<PublishPreview | null> {
  if (!actor || actor.role !== "REGULATOR" || !uuid.safeParse(batchId).success) return null;
  const batch = await db.listBatch.findUnique({ where: { id: batchId }, select: { ownerBankId: true } });
  if (!batch || batch.ownerBankId !== null) return null;
  // Grouped first, rules looked up per group: a 530,000-row batch is one pass over its rows
  // (the row's county is the registry's after the import, so no join to enterprises).
  const rows = await db.$queryRaw<{ kind: string; county_code: string | null; n: bigint }[]>`
    WITH g AS (
      SELECT a.enterprise_id IS NOT NULL AS kept, r.bank_id IS NOT NULL AS has_bank, r.county_code, count(*) AS n
        FROM list_batch_rows r
        LEFT JOIN enterprise_allocations a ON a.enterprise_id = r.enterprise_id
       WHERE r.batch_id = ${batchId}::uuid AND NOT r.is_rejected AND r.enterprise_id IS NOT NULL
       GROUP BY 1, 2, 3
    )
    SELECT CASE WHEN kept THEN 'kept' WHEN has_bank THEN 'file'
                WHEN EXISTS (SELECT 1 FROM allocation_rules ar WHERE ar.county_code = g.county_code) THEN 'rule'
                ELSE 'none' END AS kind,
           CASE WHEN NOT kept AND NOT has_bank THEN county_code END AS county_code,
           sum(n)::bigint AS n
      FROM g GROUP BY 1, 2`;
  const sum = (kind: string) => rows.filter((r) => r.kind === kind).reduce((s, r) => s + Number(r.n), 0);
  return {
    accepted: rows.reduce((s, r) => s + Number(r.n), 0),
    fromFile: sum("file"),
    fromRules: sum("rule"),
    alreadyAllocated: sum("kept"),
    noRule: sum("none"),
    noRuleCounties: rows.filter((r) => r.kind === "none" && r.county_code)
      .map((r) => ({ code: r.county_code!, count: Number(r.n) }))
      .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
  };
}
