// Distribution commands: head office → branches, branch head → managers, reassign, handover.
// Each test checks what moved, the history rows (from/to), the one audit row, and that denied
// calls write nothing.
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { distributeClients } from "@/lib/commands/distribute-clients";
import { assignClients } from "@/lib/commands/assign-clients";
import { reassignClient } from "@/lib/commands/reassign-client";
import { handoverClients } from "@/lib/commands/handover-clients";
import { createBranch } from "@/prisma/seed/factories";
import { buildWorld, countRows, type World } from "../support/world";
import { addClients, addManager, historyOf, placement } from "../support/assign";

async function expectDenied(promise: Promise<unknown>, code = "NOT_FOUND") {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
}

/** Runs a call that must be refused and proves no table changed. */
async function expectDeniedNothingWritten(call: () => Promise<unknown>, code = "NOT_FOUND") {
  const before = await countRows();
  await expectDenied(call(), code);
  expect(await countRows()).toEqual(before);
}

async function lastAudit(action: string) {
  return db.auditLog.findFirstOrThrow({ where: { action }, orderBy: { id: "desc" } });
}

describe("distributeClients (head office → branches)", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("hand-picked clients waiting at head office go to one branch, with a history row each and one audit row", async () => {
    const clients = await addClients(world, 3);
    const ids = clients.map((c) => c.clientId);
    const before = await countRows();
    const result = await distributeClients(await world.actor("headOffice"), {
      mode: "selection", branchId: world.branchA2, selection: { by: "ids", clientIds: ids },
    });
    const after = await countRows();
    expect(result.moved).toBe(3);
    expect(after.assignments - before.assignments).toBe(3);
    expect(after.audit - before.audit).toBe(1);
    for (const p of (await placement(ids)).values()) expect(p).toEqual({ branchId: world.branchA2, managerId: null });
    const history = await historyOf(ids);
    expect(history.map((h) => [h.kind, h.fromBranchId, h.toBranchId, h.actorId])).toEqual(
      ids.map(() => ["DISTRIBUTE", null, world.branchA2, world.userIds.headOffice]),
    );
    const audit = await lastAudit("clients.distribute");
    expect(audit.actorId).toBe(world.userIds.headOffice);
    expect(audit.after).toMatchObject({ mode: "selection", moved: 3, matched: 3 });
  });

  it("leaves clients already in a branch where they are, unless re-distributing is asked for (which clears the manager)", async () => {
    const [atA1] = await addClients(world, 1, { branch: "A1", managerId: world.userIds.owner });
    const input = { mode: "selection", branchId: world.branchA2, selection: { by: "ids", clientIds: [atA1!.clientId] } };
    const skipped = await distributeClients(await world.actor("headOffice"), input);
    expect(skipped.moved).toBe(0);
    expect((await placement([atA1!.clientId])).get(atA1!.clientId)).toEqual({ branchId: world.branchA1, managerId: world.userIds.owner });

    const moved = await distributeClients(await world.actor("headOffice"), { ...input, redistribute: "yes", reason: "区域调整" });
    expect(moved.moved).toBe(1);
    expect((await placement([atA1!.clientId])).get(atA1!.clientId)).toEqual({ branchId: world.branchA2, managerId: null });
    const [h] = await historyOf([atA1!.clientId]);
    expect([h!.fromBranchId, h!.toBranchId, h!.fromManagerId, h!.toManagerId, h!.reason]).toEqual([world.branchA1, world.branchA2, world.userIds.owner, null, "区域调整"]);
  });

  it("select all N matching a filter: moves exactly the matching waiting clients, refuses a changed N", async () => {
    const [a, b] = await addClients(world, 2, { countyCode: "330106" });
    const filter = { branch: "none", countyCode: "330106" };
    await expectDeniedNothingWritten(
      async () => distributeClients(await world.actor("headOffice"), { mode: "selection", branchId: world.branchA1, selection: { by: "filter", filter, expectedCount: 5 } }),
      "CONFLICT",
    );
    const result = await distributeClients(await world.actor("headOffice"), { mode: "selection", branchId: world.branchA1, selection: { by: "filter", filter, expectedCount: 2 } });
    expect(result.moved).toBe(2);
    const p = await placement([a!.clientId, b!.clientId]);
    expect([...p.values()].map((x) => x.branchId)).toEqual([world.branchA1, world.branchA1]);
  });

  it("a client another transaction changed while the move waited for it is moved too, with its history and the other's change kept", async () => {
    const clients = await addClients(world, 6, { countyCode: "330110" });
    const ids = clients.map((c) => c.clientId);
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      const otherPid = (await other.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
      await other.query("BEGIN");
      await other.query(`UPDATE bank_clients SET next_follow_up_on = date '2026-12-24' WHERE id = $1::uuid`, [ids[2]]);
      const moving = distributeClients(await world.actor("headOffice"), {
        mode: "selection", branchId: world.branchA1, selection: { by: "ids", clientIds: ids },
      });
      // The move waits on that client's row lock, held by the other transaction …
      let waiting = false;
      for (let i = 0; i < 200 && !waiting; i += 1) {
        const { rows } = await other.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND $1::int = ANY(pg_blocking_pids(pid))`,
          [otherPid],
        );
        waiting = rows[0]!.n > 0;
        if (!waiting) await new Promise((r) => setTimeout(r, 25));
      }
      expect(waiting).toBe(true);
      // … and, once the other commits, moves the row's new version.
      await other.query("COMMIT");
      expect((await moving).moved).toBe(6);
    } finally {
      await other.end();
    }
    const placed = await placement(ids);
    expect(ids.map((id) => placed.get(id)!.branchId)).toEqual(ids.map(() => world.branchA1));
    expect((await historyOf(ids)).map((h) => h.toBranchId)).toEqual(ids.map(() => world.branchA1));
    const changed = await db.bankClient.findUniqueOrThrow({ where: { id: ids[2] }, select: { nextFollowUpOn: true } });
    expect(changed.nextFollowUpOn?.toISOString().slice(0, 10)).toBe("2026-12-24");
  });

  it("two head-office sessions distributing the same clients at once: each client moves once, one history row each", async () => {
    const clients = await addClients(world, 20, { countyCode: "330110" });
    const ids = clients.map((c) => c.clientId);
    const hq = await world.actor("headOffice");
    const [a, b] = await Promise.all([
      distributeClients(hq, { mode: "selection", branchId: world.branchA1, selection: { by: "ids", clientIds: ids } }),
      distributeClients(hq, { mode: "selection", branchId: world.branchA2, selection: { by: "ids", clientIds: ids } }),
    ]);
    // The second waits for the first's locks, then finds them no longer at head office.
    expect(a.moved + b.moved).toBe(20);
    expect([a.moved, b.moved]).toContain(0);
    const history = await historyOf(ids);
    expect(history).toHaveLength(20);
    const placed = await placement(ids);
    for (const h of history) expect(placed.get(h.clientId)!.branchId).toBe(h.toBranchId);
  });

  it("denied: a client of another bank, a branch of another bank, a branch head, a manager — nothing written", async () => {
    const [mine] = await addClients(world, 1);
    const [theirs] = await addClients(world, 1, { bank: "B" });
    const hq = await world.actor("headOffice");
    await expectDeniedNothingWritten(() =>
      distributeClients(hq, { mode: "selection", branchId: world.branchA1, selection: { by: "ids", clientIds: [mine!.clientId, theirs!.clientId] } }));
    await expectDeniedNothingWritten(() =>
      distributeClients(hq, { mode: "selection", branchId: world.branchB1, selection: { by: "ids", clientIds: [mine!.clientId] } }));
    for (const name of ["branchHead", "owner", "regulator"] as const) {
      await expectDeniedNothingWritten(async () =>
        distributeClients(await world.actor(name), { mode: "selection", branchId: world.branchA1, selection: { by: "ids", clientIds: [mine!.clientId] } }));
    }
    await expectDeniedNothingWritten(() => distributeClients(null, { mode: "county" }), "UNAUTHENTICATED");
  });
});

describe("distributeClients by county rule", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("sends each waiting client to its county's branch; a county without a branch waits; several branches need a pick", async () => {
    // A3 shares A2's county (330106): that county needs the head office's pick.
    const a3 = await createBranch(db, { bankId: world.bankA, code: "A3", name: "甲三支行", nameEn: "A3", countyCode: "330106" });
    const tongxiang = await addClients(world, 3, { countyCode: "330483" });
    const xihu = await addClients(world, 2, { countyCode: "330106" });
    const nowhere = await addClients(world, 1, { countyCode: "330102" });
    const hq = await world.actor("headOffice");

    const first = await distributeClients(hq, { mode: "county" });
    expect(first.moved).toBe(3);
    expect(first.perBranch).toEqual([{ branchId: world.branchA1, count: 3 }]);
    expect(first.leftAtHeadOffice).toBe(3);
    for (const c of tongxiang) expect((await placement([c.clientId])).get(c.clientId)?.branchId).toBe(world.branchA1);

    // A pick naming a branch of another county is refused.
    await expectDeniedNothingWritten(() => distributeClients(hq, { mode: "county", picks: { "330106": world.branchA1 } }), "RULE_VIOLATION");
    await expectDeniedNothingWritten(() => distributeClients(hq, { mode: "county", picks: { "330106": world.branchB1 } }));

    const second = await distributeClients(hq, { mode: "county", picks: { "330106": a3.id } });
    expect(second.moved).toBe(2);
    expect(second.leftAtHeadOffice).toBe(1);
    for (const c of xihu) expect((await placement([c.clientId])).get(c.clientId)?.branchId).toBe(a3.id);
    expect((await placement([nowhere[0]!.clientId])).get(nowhere[0]!.clientId)?.branchId).toBeNull();
    const audit = await lastAudit("clients.distribute");
    expect(audit.after).toMatchObject({ mode: "county", moved: 2, leftAtHeadOffice: 1 });
  });
});

describe("assignClients (branch head → managers)", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("hand-picked clients of the branch go to one active manager of the branch", async () => {
    const clients = await addClients(world, 2, { branch: "A1" });
    const ids = clients.map((c) => c.clientId);
    const before = await countRows();
    const result = await assignClients(await world.actor("branchHead"), { selection: { by: "ids", clientIds: ids }, managerIds: [world.userIds.sameBranchManager] });
    const after = await countRows();
    expect(result.moved).toBe(2);
    expect(after.assignments - before.assignments).toBe(2);
    expect(after.audit - before.audit).toBe(1);
    for (const p of (await placement(ids)).values()) expect(p).toEqual({ branchId: world.branchA1, managerId: world.userIds.sameBranchManager });
    const history = await historyOf(ids);
    expect(history.map((h) => [h.kind, h.fromManagerId, h.toManagerId, h.fromBranchId, h.toBranchId])).toEqual(
      ids.map(() => ["ASSIGN", null, world.userIds.sameBranchManager, world.branchA1, world.branchA1]),
    );
  });

  it("an even split over three managers: shares differ by at most one, and the same input splits the same way", async () => {
    const m2 = await addManager(world, "A1");
    const managers = [world.userIds.owner, world.userIds.sameBranchManager, m2];
    const clients = await addClients(world, 7, { branch: "A1" });
    const ids = clients.map((c) => c.clientId);
    const result = await assignClients(await world.actor("branchHead"), { selection: { by: "ids", clientIds: ids }, managerIds: managers });
    expect(result.moved).toBe(7);
    expect(result.perManager.map((p) => p.count)).toEqual([3, 2, 2]);
    const placed = await placement(ids);
    const counts = managers.map((m) => [...placed.values()].filter((p) => p.managerId === m).length);
    expect(counts).toEqual([3, 2, 2]);

    // Deterministic: the pool's order (enterprise name, then enterprise id), dealt round-robin.
    const ordered = await db.bankClient.findMany({ where: { id: { in: ids } }, select: { id: true, managerId: true, enterprise: { select: { name: true, id: true } } } });
    const key = (c: (typeof ordered)[number]) => [Buffer.from(c.enterprise.name), c.enterprise.id] as const;
    ordered.sort((a, b) => Buffer.compare(key(a)[0], key(b)[0]) || (key(a)[1] < key(b)[1] ? -1 : 1));
    expect(ordered.map((c) => c.managerId)).toEqual(ordered.map((_, i) => managers[i % 3]));
  });

  it("100 clients over 7 managers: 15,15,14,14,14,14,14", async () => {
    const managers = [world.userIds.owner, world.userIds.sameBranchManager];
    for (let i = 0; i < 5; i += 1) managers.push(await addManager(world, "A1"));
    const clients = await addClients(world, 100, { branch: "A1", countyCode: "330483" });
    const result = await assignClients(await world.actor("branchHead"), { selection: { by: "ids", clientIds: clients.map((c) => c.clientId) }, managerIds: managers });
    expect(result.perManager.map((p) => p.count)).toEqual([15, 15, 14, 14, 14, 14, 14]);
  });

  it("select all N matching: the branch's clients without a manager", async () => {
    const clients = await addClients(world, 3, { branch: "A1", countyCode: "330482" });
    const filter = { manager: "none", countyCode: "330482" };
    const result = await assignClients(await world.actor("branchHead"), { selection: { by: "filter", filter, expectedCount: 3 }, managerIds: [world.userIds.owner] });
    expect(result.moved).toBe(3);
    for (const p of (await placement(clients.map((c) => c.clientId))).values()) expect(p.managerId).toBe(world.userIds.owner);
  });

  it("denied, nothing written: a disabled target, another branch's manager, another bank's manager, a client of another branch, a manager or head office calling", async () => {
    const [client] = await addClients(world, 1, { branch: "A1" });
    const [a2Client] = await addClients(world, 1, { branch: "A2" });
    const head = await world.actor("branchHead");
    const disabled = await addManager(world, "A1", { isActive: false });
    const pick = (clientIds: string[], managerIds: string[]) => ({ selection: { by: "ids", clientIds }, managerIds });
    await expectDeniedNothingWritten(() => assignClients(head, pick([client!.clientId], [disabled])));
    await expectDeniedNothingWritten(() => assignClients(head, pick([client!.clientId], [world.userIds.owner, disabled])));
    await expectDeniedNothingWritten(() => assignClients(head, pick([client!.clientId], [world.userIds.otherBranchManager])));
    await expectDeniedNothingWritten(() => assignClients(head, pick([client!.clientId], [world.userIds.otherBankManager])));
    await expectDeniedNothingWritten(() => assignClients(head, pick([client!.clientId], [world.userIds.branchHead])));
    await expectDeniedNothingWritten(() => assignClients(head, pick([client!.clientId, a2Client!.clientId], [world.userIds.owner])));
    for (const name of ["owner", "headOffice", "otherBranchHead", "regulator"] as const) {
      await expectDeniedNothingWritten(async () => assignClients(await world.actor(name), pick([client!.clientId], [world.userIds.owner])));
    }
  });
});

describe("reassignClient", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("moves one client to another manager of the branch, with the reason on the record", async () => {
    const head = await world.actor("branchHead");
    await expectDeniedNothingWritten(() => reassignClient(head, { clientId: world.clientId, managerId: world.userIds.sameBranchManager, reason: "" }), "INVALID_INPUT");
    const before = await countRows();
    const result = await reassignClient(head, { clientId: world.clientId, managerId: world.userIds.sameBranchManager, reason: "原经理调岗" });
    const after = await countRows();
    expect(result).toMatchObject({ fromManagerId: world.userIds.owner, toManagerId: world.userIds.sameBranchManager });
    expect([after.assignments - before.assignments, after.audit - before.audit]).toEqual([1, 1]);
    const [h] = (await historyOf([world.clientId])).slice(-1);
    expect([h!.kind, h!.fromManagerId, h!.toManagerId, h!.reason]).toEqual(["REASSIGN", world.userIds.owner, world.userIds.sameBranchManager, "原经理调岗"]);
    await expectDeniedNothingWritten(() => reassignClient(head, { clientId: world.clientId, managerId: world.userIds.sameBranchManager, reason: "再次" }), "RULE_VIOLATION");
  });

  it("denied, nothing written: other branch's head, a manager, a target of another branch", async () => {
    const input = { clientId: world.clientId, managerId: world.userIds.owner, reason: "调整" };
    for (const name of ["otherBranchHead", "owner", "sameBranchManager", "headOffice", "otherBankManager"] as const) {
      await expectDeniedNothingWritten(async () => reassignClient(await world.actor(name), input));
    }
    await expectDeniedNothingWritten(async () => reassignClient(await world.actor("branchHead"), { ...input, managerId: world.userIds.otherBranchManager }));
  });
});

describe("handoverClients", () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it("hands every client of a disabled manager to two managers in one step", async () => {
    const leaver = await addManager(world, "A1");
    const clients = await addClients(world, 5, { branch: "A1", managerId: leaver });
    await db.user.update({ where: { id: leaver }, data: { isActive: false } });
    const head = await world.actor("branchHead");
    const before = await countRows();
    const result = await handoverClients(head, { fromManagerId: leaver, toManagerIds: [world.userIds.owner, world.userIds.sameBranchManager], reason: "离职" });
    const after = await countRows();
    expect(result.moved).toBe(5);
    expect(result.perManager.map((p) => p.count)).toEqual([3, 2]);
    expect([after.assignments - before.assignments, after.audit - before.audit]).toEqual([5, 1]);
    expect(await db.bankClient.count({ where: { managerId: leaver } })).toBe(0);
    const history = await historyOf(clients.map((c) => c.clientId));
    expect(history.every((h) => h.kind === "HANDOVER" && h.fromManagerId === leaver && h.reason === "离职")).toBe(true);
    const audit = await lastAudit("clients.handover");
    expect([audit.entityId, audit.after]).toEqual([leaver, expect.objectContaining({ moved: 5 })]);
  });

  it("denied, nothing written: another branch's head, to a disabled manager, to oneself, a manager with nothing here", async () => {
    const leaver = await addManager(world, "A1");
    await addClients(world, 2, { branch: "A1", managerId: leaver });
    const disabled = await addManager(world, "A1", { isActive: false });
    await expectDeniedNothingWritten(async () => handoverClients(await world.actor("otherBranchHead"), { fromManagerId: leaver, toManagerIds: [world.userIds.otherBranchManager] }));
    await expectDeniedNothingWritten(async () => handoverClients(await world.actor("branchHead"), { fromManagerId: leaver, toManagerIds: [disabled] }));
    await expectDeniedNothingWritten(async () => handoverClients(await world.actor("branchHead"), { fromManagerId: leaver, toManagerIds: [leaver] }), "INVALID_INPUT");
    await expectDeniedNothingWritten(async () => handoverClients(await world.actor("branchHead"), { fromManagerId: world.userIds.otherBranchManager, toManagerIds: [world.userIds.owner] }));
    await expectDeniedNothingWritten(async () => handoverClients(await world.actor("owner"), { fromManagerId: leaver, toManagerIds: [world.userIds.owner] }));
  });
});
