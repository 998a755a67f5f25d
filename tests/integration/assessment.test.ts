// Assessment (考核): a head office's schemes (weights validated, nothing written on bad input,
// audited), scores and ranks computed from work attributed to whoever did it (checked against
// a hand-computed example), unchanged by a later handover, and each caller sees only their part.
import { beforeAll, describe, expect, it } from "vitest";
import { randomInt } from "node:crypto";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { createAssessmentScheme } from "@/lib/commands/assessment/create-scheme";
import { getAssessment, listAssessmentSchemes } from "@/lib/queries/assessment";
import { buildExportTable } from "@/lib/queries/export-table";
import { logVisit } from "@/lib/commands/log-visit";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { handoverClients } from "@/lib/commands/handover-clients";
import { createEnterprise, createListBatch, createUser, insertMemberships } from "@/prisma/seed/factories";
import { buildWorld, type World } from "../support/world";
import { approvedLine, disbursementInput } from "../support/money";

let world: World;
let hq: Actor;

const WEIGHTS = {
  weightNewFirstLoans: "30", weightFirstLoanAmount: "20", weightCoverage: "10",
  weightConversion: "10", weightPartner: "10", weightTimeliness: "20",
};
const JUNE = { kind: "month", month: "2026-06" };

async function schemeCounts(bankId: string) {
  return { schemes: await db.assessmentScheme.count({ where: { bankId } }), audit: await db.auditLog.count({ where: { action: "assessment_scheme.create" } }) };
}

/** A listed enterprise in bank A's pool since January, at a branch with a manager. */
async function pooled(branchId: string, managerId: string): Promise<string> {
  const enterprise = await createEnterprise(db, { seq: 2_000_000_000 + randomInt(0, 2 ** 40), countyCode: "330483" });
  const batch = await createListBatch(db, { listType: "SME_PARK", name: `考核${world.tag}-${randomInt(0, 1e9)}`, issuedOn: "2026-01-02" });
  await insertMemberships(db, [{ enterpriseId: enterprise.id, batchId: batch.id, listType: "SME_PARK", listedOn: new Date("2026-01-02T00:00:00Z") }]);
  await db.bankClient.create({ data: { bankId: world.bankA, branchId, enterpriseId: enterprise.id, managerId, createdAt: new Date("2026-01-05T02:00:00Z") } });
  return enterprise.id;
}

const onSite = (enterpriseId: string, visitedOn: string) =>
  ({ enterpriseId, visitedOn, mode: "ON_SITE", hasNeed: "yes", amountWan: "100", termMonths: "12", purpose: "WORKING_CAPITAL" });

/** A first loan: proposed by `proposer` on `decidedOn`, approved by the head of A1 (or A2), drawn on `disbursedOn`. */
async function firstLoan(enterpriseId: string, proposer: Actor, approver: Actor, decidedOn: string, disbursedOn: string, amount: string) {
  const lineId = await approvedLine(world, enterpriseId, { validFrom: decidedOn, creditCheckOn: decidedOn, limitAmount: "5000000" }, { proposer, approver, today: decidedOn });
  await recordDisbursement(proposer, disbursementInput(lineId, amount, { disbursedOn }), { today: disbursedOn });
  return lineId;
}

beforeAll(async () => {
  world = await buildWorld();
  hq = (await world.actor("headOffice"))!;
  const owner = (await world.actor("owner"))!;
  const same = (await world.actor("sameBranchManager"))!;
  const other = (await world.actor("otherBranchManager"))!;
  const head = (await world.actor("branchHead"))!;
  const otherHead = (await world.actor("otherBranchHead"))!;
  // owner (A1): pool 4, two on-site visits, one first loan (need 06-01 → loan 06-11: 10 days)
  // and a further line on 06-20 (a partner).
  const o = [await pooled(world.branchA1, owner.userId), await pooled(world.branchA1, owner.userId), await pooled(world.branchA1, owner.userId), await pooled(world.branchA1, owner.userId)];
  await logVisit(owner, onSite(o[0]!, "2026-06-01"));
  await logVisit(owner, onSite(o[1]!, "2026-06-03"));
  await firstLoan(o[0]!, owner, head, "2026-06-05", "2026-06-11", "1000000");
  await approvedLine(world, o[0]!, { validFrom: "2026-06-20", creditCheckOn: "2026-06-20", limitAmount: "500000" }, { proposer: owner, approver: head, today: "2026-06-20" });
  // same (A1): pool 2, one visit, one first loan of 3,000,000 (need 06-01 → loan 06-21: 20 days).
  const s = [await pooled(world.branchA1, same.userId), await pooled(world.branchA1, same.userId)];
  await logVisit(same, onSite(s[0]!, "2026-06-01"));
  await firstLoan(s[0]!, same, head, "2026-06-10", "2026-06-21", "3000000");
  // other (A2): pool 5, one visit, nothing else.
  const t = [];
  for (let i = 0; i < 5; i++) t.push(await pooled(world.branchA2, other.userId));
  await logVisit(other, onSite(t[0]!, "2026-06-15"));
  void otherHead;
});

describe("schemes", () => {
  it("refuses weights that do not sum to 100, bad numbers and a missing name, and writes nothing", async () => {
    const before = await schemeCounts(world.bankA);
    const cases: [Record<string, string>, string, string][] = [
      [{ ...WEIGHTS, weightTimeliness: "19" }, "weights", "weightsSum"],
      [{ ...WEIGHTS, weightTimeliness: "20.5", weightPartner: "9.5", weightCoverage: "abc" }, "weightCoverage", "weightFormat"],
      [{ ...WEIGHTS, weightCoverage: "-10", weightConversion: "30" }, "weightCoverage", "weightFormat"],
    ];
    for (const [weights, field, message] of cases) {
      const error = await createAssessmentScheme(hq, { name: "错误方案", validFrom: "2026-01-01", ...weights }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "INVALID_INPUT" });
      expect((error as { fieldErrors: Record<string, string[]> }).fieldErrors[field]).toContain(message);
    }
    const noName = await createAssessmentScheme(hq, { name: " ", validFrom: "2026-01-01", ...WEIGHTS }).catch((e: unknown) => e);
    expect((noName as { fieldErrors: Record<string, string[]> }).fieldErrors.name).toEqual(["required"]);
    expect(await schemeCounts(world.bankA)).toEqual(before);
  });

  it("a head office creates its bank's scheme (with decimals summing to 100), audited; a second one on the same day is refused", async () => {
    const before = await schemeCounts(world.bankA);
    const { schemeId } = await createAssessmentScheme(hq, { name: "2026年首贷考核", validFrom: "2026-01-01", ...WEIGHTS });
    expect(await schemeCounts(world.bankA)).toEqual({ schemes: before.schemes + 1, audit: before.audit + 1 });
    const audit = await db.auditLog.findFirstOrThrow({ where: { action: "assessment_scheme.create", entityId: schemeId } });
    expect(audit).toMatchObject({ actorId: hq.userId, bankId: world.bankA });
    const dup = await createAssessmentScheme(hq, { name: "重复", validFrom: "2026-01-01", ...WEIGHTS }).catch((e: unknown) => e);
    expect(dup).toMatchObject({ code: "CONFLICT" });
    const list = await listAssessmentSchemes(hq);
    expect(list?.map((x) => [x.name, x.weights.newFirstLoans])).toEqual([["2026年首贷考核", "30.00"]]);
  });

  it("nobody but a head office creates one (branch head, manager, regulator: not found, nothing written)", async () => {
    const before = await schemeCounts(world.bankA);
    for (const name of ["branchHead", "owner", "regulator", "signedOut", "disabled"] as const) {
      const error = await createAssessmentScheme(await world.actor(name), { name: "越权", validFrom: "2026-02-01", ...WEIGHTS }).catch((e: unknown) => e);
      expect(error, name).toMatchObject({ code: name === "signedOut" || name === "disabled" ? "UNAUTHENTICATED" : "NOT_FOUND" });
    }
    expect(await schemeCounts(world.bankA)).toEqual(before);
  });
});

describe("scores and ranks (hand-computed, June 2026)", () => {
  it("managers: owner 81.67, same 80.48, other 4.00, ranked 1-2-3", async () => {
    const view = await getAssessment(hq, JUNE);
    expect(view?.scheme?.name).toBe("2026年首贷考核");
    const byId = new Map(view!.managers.map((m) => [m.id, m]));
    const owner = byId.get(world.userIds.owner)!;
    expect(owner.indicators).toEqual({ newFirstLoans: 1, firstLoanAmount: "1000000.00", coverage: 0.5, conversion: 0.5, partners: 1, timeliness: 10 });
    // 30·1 + 20·⅓ + 10·1 + 10·½ + 10·1 + 20·1 = 81.67
    expect([owner.score, owner.rank]).toEqual([81.67, 1]);
    const same = byId.get(world.userIds.sameBranchManager)!;
    expect(same.indicators).toEqual({ newFirstLoans: 1, firstLoanAmount: "3000000.00", coverage: 0.5, conversion: 1, partners: 0, timeliness: 20 });
    // 30 + 20 + 10 + 10 + 0 + 20·11/21 = 80.48
    expect([same.score, same.rank]).toEqual([80.48, 2]);
    const other = byId.get(world.userIds.otherBranchManager)!;
    // coverage 1/5 against the best ½ → 0.4 · 10
    expect([other.score, other.rank]).toEqual([4, 3]);
    // The disabled manager has no work in June: not ranked.
    expect(byId.has(world.userIds.disabled)).toBe(false);
    expect(view!.rankedManagers).toBe(3);
  });

  it("branches: A1 100 (best on every indicator), A2 4.00", async () => {
    const view = await getAssessment(hq, JUNE);
    const a1 = view!.branches.find((b) => b.id === world.branchA1)!;
    expect(a1.indicators).toMatchObject({ newFirstLoans: 2, firstLoanAmount: "4000000.00", coverage: 0.5, partners: 1, timeliness: 15 });
    expect([a1.score, a1.rank]).toEqual([100, 1]);
    const a2 = view!.branches.find((b) => b.id === world.branchA2)!;
    expect([a2.score, a2.rank]).toEqual([4, 2]);
  });

  it("a period before any scheme has no scores; a quarter and a year use the scheme in force", async () => {
    expect((await getAssessment(hq, { kind: "month", month: "2025-12" }))?.scheme).toBeNull();
    const q2 = await getAssessment(hq, { kind: "quarter", quarter: "2026-Q2" });
    expect(q2?.managers.find((m) => m.id === world.userIds.owner)?.rank).toBe(1);
    const year = await getAssessment(hq, { kind: "year", year: "2026" });
    expect(year?.period).toMatchObject({ from: "2026-01-01", to: "2026-12-31" });
    expect(await getAssessment(hq, { kind: "month", month: "2026-13" })).toBeNull();
  });

  it("the branch head sees A1 and its managers, a manager their own row, bank B's head office none of bank A's", async () => {
    const head = await getAssessment(await world.actor("branchHead"), JUNE);
    expect(head?.level).toBe("branch");
    expect(head!.branches.map((b) => b.id)).toEqual([world.branchA1]);
    expect(new Set(head!.managers.map((m) => m.id))).toEqual(new Set([world.userIds.owner, world.userIds.sameBranchManager]));
    const own = await getAssessment(await world.actor("owner"), JUNE);
    expect(own!.managers.map((m) => [m.id, m.rank])).toEqual([[world.userIds.owner, 1]]);
    expect(own!.branches).toEqual([]);
    expect(await getAssessment(await world.actor("regulator"), JUNE)).toBeNull();
    const hqB = await loadActor(db, (await createUser(db, { email: `hqb.${world.tag}@shoudai.test`, name: `乙总行${world.tag}`, role: "BANK_HEAD_OFFICE", bankId: world.bankB })).id);
    // Bank B has no scheme: nothing of bank A's shows, and its own scheme stays its own.
    expect((await getAssessment(hqB, JUNE))?.scheme).toBeNull();
    await createAssessmentScheme(hqB, { name: "乙行方案", validFrom: "2026-01-01", ...WEIGHTS });
    const viewB = await getAssessment(hqB, JUNE);
    expect(viewB?.bankName).toBe(`乙银行${world.tag}`);
    expect(viewB!.branches.map((b) => b.id)).toEqual([world.branchB1]);
    expect(viewB!.managers.some((m) => m.id === world.userIds.owner)).toBe(false);
    expect((await listAssessmentSchemes(hq))!.map((x) => x.name)).toEqual(["2026年首贷考核"]);
  });

  it("the export carries the same scores (head office: branches or managers)", async () => {
    const table = await buildExportTable(hq, "assessment", { unit: "manager", kind: "month", month: "2026-06" });
    const owner = table!.rows.find((r) => r.name === `owner-${world.tag}`);
    expect(owner).toMatchObject({ rank: 1, score: 81.67 });
    expect(await buildExportTable(await world.actor("regulator"), "assessment", { unit: "branch", kind: "month", month: "2026-06" })).toBeNull();
  });
});

describe("work stays with whoever did it", () => {
  it("handing the owner's clients to another manager moves no June credit", async () => {
    const before = await getAssessment(hq, JUNE);
    const head = await world.actor("branchHead");
    await handoverClients(head, { fromManagerId: world.userIds.owner, toManagerIds: [world.userIds.sameBranchManager], reason: "轮岗" });
    expect(await db.bankClient.count({ where: { managerId: world.userIds.owner, bankId: world.bankA } })).toBe(0);
    const after = await getAssessment(hq, JUNE);
    const pick = (v: typeof before) => v!.managers.map((m) => ({ id: m.id, score: m.score, rank: m.rank, indicators: m.indicators })).sort((a, b) => a.id.localeCompare(b.id));
    expect(pick(after)).toEqual(pick(before));
  });
});
