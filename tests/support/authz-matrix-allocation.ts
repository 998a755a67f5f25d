// Authorization-matrix rows of the allocation feature (see tests/support/authz-matrix.ts).
// Distribution is the regulator's: publishing a province list and the county → bank table.
// Coverage is read by regulators (province) and by a bank's head office (its own bank only).
import { db } from "@/lib/db";
import { requestPublish } from "@/lib/commands/request-publish";
import { setAllocationRules } from "@/lib/commands/set-allocation-rules";
import { getAllocationRules } from "@/lib/queries/allocation-rules";
import { getPublishPreview } from "@/lib/queries/publish-preview";
import { getCoverage } from "@/lib/queries/coverage";
import { action, only, type ActionRow, type QueryRow } from "./authz-cells";
import { buildBatch, seqBlock } from "./allocation";
import type { World } from "./world";

const REGULATOR = only("regulator");

/** A fresh, imported, unpublished province list of one enterprise (file column: bank A). */
async function freshBatch(world: World): Promise<string> {
  const { batchId } = await buildBatch({ lines: [{ seq: seqBlock(), countyCode: "330483", bankId: world.bankA }] });
  return batchId;
}

/** The world's enterprise E: listed, with bank A as its responsible bank (E is A's client). */
async function allocateWorldEnterprise(world: World): Promise<void> {
  const batch = await db.listBatch.findFirst({ where: { name: "authz-coverage" }, select: { id: true } })
    ?? await db.listBatch.create({ data: { listType: "BANKS_VISIT_ENTERPRISES", name: "authz-coverage", issuedOn: new Date("2026-11-01T00:00:00Z") } });
  await db.listMembership.upsert({
    where: { enterpriseId_batchId: { enterpriseId: world.enterpriseId, batchId: batch.id } },
    update: {},
    create: { enterpriseId: world.enterpriseId, batchId: batch.id, listType: "BANKS_VISIT_ENTERPRISES", listedOn: new Date("2026-11-01T00:00:00Z") },
  });
  await db.enterpriseAllocation.upsert({
    where: { enterpriseId: world.enterpriseId },
    update: {},
    create: { enterpriseId: world.enterpriseId, bankId: world.bankA, source: "FILE", batchId: batch.id },
  });
}

export const ALLOCATION_ACTIONS: readonly ActionRow[] = [
  action({
    action: "publishBatchAction",
    file: "lib/actions/allocation.ts",
    command: "requestPublish",
    cells: REGULATOR,
    prepare: (world) => freshBatch(world),
    call: (actor, batchId) => requestPublish(actor, { batchId }),
  }),
  action({
    action: "setAllocationRulesAction",
    file: "lib/actions/allocation.ts",
    command: "setAllocationRules",
    cells: REGULATOR,
    prepare: async (world) => world.bankA,
    call: (actor, bankId) => setAllocationRules(actor, { countyCode: "330781", rules: [{ bankId, share: 100 }] }),
  }),
];

export const ALLOCATION_QUERIES: readonly QueryRow[] = [
  {
    query: "getAllocationRules",
    file: "lib/queries/allocation-rules.ts",
    cells: REGULATOR,
    sees: async (world, actor) => {
      await db.allocationRule.deleteMany({ where: { countyCode: "330782" } });
      await db.allocationRule.create({ data: { countyCode: "330782", bankId: world.bankA, share: 100 } });
      const view = await getAllocationRules(actor);
      return !!view?.cities.flatMap((c) => c.counties).find((c) => c.code === "330782")?.rules.some((r) => r.bankId === world.bankA);
    },
  },
  {
    query: "getPublishPreview",
    file: "lib/queries/publish-preview.ts",
    cells: REGULATOR,
    sees: async (world, actor) => (await getPublishPreview(actor, await freshBatch(world)))?.fromFile === 1,
  },
  {
    query: "getCoverage",
    file: "lib/queries/coverage.ts",
    // Regulators the province; head office its own bank's rows and nothing of another bank.
    cells: only("headOffice", "regulator"),
    sees: async (world, actor) => {
      await allocateWorldEnterprise(world);
      const view = await getCoverage(actor, {});
      if (!view) return false;
      const hasA = view.banks.some((b) => b.code === world.bankA && b.assigned >= 1);
      if (actor?.role === "BANK_HEAD_OFFICE") return hasA && view.banks.every((b) => b.code === world.bankA);
      return hasA;
    },
  },
];
