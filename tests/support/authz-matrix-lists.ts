// Authorization-matrix rows of the lists feature (see tests/support/authz-matrix.ts). A
// province list's batch is the regulators'; a bank's own list is its head office's; nobody
// else sees a batch, its error rows or its diff, or may cancel it. The upload itself
// (createListImport, behind POST /api/v1/lists/batches) is checked in list-import.test.ts.
import { db } from "@/lib/db";
import { cancelListImport } from "@/lib/commands/cancel-list-import";
import { listBatches } from "@/lib/queries/list-batches";
import { getListBatch } from "@/lib/queries/get-list-batch";
import { getBatchDiff } from "@/lib/queries/batch-diff";
import { getBatchErrorRows } from "@/lib/queries/batch-error-rows";
import { countPool } from "@/lib/queries/list-pool";
import { poolFilterSchema } from "@/lib/queries/pool-filter";
import { action, only, type ActionRow, type QueryRow } from "./authz-cells";
import type { World } from "./world";

let n = 0;

/** A batch of the world's: a province list (owner null) or bank A's own list. */
async function addBatch(world: World, options: { status: "QUEUED" | "DONE"; ownerBankId?: string }) {
  n += 1;
  const batch = await db.listBatch.create({
    data: {
      listType: options.ownerBankId ? "SETTLEMENT_ACCOUNT" : "SME_PARK",
      name: `授权矩阵${world.tag}-${n}`,
      issuedOn: new Date("2026-01-05T00:00:00Z"),
      status: options.status,
      ownerBankId: options.ownerBankId ?? null,
      fileName: "m.csv",
      fileSha256: "0".repeat(64),
    },
  });
  // A header and one rejected row, so the error rows have something to show.
  await db.listBatchRow.createMany({
    data: [
      { batchId: batch.id, lineNo: 0, isRejected: true, raw: ["统一社会信用代码", "企业名称", "所属区县"] },
      { batchId: batch.id, lineNo: 2, isRejected: true, reasons: ["nameMissing"], raw: ["91330483MA2BXXXX0X", "", "330483"] },
    ],
  });
  return batch.id;
}

export const LIST_ACTIONS: readonly ActionRow[] = [
  action({
    action: "cancelListImportAction",
    file: "lib/actions/lists.ts",
    command: "cancelListImport",
    cells: only("regulator"),
    prepare: async (world) => ({ batchId: await addBatch(world, { status: "QUEUED" }) }),
    call: (actor, { batchId }) => cancelListImport(actor, { batchId }),
  }),
];

export const LIST_QUERIES: readonly QueryRow[] = [
  {
    query: "listBatches",
    file: "lib/queries/list-batches.ts",
    // Bank A's own list: its head office only (regulators see province lists, not a bank's).
    cells: only("headOffice"),
    sees: async (world, actor) => {
      const id = await addBatch(world, { status: "DONE", ownerBankId: world.bankA });
      return (await listBatches(actor, 500)).some((b) => b.id === id);
    },
  },
  {
    query: "getListBatch",
    file: "lib/queries/get-list-batch.ts",
    cells: only("regulator"),
    sees: async (world, actor) => {
      const id = await addBatch(world, { status: "DONE" });
      return (await getListBatch(actor, id))?.id === id;
    },
  },
  {
    query: "getBatchDiff",
    file: "lib/queries/batch-diff.ts",
    cells: only("headOffice"),
    sees: async (world, actor) => (await getBatchDiff(actor, await addBatch(world, { status: "DONE", ownerBankId: world.bankA }))) !== null,
  },
  {
    query: "getBatchErrorRows",
    file: "lib/queries/batch-error-rows.ts",
    cells: only("regulator"),
    sees: async (world, actor) => {
      const found = await getBatchErrorRows(actor, await addBatch(world, { status: "DONE" }));
      if (!found) return false;
      const rows = [];
      for await (const row of found.rows) rows.push(row);
      return rows.length === 1 && rows[0]!.lineNo === 2;
    },
  },
  {
    query: "countPool",
    file: "lib/queries/list-pool.ts",
    // The world's client is counted by those who see it in the pool.
    cells: only("owner", "branchHead", "headOffice"),
    sees: async (world, actor) => {
      const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: world.enterpriseId }, select: { uscc: true } });
      return (await countPool(actor, poolFilterSchema.parse({ q: enterprise.uscc }))) === 1;
    },
  },
];
