// The monthly notice (监测通报): published once and frozen, restated (never rewritten) when the
// data changes, nothing written when nothing changed; each bank's head office reads its own
// page (its row + names and ranks of all banks); Ningbo's bureau its own block; the API's
// statuses. Notices cannot be deleted (append-only), so every run takes months that have no
// notice yet, in years other test files do not use (2001–2014); the world's banks are fresh,
// so their rows are exact whatever else the shared database holds.
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import ExcelJS from "exceljs";
import { getNoticeApi, listNoticesApi, noticeXlsxApi, postNoticeApi } from "@/lib/api/notices";
import { todayInShanghai } from "@/lib/domain/dates";
import { publishNotice } from "@/lib/notices/publish";
import { createLaggingRule, setLaggingRuleActive, updateLaggingRule } from "@/lib/commands/notices/lagging-rules";
import { runNoticeJob } from "@/lib/notices/job";
import { getNotice, type BankNoticeView, type ProvinceNoticeView } from "@/lib/queries/notices";
import { createEnterprise, createListBatch, createUser } from "@/prisma/seed/factories";
import { buildWorld, type ActorName, type World } from "../support/world";

let world: World;
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function freeMonth(): Promise<string> {
  for (;;) {
    const year = 2001 + Math.floor(Math.random() * 14);
    const month = `${year}-${String(1 + Math.floor(Math.random() * 12)).padStart(2, "0")}`;
    if (!(await db.notice.findUnique({ where: { month } }))) return month;
  }
}

async function noticeRows(month: string) {
  const notice = await db.notice.findUnique({ where: { month }, select: { id: true } });
  const [restatements, audit, notifications] = await Promise.all([
    notice ? db.noticeRestatement.count({ where: { noticeId: notice.id } }) : 0,
    notice ? db.auditLog.count({ where: { entityType: "notice", entityId: notice.id } }) : 0,
    db.notification.count({ where: { causeKey: `notice:${month}` } }),
  ]);
  return { notices: notice ? 1 : 0, restatements, audit, notifications };
}

let seq = 0;
const nextSeq = () => 700_000_000 + (parseInt(world.tag, 16) % 1_000_000) * 100 + ++seq;

/** A client of each bank (桐乡) pooled on the 6th and listed on the 5th; bank A's visited on site on the 10th. */
async function seedMonth(month: string) {
  const batch = await createListBatch(db, { listType: "BANKS_VISIT_ENTERPRISES", name: `通报测试${world.tag}-${month}`, issuedOn: `${month}-05` });
  const pooled = new Date(`${month}-06T02:00:00Z`);
  const a = await createEnterprise(db, { seq: nextSeq(), countyCode: "330483" });
  const b = await createEnterprise(db, { seq: nextSeq(), countyCode: "330483" });
  const clientA = await db.bankClient.create({ data: { bankId: world.bankA, enterpriseId: a.id, branchId: world.branchA1, managerId: world.userIds.owner, createdAt: pooled } });
  await db.bankClient.create({ data: { bankId: world.bankB, enterpriseId: b.id, branchId: world.branchB1, managerId: world.userIds.otherBankManager, createdAt: pooled } });
  for (const enterpriseId of [a.id, b.id]) {
    await db.listMembership.create({ data: { enterpriseId, batchId: batch.id, listType: "BANKS_VISIT_ENTERPRISES", listedOn: asDate(`${month}-05`) } });
  }
  await db.visit.create({
    data: {
      clientId: clientA.id, bankId: world.bankA, branchId: world.branchA1, enterpriseId: a.id, userId: world.userIds.owner,
      visitedOn: asDate(`${month}-10`), mode: "ON_SITE", hasNeed: false, noNeedReason: "NO_NEED_NOW",
    },
  });
}

/** A new 首贷户 of bank A in the month (a fresh enterprise in its pool). */
async function addFirstLoan(month: string) {
  const e = await createEnterprise(db, { seq: nextSeq(), countyCode: "330483" });
  await db.bankClient.create({ data: { bankId: world.bankA, enterpriseId: e.id, branchId: world.branchA1, managerId: world.userIds.owner } });
  await db.enterprise.update({ where: { id: e.id }, data: { firstLoanOn: asDate(`${month}-20`), firstLoanBankId: world.bankA, firstLoanAmount: "500000.00" } });
}

// Coverage is cumulative up to a month's end and rankings are year to date: each block (and
// each publishing test) gets a fresh world, so another test's months do not add to its banks.
beforeAll(async () => {
  world = await buildWorld();
});

describe("publishing a month's notice", () => {
  // Rankings are year to date: a fresh world per test keeps another test's month out of its banks' rows.
  beforeEach(async () => {
    world = await buildWorld();
  });

  it("publishes once: a frozen notice, an audit row and one notification per head office and regulator; the second run writes nothing", async () => {
    const month = await freeMonth();
    await seedMonth(month);
    await addFirstLoan(month);

    const first = await publishNotice(month, { trigger: "SCHEDULE" }, db);
    expect(first.outcome).toBe("published");
    const after = await noticeRows(month);
    expect(after).toMatchObject({ notices: 1, restatements: 0, audit: 1 });
    // The world's head office and regulator are told; its account manager and branch head are not.
    const told = await db.notification.findMany({ where: { causeKey: `notice:${month}`, kind: "NOTICE_PUBLISHED" }, select: { userId: true } });
    const toldIds = told.map((n) => n.userId);
    expect(toldIds).toEqual(expect.arrayContaining([world.userIds.headOffice, world.userIds.regulator]));
    expect(toldIds).not.toContain(world.userIds.owner);
    expect(toldIds).not.toContain(world.userIds.branchHead);
    expect(toldIds).not.toContain(world.userIds.disabled);

    const second = await publishNotice(month, { trigger: "ON_DEMAND", requestedBy: world.userIds.regulator }, db);
    expect(second.outcome).toBe("unchanged");
    expect(await noticeRows(month)).toEqual(after);

    const view = (await getNotice(await world.actor("regulator"), month)) as ProvinceNoticeView;
    const bankA = view.figures.rankings.banks.find((b) => b.code === world.bankA)!;
    expect(bankA).toMatchObject({ monthFirstLoans: 1, firstLoans: 1, firstLoanAmount: "500000.00", visited: 1, listed: 1, contacted: 1, coverage: 1 });
    expect(view.figures.rankings.banks.find((b) => b.code === world.bankB)).toMatchObject({ listed: 1, contacted: 0, coverage: 0, firstLoans: 0 });
    expect(view.restatements).toEqual([]);
  });

  it("flags the banks that break the regulator's rules, and audits each rule change", async () => {
    const regulator = await world.actor("regulator");
    const { id } = await createLaggingRule(regulator, { metric: "coverage", comparator: "lt", threshold: "0.4321" });
    const audited = await db.auditLog.findMany({ where: { entityType: "lagging_rule", entityId: id }, select: { action: true, actorId: true } });
    expect(audited).toEqual([{ action: "lagging_rule.create", actorId: world.userIds.regulator }]);
    // Bank A's head office may not touch the rules.
    await expect(createLaggingRule(await world.actor("headOffice"), { metric: "coverage", comparator: "lt", threshold: "0.9" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createLaggingRule(regulator, { metric: "coverage", comparator: "lt", threshold: "thirty" })).rejects.toMatchObject({ code: "INVALID_INPUT" });

    const month = await freeMonth();
    await seedMonth(month);
    await publishNotice(month, { trigger: "SCHEDULE" }, db);
    const view = (await getNotice(regulator, month)) as ProvinceNoticeView;
    const ours = view.figures.flags.filter((f) => f.threshold === "0.4321");
    expect(ours).toContainEqual(expect.objectContaining({ bankId: world.bankB, metric: "coverage", value: 0 }));
    expect(ours.some((f) => f.bankId === world.bankA)).toBe(false);
    expect(view.figures.rules).toContainEqual({ metric: "coverage", comparator: "lt", threshold: "0.4321" });

    // Deactivated, the rule flags nothing in the next notice; the change is audited.
    await setLaggingRuleActive(regulator, { id, active: "no" });
    const next = await freeMonth();
    await seedMonth(next);
    await publishNotice(next, { trigger: "SCHEDULE" }, db);
    const later = (await getNotice(regulator, next)) as ProvinceNoticeView;
    expect(later.figures.flags.some((f) => f.threshold === "0.4321")).toBe(false);
    expect(await db.auditLog.count({ where: { entityType: "lagging_rule", entityId: id, action: "lagging_rule.deactivate" } })).toBe(1);
  });

  it("freezes the figures: later data leaves the notice as published; the next run records a restatement with the difference and an audit row; a third run writes nothing", async () => {
    const month = await freeMonth();
    await seedMonth(month);
    await addFirstLoan(month);
    await publishNotice(month, { trigger: "SCHEDULE" }, db);
    const published = await db.notice.findUniqueOrThrow({ where: { month } });

    // A correction arrives: a second first loan of bank A in that month.
    await addFirstLoan(month);
    const regulator = await world.actor("regulator");
    const stillFrozen = (await getNotice(regulator, month)) as ProvinceNoticeView;
    expect(stillFrozen.figures.rankings.banks.find((b) => b.code === world.bankA)!.firstLoans).toBe(1);

    const restated = await runNoticeJob({ month, trigger: "ON_DEMAND", requestedById: world.userIds.regulator });
    expect(restated.detail).toMatchObject({ outcome: "restated" });
    const view = (await getNotice(regulator, month)) as ProvinceNoticeView;
    // The notice row is untouched: same figures, same version, same time.
    const again = await db.notice.findUniqueOrThrow({ where: { month } });
    expect(again.figures).toEqual(published.figures);
    expect(again.rollupVersion).toBe(published.rollupVersion);
    expect(view.figures.rankings.banks.find((b) => b.code === world.bankA)!.firstLoans).toBe(1);
    expect(view.restatements).toHaveLength(1);
    const changes = view.restatements[0]!.changes;
    expect(changes).toContainEqual({ path: `rankings.banks[${world.bankA}].firstLoans`, before: 1, after: 2 });
    expect(changes).toContainEqual({ path: `rankings.banks[${world.bankA}].firstLoanAmount`, before: "500000.00", after: "1000000.00" });
    const province = changes.find((c) => c.path === "funnel.excludingNingbo.month.current.firstLoans")!;
    expect(Number(province.after) - Number(province.before)).toBe(1);
    expect(view.restatedFigures!.rankings.banks.find((b) => b.code === world.bankA)!.firstLoans).toBe(2);
    const audit = await db.auditLog.findMany({ where: { entityType: "notice", entityId: published.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["notice.publish", "notice.restate"]);
    expect(audit[1]!.actorId).toBe(world.userIds.regulator);

    const rows = await noticeRows(month);
    const third = await runNoticeJob({ month, trigger: "SCHEDULE" });
    expect(third).toMatchObject({ rowsTouched: 0, detail: { outcome: "unchanged" } });
    expect(await noticeRows(month)).toEqual(rows);
    // Every run is in the job history.
    expect(await db.jobRun.count({ where: { job: "monthly-notice", key: month, status: "DONE" } })).toBe(2);
  });

  it("publishes once when the schedule and a regulator meet", async () => {
    const month = await freeMonth();
    await seedMonth(month);
    const outcomes = await Promise.all([
      publishNotice(month, { trigger: "SCHEDULE" }, db),
      publishNotice(month, { trigger: "ON_DEMAND", requestedBy: world.userIds.regulator }, db),
    ]);
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(["published", "unchanged"]);
    expect(await noticeRows(month)).toMatchObject({ notices: 1, restatements: 0, audit: 1 });
  });

  it("shows a head office the restatement of its own figures only", async () => {
    const month = await freeMonth();
    await seedMonth(month);
    await publishNotice(month, { trigger: "SCHEDULE" }, db);
    await addFirstLoan(month);
    await publishNotice(month, { trigger: "SCHEDULE" }, db);
    const view = (await getNotice(await world.actor("headOffice"), month)) as BankNoticeView;
    const paths = view.restatements.flatMap((r) => r.changes.map((c) => c.path));
    expect(paths).toContain(`rankings.banks[${world.bankA}].firstLoans`);
    expect(paths.every((p) => p.startsWith("funnel.excludingNingbo") || p.startsWith(`rankings.banks[${world.bankA}]`))).toBe(true);
    // Its page still shows the figures as published.
    expect(view.own?.firstLoans ?? 0).toBe(0);
  });

  it("audits a changed rule with what it was and what it became", async () => {
    const regulator = await world.actor("regulator");
    const { id } = await createLaggingRule(regulator, { metric: "medianDays", comparator: "gt", threshold: "45" });
    await updateLaggingRule(regulator, { id, metric: "medianDays", comparator: "gt", threshold: "30.5" });
    const row = await db.auditLog.findFirstOrThrow({ where: { entityType: "lagging_rule", entityId: id, action: "lagging_rule.update" } });
    expect(row.before).toMatchObject({ threshold: "45.0000", isActive: true });
    expect(row.after).toMatchObject({ threshold: "30.5000", metric: "medianDays", comparator: "gt" });
    const before = await db.laggingRule.count();
    await expect(updateLaggingRule(await world.actor("branchHead"), { id, metric: "coverage", comparator: "lt", threshold: "0.1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await db.laggingRule.findUniqueOrThrow({ where: { id } })).threshold.toFixed(4)).toBe("30.5000");
    expect(await db.laggingRule.count()).toBe(before);
  });

  it("refuses to change a published notice in the database itself", async () => {
    const month = await freeMonth();
    await publishNotice(month, { trigger: "SCHEDULE" }, db);
    await expect(db.notice.update({ where: { month }, data: { trigger: "X" } })).rejects.toThrow();
    await expect(db.notice.delete({ where: { month } })).rejects.toThrow();
  });
});

describe("who reads what", () => {
  let month: string;
  beforeAll(async () => {
    world = await buildWorld();
    month = await freeMonth();
    await seedMonth(month);
    await addFirstLoan(month);
    await publishNotice(month, { trigger: "SCHEDULE" }, db);
  });

  it("gives a bank's head office its own figures against the province and only names and ranks of the other banks", async () => {
    const view = (await getNotice(await world.actor("headOffice"), month)) as BankNoticeView;
    expect(view.audience).toBe("bank");
    expect(view.own).toMatchObject({ code: world.bankA, firstLoans: 1, visited: 1 });
    const other = view.ranking.find((r) => r.name === `乙银行${world.tag}`)!;
    expect(other).toMatchObject({ code: null, isOwn: false });
    expect(Object.keys(other).sort()).toEqual(["code", "isOwn", "name", "nameEn", "ranks"]);
    expect(view.ranking.filter((r) => r.isOwn)).toHaveLength(1);
    // Nothing of bank B beyond its name and ranks: not its id, not its figures.
    expect(JSON.stringify(view)).not.toContain(world.bankB);
    expect(view).not.toHaveProperty("figures");
    expect(view.province.month.current.firstLoans).toBeGreaterThanOrEqual(1);
  });

  it("gives Ningbo's bureau the Ningbo block only", async () => {
    const user = await createUser(db, { email: `nb.${world.tag}@shoudai.test`, name: `nb-${world.tag}`, role: "REGULATOR", jurisdiction: "NINGBO" });
    const view = await getNotice(await loadActor(db, user.id), month);
    expect(view?.audience).toBe("ningbo");
    expect(view).not.toHaveProperty("figures");
    expect(JSON.stringify(view)).not.toContain(world.bankA);
    expect((await postNoticeApi(await loadActor(db, user.id), month)).status).toBe(403);
  });

  it.each(["owner", "sameBranchManager", "branchHead", "otherBankManager", "signedOut", "disabled"] as ActorName[])("gives %s nothing", async (name) => {
    const actor = await world.actor(name);
    expect(await getNotice(actor, month)).toBeNull();
  });
});

describe("/api/v1/notices", () => {
  let month: string;
  beforeAll(async () => {
    world = await buildWorld();
    month = await freeMonth();
    await seedMonth(month);
  });

  it.each([
    ["signedOut", 401],
    ["disabled", 401],
    ["owner", 403],
    ["branchHead", 403],
    ["otherBankManager", 403],
  ] as [ActorName, number][])("%s gets %i and no figures from every endpoint", async (name, status) => {
    const actor = await world.actor(name);
    for (const result of [await listNoticesApi(actor), await getNoticeApi(actor, month), await postNoticeApi(actor, month)]) {
      expect(result.status).toBe(status);
      expect(Object.keys(result.body as object)).toEqual(["error"]);
    }
    expect(await db.notice.findUnique({ where: { month } })).toBeNull();
  });

  it("lets a regulator generate a past month (202), then answers 200 without writing, and serves the frozen figures", async () => {
    const regulator = await world.actor("regulator");
    expect((await getNoticeApi(regulator, month)).status).toBe(404);
    const created = await postNoticeApi(regulator, month);
    expect(created.status).toBe(202);
    expect(created.body).toMatchObject({ outcome: "published", audience: "province", month });
    const rows = await noticeRows(month);
    const again = await postNoticeApi(regulator, month);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: "unchanged" });
    expect(await noticeRows(month)).toEqual(rows);

    const got = await getNoticeApi(regulator, month);
    expect(got.status).toBe(200);
    const body = got.body as ProvinceNoticeView & { currency: string };
    expect(body.currency).toBe("CNY");
    expect(body.figures.funnel.excludingNingbo.ytd.current).toHaveProperty("firstLoans");
    expect(body.figures.rankings.banks.find((b) => b.code === world.bankA)).toMatchObject({ visited: 1 });
    const list = (await listNoticesApi(regulator)).body as { notices: { month: string }[] };
    expect(list.notices.map((n) => n.month)).toContain(month);
  });

  it("gives a head office its own bank's page and refuses it POST", async () => {
    const headOffice = await world.actor("headOffice");
    await postNoticeApi(await world.actor("regulator"), month);
    const got = await getNoticeApi(headOffice, month);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ audience: "bank", bankId: world.bankA });
    expect(JSON.stringify(got.body)).not.toContain(world.bankB);
    expect((await listNoticesApi(headOffice)).status).toBe(200);
    expect((await postNoticeApi(headOffice, month)).status).toBe(403);
  });

  it("hands out the notice as a workbook: the regulator's whole, the head office's own bank only (others by name and rank)", async () => {
    await postNoticeApi(await world.actor("regulator"), month);
    const sheets = async (name: ActorName) => {
      const file = await noticeXlsxApi(await world.actor(name), month);
      expect(file.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(file.file!);
      return book;
    };
    const regulator = await sheets("regulator");
    expect(regulator.worksheets.map((w) => w.name)).toEqual(["全省漏斗", "银行排名", "设区市排名", "落后机构"]);
    const regulatorBanks = regulator.getWorksheet("银行排名")!.getColumn(2).values.map(String);
    expect(regulatorBanks).toEqual(expect.arrayContaining([`甲银行${world.tag}`, `乙银行${world.tag}`]));

    const bank = await sheets("headOffice");
    const figures = bank.getWorksheet("银行排名")!.getColumn(2).values.map(String);
    expect(figures).toContain(`甲银行${world.tag}`);
    expect(figures).not.toContain(`乙银行${world.tag}`);
    const ranking = bank.getWorksheet("银行排名表")!;
    expect(ranking.getColumn(1).values.map(String)).toContain(`乙银行${world.tag}`);
    expect(ranking.columnCount).toBe(6);
    expect((await noticeXlsxApi(await world.actor("owner"), month)).status).toBe(403);
  });

  it.each(["2020-13", "2020-1", "abcd-ef", "1999-12", "2020-05-01"])("answers 400 to the malformed month %s", async (bad) => {
    const regulator = await world.actor("regulator");
    expect((await getNoticeApi(regulator, bad)).status).toBe(400);
    expect((await postNoticeApi(regulator, bad)).status).toBe(400);
  });

  it("refuses to generate a month that is not over (400) and writes nothing", async () => {
    const regulator = await world.actor("regulator");
    const current = todayInShanghai().slice(0, 7);
    const before = await db.notice.count();
    expect((await postNoticeApi(regulator, "2099-12")).status).toBe(400);
    expect((await postNoticeApi(regulator, current)).status).toBe(400);
    expect(await db.notice.count()).toBe(before);
  });
});
