// Publishing runs as a job: the regulator's request is recorded and queued; the job publishes
// as that regulator, once; a second request while it is on its way is refused; a requester
// demoted meanwhile gets the refusal recorded on the batch, and nothing is published.
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createListImport } from "@/lib/commands/create-list-import";
import { requestPublish } from "@/lib/commands/request-publish";
import { handleListImport } from "@/lib/jobs/worker";
import { runPublishJob } from "@/lib/lists/publish-job";
import { getListBatch } from "@/lib/queries/get-list-batch";
import { listCsv } from "@/prisma/seed/list-file";
import { createUser } from "@/prisma/seed/factories";
import { buildWorld, type World } from "../support/world";

let world: World;
let seq = 0;
beforeAll(async () => {
  world = await buildWorld();
});

/** An imported province list whose every row names bank A in its 对接银行 column. */
async function importedBatch(): Promise<string> {
  seq += 1;
  const bank = await db.bank.findUniqueOrThrow({ where: { id: world.bankA }, select: { name: true } });
  const csv = [...listCsv({ rows: 6, seqBase: 1_300_000_000 + (parseInt(world.tag, 16) % 10_000) * 1000 + seq * 10, counties: ["330483"] })]
    .join("")
    .split("\r\n")
    .map((line, i) => (line ? `${line},${i === 0 ? "对接银行" : bank.name}` : line))
    .join("\r\n");
  const { batchId } = await createListImport(await world.actor("regulator"), async (onFile) => {
    await onFile({ fileName: "p.csv", stream: Readable.from([Buffer.from(csv)]) });
    return { listType: "BANKS_VISIT_ENTERPRISES", name: `发布作业${world.tag}${seq}` };
  });
  await handleListImport(batchId);
  return batchId;
}

describe("publishing as a job", () => {
  it("records the request, and the job publishes once: every enterprise in the file's bank's pool", async () => {
    const batchId = await importedBatch();
    const regulator = await world.actor("regulator");
    const { requestedAt } = await requestPublish(regulator, { batchId });
    expect(Date.parse(requestedAt)).not.toBeNaN();
    expect(await getListBatch(regulator, batchId)).toMatchObject({ publishedAt: null, publishError: null });
    // Asked again while on its way: refused, nothing queued twice.
    const again = await requestPublish(regulator, { batchId }).catch((e: unknown) => e);
    expect((again as AppError).messageKey).toBe("publishPending");

    expect(await runPublishJob(batchId)).toBe("PUBLISHED");
    expect(await runPublishJob(batchId)).toBe("ALREADY");
    const published = await getListBatch(regulator, batchId);
    expect(published).toMatchObject({ allocated: 6, pooled: 6 });
    expect(published?.publishedByName).toBe(regulator!.name);
    const ids = (await db.listBatchRow.findMany({ where: { batchId, lineNo: { gt: 0 } }, select: { enterpriseId: true } })).map((r) => r.enterpriseId!);
    const clients = await db.bankClient.findMany({ where: { enterpriseId: { in: ids } }, select: { bankId: true, branchId: true } });
    expect(clients).toEqual(ids.map(() => ({ bankId: world.bankA, branchId: null })));
    expect(await db.clientAssignment.count({ where: { enterpriseId: { in: ids }, kind: "POOL" } })).toBe(6);
  });

  it("a requester who is no longer a regulator when the job runs: refused, recorded, nothing published", async () => {
    const batchId = await importedBatch();
    const requester = await createUser(db, { email: `pub.${world.tag}@shoudai.test`, name: `发布人${world.tag}`, role: "REGULATOR", jurisdiction: "ZHEJIANG" });
    const { loadActor } = await import("@/lib/auth/actor");
    await requestPublish(await loadActor(db, requester.id), { batchId });
    await db.user.update({ where: { id: requester.id }, data: { isActive: false } });
    expect(await runPublishJob(batchId)).toBe("REFUSED");
    const batch = await getListBatch(await world.actor("regulator"), batchId);
    expect(batch).toMatchObject({ publishedAt: null, pooled: 0 });
    expect(batch?.publishError).toBe("unauthenticated");
    // Another regulator may ask again.
    await requestPublish(await world.actor("regulator"), { batchId });
    expect(await runPublishJob(batchId)).toBe("PUBLISHED");
  });

  it("only regulators may ask, and only for a finished province list", async () => {
    const batchId = await importedBatch();
    for (const name of ["headOffice", "branchHead", "owner"] as const) {
      const error = await requestPublish(await world.actor(name), { batchId }).catch((e: unknown) => e);
      expect((error as AppError).code, name).toBe("NOT_FOUND");
    }
    expect((await db.listBatch.findUniqueOrThrow({ where: { id: batchId } })).publishRequestedAt).toBeNull();
  });
});
