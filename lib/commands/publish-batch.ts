// A batch's enterprises reach the banks' pools: for a regulator's list each enterprise first
// gets its one responsible bank (一企一行: from the file's 对接银行 column, else by the
// county's allocation rule), for a bank's own list the owner bank; then each enterprise
// enters that bank's pool unassigned (head office, no branch, no manager) with a POOL row in
// the assignment history. Set-based: a fixed handful of statements whatever the batch size
// (530,000 rows), never a round trip per row.
import { db } from "@/lib/db";
import type { Tx } from "@/lib/db-client";
import type { Actor } from "@/lib/auth/actor";
import { notFound, ruleViolation } from "@/lib/errors";
import { parseOrThrow } from "@/lib/schemas/parse";
import { publishBatchSchema } from "@/lib/schemas/allocation";
import { writeAudit } from "@/lib/commands/audit";
import { requireActor } from "@/lib/commands/require-actor";
import { retryOnDeadlock } from "@/lib/commands/retry";

export type ApplyBatchResult = {
  /** Enterprises that got their responsible bank from this batch (file column + rules). */
  allocated: number;
  /** bank_clients rows created (enterprises that entered a pool). */
  pooled: number;
  fromFile: number;
  fromRules: number;
  /** Accepted enterprises that already had a responsible bank (they keep it). */
  kept: number;
  /** Accepted enterprises still without a responsible bank (county without a rule). */
  unallocated: number;
};

export type PublishBatchResult = ApplyBatchResult & { batchId: string; publishedAt: string };

type Count = { n: bigint | number | null };

/**
 * A regulator publishes an imported province list: every listed enterprise gets its one
 * responsible bank and enters that bank's pool (applyBatchToPools), once. Any REGULATOR may
 * publish any province list (the lists are the province's; a Ningbo-only restriction would
 * need rows split by city, which the programme does not ask for). Bank batches are pooled by
 * the import itself and are not publishable: to a regulator they answer like a missing id.
 */
export async function publishBatch(actor: Actor | null, raw: unknown): Promise<PublishBatchResult> {
  const who = requireActor(actor);
  if (who.role !== "REGULATOR") throw notFound();
  const { batchId } = parseOrThrow(publishBatchSchema, raw);

  return retryOnDeadlock(() => db.$transaction(async (tx) => {
    // The row lock makes concurrent publishes of one batch take turns: the second one waits,
    // then sees published_at and is refused.
    const [batch] = await tx.$queryRaw<{ owner_bank_id: string | null; status: string; published_at: Date | null }[]>`
      SELECT owner_bank_id, status::text AS status, published_at FROM list_batches WHERE id = ${batchId}::uuid FOR UPDATE`;
    if (!batch || batch.owner_bank_id !== null) throw notFound();
    if (batch.published_at) throw ruleViolation("alreadyPublished");
    if (batch.status !== "DONE") throw ruleViolation("batchNotDone");

    const result = await applyBatchToPools(tx, batchId, who.userId);
    const [published] = await tx.$queryRaw<{ published_at: Date }[]>`
      UPDATE list_batches SET published_at = now(), published_by_id = ${who.userId}::uuid
       WHERE id = ${batchId}::uuid RETURNING published_at`;
    return { ...result, batchId, publishedAt: published!.published_at.toISOString() };
  }, { maxWait: 10_000, timeout: 15 * 60_000 }));
}
const num = (rows: Count[]) => Number(rows[0]?.n ?? 0);

/**
 * Applies a DONE batch to the pools inside the caller's transaction. The caller holds the
 * batch row lock (publishBatch takes it; the import job owns its batch). actorId goes on the
 * allocation, history and audit rows (null for a system job).
 */
export async function applyBatchToPools(
  tx: Tx,
  batchId: string,
  actorId: string | null,
  /** Called after each step with its wall time (scripts/bench/publish.ts prints them). */
  onStep?: (step: "file" | "rules" | "pool" | "tally", ms: number) => void,
): Promise<ApplyBatchResult> {
  let mark = performance.now();
  const step = (name: "file" | "rules" | "pool" | "tally") => {
    const now = performance.now();
    onStep?.(name, now - mark);
    mark = now;
  };
  const [batch] = await tx.$queryRaw<{ name: string; owner_bank_id: string | null }[]>`
    SELECT name, owner_bank_id FROM list_batches WHERE id = ${batchId}::uuid`;
  if (!batch) throw new Error(`applyBatchToPools: batch ${batchId} not found`);
  const isBankBatch = batch.owner_bank_id !== null;

  let fromFile = 0;
  let fromRules = 0;
  if (!isBankBatch) {
    // The file's column first. Enterprises already allocated (an earlier batch, or a
    // concurrent publish that got there first) keep their bank: ON CONFLICT DO NOTHING on the
    // primary key is what makes "never two responsible banks" hold under concurrency. Rows go
    // in enterprise order so two publishes sharing enterprises lock them in the same order.
    fromFile = num(await tx.$queryRaw<Count[]>`
      WITH ins AS (
        INSERT INTO enterprise_allocations (enterprise_id, bank_id, batch_id, source, allocated_by_id)
        SELECT r.enterprise_id, r.bank_id, ${batchId}::uuid, 'FILE'::"AllocationSource", ${actorId}::uuid
          FROM list_batch_rows r
         WHERE r.batch_id = ${batchId}::uuid AND NOT r.is_rejected
           AND r.enterprise_id IS NOT NULL AND r.bank_id IS NOT NULL
         ORDER BY r.enterprise_id
        ON CONFLICT (enterprise_id) DO NOTHING
        RETURNING 1)
      SELECT count(*) AS n FROM ins`);
    step("file");

    // Then the county rules, for rows without a bank in the file: within a county the still
    // unallocated enterprises, ordered by USCC, take consecutive ranges of the rule's banks
    // (bank-code order) sized by largest remainder — lib/domain/allocate.ts, same arithmetic.
    fromRules = num(await tx.$queryRaw<Count[]>`
      WITH cand AS (
        SELECT e.id, e.county_code, e.uscc
          FROM list_batch_rows r
          JOIN enterprises e ON e.id = r.enterprise_id
         WHERE r.batch_id = ${batchId}::uuid AND NOT r.is_rejected AND r.bank_id IS NULL
           AND NOT EXISTS (SELECT 1 FROM enterprise_allocations a WHERE a.enterprise_id = e.id)
           AND EXISTS (SELECT 1 FROM allocation_rules ar WHERE ar.county_code = e.county_code)
      ),
      ranked AS (
        SELECT id, county_code, row_number() OVER (PARTITION BY county_code ORDER BY uscc COLLATE "C") - 1 AS rn
          FROM cand
      ),
      sizes AS (SELECT county_code, count(*) AS n FROM cand GROUP BY county_code),
      totals AS (SELECT county_code, sum(share) AS total FROM allocation_rules GROUP BY county_code),
      quota AS (
        SELECT ar.county_code, ar.bank_id, b.code, s.n,
               (s.n * ar.share) / t.total AS base, (s.n * ar.share) % t.total AS rem
          FROM allocation_rules ar
          JOIN banks b ON b.id = ar.bank_id
          JOIN sizes s ON s.county_code = ar.county_code
          JOIN totals t ON t.county_code = ar.county_code
      ),
      counted AS (
        SELECT county_code, bank_id, code,
               base + CASE WHEN row_number() OVER (PARTITION BY county_code ORDER BY rem DESC, code COLLATE "C")
                                <= n - sum(base) OVER (PARTITION BY county_code) THEN 1 ELSE 0 END AS cnt
          FROM quota
      ),
      ranges AS (
        SELECT county_code, bank_id, cnt,
               sum(cnt) OVER (PARTITION BY county_code ORDER BY code COLLATE "C") - cnt AS lo
          FROM counted
      ),
      ins AS (
        INSERT INTO enterprise_allocations (enterprise_id, bank_id, batch_id, source, allocated_by_id)
        SELECT k.id, g.bank_id, ${batchId}::uuid, 'RULE'::"AllocationSource", ${actorId}::uuid
          FROM ranked k
          JOIN ranges g ON g.county_code = k.county_code AND k.rn >= g.lo AND k.rn < g.lo + g.cnt
         ORDER BY k.id
        ON CONFLICT (enterprise_id) DO NOTHING
        RETURNING 1)
      SELECT count(*) AS n FROM ins`);
    step("rules");
  }

  const pooled = await poolBatch(tx, batchId, batch.owner_bank_id, actorId, `批次 ${batch.name}`);
  step("pool");

  const [tally] = await tx.$queryRaw<{ kept: bigint; unallocated: bigint }[]>`
    SELECT count(*) FILTER (WHERE a.enterprise_id IS NOT NULL AND a.batch_id IS DISTINCT FROM ${batchId}::uuid) AS kept,
           count(*) FILTER (WHERE a.enterprise_id IS NULL) AS unallocated
      FROM list_batch_rows r
      LEFT JOIN enterprise_allocations a ON a.enterprise_id = r.enterprise_id
     WHERE r.batch_id = ${batchId}::uuid AND NOT r.is_rejected AND r.enterprise_id IS NOT NULL`;
  step("tally");
  const result: ApplyBatchResult = {
    allocated: fromFile + fromRules,
    pooled,
    fromFile,
    fromRules,
    kept: isBankBatch ? 0 : Number(tally?.kept ?? 0),
    unallocated: isBankBatch ? 0 : Number(tally?.unallocated ?? 0),
  };

  await tx.$executeRaw`
    UPDATE list_batches SET allocated = ${result.allocated}, pooled = ${result.pooled} WHERE id = ${batchId}::uuid`;
  await writeAudit(tx, {
    actorId,
    bankId: batch.owner_bank_id,
    action: isBankBatch ? "batch.pool" : "batch.publish",
    entityType: "list_batch",
    entityId: batchId,
    after: result,
  });
  return result;
}

/**
 * Every accepted enterprise of the batch enters its bank's pool (regulator batch: the
 * responsible bank; bank batch: the owner) unless that bank already has it as a client.
 * The rollups follow through bank_clients' own triggers (statement-level since
 * 20261130120009_rollups_attribution: one set-based refresh for the whole INSERT).
 */
async function poolBatch(tx: Tx, batchId: string, ownerBankId: string | null, actorId: string | null, reason: string): Promise<number> {
  return num(await tx.$queryRaw<Count[]>`
    WITH pairs AS (
      SELECT coalesce(${ownerBankId}::uuid, a.bank_id) AS bank_id, r.enterprise_id
        FROM list_batch_rows r
        LEFT JOIN enterprise_allocations a ON a.enterprise_id = r.enterprise_id AND ${ownerBankId}::uuid IS NULL
       WHERE r.batch_id = ${batchId}::uuid AND NOT r.is_rejected AND r.enterprise_id IS NOT NULL
         AND (${ownerBankId}::uuid IS NOT NULL OR a.bank_id IS NOT NULL)
    ),
    ins AS (
      INSERT INTO bank_clients (bank_id, enterprise_id, updated_at)
      SELECT bank_id, enterprise_id, now() FROM pairs ORDER BY enterprise_id
      ON CONFLICT (bank_id, enterprise_id) DO NOTHING
      RETURNING id, bank_id, enterprise_id, created_at
    ),
    hist AS (
      INSERT INTO client_assignments (client_id, bank_id, enterprise_id, kind, actor_id, reason, at)
      SELECT id, bank_id, enterprise_id, 'POOL'::"AssignmentKind", ${actorId}::uuid, ${reason}, created_at FROM ins
    )
    SELECT count(*) AS n FROM ins`);
}
