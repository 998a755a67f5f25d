// The pool search (lib/queries/list-pool.ts, lib/queries/pool-filter.ts) against a real
// PostgreSQL: what a user finds by a name fragment or a USCC prefix, whose clients come back,
// and that paging by cursor shows every matching client exactly once.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { clientReadScope, clientReadScopeSql } from "@/lib/auth/scope";
import { COUNT_BOUND, countPool, listPool, type PagePlan, type PoolPage } from "@/lib/queries/list-pool";
import { poolFilterSchema, poolWhereSql, type PoolFilter } from "@/lib/queries/pool-filter";
import { createClient, createEnterprise, enterpriseRow, insertClients, insertEnterprises } from "@/prisma/seed/factories";
import { buildWorld, type ActorName, type World } from "../support/world";

const ACTORS: ActorName[] = ["signedOut", "disabled", "owner", "sameBranchManager", "otherBranchManager", "otherBankManager", "branchHead", "otherBranchHead", "headOffice", "regulator"];

let world: World;
let seq = 0;
/** A fresh enterprise (unique USCC) with the given name, in the world's county. */
async function enterprise(name: string, countyCode = "330483") {
  seq += 1;
  return createEnterprise(db, { seq: 700_000_000 + (parseInt(world.tag, 16) % 1_000_000) * 100 + seq, countyCode, name });
}
/** A client waiting at head office (no branch, no manager): the factory always sets a branch. */
async function unassigned(bankId: string, enterpriseId: string): Promise<string> {
  const [row] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO bank_clients (bank_id, enterprise_id, updated_at) VALUES (${bankId}::uuid, ${enterpriseId}::uuid, now()) RETURNING id::text`;
  return row!.id;
}

const names: Record<string, string> = {};
beforeAll(async () => {
  world = await buildWorld();
  const t = world.tag;
  const A = { bankId: world.bankA, branchId: world.branchA1 };
  // The owner's clients: a fragment in the middle, a Latin one, a LIKE wildcard in a name.
  names.middle = `浙江${t}鸿鹄翱翔有限公司`;
  names.latin = `浙江${t}ABC贸易有限公司`;
  names.percent = `${t}百分之100%商行`;
  for (const key of ["middle", "latin", "percent"] as const) {
    const e = await enterprise(names[key]!);
    await createClient(db, { ...A, enterpriseId: e.id, managerId: world.userIds.owner });
  }
  // Same fragment elsewhere: another manager of the branch, another branch, another bank,
  // head office's unassigned pool, and a disabled manager's client.
  names.same = `杭州${t}鸿鹄科技`;
  const same = await enterprise(names.same, "330106");
  await createClient(db, { ...A, enterpriseId: same.id, managerId: world.userIds.sameBranchManager });
  names.otherBranch = `宁波${t}鸿鹄五金`;
  const otherBranch = await enterprise(names.otherBranch, "330106");
  await createClient(db, { bankId: world.bankA, branchId: world.branchA2, enterpriseId: otherBranch.id, managerId: world.userIds.otherBranchManager });
  names.otherBank = `温州${t}鸿鹄机械`;
  const otherBank = await enterprise(names.otherBank);
  await createClient(db, { bankId: world.bankB, branchId: world.branchB1, enterpriseId: otherBank.id, managerId: world.userIds.otherBankManager });
  names.unassigned = `嘉兴${t}鸿鹄纺织`;
  const waiting = await enterprise(names.unassigned, "330402");
  await unassigned(world.bankA, waiting.id);
  names.disabled = `湖州${t}鸿鹄家具`;
  const orphan = await enterprise(names.disabled);
  await createClient(db, { ...A, enterpriseId: orphan.id, managerId: world.userIds.disabled });
});

async function pool(actorName: ActorName, filter: Partial<PoolFilter>, pageSize = 20): Promise<PoolPage> {
  return listPool(await world.actor(actorName), { q: "", ...filter }, pageSize);
}
const namesOf = (page: PoolPage) => page.rows.map((r) => r.name).sort();

describe("search by name fragment", () => {
  it("finds a two-character Chinese fragment in the middle of a name", async () => {
    const page = await pool("owner", { q: "翱翔" });
    expect(namesOf(page)).toEqual([names.middle]);
    expect(page.count).toEqual({ value: 1, isExact: true });
  });

  it("needs the characters together and in order, not just present", async () => {
    // 翔 and 翱 are both in the name, but "翔翱" is not.
    expect((await pool("owner", { q: "翔翱" })).rows).toEqual([]);
    expect(namesOf(await pool("owner", { q: "鸿鹄翱翔" }))).toEqual([names.middle]);
  });

  it("matches Latin letters in either case, and LIKE wildcards only literally", async () => {
    expect(namesOf(await pool("owner", { q: "abc贸易" }))).toEqual([names.latin]);
    expect(namesOf(await pool("owner", { q: "0%商" }))).toEqual([names.percent]);
    expect((await pool("owner", { q: "%_" })).rows).toEqual([]);
  });

  it("ignores a one-character query (the whole pool), and bad filter values fall back", () => {
    expect(poolFilterSchema.parse({ q: " 鸿 " }).q).toBe("");
    expect(poolFilterSchema.parse({ q: ["a", "b"], stage: "NOPE", countyCode: "12", branch: "x", manager: "none", after: 5 }))
      .toEqual({ q: "", stage: undefined, countyCode: undefined, branch: undefined, manager: "none", after: undefined, before: undefined });
  });
});

describe("the client's copy of its enterprise", () => {
  it("follows a registry rename and re-county at once, for every bank's client, whatever a writer puts in the copy", async () => {
    const e = await enterprise(`旧名${world.tag}商店`);
    const a = await unassigned(world.bankA, e.id);
    const b = await unassigned(world.bankB, e.id);
    const hqA = await world.actor("headOffice");
    expect((await listPool(hqA, { q: `旧名${world.tag}` })).rows.map((r) => r.clientId)).toEqual([a]);
    // One statement over the registry (as an import's update): both banks' clients follow.
    await db.$executeRaw`UPDATE enterprises SET name = ${`新名${world.tag}商店`}, county_code = '330402' WHERE id = ${e.id}::uuid`;
    expect((await listPool(hqA, { q: `旧名${world.tag}` })).rows).toEqual([]);
    expect((await listPool(hqA, { q: `新名${world.tag}`, countyCode: "330402" })).rows.map((r) => r.clientId)).toEqual([a]);
    const copies = await db.bankClient.findMany({ where: { id: { in: [a, b] } }, select: { enterpriseName: true, enterpriseCounty: true } });
    expect(copies).toEqual([
      { enterpriseName: `新名${world.tag}商店`, enterpriseCounty: "330402" },
      { enterpriseName: `新名${world.tag}商店`, enterpriseCounty: "330402" },
    ]);
    // A write to the copy itself is replaced by the registry's values.
    await db.bankClient.update({ where: { id: a }, data: { enterpriseName: "别的名字" } });
    expect((await db.bankClient.findUniqueOrThrow({ where: { id: a }, select: { enterpriseName: true } })).enterpriseName).toBe(`新名${world.tag}商店`);
  });
});

describe("search by USCC prefix", () => {
  it("finds the client by a prefix typed as people type it (lower case, spaces, full width)", async () => {
    const client = await db.bankClient.findFirstOrThrow({ where: { enterpriseId: world.enterpriseId }, select: { enterprise: { select: { uscc: true, name: true } } } });
    const uscc = client.enterprise.uscc;
    const exact = await pool("owner", { q: uscc });
    expect(exact.rows.map((r) => r.uscc)).toEqual([uscc]);
    const typed = `${uscc.slice(0, 4)} ${uscc.slice(4, 12)}`.toLowerCase().replace("1", "１");
    const page = await pool("owner", poolFilterSchema.parse({ q: typed }));
    expect(page.rows.map((r) => r.uscc)).toContain(uscc);
    expect(page.rows.every((r) => r.uscc.startsWith(uscc.slice(0, 12)))).toBe(true);
  });
});

describe("scope", () => {
  it("each actor finds only the clients they may read", async () => {
    const seen = async (actor: ActorName) => namesOf(await pool(actor, { q: "鸿鹄" }));
    expect(await seen("owner")).toEqual([names.middle]);
    expect(await seen("sameBranchManager")).toEqual([names.same]);
    expect(await seen("otherBranchManager")).toEqual([names.otherBranch]);
    expect(await seen("otherBankManager")).toEqual([names.otherBank]);
    expect(await seen("branchHead")).toEqual([names.middle, names.same, names.disabled].sort());
    expect(await seen("headOffice")).toEqual([names.middle, names.same, names.otherBranch, names.unassigned, names.disabled].sort());
    for (const nobody of ["signedOut", "disabled", "regulator"] as const) {
      expect(await seen(nobody)).toEqual([]);
      expect(await countPool(await world.actor(nobody), { q: "鸿鹄" })).toBe(0);
    }
  });

  it("a branch or manager filter never reaches outside the actor's scope", async () => {
    // The owner asking for another branch, or another manager's clients, gets nothing.
    expect((await pool("owner", { q: "鸿鹄", branch: world.branchA2 })).rows).toEqual([]);
    expect((await pool("owner", { q: "鸿鹄", manager: world.userIds.sameBranchManager })).rows).toEqual([]);
    expect((await pool("otherBranchHead", { q: "鸿鹄", branch: world.branchA1 })).rows).toEqual([]);
  });

  it("filters head office's pool: waiting at head office, without a manager, by branch, county, stage", async () => {
    expect(namesOf(await pool("headOffice", { q: "鸿鹄", branch: "none" }))).toEqual([names.unassigned]);
    expect(namesOf(await pool("headOffice", { q: "鸿鹄", manager: "none" }))).toEqual([names.unassigned]);
    expect(namesOf(await pool("headOffice", { q: "鸿鹄", branch: world.branchA2 }))).toEqual([names.otherBranch]);
    expect(namesOf(await pool("headOffice", { q: "鸿鹄", countyCode: "330402" }))).toEqual([names.unassigned]);
    expect(namesOf(await pool("headOffice", { q: "鸿鹄", manager: world.userIds.owner }))).toEqual([names.middle]);
    expect((await pool("headOffice", { q: "鸿鹄", stage: "FIRST_LOAN" })).rows).toEqual([]);
    expect((await pool("headOffice", { q: "鸿鹄", stage: "NO_LOAN" })).rows).toHaveLength(5);
  });

  it("shows branch and manager, and marks a disabled manager's client", async () => {
    const { rows } = await pool("headOffice", { q: "鸿鹄" });
    const byName = new Map<string | undefined, (typeof rows)[number]>(rows.map((r) => [r.name, r]));
    expect(byName.get(names.unassigned)).toMatchObject({ branchId: null, branchName: null, managerId: null, isManagerActive: null });
    expect(byName.get(names.middle)).toMatchObject({ branchId: world.branchA1, branchName: "甲一支行", managerId: world.userIds.owner, isManagerActive: true });
    expect(byName.get(names.disabled)).toMatchObject({ managerId: world.userIds.disabled, isManagerActive: false });
  });

  it("clientReadScopeSql selects exactly the rows clientReadScope selects, for every actor", async () => {
    const banks = [world.bankA, world.bankB];
    const base = { name: "x", email: "x@shoudai.test", jurisdiction: null, isAdmin: false } as const;
    const odd: Actor[] = [
      { ...base, userId: world.userIds.owner, role: "ACCOUNT_MANAGER", bankId: world.bankA, branchId: null },
      { ...base, userId: world.userIds.branchHead, role: "BRANCH_HEAD", bankId: world.bankA, branchId: null },
      { ...base, userId: world.userIds.headOffice, role: "BANK_HEAD_OFFICE", bankId: null, branchId: null },
      { ...base, userId: world.userIds.regulator, role: "REGULATOR", bankId: world.bankA, branchId: world.branchA1 },
    ];
    const actors = [...(await Promise.all(ACTORS.map((a) => world.actor(a)))), ...odd];
    for (const actor of actors) {
      const viaPrisma = (await db.bankClient.findMany({ where: { AND: [clientReadScope(actor), { bankId: { in: banks } }] }, select: { id: true } })).map((r) => r.id).sort();
      const viaSql = (await db.$queryRaw<{ id: string }[]>`
        SELECT bc.id::text FROM bank_clients bc WHERE ${clientReadScopeSql(actor)} AND bc.bank_id = ANY(${banks}::uuid[])`).map((r) => r.id).sort();
      expect(viaSql, `${actor?.role ?? "signed out"} ${actor?.email ?? ""}`).toEqual(viaPrisma);
    }
    // The world's actors between them see something, so the comparison is not empty = empty.
    expect((await db.bankClient.count({ where: { AND: [clientReadScope(await world.actor("headOffice")), { bankId: { in: banks } }] } }))).toBeGreaterThan(0);
  });

  it("poolWhereSql is the condition a bulk command can apply (UPDATE … FROM enterprises e)", async () => {
    const actor = await world.actor("branchHead");
    const where = poolWhereSql(actor, { q: "鸿鹄" });
    // Inside a transaction that is rolled back: the statement's row count is what would move.
    const moved = await db.$transaction(async (tx) => {
      const n = await tx.$executeRaw`UPDATE bank_clients bc SET updated_at = now() FROM enterprises e WHERE e.id = bc.enterprise_id AND ${where}`;
      throw Object.assign(new Error("rollback"), { n });
    }).catch((e: { n?: number }) => e.n);
    expect(moved).toBe(3);
    expect(await countPool(actor, { q: "鸿鹄" })).toBe(3);
  });
});

describe("keyset pages", () => {
  const PLANS: PagePlan[] = ["auto", "walk", "materialize", "scope"];
  let fragment: string;
  let expected: string[];

  beforeAll(async () => {
    // 47 clients at head office's bank, with repeated names (the id breaks the tie).
    fragment = `翡翠${world.tag}`;
    const ids: string[] = [];
    for (let i = 0; i < 47; i++) {
      const e = await enterprise(`${i % 5 === 0 ? "同名" : `${String(i).padStart(2, "0")}号`}${fragment}商行`);
      ids.push(e.id);
      if (i % 3 === 0) await unassigned(world.bankA, e.id);
      else await createClient(db, { bankId: world.bankA, branchId: i % 2 ? world.branchA1 : world.branchA2, enterpriseId: e.id, managerId: null });
    }
    expected = ids.sort();
  });

  for (const [plan, county] of PLANS.flatMap((p) => [[p, undefined], [p, "330483"]] as const)) {
    it(`forward then backward pages cover every match exactly once (${plan}${county ? ", county" : ""})`, async () => {
      const actor = await world.actor("headOffice");
      const filter = { q: fragment, countyCode: county };
      const forward: PoolPage[] = [];
      let after: string | undefined;
      do {
        const page = await listPool(actor, { ...filter, after }, 10, { plan });
        forward.push(page);
        after = page.nextCursor ?? undefined;
      } while (after && forward.length < 20);
      const seen = forward.flatMap((p) => p.rows.map((r) => r.enterpriseId));
      expect(forward.map((p) => p.rows.length)).toEqual([10, 10, 10, 10, 7]);
      expect([...seen].sort()).toEqual(expected);
      expect(new Set(seen).size).toBe(47);
      // In (name, id) order, pages following each other.
      const keys = forward.flatMap((p) => p.rows.map((r) => `${r.name}\u0000${r.enterpriseId}`));
      expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(forward[0]!.prevCursor).toBeNull();
      expect(forward.at(-1)!.nextCursor).toBeNull();

      // Back from the last page by "previous": the same pages in reverse.
      const backward: PoolPage[] = [forward.at(-1)!];
      let before = forward.at(-1)!.prevCursor ?? undefined;
      while (before && backward.length < 20) {
        const page = await listPool(actor, { ...filter, before }, 10, { plan });
        backward.push(page);
        before = page.prevCursor ?? undefined;
      }
      expect(backward.map((p) => p.rows.map((r) => r.enterpriseId)).reverse()).toEqual(forward.map((p) => p.rows.map((r) => r.enterpriseId)));
    });
  }

  it("a bad cursor reads the first page", async () => {
    const actor = await world.actor("headOffice");
    const first = await listPool(actor, { q: fragment }, 10);
    const bad = await listPool(actor, { q: fragment, after: "not-a-cursor" }, 10);
    expect(bad.rows).toEqual(first.rows);
  });
});

describe("count", () => {
  it(`is exact up to ${COUNT_BOUND} for head office, then "${COUNT_BOUND}+" while countPool stays exact`, async () => {
    const fragment = `珊瑚${world.tag}`;
    const rows = Array.from({ length: COUNT_BOUND + 5 }, (_, i) =>
      enterpriseRow({ seq: 800_000_000 + (parseInt(world.tag, 16) % 100_000) * 10_000 + i, countyCode: "330483", name: `浙江${fragment}${i}号有限公司` }));
    await insertEnterprises(db, rows);
    const ids = await db.enterprise.findMany({ where: { uscc: { in: rows.map((r) => r.uscc) } }, select: { id: true } });
    await insertClients(db, ids.map((e) => ({ bankId: world.bankA, branchId: world.branchA2, enterpriseId: e.id, managerId: null })));
    const actor = await world.actor("headOffice");
    const page = await listPool(actor, { q: fragment });
    expect(page.count).toEqual({ value: COUNT_BOUND, isExact: false });
    expect(page.rows).toHaveLength(20);
    expect(await countPool(actor, { q: fragment })).toBe(COUNT_BOUND + 5);
    // Another branch's head sees none of them; their own branch's head counts them exactly
    // (a branch is small enough to count: see readScope).
    expect((await listPool(await world.actor("branchHead"), { q: fragment })).count).toEqual({ value: 0, isExact: true });
    const own = await listPool(await world.actor("otherBranchHead"), { q: fragment });
    expect(own.count).toEqual({ value: COUNT_BOUND + 5, isExact: true });
    expect(own.rows).toHaveLength(20);
  });
});
