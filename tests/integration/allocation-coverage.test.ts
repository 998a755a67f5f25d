// Coverage: listed → allocated → assigned → contacted, per city/county and per responsible
// bank, counting only the responsible bank's client; Ningbo in or out; a head office sees its
// own bank only. Region figures are compared as before/after deltas (the test database is
// shared); bank rows belong to this world's fresh banks, so they are exact.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { publishBatch } from "@/lib/commands/publish-batch";
import { getCoverage, type CoverageFigures, type CoverageView } from "@/lib/queries/coverage";
import { buildWorld, type World } from "../support/world";
import { createClient, createListBatch, enterpriseRow, insertClients, insertEnterprises, insertMemberships } from "@/prisma/seed/factories";
import { buildBatch, expectRollupsMatchRebuild, seqBlock, setRules } from "../support/allocation";

let w: World;
let before: CoverageView;
let after: CoverageView;
let ids: string[];
const JIAXING = "330400";

const pick = (f: CoverageFigures | undefined) => f && { listed: f.listed, allocated: f.allocated, assigned: f.assigned, contacted: f.contacted };
const minus = (a: CoverageFigures, b: CoverageFigures) => ({
  listed: a.listed - b.listed, allocated: a.allocated - b.allocated, assigned: a.assigned - b.assigned, contacted: a.contacted - b.contacted,
});

beforeAll(async () => {
  w = await buildWorld();
  const regulator = await w.actor("regulator");
  before = (await getCoverage(regulator, {}))!;
  const s = seqBlock();
  await setRules("330421", []);
  const { batchId, enterpriseIds } = await buildBatch({
    lines: [
      { seq: s + 1, countyCode: "330483", bankId: w.bankA }, // assigned to a manager and visited
      { seq: s + 2, countyCode: "330483", bankId: w.bankA }, // unassigned, with a last contact date
      { seq: s + 3, countyCode: "330483", bankId: w.bankB }, // bank B's; bank A also serves it
      { seq: s + 4, countyCode: "330421" },                  // no rule: unallocated
      { seq: s + 5, countyCode: "330212", bankId: w.bankA }, // Ningbo
    ],
  });
  await publishBatch(regulator, { batchId });
  const e = (i: number) => enterpriseIds.get(s + i)!;
  ids = [1, 2, 3, 4, 5].map(e);
  const c1 = await db.bankClient.update({
    where: { bankId_enterpriseId: { bankId: w.bankA, enterpriseId: e(1) } },
    data: { branchId: w.branchA1, managerId: w.userIds.owner },
  });
  await db.visit.create({
    data: { clientId: c1.id, bankId: w.bankA, branchId: w.branchA1, enterpriseId: e(1), userId: w.userIds.owner, visitedOn: new Date("2026-11-10T00:00:00Z"), mode: "ON_SITE", hasNeed: true },
  });
  await db.bankClient.update({ where: { bankId_enterpriseId: { bankId: w.bankA, enterpriseId: e(2) } }, data: { lastContactAt: new Date("2026-11-12T00:00:00Z") } });
  // Bank A works e3 too (the registry is shared), assigned and contacted: not bank B's coverage.
  await db.bankClient.create({
    data: { bankId: w.bankA, enterpriseId: e(3), branchId: w.branchA1, managerId: w.userIds.owner, lastContactAt: new Date("2026-11-12T00:00:00Z"), updatedAt: new Date() },
  });
  after = (await getCoverage(regulator, {}))!;
});

describe("getCoverage", () => {
  it("counts per responsible bank, only that bank's own client", () => {
    const bank = (v: CoverageView, id: string) => pick(v.banks.find((b) => b.code === id));
    expect(bank(after, w.bankA)).toEqual({ listed: 2, allocated: 2, assigned: 1, contacted: 2 });
    expect(bank(after, w.bankB)).toEqual({ listed: 1, allocated: 1, assigned: 0, contacted: 0 });
    const a = after.banks.find((b) => b.code === w.bankA)!;
    expect([a.allocatedRatio, a.assignedRatio, a.contactedRatio]).toEqual(["1.0000", "0.5000", "1.0000"]);
  });

  it("moves the city, the unallocated row and the totals by exactly what was added (Ningbo excluded)", () => {
    expect(after.ningbo).toBe("exclude");
    const city = (v: CoverageView) => v.regions.find((r) => r.code === JIAXING)!;
    expect(minus(city(after), city(before))).toEqual({ listed: 4, allocated: 3, assigned: 1, contacted: 2 });
    expect(minus(after.totals, before.totals)).toEqual({ listed: 4, allocated: 3, assigned: 1, contacted: 2 });
    const unallocated = (v: CoverageView) => v.banks.find((b) => b.code === "")?.listed ?? 0;
    expect(unallocated(after) - unallocated(before)).toBe(1);
    expect(after.regions.some((r) => r.code === "330200")).toBe(false);
  });

  it("drills down to counties and includes Ningbo when asked", async () => {
    const regulator = await w.actor("regulator");
    const counties = (await getCoverage(regulator, { city: JIAXING }))!;
    expect(counties.city).toBe(JIAXING);
    expect(counties.regions.map((r) => r.code)).toContain("330483");
    expect(counties.regions.every((r) => r.code.startsWith("3304"))).toBe(true);
    const withNingbo = (await getCoverage(regulator, { ningbo: "include" }))!;
    expect(pick(withNingbo.banks.find((b) => b.code === w.bankA))).toEqual({ listed: 3, allocated: 3, assigned: 1, contacted: 2 });
  });

  it("shows a head office its own bank only, and nothing to branch staff", async () => {
    const hq = (await getCoverage(await w.actor("headOffice"), {}))!;
    expect(hq.scope).toBe("bank");
    expect(hq.banks.map((b) => b.code)).toEqual([w.bankA]);
    expect(pick(hq.totals)).toEqual({ listed: 3, allocated: 3, assigned: 1, contacted: 2 });
    expect(await getCoverage(await w.actor("branchHead"), {})).toBeNull();
    expect(await getCoverage(await w.actor("owner"), {})).toBeNull();
    expect(await getCoverage(null, {})).toBeNull();
  });
});

describe("coverage_counts (kept by triggers)", () => {
  it("follows every change coverage reads, one by one and in bulk, and equals the rebuild", async () => {
    const hq = await w.actor("headOffice");
    const [e1, e2, e3, e4] = ids;
    // A visit goes: e1 stays contacted only if its client has a last contact date (it has none).
    await db.visit.deleteMany({ where: { enterpriseId: e1 } });
    expect(pick((await getCoverage(hq, {}))!.totals)).toEqual({ listed: 3, allocated: 3, assigned: 1, contacted: 1 });
    // One statement over several clients: bank A's manager on e2, and off e1.
    await db.$executeRaw`UPDATE bank_clients SET branch_id = ${w.branchA1}::uuid,
      manager_id = CASE WHEN enterprise_id = ${e1}::uuid THEN NULL ELSE ${w.userIds.owner}::uuid END
      WHERE bank_id = ${w.bankA}::uuid AND enterprise_id = ANY(${[e1, e2]}::uuid[])`;
    expect(pick((await getCoverage(hq, {}))!.totals)).toEqual({ listed: 3, allocated: 3, assigned: 1, contacted: 1 });
    // e3 handed from bank B to bank A (whose client there is assigned and contacted); e4 allocated to A.
    await db.enterpriseAllocation.update({ where: { enterpriseId: e3 }, data: { bankId: w.bankA } });
    await db.enterpriseAllocation.create({ data: { enterpriseId: e4!, bankId: w.bankA, source: "RULE" } });
    expect(pick((await getCoverage(hq, {}))!.totals)).toEqual({ listed: 5, allocated: 5, assigned: 2, contacted: 2 });
    // e2 leaves every list; e1 moves county (the city stays).
    await db.listMembership.deleteMany({ where: { enterpriseId: e2 } });
    await db.enterprise.update({ where: { id: e1 }, data: { countyCode: "330482" } });
    const view = (await getCoverage(hq, { city: JIAXING }))!;
    expect(pick(view.totals)).toEqual({ listed: 3, allocated: 3, assigned: 1, contacted: 1 });
    expect(pick(view.regions.find((r) => r.code === "330482"))).toMatchObject({ listed: 1 });
    await expectRollupsMatchRebuild();
  });

  it("takes a list of over a thousand enterprises in one statement (the set path): new ones, ones coverage knows, one already listed; equals the rebuild", async () => {
    const hq = await w.actor("headOffice");
    const before = (await getCoverage(hq, {}))!.totals;
    const s = seqBlock();
    const rows = Array.from({ length: 1_100 }, (_, i) => enterpriseRow({ seq: s + i, countyCode: "330483" }));
    await insertEnterprises(db, rows);
    const fresh = (await db.enterprise.findMany({ where: { uscc: { in: rows.map((r) => r.uscc) } }, select: { id: true } })).map((e) => e.id);
    // Three that coverage knows before the list arrives: allocated to bank A, the first with a
    // client there that has a manager and a last contact date.
    const known = fresh.splice(0, 3);
    for (const enterpriseId of known) await db.enterpriseAllocation.create({ data: { enterpriseId, bankId: w.bankA, source: "RULE" } });
    const client = await createClient(db, { bankId: w.bankA, branchId: w.branchA1, enterpriseId: known[0]!, managerId: w.userIds.owner });
    await db.bankClient.update({ where: { id: client.id }, data: { lastContactAt: new Date("2026-11-02T00:00:00Z") } });
    const unchanged = (await getCoverage(hq, {}))!.totals;
    expect(minus(unchanged, before)).toEqual({ listed: 0, allocated: 0, assigned: 0, contacted: 0 });

    const batch = await createListBatch(db, { listType: "SME_PARK", name: "千户名单", issuedOn: "2026-11-03" });
    await insertMemberships(db, [...known, ...fresh, ids[0]!].map((enterpriseId) => ({
      enterpriseId, batchId: batch.id, listType: "SME_PARK" as const, listedOn: new Date("2026-11-03T00:00:00Z"),
    })));
    // Bank A answers for the three known ones (the new ones are nobody's yet; ids[0] was listed already).
    expect(minus((await getCoverage(hq, {}))!.totals, before)).toEqual({ listed: 3, allocated: 3, assigned: 1, contacted: 1 });
    await expectRollupsMatchRebuild();

    // The new ones allocated to bank A and in its pool, then a manager for all of them in one
    // UPDATE of over a thousand clients (the bulk path of the clients' trigger).
    await db.enterpriseAllocation.createMany({ data: fresh.map((enterpriseId) => ({ enterpriseId, bankId: w.bankA, source: "RULE" as const })) });
    await insertClients(db, fresh.map((enterpriseId) => ({ bankId: w.bankA, branchId: w.branchA1, enterpriseId, managerId: null })));
    expect(minus((await getCoverage(hq, {}))!.totals, before)).toEqual({ listed: 1_100, allocated: 1_100, assigned: 1, contacted: 1 });
    await db.$executeRaw`UPDATE bank_clients SET manager_id = ${w.userIds.owner}::uuid
      WHERE bank_id = ${w.bankA}::uuid AND enterprise_id = ANY(${fresh}::uuid[])`;
    expect(minus((await getCoverage(hq, {}))!.totals, before)).toEqual({ listed: 1_100, allocated: 1_100, assigned: 1_098, contacted: 1 });
    await expectRollupsMatchRebuild();
  });
});

