// The pool's filters (manager, county, list and batch, follow-up due / overdue, the branch
// dashboard's ageing alerts), its sorts and their keyset cursors, and its export, against a real
// PostgreSQL: for each, whose clients come back, that a dashboard count is the pool's count, and
// that paging by any sort shows every client once in that order.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import type { Actor } from "@/lib/auth/actor";
import { addDays, todayInShanghai } from "@/lib/domain/dates";
import { countPool, listPool, type PagePlan, type PoolPage } from "@/lib/queries/list-pool";
import { poolFilterSchema, type PoolFilter, type PoolSort } from "@/lib/queries/pool-filter";
import { getBranchDashboard } from "@/lib/queries/branch-dashboard";
import { getBankDashboard } from "@/lib/queries/bank-dashboard";
import { exportResponse } from "@/lib/api/export";
import { maskPhone } from "@/lib/domain/phone-mask";
import { createEnterprise } from "@/prisma/seed/factories";
import { buildWorld, type ActorName, type World } from "../support/world";

let world: World;
const today = todayInShanghai();
/** Enterprise name → client id, for the clients this file makes (named by letter). */
const ids: Record<string, string> = {};
const enterpriseIds: Record<string, string> = {};
let batchId: string;
let seq = 0;

type Setup = {
  bank?: "A" | "B";
  branch?: "A1" | "A2" | "B1" | null;
  manager?: "owner" | "sameBranchManager" | "otherBranchManager" | "otherBankManager" | null;
  county?: string;
  followUp?: number | null;
  lastContact?: number | null;
  createdDaysAgo?: number;
  firstNeed?: number;
  firstCredit?: number;
  listed?: boolean;
};

/** A client named `${letter}${tag}`; day offsets are from today (−3 = three days ago). */
async function client(letter: string, s: Setup): Promise<void> {
  seq += 1;
  const name = `${letter}筛选${world.tag}`;
  const e = await createEnterprise(db, { seq: 800_000_000 + (parseInt(world.tag, 16) % 1_000_000) * 100 + seq, countyCode: s.county ?? "330483", name });
  enterpriseIds[letter] = e.id;
  const bankId = s.bank === "B" ? world.bankB : world.bankA;
  const branchId = s.branch === null ? null : { A1: world.branchA1, A2: world.branchA2, B1: world.branchB1 }[s.branch ?? "A1"];
  const managerId = s.manager === null ? null : world.userIds[s.manager ?? "owner"];
  const [row] = await db.$queryRaw<{ id: string }[]>`
    INSERT INTO bank_clients (bank_id, branch_id, manager_id, enterprise_id, updated_at) VALUES (${bankId}::uuid, ${branchId}::uuid, ${branchId ? managerId : null}::uuid, ${e.id}::uuid, now())
    RETURNING id::text`;
  ids[letter] = row!.id;
  const date = (offset: number | null | undefined) => (offset === null || offset === undefined ? null : addDays(today, offset));
  await db.$executeRaw`
    UPDATE bank_clients SET
      next_follow_up_on = ${date(s.followUp)}::date, last_contact_at = ${date(s.lastContact)}::date,
      created_at = now() - make_interval(days => ${s.createdDaysAgo ?? 0}),
      first_need_at = ${date(s.firstNeed)}::date, first_credit_at = ${date(s.firstCredit)}::date,
      stage = ${s.firstCredit !== undefined ? "CREDIT_GRANTED" : s.firstNeed !== undefined ? "NEED_REGISTERED" : "NO_LOAN"}::"Stage"
    WHERE id = ${row!.id}::uuid`;
  if (s.listed) await db.listMembership.create({ data: { enterpriseId: e.id, batchId, listType: "SME_PARK", listedOn: new Date("2026-01-05T00:00:00Z") } });
}

beforeAll(async () => {
  world = await buildWorld();
  batchId = (await db.listBatch.create({
    data: { listType: "SME_PARK", name: `小微园${world.tag}`, issuedOn: new Date("2026-01-05T00:00:00Z"), status: "DONE", ownerBankId: null, fileName: "p.csv", fileSha256: "1".repeat(64) },
  })).id;
  await client("甲", { manager: "owner", followUp: -3, lastContact: -10, listed: true });
  await client("乙", { manager: "owner", followUp: 0, lastContact: -1 });
  await client("丙", { manager: "sameBranchManager", followUp: -1, county: "330106" });
  await client("丁", { branch: "A2", manager: "otherBranchManager", followUp: -5, listed: true, lastContact: -20 });
  await client("戊", { bank: "B", branch: "B1", manager: "otherBankManager", followUp: -2, listed: true });
  await client("己", { branch: null, manager: null, createdDaysAgo: 40 });
  await client("庚", { manager: "owner", createdDaysAgo: 100, lastContact: -95, followUp: 4 });
  await client("辛", { manager: "sameBranchManager", firstNeed: -8, followUp: 2, lastContact: -8 });
  await client("壬", { manager: null, firstCredit: -31, lastContact: -31 });
});

/** The letters of this file's clients on a page (the world's own client has no letter). */
const letters = (page: PoolPage) => page.rows.map((r) => r.name.slice(0, 1)).filter((l) => l in ids);
const sorted = (xs: string[]) => [...xs].sort();

async function pool(name: ActorName, filter: Partial<PoolFilter>): Promise<PoolPage> {
  return listPool(await world.actor(name), { q: "", ...filter }, 50);
}

describe("follow-up due / overdue", () => {
  it("overdue: before today, within each reader's own clients", async () => {
    expect(sorted(letters(await pool("owner", { followUp: "overdue" })))).toEqual(["甲"]);
    expect(sorted(letters(await pool("branchHead", { followUp: "overdue" })))).toEqual(sorted(["甲", "丙"]));
    expect(sorted(letters(await pool("otherBranchHead", { followUp: "overdue" })))).toEqual(["丁"]);
    expect(sorted(letters(await pool("headOffice", { followUp: "overdue" })))).toEqual(sorted(["甲", "丙", "丁"]));
    expect(sorted(letters(await pool("otherBankManager", { followUp: "overdue" })))).toEqual(["戊"]);
    expect((await pool("regulator", { followUp: "overdue" })).rows).toEqual([]);
  });

  it("due: today only", async () => {
    expect(letters(await pool("owner", { followUp: "due" }))).toEqual(["乙"]);
    expect(letters(await pool("headOffice", { followUp: "due" }))).toEqual(["乙"]);
    expect(letters(await pool("sameBranchManager", { followUp: "due" }))).toEqual([]);
  });
});

describe("list and batch", () => {
  it("a list type: the listed enterprises among the reader's clients", async () => {
    expect(sorted(letters(await pool("headOffice", { list: "SME_PARK" })))).toEqual(sorted(["甲", "丁"]));
    expect(letters(await pool("branchHead", { list: "SME_PARK" }))).toEqual(["甲"]);
    expect(letters(await pool("otherBankManager", { list: "SME_PARK" }))).toEqual(["戊"]);
    expect(letters(await pool("headOffice", { list: "SUPPLY_CHAIN" }))).toEqual([]);
  });

  it("a batch: its enterprises among the reader's clients", async () => {
    expect(sorted(letters(await pool("headOffice", { batch: batchId })))).toEqual(sorted(["甲", "丁"]));
    expect(letters(await pool("owner", { batch: batchId }))).toEqual(["甲"]);
  });
});

describe("manager and county", () => {
  it("head office by a manager of any branch; a branch head only within the branch", async () => {
    expect(sorted(letters(await pool("headOffice", { manager: world.userIds.sameBranchManager })))).toEqual(sorted(["丙", "辛"]));
    expect(letters(await pool("headOffice", { manager: world.userIds.otherBranchManager }))).toEqual(["丁"]);
    expect(letters(await pool("branchHead", { manager: world.userIds.otherBranchManager }))).toEqual([]);
    expect(sorted(letters(await pool("branchHead", { manager: "none" })))).toEqual(["壬"]);
  });

  it("county: the enterprise's county", async () => {
    expect(letters(await pool("headOffice", { countyCode: "330106" }))).toEqual(["丙"]);
    expect(letters(await pool("owner", { countyCode: "330106" }))).toEqual([]);
  });
});

describe("ageing alerts: the branch dashboard's counts are the pool's", () => {
  const KINDS = [
    ["notContacted30", ["庚"]],
    ["notContacted60", ["庚"]],
    ["notContacted90", ["庚"]],
    ["needWithoutVisit7", ["辛"]],
    ["creditUndrawn30", ["壬"]],
  ] as const;
  for (const [kind, expected] of KINDS) {
    it(`${kind}: the branch head's pool shows exactly the dashboard's count`, async () => {
      const head = await world.actor("branchHead");
      const dashboard = await getBranchDashboard(head, {});
      const page = await pool("branchHead", { ageing: kind });
      expect(sorted(letters(page))).toEqual(sorted([...expected]));
      expect(page.count).toEqual({ value: dashboard!.ageing[kind], isExact: true });
      expect(await countPool(head, { q: "", ageing: kind })).toBe(dashboard!.ageing[kind]);
    });
  }

  it("head office sees the same alert over the whole bank (the client waiting at head office too)", async () => {
    expect(sorted(letters(await pool("headOffice", { ageing: "notContacted30" })))).toEqual(sorted(["己", "庚"]));
  });
});

describe("dashboard pool sizes are the pool's counts", () => {
  it("each manager row of the branch dashboard, and the unassigned row", async () => {
    const head = await world.actor("branchHead");
    const dashboard = (await getBranchDashboard(head, {}))!;
    const rows = dashboard.managers.filter((m) => m.poolSize > 0);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const m of rows) {
      const manager = m.code === "00000000-0000-0000-0000-000000000000" ? "none" : m.code;
      const page = await listPool(head, { q: "", manager });
      expect(page.count, m.name).toEqual({ value: m.poolSize, isExact: true });
      expect(page.rows.every((r) => (manager === "none" ? r.managerId === null : r.managerId === manager))).toBe(true);
    }
    expect((await listPool(head, { q: "" })).count.value).toBe(dashboard.poolSize);
  });

  it("each branch row of the bank dashboard (and the clients waiting at head office)", async () => {
    const hq = await world.actor("headOffice");
    const dashboard = (await getBankDashboard(hq, {}))!;
    expect(dashboard.poolByBranch[world.branchA1]).toBe(7);
    for (const [branchId, n] of Object.entries(dashboard.poolByBranch)) {
      const branch = branchId === "00000000-0000-0000-0000-000000000000" ? "none" : branchId;
      expect((await listPool(hq, { q: "", branch })).count).toEqual({ value: n, isExact: true });
    }
  });
});

describe("sorts and their cursors", () => {
  const SORTS: PoolSort[] = ["name", "lastContact", "nextFollowUp"];
  const PLANS: PagePlan[] = ["auto", "walk", "materialize", "scope"];

  /** The expected order of head office's clients of bank A for a sort, from the rows themselves. */
  function keyOf(sort: PoolSort, r: PoolPage["rows"][number]): string {
    if (sort === "name") return r.name;
    if (sort === "lastContact") return r.lastContactOn ?? "0000-00-00";
    return r.nextFollowUpOn ?? "9999-99-99";
  }

  for (const sort of SORTS) {
    for (const desc of [false, true]) {
      for (const plan of PLANS) {
        it(`${sort}${desc ? " descending" : ""} (${plan}): pages of 3 forward then back show every client once, in order`, async () => {
          const actor = (await world.actor("headOffice")) as Actor;
          const filter: PoolFilter = { q: `筛选${world.tag}`, sort, desc };
          const forward: PoolPage[] = [];
          let after: string | undefined;
          do {
            const page = await listPool(actor, { ...filter, after }, 3, { plan });
            forward.push(page);
            after = page.nextCursor ?? undefined;
          } while (after && forward.length < 10);
          const rows = forward.flatMap((p) => p.rows);
          // Bank A's eight clients of this file (戊 is bank B's), each once.
          expect(sorted(rows.map((r) => r.name.slice(0, 1)))).toEqual(sorted(["甲", "乙", "丙", "丁", "己", "庚", "辛", "壬"]));
          const keys = rows.map((r) => `${keyOf(sort, r)}\u0000${r.enterpriseId}`);
          const ascending = [...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect(keys).toEqual(desc ? ascending.reverse() : ascending);
          expect(forward.map((p) => p.rows.length)).toEqual([3, 3, 2]);

          const backward: PoolPage[] = [forward.at(-1)!];
          let before = forward.at(-1)!.prevCursor ?? undefined;
          while (before && backward.length < 10) {
            const page = await listPool(actor, { ...filter, before }, 3, { plan });
            backward.push(page);
            before = page.prevCursor ?? undefined;
          }
          expect(backward.map((p) => p.rows.map((r) => r.clientId)).reverse()).toEqual(forward.map((p) => p.rows.map((r) => r.clientId)));
        });
      }
    }
  }

  it("a branch head's next-follow-up order: overdue first, no follow-up last, only the branch's clients", async () => {
    const page = await pool("branchHead", { q: `筛选${world.tag}`, sort: "nextFollowUp" });
    expect(letters(page)).toEqual(["甲", "丙", "乙", "辛", "庚", "壬"]);
  });

  it("a cursor of another sort reads the first page of this one", async () => {
    const actor = await world.actor("headOffice");
    const byName = await listPool(actor, { q: `筛选${world.tag}` }, 3);
    const first = await listPool(actor, { q: `筛选${world.tag}`, sort: "lastContact" }, 3);
    const mixed = await listPool(actor, { q: `筛选${world.tag}`, sort: "lastContact", after: byName.nextCursor! }, 3);
    expect(mixed.rows.map((r) => r.clientId)).toEqual(first.rows.map((r) => r.clientId));
  });

  it("the URL's sort and direction parse, and bad values fall back", () => {
    expect(poolFilterSchema.parse({ sort: "nextFollowUp", desc: "1", followUp: "overdue", list: "SME_PARK", ageing: "creditUndrawn30" }))
      .toMatchObject({ sort: "nextFollowUp", desc: true, followUp: "overdue", list: "SME_PARK", ageing: "creditUndrawn30" });
    const bad = poolFilterSchema.parse({ sort: "uscc; DROP", desc: "yes", followUp: "soon", list: "NOPE", ageing: "old", batch: "x" });
    expect([bad.sort, bad.desc, bad.followUp, bad.list, bad.ageing, bad.batch]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
  });
});

describe("export of the pool (GET /api/v1/exports/pool)", () => {
  const text = async (body: string | ArrayBuffer) => (typeof body === "string" ? body : new TextDecoder().decode(body));

  it("the filtered pool of the reader, phones masked, with the filter in words", async () => {
    const hq = await world.actor("headOffice");
    const result = await exportResponse(hq, "pool", new URLSearchParams({ followUp: "overdue", sort: "nextFollowUp", format: "csv" }));
    expect(result.status).toBe(200);
    const csv = await text(result.body);
    const lines = csv.split("\r\n");
    const names = lines.filter((l) => l.includes(`筛选${world.tag}`)).map((l) => l.slice(0, 1));
    // Oldest follow-up first, as sorted; 戊 is another bank's.
    expect(names).toEqual(["丁", "甲", "丙"]);
    expect(csv).toContain("跟进: 已逾期");
    expect(csv).toContain("逾期 5 天");
    // The legal representative's phone, masked as the screens show it; never in full.
    const { legalRepPhone } = await db.enterprise.findUniqueOrThrow({ where: { id: enterpriseIds["甲"]! }, select: { legalRepPhone: true } });
    expect(csv).toContain(maskPhone(legalRepPhone!));
    expect(csv).not.toContain(legalRepPhone!);
    expect(result.download).toMatchObject({ table: "pool", format: "csv", rows: 3 });
  });

  it("speaks the reader's UI language: English headers, filter, stage and follow-up words", async () => {
    const hq = await world.actor("headOffice");
    const result = await exportResponse(hq, "pool", new URLSearchParams({ followUp: "overdue", format: "csv" }), "en");
    expect(result.status).toBe(200);
    const csv = await text(result.body);
    expect(csv).toContain("Legal representative's phone (masked)");
    expect(csv).toContain("Follow-up: Overdue");
    expect(csv).toContain("Overdue by 5 days");
    expect(csv).not.toContain("逾期 5 天");
    expect(csv).not.toContain("法定代表人");
  });

  it("ticked clients only, and a ticked client of another bank is not in the file", async () => {
    const hq = await world.actor("headOffice");
    const params = new URLSearchParams([["id", ids["甲"]!], ["id", ids["戊"]!], ["id", ids["甲"]!], ["format", "xlsx"]]);
    const result = await exportResponse(hq, "pool", params);
    expect(result.status).toBe(200);
    expect(result.download).toMatchObject({ table: "pool", format: "xlsx", rows: 1, filters: { id: "3 ids" } });
  });

  it("refuses a regulator (403) and ids that are not ids (400)", async () => {
    expect((await exportResponse(await world.actor("regulator"), "pool", new URLSearchParams({ format: "csv" }))).status).toBe(403);
    expect((await exportResponse(await world.actor("headOffice"), "pool", new URLSearchParams({ id: "1 OR 1=1" }))).status).toBe(400);
  });
});

describe("head office's search through the name pieces (bank_client_name_grams)", () => {
  it("follows a client's insert, its enterprise's rename and its removal; a move leaves the pieces alone", async () => {
    const hq = await world.actor("headOffice");
    const e = await createEnterprise(db, { seq: 800_000_000 + (parseInt(world.tag, 16) % 1_000_000) * 100 + 99, countyCode: "330483", name: `旧称Xy${world.tag}琉璃` });
    const [row] = await db.$queryRaw<{ id: string }[]>`
      INSERT INTO bank_clients (bank_id, enterprise_id, updated_at) VALUES (${world.bankA}::uuid, ${e.id}::uuid, now()) RETURNING id::text`;
    const found = async (q: string) => (await listPool(hq, { q })).rows.map((r) => r.clientId);
    // Latin letters in either case, through the pieces (lower case on both sides).
    expect(await found(`xY${world.tag}琉`)).toEqual([row!.id]);
    await db.enterprise.update({ where: { id: e.id }, data: { name: `新称${world.tag}琥珀` } });
    expect(await found(`旧称Xy${world.tag}`)).toEqual([]);
    expect(await found(`${world.tag}琥珀`)).toEqual([row!.id]);
    const before = await db.$queryRaw<{ grams: string[] }[]>`SELECT grams FROM bank_client_name_grams WHERE bank_id = ${world.bankA}::uuid AND enterprise_id = ${e.id}::uuid`;
    expect(before[0]!.grams).toContain("琥珀");
    await db.$executeRaw`UPDATE bank_clients SET branch_id = ${world.branchA2}::uuid WHERE id = ${row!.id}::uuid`;
    expect(await found(`${world.tag}琥珀`)).toEqual([row!.id]);
    await db.$executeRaw`DELETE FROM bank_clients WHERE id = ${row!.id}::uuid`;
    expect(await found(`${world.tag}琥珀`)).toEqual([]);
    const after = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM bank_client_name_grams WHERE bank_id = ${world.bankA}::uuid AND enterprise_id = ${e.id}::uuid`;
    expect(after[0]!.n).toBe(0);
  });

  it("gives head office the same rows and count with and without the pieces", async () => {
    const hq = await world.actor("headOffice");
    for (const q of [`筛选${world.tag}`, `甲筛选`, `${world.tag}`]) {
      const withPieces = await listPool(hq, { q }, 3);
      const without = await listPool(hq, { q }, 3, { useNamePieces: false });
      expect(withPieces.rows.map((r) => r.clientId), q).toEqual(without.rows.map((r) => r.clientId));
      expect(withPieces.count, q).toEqual(without.count);
      expect(withPieces.count.value, q).toBeGreaterThan(0);
    }
  });
});
