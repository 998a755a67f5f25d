// applyBatchToPools: 一企一行 from the file column and the county rules (exact shares), earlier
// allocations kept, every allocated enterprise in its bank's pool unassigned with a POOL
// history row, one audit row, and the rollups exactly what a full rebuild would give.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { applyBatchToPools } from "@/lib/commands/publish-batch";
import { assignByRule } from "@/lib/domain/allocate";
import { buildWorld, type World } from "../support/world";
import { buildBatch, expectRollupsMatchRebuild, seqBlock, setRules } from "../support/allocation";


let w: World;
let regulatorId: string;
let bankCodes: Record<string, string>;

beforeAll(async () => {
  w = await buildWorld();
  regulatorId = w.userIds.regulator;
  const banks = await db.bank.findMany({ where: { id: { in: [w.bankA, w.bankB] } }, select: { id: true, code: true } });
  bankCodes = Object.fromEntries(banks.map((b) => [b.id, b.code]));
});

const apply = (batchId: string, actorId: string | null = regulatorId) =>
  db.$transaction((tx) => applyBatchToPools(tx, batchId, actorId), { timeout: 60_000 });

describe("applyBatchToPools, regulator batch", () => {
  it("gives each enterprise the file's bank and puts it, unassigned, in that bank's pool", async () => {
    const s = seqBlock();
    const { batchId, enterpriseIds } = await buildBatch({
      name: "文件列批次",
      lines: [
        { seq: s + 1, countyCode: "330106", bankId: w.bankA },
        { seq: s + 2, countyCode: "330106", bankId: w.bankA },
        { seq: s + 3, countyCode: "330483", bankId: w.bankB },
        { seq: s + 4, countyCode: "330483", bankId: w.bankB, isRejected: true },
      ],
    });
    const result = await apply(batchId);
    expect(result).toMatchObject({ allocated: 3, pooled: 3, fromFile: 3, fromRules: 0, kept: 0, unallocated: 0 });

    const ids = [...enterpriseIds.values()];
    const allocations = await db.enterpriseAllocation.findMany({ where: { enterpriseId: { in: ids } } });
    expect(allocations.map((a) => [a.enterpriseId, a.bankId, a.source, a.batchId, a.allocatedById]).sort()).toEqual([
      [enterpriseIds.get(s + 1), w.bankA, "FILE", batchId, regulatorId],
      [enterpriseIds.get(s + 2), w.bankA, "FILE", batchId, regulatorId],
      [enterpriseIds.get(s + 3), w.bankB, "FILE", batchId, regulatorId],
    ].sort());

    const clients = await db.bankClient.findMany({ where: { enterpriseId: { in: ids } }, select: { id: true, bankId: true, enterpriseId: true, branchId: true, managerId: true } });
    expect(clients).toHaveLength(3);
    for (const c of clients) {
      expect(c.bankId).toBe(c.enterpriseId === enterpriseIds.get(s + 3) ? w.bankB : w.bankA);
      expect(c.branchId).toBeNull();
      expect(c.managerId).toBeNull();
    }
    const history = await db.clientAssignment.findMany({ where: { clientId: { in: clients.map((c) => c.id) } } });
    expect(history).toHaveLength(3);
    for (const h of history) {
      expect(h).toMatchObject({ kind: "POOL", actorId: regulatorId, reason: "批次 文件列批次", toBranchId: null, toManagerId: null });
    }

    const batch = await db.listBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect([batch.allocated, batch.pooled]).toEqual([3, 3]);
    const audit = await db.auditLog.findMany({ where: { entityType: "list_batch", entityId: batchId } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "batch.publish", actorId: regulatorId, bankId: null });
    expect(audit[0]!.after).toMatchObject({ allocated: 3, pooled: 3, fromFile: 3 });
  });

  it("splits a county by its rule with exact largest-remainder counts, in USCC order", async () => {
    const s = seqBlock();
    // 7 enterprises at 60/40: 4.2 and 2.8 → 4 and 3 (the larger remainder takes the unit).
    await setRules("330481", [{ bankId: w.bankA, share: 60 }, { bankId: w.bankB, share: 40 }]);
    await setRules("330482", []);
    const lines = Array.from({ length: 7 }, (_, i) => ({ seq: s + 10 + i, countyCode: "330481" }));
    lines.push({ seq: s + 30, countyCode: "330482" }, { seq: s + 31, countyCode: "330482" });
    const { batchId, enterpriseIds, usccs } = await buildBatch({ lines });
    const result = await apply(batchId);
    expect(result).toMatchObject({ allocated: 7, fromRules: 7, fromFile: 0, pooled: 7, unallocated: 2 });

    const allocations = await db.enterpriseAllocation.findMany({ where: { enterpriseId: { in: [...enterpriseIds.values()] } } });
    const byBank = (bankId: string) => allocations.filter((a) => a.bankId === bankId).length;
    expect([byBank(w.bankA), byBank(w.bankB)]).toEqual([4, 3]);
    expect(allocations.every((a) => a.source === "RULE")).toBe(true);

    // The same split as the pure rule: USCC order, banks in bank-code order.
    const inCounty = lines.filter((l) => l.countyCode === "330481");
    const expected = assignByRule(inCounty.map((l) => usccs.get(l.seq)!), [
      { bankKey: bankCodes[w.bankA]!, share: 60 }, { bankKey: bankCodes[w.bankB]!, share: 40 },
    ]);
    for (const l of inCounty) {
      const a = allocations.find((x) => x.enterpriseId === enterpriseIds.get(l.seq))!;
      expect(bankCodes[a.bankId]).toBe(expected.get(usccs.get(l.seq)!));
    }
    // The county without a rule: listed, not allocated, in nobody's pool.
    const unruled = [enterpriseIds.get(s + 30)!, enterpriseIds.get(s + 31)!];
    expect(await db.enterpriseAllocation.count({ where: { enterpriseId: { in: unruled } } })).toBe(0);
    expect(await db.bankClient.count({ where: { enterpriseId: { in: unruled } } })).toBe(0);
  });

  it("keeps an enterprise's earlier responsible bank and never pools it twice", async () => {
    const s = seqBlock();
    const first = await buildBatch({ lines: [{ seq: s + 1, countyCode: "330106", bankId: w.bankB }] });
    await apply(first.batchId);
    // Listed again, now with bank A in the file; plus world's E, already bank A's client at A1.
    const again = await buildBatch({
      lines: [{ seq: s + 1, countyCode: "330106", bankId: w.bankA }, { seq: s + 2, countyCode: "330106", bankId: w.bankA }],
    });
    await db.listBatchRow.create({ data: { batchId: again.batchId, lineNo: 99, enterpriseId: w.enterpriseId, bankId: w.bankA } });
    const before = await db.bankClient.findUniqueOrThrow({ where: { id: w.clientId } });
    const result = await apply(again.batchId);
    expect(result).toMatchObject({ fromFile: 2, kept: 1, pooled: 1 });

    const e1 = first.enterpriseIds.get(s + 1)!;
    const a1 = await db.enterpriseAllocation.findUniqueOrThrow({ where: { enterpriseId: e1 } });
    expect([a1.bankId, a1.batchId]).toEqual([w.bankB, first.batchId]);
    expect(await db.bankClient.findMany({ where: { enterpriseId: e1 }, select: { bankId: true } })).toEqual([{ bankId: w.bankB }]);
    expect(await db.clientAssignment.count({ where: { enterpriseId: e1 } })).toBe(1);
    // The existing client keeps its branch and manager; no POOL row for it.
    const after = await db.bankClient.findUniqueOrThrow({ where: { id: w.clientId } });
    expect([after.branchId, after.managerId]).toEqual([before.branchId, before.managerId]);
    expect(await db.clientAssignment.count({ where: { clientId: w.clientId } })).toBe(0);
  });
});

describe("applyBatchToPools, bank's own batch", () => {
  it("allocates nothing and puts every accepted enterprise in the owner bank's pool", async () => {
    const s = seqBlock();
    const { batchId, enterpriseIds } = await buildBatch({
      ownerBankId: w.bankB,
      lines: [
        { seq: s + 1, countyCode: "330483" },
        { seq: s + 2, countyCode: "330106", bankId: w.bankA },
        { seq: s + 3, countyCode: "330106", isRejected: true },
      ],
    });
    const result = await apply(batchId, w.userIds.headOffice);
    expect(result).toMatchObject({ allocated: 0, pooled: 2 });
    const ids = [...enterpriseIds.values()];
    expect(await db.enterpriseAllocation.count({ where: { enterpriseId: { in: ids } } })).toBe(0);
    const clients = await db.bankClient.findMany({ where: { enterpriseId: { in: ids } }, select: { bankId: true, branchId: true } });
    expect(clients).toEqual([{ bankId: w.bankB, branchId: null }, { bankId: w.bankB, branchId: null }]);
    const audit = await db.auditLog.findFirstOrThrow({ where: { entityType: "list_batch", entityId: batchId } });
    expect([audit.action, audit.bankId]).toEqual(["batch.pool", w.bankB]);
  });
});

describe("applyBatchToPools and the rollups", () => {
  // Pool entries by the hundred thousand go through bank_clients' statement-level rollup
  // trigger; a full rebuild from the base tables must give the same figures.
  it("leaves the rollup tables equal to a full rebuild after all of the above", async () => {
    await expectRollupsMatchRebuild();
  });
});
