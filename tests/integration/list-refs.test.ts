// A list membership's enterprise and batch, and a batch row's batch, are checked once per
// statement by triggers (prisma/migrations/20261201000000_statement_level_list_refs) instead of
// one foreign-key check per row: a 530,000-row list paid 525,000 of each. The rules stay what
// the foreign keys said: a reference to nothing is refused and nothing is written; an
// enterprise or a batch with memberships cannot be deleted; a deleted batch takes its rows; a
// delete that races a writer waits for it and then sees what it wrote.
import { randomInt, randomUUID } from "node:crypto";
import type pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { createEnterprise, createListBatch } from "@/prisma/seed/factories";
import { failure, sessions, waitsOnLock } from "../support/sessions";

const { connect, closeAll } = sessions();

afterAll(closeAll);

const enterprise = () => createEnterprise(db, { seq: 1_000_000_000 + randomInt(0, 2 ** 40), countyCode: "330483" });
const batch = () => createListBatch(db, { listType: "SME_PARK", name: `refs ${randomUUID().slice(0, 8)}`, issuedOn: "2026-11-02" });

const addMemberships = (c: pg.Client, enterpriseIds: string[], batchId: string) => c.query(
  `INSERT INTO list_memberships (enterprise_id, batch_id, list_type, listed_on)
   SELECT e, $2::uuid, 'SME_PARK', date '2026-11-02' FROM unnest($1::uuid[]) e`,
  [enterpriseIds, batchId],
);
const addBatchRows = (c: pg.Client, batchId: string, lines: number[]) => c.query(
  `INSERT INTO list_batch_rows (batch_id, line_no) SELECT $1::uuid, l FROM unnest($2::int[]) l`,
  [batchId, lines],
);
const membershipsOf = async (batchId: string) =>
  (await db.listMembership.findMany({ where: { batchId }, select: { enterpriseId: true } })).map((m) => m.enterpriseId).sort();

describe("a list membership's enterprise and batch (checked per statement)", () => {
  it("a statement naming one enterprise or batch that does not exist is refused as the foreign key was, and writes no membership", async () => {
    const [e1, e2, b] = await Promise.all([enterprise(), enterprise(), batch()]);
    const c = await connect();
    expect(await failure(() => addMemberships(c, [e1.id, randomUUID(), e2.id], b.id)))
      .toEqual({ code: "23503", constraint: "list_memberships_enterprise_id_fkey" });
    expect(await failure(() => addMemberships(c, [e1.id, e2.id], randomUUID())))
      .toEqual({ code: "23503", constraint: "list_memberships_batch_id_fkey" });
    expect(await membershipsOf(b.id)).toEqual([]);

    await addMemberships(c, [e1.id, e2.id], b.id);
    expect(await membershipsOf(b.id)).toEqual([e1.id, e2.id].sort());
    // An update that points a membership at nothing is refused too.
    expect(await failure(() => c.query(`UPDATE list_memberships SET batch_id = $2::uuid WHERE batch_id = $1::uuid`, [b.id, randomUUID()])))
      .toEqual({ code: "23503", constraint: "list_memberships_batch_id_fkey" });
    expect(await membershipsOf(b.id)).toEqual([e1.id, e2.id].sort());
  });

  it("an enterprise or a batch with memberships is not deleted; one without is", async () => {
    const [listed, unlisted, b, empty] = await Promise.all([enterprise(), enterprise(), batch(), batch()]);
    const c = await connect();
    await addMemberships(c, [listed.id], b.id);
    expect(await failure(() => c.query(`DELETE FROM enterprises WHERE id = $1::uuid`, [listed.id])))
      .toEqual({ code: "23503", constraint: "list_memberships_enterprise_id_fkey" });
    expect(await failure(() => c.query(`DELETE FROM list_batches WHERE id = $1::uuid`, [b.id])))
      .toEqual({ code: "23503", constraint: "list_memberships_batch_id_fkey" });
    expect(await db.enterprise.count({ where: { id: { in: [listed.id, unlisted.id] } } })).toBe(2);

    await c.query(`DELETE FROM enterprises WHERE id = $1::uuid`, [unlisted.id]);
    await c.query(`DELETE FROM list_batches WHERE id = $1::uuid`, [empty.id]);
    expect(await db.enterprise.count({ where: { id: { in: [listed.id, unlisted.id] } } })).toBe(1);
    expect(await db.listBatch.count({ where: { id: { in: [b.id, empty.id] } } })).toBe(1);
  });

  it("a delete that races an uncommitted list waits for it, then refuses: the membership is never left without its enterprise", async () => {
    const [e, b] = await Promise.all([enterprise(), batch()]);
    const writer = await connect();
    const deleter = await connect();
    const pid = (await deleter.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;

    await writer.query("BEGIN");
    await addMemberships(writer, [e.id], b.id);
    const deleting = failure(() => deleter.query(`DELETE FROM enterprises WHERE id = $1::uuid`, [e.id]));
    expect(await waitsOnLock(await connect(), pid)).toBe(true);
    await writer.query("COMMIT");
    expect(await deleting).toEqual({ code: "23503", constraint: "list_memberships_enterprise_id_fkey" });
    expect(await membershipsOf(b.id)).toEqual([e.id]);
    expect(await db.enterprise.count({ where: { id: e.id } })).toBe(1);
  });

  it("a list written while an uncommitted delete holds its enterprise waits, then refuses once the delete commits", async () => {
    const [e, b] = await Promise.all([enterprise(), batch()]);
    const deleter = await connect();
    const writer = await connect();
    const pid = (await writer.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;

    await deleter.query("BEGIN");
    await deleter.query(`DELETE FROM enterprises WHERE id = $1::uuid`, [e.id]);
    const writing = failure(() => addMemberships(writer, [e.id], b.id));
    expect(await waitsOnLock(await connect(), pid)).toBe(true);
    await deleter.query("COMMIT");
    expect(await writing).toEqual({ code: "23503", constraint: "list_memberships_enterprise_id_fkey" });
    expect(await membershipsOf(b.id)).toEqual([]);
  });

  it("a writer in REPEATABLE READ key-share locks what it names, so a concurrent delete waits for it and then refuses", async () => {
    const [e, b] = await Promise.all([enterprise(), batch()]);
    const writer = await connect();
    const deleter = await connect();
    const pid = (await deleter.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    await writer.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    await addMemberships(writer, [e.id], b.id);
    const deleting = failure(() => deleter.query(`DELETE FROM enterprises WHERE id = $1::uuid`, [e.id]));
    expect(await waitsOnLock(await connect(), pid)).toBe(true);
    await writer.query("COMMIT");
    expect(await deleting).toEqual({ code: "23503", constraint: "list_memberships_enterprise_id_fkey" });
    expect(await membershipsOf(b.id)).toEqual([e.id]);
  });

  it("a delete outside READ COMMITTED is refused (it could not see a list committed after its snapshot)", async () => {
    const e = await enterprise();
    const c = await connect();
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    const refused = await failure(() => c.query(`DELETE FROM enterprises WHERE id = $1::uuid`, [e.id]));
    await c.query("ROLLBACK");
    expect(refused?.code).toBe("0A000");
    expect(await db.enterprise.count({ where: { id: e.id } })).toBe(1);
  });
});

describe("a batch row's batch (checked per statement)", () => {
  it("rows of a batch that does not exist are refused; a deleted batch takes its rows with it", async () => {
    const b = await batch();
    const c = await connect();
    expect(await failure(() => addBatchRows(c, randomUUID(), [1, 2])))
      .toEqual({ code: "23503", constraint: "list_batch_rows_batch_id_fkey" });
    await addBatchRows(c, b.id, [1, 2, 3]);
    expect(await db.listBatchRow.count({ where: { batchId: b.id } })).toBe(3);
    await c.query(`DELETE FROM list_batches WHERE id = $1::uuid`, [b.id]);
    expect(await db.listBatchRow.count({ where: { batchId: b.id } })).toBe(0);
  });
});
