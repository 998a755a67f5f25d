// publishBatch: regulators only, regulator batches only, DONE only, once (a second publish is
// refused; two at the same moment publish once); the preview counts what publishing will do.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { publishBatch } from "@/lib/commands/publish-batch";
import { getPublishPreview } from "@/lib/queries/publish-preview";
import { buildWorld, countRows, type World } from "../support/world";
import { buildBatch, seqBlock, setRules } from "../support/allocation";

let w: World;
beforeAll(async () => {
  w = await buildWorld();
});

const refusal = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe("publishBatch", () => {
  it("publishes a regulator's batch once: allocations, pools, published by and at", async () => {
    const s = seqBlock();
    await setRules("330424", [{ bankId: w.bankA, share: 50 }, { bankId: w.bankB, share: 50 }]);
    await setRules("330421", []);
    const { batchId, enterpriseIds } = await buildBatch({
      lines: [
        { seq: s + 1, countyCode: "330424", bankId: w.bankB },
        { seq: s + 2, countyCode: "330424" },
        { seq: s + 3, countyCode: "330424" },
        { seq: s + 4, countyCode: "330421" },
      ],
    });
    const regulator = await w.actor("regulator");
    const preview = await getPublishPreview(regulator, batchId);
    expect(preview).toEqual({ accepted: 4, fromFile: 1, fromRules: 2, alreadyAllocated: 0, noRule: 1, noRuleCounties: [{ code: "330421", count: 1 }] });

    const result = await publishBatch(regulator, { batchId });
    expect(result).toMatchObject({ batchId, allocated: 3, fromFile: 1, fromRules: 2, pooled: 3, unallocated: 1 });
    const batch = await db.listBatch.findUniqueOrThrow({ where: { id: batchId } });
    expect(batch.publishedById).toBe(w.userIds.regulator);
    expect(batch.publishedAt?.toISOString()).toBe(result.publishedAt);
    expect([batch.allocated, batch.pooled]).toEqual([3, 3]);
    // 50/50 of two: one each.
    const rule = await db.enterpriseAllocation.findMany({ where: { enterpriseId: { in: [enterpriseIds.get(s + 2)!, enterpriseIds.get(s + 3)!] } } });
    expect(rule.map((a) => a.bankId).sort()).toEqual([w.bankA, w.bankB].sort());
    const audit = await db.auditLog.findMany({ where: { entityType: "list_batch", entityId: batchId } });
    expect(audit.map((a) => a.action)).toEqual(["batch.publish"]);

    // The preview after publishing: everything is now "already allocated" but the no-rule one.
    expect(await getPublishPreview(regulator, batchId)).toMatchObject({ alreadyAllocated: 3, noRule: 1 });

    const before = await countRows();
    const again = await refusal(publishBatch(regulator, { batchId }));
    expect(again).toBeInstanceOf(AppError);
    expect([again!.code, again!.messageKey]).toEqual(["RULE_VIOLATION", "alreadyPublished"]);
    expect(await countRows()).toEqual(before);
  });

  it("two publishes of one batch at the same moment publish it once", async () => {
    const s = seqBlock();
    const { batchId, enterpriseIds } = await buildBatch({
      lines: Array.from({ length: 40 }, (_, i) => ({ seq: s + i, countyCode: "330106", bankId: i % 2 ? w.bankA : w.bankB })),
    });
    const regulator = await w.actor("regulator");
    const outcomes = await Promise.allSettled([publishBatch(regulator, { batchId }), publishBatch(regulator, { batchId })]);
    const ok = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.filter((o) => o.status === "rejected") as PromiseRejectedResult[];
    expect(ok).toHaveLength(1);
    expect(refused).toHaveLength(1);
    expect((refused[0]!.reason as AppError).messageKey).toBe("alreadyPublished");
    const ids = [...enterpriseIds.values()];
    expect(await db.enterpriseAllocation.count({ where: { enterpriseId: { in: ids } } })).toBe(40);
    expect(await db.bankClient.count({ where: { enterpriseId: { in: ids } } })).toBe(40);
    expect(await db.clientAssignment.count({ where: { enterpriseId: { in: ids } } })).toBe(40);
    expect(await db.auditLog.count({ where: { entityType: "list_batch", entityId: batchId } })).toBe(1);
  });

  it("refuses a batch still importing, and answers a bank's own batch like a missing one", async () => {
    const s = seqBlock();
    const running = await buildBatch({ status: "RUNNING", lines: [{ seq: s + 1, countyCode: "330106", bankId: w.bankA }] });
    const own = await buildBatch({ ownerBankId: w.bankA, lines: [{ seq: s + 2, countyCode: "330106" }] });
    const regulator = await w.actor("regulator");
    const before = await countRows();
    expect((await refusal(publishBatch(regulator, { batchId: running.batchId })))?.messageKey).toBe("batchNotDone");
    expect((await refusal(publishBatch(regulator, { batchId: own.batchId })))?.code).toBe("NOT_FOUND");
    expect((await refusal(publishBatch(regulator, { batchId: "00000000-0000-0000-0000-000000000000" })))?.code).toBe("NOT_FOUND");
    expect((await refusal(publishBatch(regulator, { batchId: "nope" })))?.code).toBe("INVALID_INPUT");
    expect(await getPublishPreview(regulator, own.batchId)).toBeNull();
    expect(await countRows()).toEqual(before);
  });

  it("is for regulators only", async () => {
    const s = seqBlock();
    const { batchId } = await buildBatch({ lines: [{ seq: s + 1, countyCode: "330106", bankId: w.bankA }] });
    for (const name of ["headOffice", "branchHead", "owner"] as const) {
      expect((await refusal(publishBatch(await w.actor(name), { batchId })))?.code).toBe("NOT_FOUND");
      expect(await getPublishPreview(await w.actor(name), batchId)).toBeNull();
    }
    expect((await refusal(publishBatch(null, { batchId })))?.code).toBe("UNAUTHENTICATED");
    expect((await db.listBatch.findUniqueOrThrow({ where: { id: batchId } })).publishedAt).toBeNull();
  });
});
