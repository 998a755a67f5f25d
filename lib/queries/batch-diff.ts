import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db";
import { batchScope } from "@/lib/queries/list-batches";
import { uuid } from "@/lib/schemas/common";

export type DiffSample = { uscc: string; name: string; countyCode: string | null; before?: { name: string; countyCode: string | null } };

export type BatchDiff = {
  previous: { id: string; name: string; createdAt: string } | null;
  added: number;
  gone: number;
  changed: number;
  samples: { added: DiffSample[]; gone: DiffSample[]; changed: DiffSample[] };
};

const SAMPLE = 10;

/**
 * This batch against the previous completed batch of the same list (same type and owner):
 * enterprises new on the list, gone from it, and changed (name, county, legal representative
 * or phone), by USCC over the accepted rows of both.
 */
export async function getBatchDiff(actor: Actor | null, batchId: string): Promise<BatchDiff | null> {
  if (!uuid.safeParse(batchId).success) return null;
  const batch = await db.listBatch.findFirst({
    where: { AND: [batchScope(actor), { id: batchId, status: "DONE" }] },
    select: { id: true, listType: true, ownerBankId: true, createdAt: true },
  });
  if (!batch) return null;
  const previous = await db.listBatch.findFirst({
    where: { listType: batch.listType, ownerBankId: batch.ownerBankId, status: "DONE", createdAt: { lt: batch.createdAt }, fileSha256: { not: null } },
    orderBy: { createdAt: "desc" },
    select: { id: true, name: true, createdAt: true },
  });
  if (!previous) return { previous: null, added: 0, gone: 0, changed: 0, samples: { added: [], gone: [], changed: [] } };

  type Row = { kind: "added" | "gone" | "changed"; total: number; uscc: string; name: string; county: string | null; old_name: string | null; old_county: string | null };
  // One pass: a full join of the two batches' accepted rows by USCC, classified, with the
  // first few of each kind as samples.
  const rows = await db.$queryRaw<Row[]>`
    WITH cur AS (SELECT uscc, name, county_code, legal_rep_name, legal_rep_phone FROM list_batch_rows
                  WHERE batch_id = ${batch.id}::uuid AND line_no > 0 AND NOT is_rejected),
         old AS (SELECT uscc, name, county_code, legal_rep_name, legal_rep_phone FROM list_batch_rows
                  WHERE batch_id = ${previous.id}::uuid AND line_no > 0 AND NOT is_rejected),
         d AS (
           SELECT CASE WHEN old.uscc IS NULL THEN 'added' WHEN cur.uscc IS NULL THEN 'gone' ELSE 'changed' END AS kind,
                  coalesce(cur.uscc, old.uscc) AS uscc, coalesce(cur.name, old.name) AS name,
                  coalesce(cur.county_code, old.county_code) AS county, old.name AS old_name, old.county_code AS old_county
             FROM cur FULL JOIN old ON old.uscc = cur.uscc
            WHERE old.uscc IS NULL OR cur.uscc IS NULL
               OR (cur.name, cur.county_code, cur.legal_rep_name, cur.legal_rep_phone)
                  IS DISTINCT FROM (old.name, old.county_code, old.legal_rep_name, old.legal_rep_phone)),
         ranked AS (SELECT d.*, row_number() OVER (PARTITION BY kind ORDER BY uscc) AS n, count(*) OVER (PARTITION BY kind) AS total FROM d)
    SELECT kind, total::int AS total, uscc, name, county, old_name, old_county FROM ranked WHERE n <= ${SAMPLE}`;
  const totals = { added: 0, gone: 0, changed: 0 };
  const samples: BatchDiff["samples"] = { added: [], gone: [], changed: [] };
  for (const r of rows) {
    totals[r.kind] = r.total;
    samples[r.kind].push({
      uscc: r.uscc,
      name: r.name,
      countyCode: r.county,
      ...(r.kind === "changed" ? { before: { name: r.old_name ?? "", countyCode: r.old_county } } : {}),
    });
  }
  return { previous: { id: previous.id, name: previous.name, createdAt: previous.createdAt.toISOString() }, ...totals, samples };
}
