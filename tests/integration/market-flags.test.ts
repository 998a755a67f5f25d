// Order in the market: scanMarketFlags raises each kind from a constructed case and not from
// its near miss, writes nothing on a re-run, keeps aggregate facts only; regulators see and
// review the flags of their jurisdiction only; nobody else sees or reviews any.
import { beforeAll, describe, expect, it } from "vitest";
import { randomInt, randomUUID } from "node:crypto";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { scanMarketFlags } from "@/lib/market/flags";
import { getMarketFlag, listMarketFlags } from "@/lib/queries/market-flags";
import { reviewMarketFlag } from "@/lib/commands/market/review-flag";
import { logVisit } from "@/lib/commands/log-visit";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { createBank, createBranch, createClient, createEnterprise, createUser } from "@/prisma/seed/factories";
import { buildWorld, type World } from "../support/world";
import { addToBankB, approvedLine, disbursementInput, extraActor } from "../support/money";

const DAY = "2026-06-30";
let world: World;
let bankC: { id: string; branchId: string; manager: Actor };
let headB: Actor;
const ids: Record<string, string> = {};

const newEnterprise = async (countyCode = "330483") =>
  (await createEnterprise(db, { seq: 3_000_000_000 + randomInt(0, 2 ** 40), countyCode })).id;

async function inAllBanks(enterpriseId: string) {
  await createClient(db, { bankId: world.bankA, branchId: world.branchA1, enterpriseId, managerId: world.userIds.owner });
  await addToBankB(world, enterpriseId);
  await createClient(db, { bankId: bankC.id, branchId: bankC.branchId, enterpriseId, managerId: bankC.manager.userId });
}

const phoneVisit = (enterpriseId: string, visitedOn: string) => ({ enterpriseId, visitedOn, mode: "PHONE", hasNeed: "no", noNeedReason: "NO_NEED_NOW", notes: `私密走访记录-${randomUUID()}` });

async function loan(enterpriseId: string, bank: "A" | "B", on: string) {
  const proposer = await world.actor(bank === "A" ? "owner" : "otherBankManager");
  const approver = bank === "A" ? await world.actor("branchHead") : headB;
  const lineId = await approvedLine(world, enterpriseId, { validFrom: "2026-04-01", creditCheckOn: "2026-04-01" }, { proposer, approver, today: "2026-04-01" });
  await recordDisbursement(proposer, disbursementInput(lineId, "100000", { disbursedOn: on }), { today: on });
  return lineId;
}

async function flagsOf(enterpriseId: string) {
  return db.marketFlag.findMany({ where: { enterpriseId }, select: { kind: true, causeKey: true, facts: true } });
}

beforeAll(async () => {
  world = await buildWorld();
  headB = await extraActor(world, "BRANCH_HEAD", "B1");
  const c = await createBank(db, { code: `C-${world.tag}`, name: `丙银行${world.tag}`, nameEn: `Bank C ${world.tag}` });
  const c1 = await createBranch(db, { bankId: c.id, code: "C1", name: "丙一支行", nameEn: "C1", countyCode: "330483" });
  const manager = await createUser(db, { email: `c.${world.tag}@shoudai.test`, name: `丙经理${world.tag}`, role: "ACCOUNT_MANAGER", bankId: c.id, branchId: c1.id });
  bankC = { id: c.id, branchId: c1.id, manager: (await loadActor(db, manager.id))! };

  // FIRST_LOAN_MOVED: A lends on 05-10, B on 05-01 (recorded later, so the command moves the
  // fact to B), then the record is put back on A by hand. Near miss: the same without the edit.
  for (const name of ["moved", "movedNearMiss"]) {
    const e = await newEnterprise();
    await createClient(db, { bankId: world.bankA, branchId: world.branchA1, enterpriseId: e, managerId: world.userIds.owner });
    await addToBankB(world, e);
    await loan(e, "A", "2026-05-10");
    await loan(e, "B", "2026-05-01");
    ids[name] = e;
  }
  await db.$executeRaw`UPDATE enterprises SET first_loan_bank_id = ${world.bankA}::uuid, first_loan_on = '2026-05-10' WHERE id = ${ids.moved}::uuid`;

  // CROWDING: banks A, B, C within the 30 days ending on DAY (06-01 is day 1 of the window).
  // Near miss: A's visit on 05-31, one day outside.
  ids.crowded = await newEnterprise();
  ids.crowdedNearMiss = await newEnterprise();
  for (const [e, firstDay] of [[ids.crowded, "2026-06-01"], [ids.crowdedNearMiss, "2026-05-31"]] as const) {
    await inAllBanks(e);
    await logVisit(await world.actor("owner"), phoneVisit(e, firstDay));
    await logVisit(await world.actor("otherBankManager"), phoneVisit(e, "2026-06-20"));
    await logVisit(bankC.manager, phoneVisit(e, DAY));
  }

  // NO_CREDIT_CHECK: a first loan on 06-10 whose line's check is dated after it and the
  // enterprise has none. Near miss: the check on the day of the loan.
  for (const [name, checkOn] of [["unchecked", "2026-06-11"], ["uncheckedNearMiss", "2026-06-10"]] as const) {
    const e = await newEnterprise();
    await createClient(db, { bankId: world.bankA, branchId: world.branchA1, enterpriseId: e, managerId: world.userIds.owner });
    const lineId = await loan(e, "A", "2026-06-10");
    await db.$executeRaw`UPDATE credit_lines SET credit_check_on = ${checkOn}::date WHERE id = ${lineId}::uuid`;
    await db.$executeRaw`UPDATE enterprises SET credit_check_on = NULL WHERE id = ${e}::uuid`;
    ids[name] = e;
  }
});

describe("scanMarketFlags", () => {
  it("raises each kind from its case and not from the near miss; a re-run writes nothing", async () => {
    const written = await scanMarketFlags(db, DAY);
    expect(written).toBeGreaterThanOrEqual(3);
    expect((await flagsOf(ids.moved!)).map((f) => f.kind)).toEqual(["FIRST_LOAN_MOVED"]);
    expect(await flagsOf(ids.movedNearMiss!)).toEqual([]);
    expect((await flagsOf(ids.crowded!)).map((f) => f.kind)).toEqual(["CROWDING"]);
    expect(await flagsOf(ids.crowdedNearMiss!)).toEqual([]);
    expect((await flagsOf(ids.unchecked!)).map((f) => f.kind)).toEqual(["NO_CREDIT_CHECK"]);
    expect(await flagsOf(ids.uncheckedNearMiss!)).toEqual([]);

    const total = await db.marketFlag.count();
    expect(await scanMarketFlags(db, DAY)).toBe(0);
    // The next day the crowding episode is the same set of banks: still one flag.
    await scanMarketFlags(db, "2026-07-01");
    expect(await db.marketFlag.count({ where: { enterpriseId: ids.crowded! } })).toBe(1);
    expect(await db.marketFlag.count()).toBeGreaterThanOrEqual(total);
    // Inside the caller's transaction too (the daily scan's).
    expect(await db.$transaction((tx) => scanMarketFlags(tx, DAY))).toBe(0);
  });

  it("keeps aggregate facts only: bank names, dates, counts — no notes, no people", async () => {
    const [moved] = await flagsOf(ids.moved!);
    expect(moved!.facts).toMatchObject({
      recordedBank: { name: `甲银行${world.tag}` }, recordedFirstLoanOn: "2026-05-10",
      earliestBank: { name: `乙银行${world.tag}` }, earliestDisbursedOn: "2026-05-01", otherBanksBefore: 1,
    });
    const [crowd] = await flagsOf(ids.crowded!);
    expect(crowd!.facts).toMatchObject({ windowFrom: "2026-06-01", windowTo: DAY, bankCount: 3 });
    const [unchecked] = await flagsOf(ids.unchecked!);
    expect(unchecked!.facts).toMatchObject({ bank: { name: `甲银行${world.tag}` }, disbursedOn: "2026-06-10", lineCheckOn: "2026-06-11", enterpriseCheckOn: null });
    const text = JSON.stringify([moved, crowd, unchecked]);
    expect(text).not.toMatch(/私密走访记录|owner-|@shoudai|1[3-9]\d{9}/);
  });

  it("refuses a day that is not a date", async () => {
    await expect(scanMarketFlags(db, "2026-02-30")).rejects.toThrow(RangeError);
  });
});

describe("who sees and reviews flags", () => {
  let ningboFlag: string;
  let regulators: Record<"excl" | "ningbo" | "zhejiang", Actor>;

  beforeAll(async () => {
    const e = await newEnterprise("330203");
    ningboFlag = (await db.marketFlag.create({ data: { kind: "CROWDING", enterpriseId: e, causeKey: "banks:test", facts: { bankCount: 3, banks: [] } } })).id;
    const reg = async (name: string, jurisdiction: "NINGBO" | "ZHEJIANG") =>
      (await loadActor(db, (await createUser(db, { email: `${name}.${world.tag}@shoudai.test`, name: `${name}${world.tag}`, role: "REGULATOR", jurisdiction })).id))!;
    regulators = { excl: (await world.actor("regulator"))!, ningbo: await reg("nb", "NINGBO"), zhejiang: await reg("zj", "ZHEJIANG") };
  });

  const enterprises = async (actor: Actor | null, raw = {}) => (await listMarketFlags(actor, { status: "all", ...raw }))?.rows.map((r) => r.enterpriseId) ?? null;

  it("Ningbo's bureau sees Ningbo only; the bureau excluding Ningbo never sees it; the province sees both", async () => {
    const nb = (await db.marketFlag.findUniqueOrThrow({ where: { id: ningboFlag } })).enterpriseId;
    expect(await enterprises(regulators.ningbo)).toContain(nb);
    expect(await enterprises(regulators.ningbo)).not.toContain(ids.crowded);
    expect(await enterprises(regulators.excl)).not.toContain(nb);
    expect(await enterprises(regulators.excl)).toContain(ids.crowded);
    expect(await enterprises(regulators.zhejiang)).toEqual(expect.arrayContaining([nb, ids.crowded]));
    expect(await getMarketFlag(regulators.excl, ningboFlag)).toBeNull();
    expect((await getMarketFlag(regulators.ningbo, ningboFlag))?.id).toBe(ningboFlag);
  });

  it("banks and signed-out callers see none", async () => {
    for (const name of ["headOffice", "branchHead", "owner", "signedOut", "disabled"] as const) {
      expect(await listMarketFlags(await world.actor(name), {}), name).toBeNull();
    }
    const id = (await db.marketFlag.findFirstOrThrow({ where: { enterpriseId: ids.crowded! } })).id;
    expect(await getMarketFlag(await world.actor("headOffice"), id)).toBeNull();
  });

  it("the detail shows per-bank counts and dates, never notes or contact data", async () => {
    const id = (await db.marketFlag.findFirstOrThrow({ where: { enterpriseId: ids.crowded! } })).id;
    const detail = await getMarketFlag(regulators.excl, id);
    expect(detail!.banks.map((b) => [b.bankName, b.visits])).toEqual(
      expect.arrayContaining([[`甲银行${world.tag}`, 1], [`乙银行${world.tag}`, 1], [`丙银行${world.tag}`, 1]]));
    const phone = (await db.enterprise.findUniqueOrThrow({ where: { id: ids.crowded! }, select: { legalRepPhone: true, legalRepName: true } }));
    const text = JSON.stringify(detail);
    expect(text).not.toContain("私密走访记录");
    if (phone.legalRepPhone) expect(text).not.toContain(phone.legalRepPhone);
    if (phone.legalRepName) expect(text).not.toContain(phone.legalRepName);
  });

  it("filters by kind and status; a review is written once, with an audit row; outside the jurisdiction nothing is written", async () => {
    const id = (await db.marketFlag.findFirstOrThrow({ where: { enterpriseId: ids.unchecked! } })).id;
    const open = await listMarketFlags(regulators.excl, { kind: "NO_CREDIT_CHECK", status: "open" });
    expect(open!.rows.every((r) => r.kind === "NO_CREDIT_CHECK")).toBe(true);
    expect(open!.rows.map((r) => r.id)).toContain(id);

    const audits = () => db.auditLog.count({ where: { action: "market_flag.review" } });
    const before = await audits();
    // Empty note, another jurisdiction, a bank: refused, nothing written.
    await expect(reviewMarketFlag(regulators.excl, { flagId: id, note: " " })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(reviewMarketFlag(regulators.excl, { flagId: ningboFlag, note: "越界" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reviewMarketFlag(await world.actor("headOffice"), { flagId: id, note: "银行" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await audits()).toBe(before);
    expect((await db.marketFlag.findUniqueOrThrow({ where: { id: ningboFlag } })).reviewedAt).toBeNull();

    await reviewMarketFlag(regulators.excl, { flagId: id, note: "已约谈，补录征信查询" });
    expect(await audits()).toBe(before + 1);
    const detail = await getMarketFlag(regulators.excl, id);
    expect(detail).toMatchObject({ reviewNote: "已约谈，补录征信查询", reviewedByName: regulators.excl.name });
    expect((await listMarketFlags(regulators.excl, { kind: "NO_CREDIT_CHECK", status: "open" }))!.rows.map((r) => r.id)).not.toContain(id);
    expect((await listMarketFlags(regulators.excl, { kind: "NO_CREDIT_CHECK", status: "reviewed" }))!.rows.map((r) => r.id)).toContain(id);
    await expect(reviewMarketFlag(regulators.zhejiang, { flagId: id, note: "再次" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await audits()).toBe(before + 1);
  });
});
