// A client's branch and manager, and a history row's client, are checked once per statement by
// triggers (prisma/migrations/*_statement_level_client_refs) instead of one foreign-key check
// per row: a bulk move of 100,000 clients paid 100,000 of each. The rules stay what the foreign
// keys said: a reference to nothing is refused and nothing is written; a deleted manager or
// branch leaves its clients (SET NULL); a client with history cannot be deleted; a manager who
// is being given clients cannot be deleted until that move has committed.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { assignClients } from "@/lib/commands/assign-clients";
import { createBranch } from "@/prisma/seed/factories";
import { buildWorld, countRows, type World } from "../support/world";
import { addClients, addManager, historyOf, placement } from "../support/assign";
import { failure, sessions, waitsOnLock } from "../support/sessions";

let world: World;
const { connect, closeAll } = sessions();

beforeAll(async () => {
  world = await buildWorld();
});

afterAll(closeAll);

describe("a client's branch and manager (checked per statement)", () => {
  it("a move to a manager or a branch that does not exist is refused as a foreign-key violation, and no client moves", async () => {
    const clients = await addClients(world, 12, { branch: "A1" });
    const ids = clients.map((c) => c.clientId);
    const c = await connect();
    const before = await countRows();

    // One UPDATE of twelve clients, eleven to a real manager and one to nobody.
    const ghost = randomUUID();
    expect(await failure(() => c.query(
      `UPDATE bank_clients SET manager_id = CASE WHEN id = $2::uuid THEN $3::uuid ELSE $4::uuid END WHERE id = ANY($1::uuid[])`,
      [ids, ids[0], ghost, world.userIds.sameBranchManager],
    ))).toEqual({ code: "23503", constraint: "bank_clients_manager_id_fkey" });
    expect(await failure(() => c.query(`UPDATE bank_clients SET branch_id = $2::uuid WHERE id = ANY($1::uuid[])`, [ids, randomUUID()])))
      .toEqual({ code: "23503", constraint: "bank_clients_branch_id_fkey" });
    // A new client with a branch that does not exist.
    expect(await failure(() => c.query(
      `INSERT INTO bank_clients (bank_id, enterprise_id, branch_id, updated_at) VALUES ($1::uuid, $2::uuid, $3::uuid, now())`,
      [world.bankB, clients[0]!.enterpriseId, randomUUID()],
    ))).toEqual({ code: "23503", constraint: "bank_clients_branch_id_fkey" });

    for (const p of (await placement(ids)).values()) expect(p).toEqual({ branchId: world.branchA1, managerId: null });
    expect(await countRows()).toEqual(before);
  });

  it("a move to a real manager passes, and so does a later update of the same clients", async () => {
    const clients = await addClients(world, 3, { branch: "A1" });
    const ids = clients.map((c) => c.clientId);
    const c = await connect();
    await c.query(`UPDATE bank_clients SET manager_id = $2::uuid WHERE id = ANY($1::uuid[])`, [ids, world.userIds.owner]);
    await c.query(`UPDATE bank_clients SET next_follow_up_on = date '2026-12-01' WHERE id = ANY($1::uuid[])`, [ids]);
    for (const p of (await placement(ids)).values()) expect(p).toEqual({ branchId: world.branchA1, managerId: world.userIds.owner });
  });

  it("deleting a manager clears them from their clients (ON DELETE SET NULL, as the foreign key did)", async () => {
    const manager = await addManager(world, "A1");
    const clients = await addClients(world, 2, { branch: "A1", managerId: manager });
    const c = await connect();
    await c.query(`DELETE FROM users WHERE id = $1::uuid`, [manager]);
    for (const p of (await placement(clients.map((x) => x.clientId))).values()) expect(p).toEqual({ branchId: world.branchA1, managerId: null });
  });

  it("deleting a branch clears it from its clients", async () => {
    const branch = await createBranch(db, { bankId: world.bankA, code: `X${world.tag.slice(0, 4)}`, name: "待撤支行", nameEn: "To go", countyCode: "330106" });
    const clients = await addClients(world, 2);
    const c = await connect();
    await c.query(`UPDATE bank_clients SET branch_id = $2::uuid WHERE id = ANY($1::uuid[])`, [clients.map((x) => x.clientId), branch.id]);
    await c.query(`DELETE FROM branches WHERE id = $1::uuid`, [branch.id]);
    for (const p of (await placement(clients.map((x) => x.clientId))).values()) expect(p).toEqual({ branchId: null, managerId: null });
  });

  it("a manager being given a client cannot be deleted before that move commits; after it, the client is cleared", async () => {
    const manager = await addManager(world, "A1");
    const [client] = await addClients(world, 1, { branch: "A1" });
    const mover = await connect();
    const deleter = await connect();
    const pid = (await deleter.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;

    await mover.query("BEGIN");
    await mover.query(`UPDATE bank_clients SET manager_id = $2::uuid WHERE id = $1::uuid`, [client!.clientId, manager]);
    const deleting = deleter.query(`DELETE FROM users WHERE id = $1::uuid`, [manager]);
    // The delete waits on the manager's row, share-locked by the move's check.
    expect(await waitsOnLock(await connect(), pid)).toBe(true);
    await mover.query("COMMIT");
    await deleting;

    expect((await placement([client!.clientId])).get(client!.clientId)).toEqual({ branchId: world.branchA1, managerId: null });
    expect(await db.user.count({ where: { id: manager } })).toBe(0);
  });
});

describe("a history row's client (checked per statement)", () => {
  it("history must name an existing client of its own bank and enterprise; a wrong one writes no row", async () => {
    const [mine] = await addClients(world, 1, { branch: "A1" });
    const c = await connect();
    const before = await countRows();
    const insert = (clientId: string, bankId: string, enterpriseId: string) => c.query(
      `INSERT INTO client_assignments (client_id, bank_id, enterprise_id, kind, at) VALUES ($1::uuid, $2::uuid, $3::uuid, 'ASSIGN', now())`,
      [clientId, bankId, enterpriseId],
    );
    expect(await failure(() => insert(randomUUID(), world.bankA, mine!.enterpriseId)))
      .toEqual({ code: "23503", constraint: "client_assignments_client_id_fkey" });
    expect(await failure(() => insert(mine!.clientId, world.bankB, mine!.enterpriseId)))
      .toEqual({ code: "23503", constraint: "client_assignments_client_id_fkey" });
    expect(await failure(() => insert(mine!.clientId, world.bankA, world.otherBankEnterpriseId)))
      .toEqual({ code: "23503", constraint: "client_assignments_client_id_fkey" });
    expect(await countRows()).toEqual(before);
  });

  it("a client with history cannot be deleted; one without can", async () => {
    const [moved, untouched] = await addClients(world, 2, { branch: "A1" });
    await assignClients(await world.actor("branchHead"), {
      selection: { by: "ids", clientIds: [moved!.clientId] }, managerIds: [world.userIds.owner],
    });
    expect(await historyOf([moved!.clientId])).toHaveLength(1);
    const c = await connect();
    expect(await failure(() => c.query(`DELETE FROM bank_clients WHERE id = ANY($1::uuid[])`, [[moved!.clientId, untouched!.clientId]])))
      .toEqual({ code: "23503", constraint: "client_assignments_client_id_fkey" });
    expect(await db.bankClient.count({ where: { id: { in: [moved!.clientId, untouched!.clientId] } } })).toBe(2);
    await c.query(`DELETE FROM bank_clients WHERE id = $1::uuid`, [untouched!.clientId]);
    expect(await db.bankClient.count({ where: { id: { in: [moved!.clientId, untouched!.clientId] } } })).toBe(1);
  });
});
