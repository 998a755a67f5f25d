// Builds imported batches for the distribution tests the way the import job leaves them:
// a DONE list_batches row, enterprises in the registry, memberships, and one checked row per
// file line (accepted rows carry enterprise_id and the file's 对接银行 as bank_id).
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import type { ListType } from "@/lib/generated/prisma/enums";
import { enterpriseRow, insertEnterprises, insertMemberships } from "@/prisma/seed/factories";

export type BatchLine = {
  /** Enterprise seq (USCC derives from it); reuse a seq to list a known enterprise again. */
  seq: number;
  countyCode: string;
  /** The file's 对接银行, resolved. */
  bankId?: string | null;
  isRejected?: boolean;
};

let batchCounter = 0;

export async function buildBatch(input: {
  lines: BatchLine[];
  ownerBankId?: string | null;
  status?: "QUEUED" | "RUNNING" | "DONE" | "FAILED" | "CANCELLED";
  listType?: ListType;
  name?: string;
}): Promise<{ batchId: string; enterpriseIds: Map<number, string>; usccs: Map<number, string> }> {
  batchCounter += 1;
  const listType = input.listType ?? (input.ownerBankId ? "SETTLEMENT_ACCOUNT" : "BANKS_VISIT_ENTERPRISES");
  const batch = await db.listBatch.create({
    data: {
      listType,
      name: input.name ?? `测试批次${batchCounter}`,
      issuedOn: new Date("2026-11-01T00:00:00Z"),
      ownerBankId: input.ownerBankId ?? null,
      status: input.status ?? "DONE",
      rowCount: input.lines.length,
    },
  });
  const rows = input.lines.map((l) => enterpriseRow({ seq: l.seq, countyCode: l.countyCode }));
  const accepted = rows.filter((_, i) => !input.lines[i]!.isRejected);
  const known = await db.enterprise.findMany({ where: { uscc: { in: accepted.map((r) => r.uscc) } }, select: { uscc: true } });
  const knownSet = new Set(known.map((k) => k.uscc));
  const fresh = accepted.filter((r) => !knownSet.has(r.uscc));
  if (fresh.length) await insertEnterprises(db, fresh);
  const ids = await db.enterprise.findMany({ where: { uscc: { in: rows.map((r) => r.uscc) } }, select: { id: true, uscc: true } });
  const idByUscc = new Map(ids.map((e) => [e.uscc, e.id]));
  const enterpriseIds = new Map<number, string>();
  const usccs = new Map<number, string>();
  input.lines.forEach((l, i) => {
    usccs.set(l.seq, rows[i]!.uscc);
    if (!l.isRejected) enterpriseIds.set(l.seq, idByUscc.get(rows[i]!.uscc)!);
  });
  if (accepted.length) {
    await insertMemberships(db, [...new Set(input.lines.filter((l) => !l.isRejected).map((l) => enterpriseIds.get(l.seq)!))]
      .map((enterpriseId) => ({ enterpriseId, batchId: batch.id, listType, listedOn: new Date("2026-11-01T00:00:00Z") })));
  }
  await db.listBatchRow.createMany({
    data: input.lines.map((l, i) => ({
      batchId: batch.id,
      lineNo: i + 2,
      uscc: rows[i]!.uscc,
      name: rows[i]!.name,
      countyCode: l.countyCode,
      cityCode: rows[i]!.cityCode,
      bankId: l.isRejected ? null : (l.bankId ?? null),
      enterpriseId: l.isRejected ? null : enterpriseIds.get(l.seq)!,
      isRejected: l.isRejected ?? false,
      reasons: l.isRejected ? ["测试拒绝"] : [],
    })),
  });
  return { batchId: batch.id, enterpriseIds, usccs };
}

/** A block of 100,000 enterprise seqs of its own, so tests sharing a database never collide. */
export function seqBlock(): number {
  return 1_000_000_000 + randomInt(0, 10_000_000) * 100_000;
}

/** Replaces a county's allocation rule directly (the rules command has its own tests). */
export async function setRules(countyCode: string, shares: { bankId: string; share: number }[]): Promise<void> {
  await db.$transaction([
    db.allocationRule.deleteMany({ where: { countyCode } }),
    db.allocationRule.createMany({ data: shares.map((s) => ({ countyCode, ...s })) }),
  ]);
}

// Every figure of the bank-side rollup tables, all-zero rows left out (incremental upkeep may
// leave them behind, a rebuild does not).
async function rollupSnapshot(q: Pick<typeof db, "$queryRawUnsafe">): Promise<string[]> {
  const rows = await q.$queryRawUnsafe<{ t: string }[]>(`
    SELECT 'facts ' || f::text AS t FROM rollup_client_facts f
    UNION ALL SELECT 'efacts ' || f::text FROM rollup_enterprise_facts f
    UNION ALL SELECT 'daily ' || d::text FROM rollup_bank_daily d
      WHERE (pooled, needs, visited, credited, first_loans) <> (0, 0, 0, 0, 0) OR credit_amount <> 0 OR first_loan_amount <> 0
    UNION ALL SELECT 'monthly ' || m::text FROM rollup_bank_monthly m
      WHERE (pooled, needs, visited, credited, first_loans) <> (0, 0, 0, 0, 0) OR credit_amount <> 0 OR first_loan_amount <> 0
    UNION ALL SELECT 'region ' || r::text FROM rollup_region_daily r
      WHERE (listed, needs, visited, credited, first_loans) <> (0, 0, 0, 0, 0) OR credit_amount <> 0 OR first_loan_amount <> 0
    UNION ALL SELECT 'coverage ' || c::text FROM coverage_counts c WHERE (listed, allocated, assigned, contacted) <> (0, 0, 0, 0)
    UNION ALL SELECT 'coverage facts ' || f::text FROM coverage_facts f WHERE is_listed
    ORDER BY 1`);
  return rows.map((r) => r.t);
}

/** The rollup tables equal what rollup_rebuild() computes from the base tables (rolled back). */
export async function expectRollupsMatchRebuild(): Promise<void> {
  const { expect } = await import("vitest");
  const live = await rollupSnapshot(db);
  const rebuilt = await db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SELECT rollup_rebuild()");
    const snapshot = await rollupSnapshot(tx);
    throw Object.assign(new Error("rollback"), { snapshot });
  }, { timeout: 60_000 }).catch((e: { snapshot?: string[] }) => {
    if (!e.snapshot) throw e;
    return e.snapshot;
  });
  const onlyLive = live.filter((x) => !rebuilt.includes(x));
  const onlyRebuilt = rebuilt.filter((x) => !live.includes(x));
  expect({ onlyLive, onlyRebuilt }).toEqual({ onlyLive: [], onlyRebuilt: [] });
}
