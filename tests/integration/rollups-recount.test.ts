// Rollups must equal a recount from the base tables at every moment. Random operations —
// visits through logVisit, listings, pool changes, reassignment, credit proposals, approvals,
// rejections, limit edits, deletions, first loans, an enterprise moving county — then every
// figure of every grouping (total, city, county, bank, branch, manager) over several periods
// is compared with lib/rollups/naive.ts (GROUP BY over the base tables).
import { randomUUID } from "node:crypto";
import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import { logVisit } from "@/lib/commands/log-visit";
import { COUNTIES } from "@/lib/domain/regions";
import { addDays } from "@/lib/domain/dates";
import { previousYear, type Period } from "@/lib/domain/period";
import { naiveSums } from "@/lib/rollups/naive";
import { getBranchDashboard } from "@/lib/queries/branch-dashboard";
import { sumRollups, type RollupFilter, type RollupGroup } from "@/lib/rollups/query";
import { createBank, createBranch, createClient, createEnterprise, createListBatch, createUser } from "@/prisma/seed/factories";
import { createRandom, type Random } from "@/prisma/seed/random";
import { proposeCredit } from "@/lib/commands/propose-credit";
import { decideCredit } from "@/lib/commands/decide-credit";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { recordRepayment } from "@/lib/commands/record-repayment";
import { buildWorld } from "../support/world";
import { addClient, addToBankB, approvedLine, disbursementInput, extraActor, proposalInput, repaymentInput } from "../support/money";

type Bank = { id: string; branches: { id: string; managers: string[]; head: string }[] };

const DAY0 = "2024-01-01";
const day = (random: Random) => addDays(DAY0, random.int(0, 700));
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

async function buildBanks(tag: string): Promise<Bank[]> {
  const banks: Bank[] = [];
  for (const b of ["X", "Y", "Z"]) {
    const bank = await createBank(db, { code: `R${b}-${tag}`, name: `汇总测试${b}${tag}`, nameEn: `Rollup ${b} ${tag}` });
    const branches = [];
    for (const [i, county] of ["330106", "330483", "330212"].entries()) {
      const branch = await createBranch(db, { bankId: bank.id, code: `${b}${i}`, name: `${b}${i}支行`, nameEn: `${b}${i}`, countyCode: county });
      const managers = [];
      for (let m = 0; m < 2; m++) {
        const user = await createUser(db, {
          email: `r.${b}${i}${m}.${tag}@shoudai.test`.toLowerCase(), name: `经理${b}${i}${m}`, role: "ACCOUNT_MANAGER", bankId: bank.id, branchId: branch.id,
        });
        managers.push(user.id);
      }
      const head = await createUser(db, {
        email: `r.head.${b}${i}.${tag}@shoudai.test`.toLowerCase(), name: `行长${b}${i}`, role: "BRANCH_HEAD", bankId: bank.id, branchId: branch.id,
      });
      branches.push({ id: branch.id, managers, head: head.id });
    }
    banks.push({ id: bank.id, branches });
  }
  return banks;
}

const GROUPS: RollupGroup[] = ["total", "city", "county", "bank", "branch", "manager"];

async function expectRollupsEqualRecount(banks: Bank[] | { bankId: string; branchId: string }, periods: Period[]): Promise<number> {
  let compared = 0;
  const some = Array.isArray(banks) ? { bankId: banks[0]!.id, branchId: banks[1]!.branches[0]!.id } : banks;
  const filters: RollupFilter[] = [
    { cities: "all" },
    { cities: "excludeNingbo" },
    { cities: "ningboOnly" },
    { cities: "all", bankId: some.bankId },
    { cities: "excludeNingbo", branchId: some.branchId },
    { cities: "all", cityCode: "330400" },
  ];
  for (const period of periods) {
    const input = { period, previous: previousYear(period) };
    for (const group of GROUPS) {
      for (const filter of filters) {
        const [fast, slow] = await Promise.all([sumRollups(db, { ...input, group, filter }), naiveSums(db, { ...input, group, filter })]);
        expect(Object.fromEntries(fast), `${group} ${JSON.stringify(filter)} ${period.from}..${period.to}`).toEqual(Object.fromEntries(slow));
        compared += fast.size;
      }
    }
  }
  return compared;
}

describe("rollups equal a recount from the base tables", () => {
  let banks: Bank[];
  let tag: string;
  beforeAll(async () => {
    tag = randomUUID().slice(0, 8);
    banks = await buildBanks(tag);
  });

  it("after random operations of every kind", async () => {
    const random = createRandom(4242);
    const counties = ["330106", "330483", "330212", "330302", "330782", "330203", "330402"];
    const enterprises: { id: string; county: string }[] = [];
    const base = 700_000_000 + (parseInt(tag, 16) % 1_000_000) * 100;
    for (let i = 0; i < 36; i++) {
      const county = counties[i % counties.length]!;
      const e = await createEnterprise(db, { seq: base + i, countyCode: county });
      enterprises.push({ id: e.id, county });
    }
    const batches = [];
    for (const listType of ["BANKS_VISIT_ENTERPRISES", "SME_PARK"] as const) {
      batches.push(await createListBatch(db, { listType, name: `汇总测试${tag}${listType}`, issuedOn: DAY0 }));
    }
    const allBranches = banks.flatMap((b) => b.branches.map((br) => ({ bankId: b.id, ...br })));

    const pickClient = async () => {
      const clients = await db.bankClient.findMany({ where: { enterpriseId: { in: enterprises.map((e) => e.id) } }, orderBy: { id: "asc" } });
      return clients.length ? random.pick(clients) : null;
    };

    const counts: Record<string, number> = {};
    for (let step = 0; step < 260; step++) {
      const e = random.pick(enterprises);
      const roll = random.int(0, 99);
      let kind = "";
      if (roll < 10) {
        kind = "list";
        const batch = random.pick(batches);
        await db.listMembership.upsert({
          where: { enterpriseId_batchId: { enterpriseId: e.id, batchId: batch.id } },
          create: { enterpriseId: e.id, batchId: batch.id, listType: batch.listType, listedOn: asDate(day(random)) },
          update: { listedOn: asDate(day(random)) },
        });
      } else if (roll < 13) {
        kind = "unlist";
        await db.listMembership.deleteMany({ where: { enterpriseId: e.id, batchId: random.pick(batches).id } });
      } else if (roll < 22) {
        kind = "pool";
        const br = random.pick(allBranches);
        const exists = await db.bankClient.findUnique({ where: { bankId_enterpriseId: { bankId: br.bankId, enterpriseId: e.id } } });
        if (!exists) {
          const c = await createClient(db, { bankId: br.bankId, branchId: br.id, enterpriseId: e.id, managerId: random.pick(br.managers) });
          // Entering the pool on a chosen day (created_at is what "pooled" counts by).
          await db.bankClient.update({ where: { id: c.id }, data: { createdAt: new Date(`${day(random)}T${random.pick(["01", "12", "17", "23"])}:30:00Z`) } });
        }
      } else if (roll < 27) {
        kind = "reassign";
        const c = await pickClient();
        if (c) {
          const bank = banks.find((b) => b.id === c.bankId)!;
          const br = random.pick(bank.branches);
          await db.bankClient.update({ where: { id: c.id }, data: { branchId: br.id, managerId: random.chance(0.15) ? null : random.pick(br.managers) } });
        }
      } else if (roll < 52) {
        kind = "visit";
        const c = await pickClient();
        if (c?.managerId) {
          const hasNeed = random.chance(0.5);
          await logVisit(await loadActor(db, c.managerId), {
            enterpriseId: c.enterpriseId,
            visitedOn: day(random),
            mode: random.pick(["ON_SITE", "ON_SITE", "PHONE", "ONLINE"]),
            hasNeed: hasNeed ? "yes" : "no",
            ...(hasNeed ? { amountWan: "50", termMonths: "12", purpose: "WORKING_CAPITAL" } : { noNeedReason: "NO_NEED_NOW" }),
          });
        }
      } else if (roll < 56) {
        kind = "visit-edit";
        const v = await db.visit.findFirst({ where: { enterpriseId: { in: enterprises.map((x) => x.id) } }, skip: random.int(0, 5), orderBy: { id: "asc" } });
        if (v) {
          if (random.chance(0.3)) {
            await db.$transaction([db.financingNeed.deleteMany({ where: { visitId: v.id } }), db.visit.delete({ where: { id: v.id } })]);
          } else {
            const on = day(random);
            await db.visit.update({ where: { id: v.id }, data: { visitedOn: asDate(on), mode: random.pick(["ON_SITE", "PHONE"]) } });
            await db.financingNeed.updateMany({ where: { visitId: v.id }, data: { raisedOn: asDate(on) } });
          }
        }
      } else if (roll < 72) {
        kind = "propose";
        const c = await pickClient();
        if (c?.managerId) {
          const pending = await db.creditLine.findFirst({ where: { bankId: c.bankId, enterpriseId: c.enterpriseId, status: "PENDING" } });
          if (!pending) {
            const from = day(random);
            await db.creditLine.create({
              data: {
                clientId: c.id, bankId: c.bankId, branchId: c.branchId!, enterpriseId: c.enterpriseId, productName: "测试贷",
                limitAmount: `${random.int(1, 500) * 10000}.${String(random.int(0, 99)).padStart(2, "0")}`,
                guaranteeMode: "CREDIT", isRevolving: random.chance(0.5), validFrom: asDate(from), validTo: asDate(addDays(from, 365)),
                creditCheckOn: asDate(from), creditCheckHasPriorLoan: false, proposedById: c.managerId,
              },
            });
          }
        }
      } else if (roll < 84) {
        kind = "decide";
        const line = await db.creditLine.findFirst({ where: { enterpriseId: { in: enterprises.map((x) => x.id) }, status: "PENDING" }, orderBy: { id: "asc" } });
        if (line) {
          const head = allBranches.find((b) => b.id === line.branchId)!.head;
          const approve = random.chance(0.75);
          await db.creditLine.update({
            where: { id: line.id },
            data: { status: approve ? "APPROVED" : "REJECTED", decidedById: head, decidedAt: new Date(), decidedOn: asDate(day(random)), decisionReason: approve ? null : "不符合条件" },
          });
        }
      } else if (roll < 89) {
        kind = "line-edit";
        const line = await db.creditLine.findFirst({ where: { enterpriseId: { in: enterprises.map((x) => x.id) }, status: "APPROVED" }, skip: random.int(0, 3), orderBy: { id: "asc" } });
        if (line) {
          if (random.chance(0.3)) await db.creditLine.delete({ where: { id: line.id } });
          else if (random.chance(0.5)) await db.creditLine.update({ where: { id: line.id }, data: { limitAmount: `${random.int(1, 900) * 1000}.50` } });
          else await db.creditLine.update({ where: { id: line.id }, data: { decidedOn: asDate(day(random)) } });
        }
      } else if (roll < 97) {
        kind = "first-loan";
        const bank = random.pick(banks);
        await db.enterprise.update({
          where: { id: e.id },
          data: random.chance(0.2)
            ? { firstLoanOn: null, firstLoanBankId: null, firstLoanAmount: null }
            : { firstLoanOn: asDate(day(random)), firstLoanBankId: bank.id, firstLoanAmount: `${random.int(1, 300) * 10000}.00` },
        });
      } else {
        kind = "move-county";
        const county = random.pick(COUNTIES.filter((c) => ["330100", "330200", "330400"].includes(c.cityCode)));
        await db.enterprise.update({ where: { id: e.id }, data: { countyCode: county.code, cityCode: county.cityCode } });
      }
      counts[kind] = (counts[kind] ?? 0) + 1;
      if (step % 65 === 64) {
        await expectRollupsEqualRecount(banks, [{ from: "2024-01-01", to: "2025-12-31" }, { from: "2025-03-01", to: "2025-05-31" }]);
      }
    }
    // Every kind of operation happened.
    for (const k of ["list", "unlist", "pool", "reassign", "visit", "visit-edit", "propose", "decide", "line-edit", "first-loan", "move-county"]) {
      expect(counts[k], k).toBeGreaterThan(0);
    }
    const compared = await expectRollupsEqualRecount(banks, [
      { from: "2024-01-01", to: "2025-12-31" },
      { from: "2024-02-01", to: "2024-02-29" },
      { from: "2025-01-01", to: "2025-06-30" },
      { from: "2025-07-15", to: "2025-11-20" },
    ]);
    expect(compared).toBeGreaterThan(50);
  }, 120_000);

  it("stays exact under concurrent visits and approvals on the same county and day", async () => {
    const base = 710_000_000 + (parseInt(tag, 16) % 1_000_000) * 100;
    const branch = banks[2]!.branches[1]!;
    const batch = await createListBatch(db, { listType: "SUPPLY_CHAIN", name: `并发${tag}`, issuedOn: "2025-02-01" });
    const ids: string[] = [];
    for (let i = 0; i < 16; i++) {
      const e = await createEnterprise(db, { seq: base + i, countyCode: "330483" });
      await db.listMembership.create({ data: { enterpriseId: e.id, batchId: batch.id, listType: "SUPPLY_CHAIN", listedOn: asDate("2025-02-01") } });
      await createClient(db, { bankId: banks[2]!.id, branchId: branch.id, enterpriseId: e.id, managerId: branch.managers[i % 2]! });
      ids.push(e.id);
    }
    const actors = await Promise.all(branch.managers.map((m) => loadActor(db, m)));
    await Promise.all(ids.map((id, i) => logVisit(actors[i % 2]!, {
      enterpriseId: id, visitedOn: "2025-03-03", mode: "ON_SITE", hasNeed: "yes", amountWan: "80", termMonths: "12", purpose: "EQUIPMENT",
    })));
    const clients = await db.bankClient.findMany({ where: { enterpriseId: { in: ids } } });
    await Promise.all(clients.map((c) => db.creditLine.create({
      data: {
        clientId: c.id, bankId: c.bankId, branchId: c.branchId!, enterpriseId: c.enterpriseId, productName: "并发贷", limitAmount: "1000000.01",
        guaranteeMode: "GUARANTEE", isRevolving: true, validFrom: asDate("2025-03-05"), validTo: asDate("2026-03-04"),
        creditCheckOn: asDate("2025-03-04"), creditCheckHasPriorLoan: false, proposedById: c.managerId!,
        status: "APPROVED", decidedById: branch.head, decidedAt: new Date(), decidedOn: asDate("2025-03-05"),
      },
    })));
    await expectRollupsEqualRecount(banks, [{ from: "2025-01-01", to: "2025-12-31" }]);
    const province = await sumRollups(db, {
      period: { from: "2025-03-05", to: "2025-03-05" }, previous: previousYear({ from: "2025-03-05", to: "2025-03-05" }),
      group: "branch", filter: { cities: "all", branchId: branch.id },
    });
    expect(province.get(branch.id)?.current.credited).toBe(16);
    expect(province.get(branch.id)?.current.creditAmount).toBe("16000000.16");
  }, 60_000);

  it("after the money path through its own commands: proposals, approvals, disbursements (one dated before another bank's first loan), repayments", async () => {
    const world = await buildWorld();
    const owner = await world.actor("owner");
    const head = await world.actor("branchHead");
    const otherManager = await world.actor("otherBankManager");
    const otherHead = await extraActor(world, "BRANCH_HEAD", "B1");
    const batch = await createListBatch(db, { listType: "SME_PARK", name: `资金链路${world.tag}`, issuedOn: "2025-01-06" });
    const enterprises: string[] = [];
    for (let i = 0; i < 6; i++) {
      const { enterpriseId } = await addClient(world);
      if (i < 4) await db.listMembership.create({ data: { enterpriseId, batchId: batch.id, listType: "SME_PARK", listedOn: asDate("2025-01-06") } });
      await logVisit(owner, { enterpriseId, visitedOn: `2025-02-1${i}`, mode: "ON_SITE", hasNeed: "yes", amountWan: "60", termMonths: "12", purpose: "WORKING_CAPITAL" });
      enterprises.push(enterpriseId);
    }
    const lines: string[] = [];
    for (const [i, enterpriseId] of enterprises.entries()) {
      const today = `2025-03-0${i + 1}`;
      const line = await approvedLine(world, enterpriseId, { limitAmount: `${(i + 1) * 100000}.25`, validFrom: today, validTo: "2026-02-28", creditCheckOn: today }, { today });
      lines.push(line);
    }
    // One proposal rejected, one left pending.
    const rejected = await proposeCredit(owner, proposalInput(enterprises[4]!, { validFrom: "2025-03-10", validTo: "2026-03-09", creditCheckOn: "2025-03-10" }, "2025-03-10"), { today: "2025-03-10" });
    await decideCredit(head, { creditLineId: rejected.creditLineId, decision: "REJECT", reason: "经营流水不足" }, { today: "2025-03-11" });
    await proposeCredit(owner, proposalInput(enterprises[5]!, { validFrom: "2025-03-12", validTo: "2026-03-11", creditCheckOn: "2025-03-12" }, "2025-03-12"), { today: "2025-03-12" });
    // First loans, a few of them at once.
    await Promise.all(lines.slice(0, 4).map((line, i) => recordDisbursement(owner, disbursementInput(line, `${(i + 1) * 50000}.00`, { disbursedOn: `2025-04-0${i + 1}` }), { today: "2025-04-10" })));
    // Bank B lends to enterprise 0 earlier than bank A did: bank B now holds its first loan.
    const clientB = await addToBankB(world, enterprises[0]!);
    expect(clientB).toBeTruthy();
    const { creditLineId: lineB } = await proposeCredit(otherManager, proposalInput(enterprises[0]!, { validFrom: "2025-03-20", validTo: "2026-03-19", creditCheckOn: "2025-03-20" }, "2025-03-20"), { today: "2025-03-20" });
    await decideCredit(otherHead, { creditLineId: lineB, decision: "APPROVE" }, { today: "2025-03-21" });
    await recordDisbursement(otherManager, disbursementInput(lineB, "30000.00", { disbursedOn: "2025-03-25" }), { today: "2025-04-12" });
    await recordRepayment(owner, repaymentInput(lines[1]!, "20000.00", { repaidOn: "2025-05-02" }), { today: "2025-05-02" });
    // A further line after the first loan: a partner client.
    await approvedLine(world, enterprises[2]!, { limitAmount: "500000", validFrom: "2025-05-10", validTo: "2026-05-09", creditCheckOn: "2025-05-10" }, { today: "2025-05-10" });

    const first = await db.enterprise.findUniqueOrThrow({ where: { id: enterprises[0]! }, select: { firstLoanBankId: true } });
    expect(first.firstLoanBankId).toBe(world.bankB);
    await expectRollupsEqualRecount({ bankId: world.bankA, branchId: world.branchA1 }, [
      { from: "2025-01-01", to: "2025-12-31" },
      { from: "2025-03-02", to: "2025-04-02" },
    ]);
    const byBank = await sumRollups(db, { period: { from: "2025-03-01", to: "2025-05-31" }, previous: { from: "2024-03-01", to: "2024-05-31" }, group: "bank", filter: { cities: "all" } });
    // Bank B: the displaced first loan (enterprise 0). Bank A: enterprises 1–3.
    expect(byBank.get(world.bankB)?.current.firstLoans).toBe(1);
    expect(byBank.get(world.bankA)?.current.firstLoans).toBe(3);
  }, 120_000);
});

// ───────────────────────── Issue 10: attribution, null branches, bulk statements ─────────────

type Snapshot = Record<string, unknown[]>;

/**
 * Every non-empty rollup row and every facts row with a date, as text: two ways of building the
 * rollups (the live triggers, a rebuild) must give the same snapshot.
 */
async function rollupSnapshot(client: pg.ClientBase): Promise<Snapshot> {
  const nonEmpty = "(listed <> 0 OR needs <> 0 OR visited <> 0 OR credited <> 0 OR credit_amount <> 0 OR first_loans <> 0 OR first_loan_amount <> 0)";
  const nonEmptyBank = nonEmpty.replace("listed <> 0", "pooled <> 0");
  const q = async (sql: string) => (await client.query<{ r: string }>(sql)).rows.map((x) => x.r);
  return {
    regionDaily: await q(`SELECT t::text r FROM rollup_region_daily t WHERE ${nonEmpty} ORDER BY day, county_code`),
    regionMonthly: await q(`SELECT t::text r FROM rollup_region_monthly t WHERE ${nonEmpty} ORDER BY month, county_code`),
    bankDaily: await q(`SELECT t::text r FROM rollup_bank_daily t WHERE ${nonEmptyBank} ORDER BY day, county_code, bank_id, branch_key, manager_key`),
    bankMonthly: await q(`SELECT t::text r FROM rollup_bank_monthly t WHERE ${nonEmptyBank} ORDER BY month, county_code, bank_id, branch_key, manager_key`),
    enterpriseFacts: await q(`SELECT t::text r FROM rollup_enterprise_facts t
      WHERE coalesce(listed_on, need_on, visit_on, credit_on, first_loan_on) IS NOT NULL ORDER BY enterprise_id`),
    clientFacts: await q(`SELECT t::text r FROM rollup_client_facts t
      WHERE coalesce(pooled_on, need_on, visit_on, credit_on, first_loan_on) IS NOT NULL ORDER BY bank_id, enterprise_id`),
    // Coverage (一企一行): the counts per county × responsible bank, and what each listed enterprise counts as.
    coverageCounts: await q(`SELECT t::text r FROM coverage_counts t
      WHERE (listed, allocated, assigned, contacted) <> (0, 0, 0, 0) ORDER BY county_code, bank_key`),
    coverageFacts: await q(`SELECT t::text r FROM coverage_facts t WHERE is_listed ORDER BY enterprise_id`),
  };
}

async function withPg<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The live rollups equal what rollup_rebuild() (the set-based refresh of every enterprise) builds. */
async function expectLiveEqualsRebuild(): Promise<void> {
  await withPg(async (client) => {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    try {
      const live = await rollupSnapshot(client);
      await client.query("SELECT rollup_rebuild()");
      const rebuilt = await rollupSnapshot(client);
      for (const key of Object.keys(live)) expect(rebuilt[key], key).toEqual(live[key]);
      expect(live.bankDaily!.length).toBeGreaterThan(0);
    } finally {
      await client.query("ROLLBACK");
    }
  });
}

describe("issue 10: work follows the doer, pool sizes follow the current assignment", () => {
  let banks: Bank[];
  let tag: string;
  let batchId: string;
  let seq: number;
  const nextSeq = () => seq++;
  beforeAll(async () => {
    tag = randomUUID().slice(0, 8);
    banks = await buildBanks(`a${tag}`.slice(0, 8));
    seq = 720_000_000 + (parseInt(tag, 16) % 1_000_000) * 100;
    batchId = (await createListBatch(db, { listType: "BANKS_VISIT_ENTERPRISES", name: `归属${tag}`, issuedOn: "2025-01-02" })).id;
  });

  const list = (enterpriseId: string, on = "2025-01-02") =>
    db.listMembership.create({ data: { enterpriseId, batchId, listType: "BANKS_VISIT_ENTERPRISES", listedOn: asDate(on) } });
  const period = { from: "2025-01-01", to: "2025-12-31" };
  const byManager = (bankId: string) =>
    sumRollups(db, { period, previous: previousYear(period), group: "manager", filter: { cities: "all", bankId } });
  const byBranch = (bankId: string) =>
    sumRollups(db, { period, previous: previousYear(period), group: "branch", filter: { cities: "all", bankId } });

  it("reassigning a client keeps the old manager's visit, need and credit, and moves only the pool (and a visit-less need)", async () => {
    const bank = banks[0]!;
    const [b0, b1] = [bank.branches[0]!, bank.branches[1]!];
    const [oldManager, newManager] = [b0.managers[0]!, b1.managers[1]!];
    const e = await createEnterprise(db, { seq: nextSeq(), countyCode: "330106" });
    await list(e.id);
    const client = await createClient(db, { bankId: bank.id, branchId: b0.id, enterpriseId: e.id, managerId: oldManager });
    await db.bankClient.update({ where: { id: client.id }, data: { createdAt: new Date("2025-02-01T04:00:00Z") } });
    await logVisit(await loadActor(db, oldManager), {
      enterpriseId: e.id, visitedOn: "2025-02-10", mode: "ON_SITE", hasNeed: "yes", amountWan: "80", termMonths: "12", purpose: "WORKING_CAPITAL",
    });
    await db.creditLine.create({
      data: {
        clientId: client.id, bankId: bank.id, branchId: b0.id, enterpriseId: e.id, productName: "归属贷", limitAmount: "300000.00",
        guaranteeMode: "CREDIT", isRevolving: false, validFrom: asDate("2025-03-01"), validTo: asDate("2026-02-28"),
        creditCheckOn: asDate("2025-03-01"), creditCheckHasPriorLoan: false, proposedById: oldManager,
        status: "APPROVED", decidedById: b0.head, decidedAt: new Date(), decidedOn: asDate("2025-03-02"),
      },
    });
    // A second enterprise whose need was recorded without a visit: it follows the client.
    const e2 = await createEnterprise(db, { seq: nextSeq(), countyCode: "330106" });
    await list(e2.id);
    const client2 = await createClient(db, { bankId: bank.id, branchId: b0.id, enterpriseId: e2.id, managerId: oldManager });
    await db.bankClient.update({ where: { id: client2.id }, data: { createdAt: new Date("2025-03-15T04:00:00Z") } });
    await db.financingNeed.create({
      data: { clientId: client2.id, bankId: bank.id, enterpriseId: e2.id, amount: "100000.00", termMonths: 12, purpose: "WORKING_CAPITAL", raisedOn: asDate("2025-04-01") },
    });

    let managers = await byManager(bank.id);
    expect(managers.get(oldManager)?.current).toMatchObject({ listed: 2, needs: 2, visited: 1, credited: 1, creditAmount: "300000.00" });

    await db.bankClient.updateMany({ where: { id: { in: [client.id, client2.id] } }, data: { branchId: b1.id, managerId: newManager } });

    managers = await byManager(bank.id);
    // The old manager keeps the work done: the visit, the need it recorded, the credit proposed.
    expect(managers.get(oldManager)?.current).toMatchObject({ listed: 0, needs: 1, visited: 1, credited: 1, creditAmount: "300000.00" });
    // The new manager gets both clients in the pool, and the need recorded without a visit.
    expect(managers.get(newManager)?.current).toMatchObject({ listed: 2, needs: 1, visited: 0, credited: 0, creditAmount: "0.00" });
    const branches = await byBranch(bank.id);
    expect(branches.get(b0.id)?.current).toMatchObject({ listed: 0, needs: 1, visited: 1, credited: 1 });
    expect(branches.get(b1.id)?.current).toMatchObject({ listed: 2, needs: 1, visited: 0, credited: 0 });
    // The bank's own total is unchanged by a reassignment.
    const total = await sumRollups(db, { period, previous: previousYear(period), group: "bank", filter: { cities: "all", bankId: bank.id } });
    expect(total.get(bank.id)?.current).toMatchObject({ needs: 2, visited: 1, credited: 1, creditAmount: "300000.00" });
    await expectRollupsEqualRecount(banks, [period]);
  }, 60_000);

  it("the branch dashboard lists everyone with figures: work with the doer (a branch head's proposal included), pool sizes with the current manager", async () => {
    const bank = banks[0]!;
    const br = bank.branches[2]!;
    const [stays, leaves] = [br.managers[0]!, br.managers[1]!];
    const e = await createEnterprise(db, { seq: nextSeq(), countyCode: "330212" });
    await list(e.id);
    const c = await createClient(db, { bankId: bank.id, branchId: br.id, enterpriseId: e.id, managerId: leaves });
    await logVisit(await loadActor(db, leaves), {
      enterpriseId: e.id, visitedOn: "2025-06-01", mode: "ON_SITE", hasNeed: "yes", amountWan: "20", termMonths: "12", purpose: "WORKING_CAPITAL",
    });
    // The branch head proposes (another head of the bank approves: maker-checker).
    await db.creditLine.create({
      data: {
        clientId: c.id, bankId: bank.id, branchId: br.id, enterpriseId: e.id, productName: "行长贷", limitAmount: "500000.00",
        guaranteeMode: "CREDIT", isRevolving: false, validFrom: asDate("2025-06-05"), validTo: asDate("2026-06-04"),
        creditCheckOn: asDate("2025-06-05"), creditCheckHasPriorLoan: false, proposedById: br.head,
        status: "APPROVED", decidedById: bank.branches[0]!.head, decidedAt: new Date(), decidedOn: asDate("2025-06-06"),
      },
    });
    await db.bankClient.update({ where: { id: c.id }, data: { managerId: stays } });
    const dashboard = await getBranchDashboard(await loadActor(db, br.head), { period: "range", from: "2025-01-01", to: "2025-12-31" });
    const rows = new Map(dashboard!.managers.map((m) => [m.code, m]));
    expect(rows.get(leaves)).toMatchObject({ poolSize: 0, current: { needs: 1, visited: 1, credited: 0 } });
    expect(rows.get(stays)?.poolSize).toBe(1);
    expect(rows.get(stays)?.current).toMatchObject({ needs: 0, visited: 0, credited: 0 });
    expect(rows.get(br.head)).toMatchObject({ poolSize: 0, current: { credited: 1, creditAmount: "500000.00" } });
    expect(dashboard!.funnel.current).toMatchObject({ needs: 1, visited: 1, credited: 1, creditAmount: "500000.00" });
  }, 60_000);

  it("counts a client waiting at head office (no branch, no manager) under the nil key, in the triggers and the rebuild", async () => {
    const bank = banks[1]!;
    const e = await createEnterprise(db, { seq: nextSeq(), countyCode: "330483" });
    await list(e.id, "2025-05-05");
    const c = await db.bankClient.create({ data: { bankId: bank.id, enterpriseId: e.id, branchId: null, managerId: null } });
    await db.bankClient.update({ where: { id: c.id }, data: { createdAt: new Date("2025-05-06T02:00:00Z") } });
    const NIL = "00000000-0000-0000-0000-000000000000";
    expect((await byBranch(bank.id)).get(NIL)?.current.listed).toBe(1);
    await expectLiveEqualsRebuild();
    // Distributed to a branch: the pool moves there.
    await db.bankClient.update({ where: { id: c.id }, data: { branchId: bank.branches[2]!.id } });
    expect((await byBranch(bank.id)).get(NIL)?.current.listed ?? 0).toBe(0);
    expect((await byBranch(bank.id)).get(bank.branches[2]!.id)?.current.listed).toBe(1);
    await expectRollupsEqualRecount(banks, [period]);
  }, 60_000);

  it("bulk statements (memberships inserted, updated, deleted; clients inserted, reassigned, deleted in one statement each) equal the recount and the rebuild", async () => {
    const bank = banks[2]!;
    const ids: string[] = [];
    for (let i = 0; i < 40; i++) ids.push((await createEnterprise(db, { seq: nextSeq(), countyCode: ["330106", "330483", "330212"][i % 3]! })).id);
    // Some history first, row by row: clients with visits and approved lines for half of them.
    for (const [i, id] of ids.slice(0, 20).entries()) {
      const br = bank.branches[i % 3]!;
      const c = await createClient(db, { bankId: bank.id, branchId: br.id, enterpriseId: id, managerId: br.managers[i % 2]! });
      await logVisit(await loadActor(db, br.managers[i % 2]!), {
        enterpriseId: id, visitedOn: `2025-06-${String(10 + (i % 9)).padStart(2, "0")}`, mode: i % 4 ? "ON_SITE" : "PHONE",
        hasNeed: i % 2 ? "yes" : "no", ...(i % 2 ? { amountWan: "50", termMonths: "12", purpose: "WORKING_CAPITAL" } : { noNeedReason: "NO_NEED_NOW" }),
      });
      if (i % 3 === 0) {
        await db.creditLine.create({
          data: {
            clientId: c.id, bankId: bank.id, branchId: br.id, enterpriseId: id, productName: "批量贷", limitAmount: `${(i + 1) * 10000}.10`,
            guaranteeMode: "CREDIT", isRevolving: false, validFrom: asDate("2025-07-01"), validTo: asDate("2026-06-30"),
            creditCheckOn: asDate("2025-07-01"), creditCheckHasPriorLoan: false, proposedById: br.managers[i % 2]!,
            status: "APPROVED", decidedById: br.head, decidedAt: new Date(), decidedOn: asDate(`2025-07-${String(1 + i).padStart(2, "0")}`),
          },
        });
      }
    }
    // Needs recorded without a visit and first loans without a disbursement row follow the
    // client's current assignment (a reassignment moves them too).
    for (const id of ids.slice(0, 20).filter((_, i) => i % 5 === 2)) {
      const c = await db.bankClient.findFirstOrThrow({ where: { bankId: bank.id, enterpriseId: id } });
      await db.financingNeed.create({
        data: { clientId: c.id, bankId: bank.id, enterpriseId: id, amount: "70000.00", termMonths: 6, purpose: "WORKING_CAPITAL", raisedOn: asDate("2025-05-30") },
      });
      await db.enterprise.update({ where: { id }, data: { firstLoanOn: asDate("2025-08-08"), firstLoanBankId: bank.id, firstLoanAmount: "120000.00" } });
    }
    await withPg(async (client) => {
      // The history's clients entered the pool in 2025 (one UPDATE of created_at for 20 clients).
      await client.query(`UPDATE bank_clients SET created_at = timestamptz '2025-05-20 09:00+08' WHERE bank_id = $2::uuid AND enterprise_id = ANY ($1::uuid[])`, [ids.slice(0, 20), bank.id]);
      // One INSERT … SELECT for 40 listings (the set path: more than 8 enterprises).
      await client.query(
        `INSERT INTO list_memberships (enterprise_id, batch_id, list_type, listed_on)
         SELECT id, $2::uuid, 'BANKS_VISIT_ENTERPRISES', date '2025-03-01' + (row_number() OVER (ORDER BY id))::int
           FROM unnest($1::uuid[]) id`,
        [ids, batchId],
      );
      // One INSERT … SELECT for 20 new clients waiting at head office (null branch and manager).
      await client.query(
        `INSERT INTO bank_clients (bank_id, enterprise_id, branch_id, manager_id, created_at, updated_at)
         SELECT $2::uuid, id, NULL, NULL, timestamptz '2025-08-01 10:00+08', now() FROM unnest($1::uuid[]) id`,
        [ids.slice(20), bank.id],
      );
    });
    await expectRollupsEqualRecount(banks, [period, { from: "2025-03-01", to: "2025-03-31" }]);
    await withPg(async (client) => {
      // One UPDATE distributing / reassigning all 40 (branch and manager), like a bulk assignment.
      await client.query(
        `UPDATE bank_clients bc SET branch_id = $3::uuid, manager_id = $4::uuid WHERE bc.bank_id = $2::uuid AND bc.enterprise_id = ANY ($1::uuid[])`,
        [ids, bank.id, bank.branches[1]!.id, bank.branches[1]!.managers[0]!],
      );
    });
    await expectRollupsEqualRecount(banks, [period]);
    // The reassignment moved only the pool (and what follows it): visits and credits stay with
    // those who did them.
    const managers = await byManager(bank.id);
    const target = bank.branches[1]!.managers[0]!;
    expect(managers.get(target)?.current).toMatchObject({ listed: 40, firstLoans: 4, firstLoanAmount: "480000.00" });
    const visitedElsewhere = [...managers.entries()].filter(([k]) => k !== target).reduce((n, [, v]) => n + v.current.visited, 0);
    expect(visitedElsewhere).toBeGreaterThan(0);
    await withPg(async (client) => {
      // One UPDATE moving listing dates, one that changes nothing relevant (stage only).
      await client.query(`UPDATE list_memberships SET listed_on = listed_on - 40 WHERE enterprise_id = ANY ($1::uuid[])`, [ids.slice(0, 30)]);
      await client.query(`UPDATE bank_clients SET last_contact_at = date '2025-09-09' WHERE enterprise_id = ANY ($1::uuid[])`, [ids]);
    });
    await expectRollupsEqualRecount(banks, [period, { from: "2025-01-01", to: "2025-02-28" }]);
    await withPg(async (client) => {
      // One DELETE of 10 listings, one DELETE of the 20 clients without history.
      await client.query(`DELETE FROM list_memberships WHERE enterprise_id = ANY ($1::uuid[])`, [ids.slice(5, 15)]);
      await client.query(`DELETE FROM bank_clients WHERE bank_id = $2::uuid AND enterprise_id = ANY ($1::uuid[])`, [ids.slice(20), bank.id]);
    });
    await expectRollupsEqualRecount(banks, [period]);
    await expectLiveEqualsRebuild();
  }, 120_000);

  it("a big INSERT of memberships: enterprises only the listing counts for take the fast path, the others the set refresh; both equal the recount and the rebuild", async () => {
    const bank = banks[2]!;
    const counties = ["330106", "330483", "330212"];
    // Clients created here enter the pool today (Shanghai time).
    const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
    const aroundToday = { from: addDays(today, -3), to: addDays(today, 3) };
    const enterprise = async (i: number) => (await createEnterprise(db, { seq: nextSeq(), countyCode: counties[i % 3]! })).id;
    // (i) Brand-new enterprises: nothing counts for them yet.
    const fresh: string[] = [];
    for (let i = 0; i < 15; i++) fresh.push(await enterprise(i));
    // (ii) Enterprises with history but never listed: a pool client only (a client facts row,
    //      no enterprise facts row), a client with an on-site visit and need, a client with an
    //      approved line, a client with a phone visit only, a first loan without a client.
    const history: string[] = [];
    for (let i = 0; i < 5; i++) history.push(await enterprise(i));
    const br = bank.branches[0]!;
    const clients = [];
    for (const id of history.slice(0, 4)) clients.push(await createClient(db, { bankId: bank.id, branchId: br.id, enterpriseId: id, managerId: br.managers[0]! }));
    await logVisit(await loadActor(db, br.managers[0]!), {
      enterpriseId: history[1]!, visitedOn: "2025-06-11", mode: "ON_SITE", hasNeed: "yes", amountWan: "60", termMonths: "12", purpose: "WORKING_CAPITAL",
    });
    await db.creditLine.create({
      data: {
        clientId: clients[2]!.id, bankId: bank.id, branchId: br.id, enterpriseId: history[2]!, productName: "快速贷", limitAmount: "250000.00",
        guaranteeMode: "CREDIT", isRevolving: false, validFrom: asDate("2025-07-01"), validTo: asDate("2026-06-30"),
        creditCheckOn: asDate("2025-07-01"), creditCheckHasPriorLoan: false, proposedById: br.managers[1]!,
        status: "APPROVED", decidedById: br.head, decidedAt: new Date(), decidedOn: asDate("2025-07-03"),
      },
    });
    await logVisit(await loadActor(db, br.managers[0]!), {
      enterpriseId: history[3]!, visitedOn: "2025-06-12", mode: "PHONE", hasNeed: "no", noNeedReason: "NO_NEED_NOW",
    });
    await db.enterprise.update({ where: { id: history[4]! }, data: { firstLoanOn: asDate("2025-08-09"), firstLoanBankId: bank.id, firstLoanAmount: "90000.00" } });
    // (iii) Enterprises already listed: the new listing is later for some, earlier for others.
    const listed: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = await enterprise(i);
      await list(id, "2025-05-15");
      listed.push(id);
    }
    const before = await sumRollups(db, { period, previous: previousYear(period), group: "total", filter: { cities: "all" } });
    const listedBefore = before.get("total")?.current.listed ?? 0;

    const batch2 = (await createListBatch(db, { listType: "BANKS_VISIT_ENTERPRISES", name: `快速${tag}`, issuedOn: "2025-05-01" })).id;
    const all = [...fresh, ...history, ...listed];
    const { fast, general } = await withPg(async (client) => {
      await client.query("BEGIN");
      // One statement: a listing per enterprise (dates from 2025-05-10 on, so half the listed
      // ones move earlier), and a second one for some fresh enterprises in the other batch, so
      // an enterprise's earliest date among the new rows counts.
      await client.query(
        `INSERT INTO list_memberships (enterprise_id, batch_id, list_type, listed_on)
         SELECT id, $2::uuid, 'BANKS_VISIT_ENTERPRISES'::"ListType", date '2025-05-09' + n::int FROM unnest($1::uuid[]) WITH ORDINALITY u(id, n)
         UNION ALL
         SELECT id, $3::uuid, 'BANKS_VISIT_ENTERPRISES'::"ListType", date '2025-05-02' FROM unnest($4::uuid[]) id`,
        [all.slice().reverse(), batch2, batchId, fresh.slice(0, 5)],
      );
      const q = async (sql: string) => (await client.query<{ id: string }>(sql)).rows.map((r) => r.id).sort();
      const result = { fast: await q("SELECT enterprise_id::text id FROM pg_temp.rollup_set_fast"), general: await q("SELECT enterprise_id::text id FROM pg_temp.rollup_set_ids") };
      await client.query("COMMIT");
      return result;
    });
    // Exactly the brand-new enterprises took the fast path alone; the others (some of them
    // locked by the fast path first, having no enterprise facts row) the set refresh — except
    // listed[0], listed on 2025-05-15 before and again on 2025-05-15 now (listed[1..5] move
    // earlier, to 05-14 … 05-10): its facts cannot change, and it is left out.
    expect(fast.filter((id) => !general.includes(id))).toEqual(fresh.slice().sort());
    expect(general).toEqual([...history, ...listed.slice(1)].sort());
    const after = await sumRollups(db, { period, previous: previousYear(period), group: "total", filter: { cities: "all" } });
    expect(after.get("total")?.current.listed).toBe(listedBefore + fresh.length + history.length);
    const facts = await db.rollupEnterpriseFact.findMany({ where: { enterpriseId: { in: fresh.slice(0, 6) } }, orderBy: { enterpriseId: "asc" } });
    // The five listed twice in the statement count from their earliest date (2025-05-02).
    expect(facts.filter((f) => f.listedOn?.toISOString().slice(0, 10) === "2025-05-02").map((f) => f.enterpriseId).sort()).toEqual(fresh.slice(0, 5).sort());
    await expectRollupsEqualRecount(banks, [period, { from: "2025-05-01", to: "2025-05-31" }, aroundToday]);
    await expectLiveEqualsRebuild();

    // A row writer on an enterprise the fast path inserted (its transaction still open) waits
    // for it, then counts on top of it.
    const late: string[] = [];
    for (let i = 0; i < 10; i++) late.push(await enterprise(i));
    await withPg(async (bulk) => {
      await bulk.query("BEGIN");
      await bulk.query(
        `INSERT INTO list_memberships (enterprise_id, batch_id, list_type, listed_on)
         SELECT id, $2::uuid, 'BANKS_VISIT_ENTERPRISES', date '2025-05-20' FROM unnest($1::uuid[]) id`,
        [late, batchId],
      );
      let done = false;
      const pooled = createClient(db, { bankId: bank.id, branchId: br.id, enterpriseId: late[4]!, managerId: br.managers[1]! }).then(() => { done = true; });
      await new Promise((r) => setTimeout(r, 400));
      expect(done).toBe(false);
      await bulk.query("COMMIT");
      await pooled;
    });
    // The client entered the pool today (Shanghai): counted for its manager around today.
    const pools = await sumRollups(db, { period: aroundToday, previous: previousYear(aroundToday), group: "manager", filter: { cities: "all", bankId: bank.id } });
    expect(pools.get(br.managers[1]!)?.current.listed).toBe(1);
    await expectRollupsEqualRecount(banks, [period, aroundToday]);
    await expectLiveEqualsRebuild();
  }, 120_000);

  it("the set refresh and the row functions catch up the same changes made with the triggers deferred", async () => {
    const bank = banks[0]!;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const id = (await createEnterprise(db, { seq: nextSeq(), countyCode: "330212" })).id;
      await list(id, "2025-02-02");
      const br = bank.branches[i % 3]!;
      await createClient(db, { bankId: bank.id, branchId: br.id, enterpriseId: id, managerId: br.managers[0]! });
      await logVisit(await loadActor(db, br.managers[0]!), {
        enterpriseId: id, visitedOn: "2025-02-20", mode: "ON_SITE", hasNeed: "yes", amountWan: "30", termMonths: "6", purpose: "WORKING_CAPITAL",
      });
      ids.push(id);
    }
    for (const rowLimit of [0, 1000]) {
      await withPg(async (client) => {
        await client.query("BEGIN");
        await client.query("SET LOCAL shoudai.rollups = 'deferred'");
        // Everything but credit lines (their amounts are moved by their own row triggers).
        await client.query(`UPDATE bank_clients SET branch_id = NULL, manager_id = NULL WHERE enterprise_id = ANY ($1::uuid[])`, [ids.slice(0, 4)]);
        await client.query(`DELETE FROM list_memberships WHERE enterprise_id = ANY ($1::uuid[])`, [ids.slice(4, 6)]);
        await client.query(`UPDATE visits SET visited_on = visited_on - 5 + $2::int WHERE enterprise_id = ANY ($1::uuid[])`, [ids.slice(6, 9), rowLimit ? 3 : 0]);
        await client.query(`UPDATE enterprises SET county_code = '330483', city_code = '330400' WHERE id = ANY ($1::uuid[])`, [ids.slice(9)]);
        await client.query(`UPDATE enterprises SET first_loan_on = date '2025-10-10', first_loan_bank_id = $2::uuid, first_loan_amount = 88888.88 WHERE id = ANY ($1::uuid[])`, [ids.slice(2, 5), bank.id]);
        await client.query("SELECT rollup_refresh_enterprises($1::uuid[], $2::int)", [ids, rowLimit]);
        await client.query("COMMIT");
      });
      await expectRollupsEqualRecount(banks, [period]);
      // Put them back (live) for the second round.
      await db.bankClient.updateMany({ where: { enterpriseId: { in: ids.slice(0, 4) } }, data: { branchId: bank.branches[0]!.id, managerId: bank.branches[0]!.managers[0]! } });
      for (const id of ids.slice(4, 6)) await list(id, "2025-02-03");
      await db.enterprise.updateMany({ where: { id: { in: ids.slice(9) } }, data: { countyCode: "330212", cityCode: "330200" } });
      await db.enterprise.updateMany({ where: { id: { in: ids.slice(2, 5) } }, data: { firstLoanOn: null, firstLoanBankId: null, firstLoanAmount: null } });
      await expectRollupsEqualRecount(banks, [period]);
    }
    await expectLiveEqualsRebuild();
  }, 120_000);

  it("serializes single-row writers with a bulk statement on the same enterprises, in both orders", async () => {
    const bank = banks[1]!;
    const br = bank.branches[0]!;
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const id = (await createEnterprise(db, { seq: nextSeq(), countyCode: "330106" })).id;
      await list(id, "2025-04-04");
      const c = await createClient(db, { bankId: bank.id, branchId: br.id, enterpriseId: id, managerId: br.managers[0]! });
      await db.bankClient.update({ where: { id: c.id }, data: { createdAt: new Date("2025-04-05T04:00:00Z") } });
      ids.push(id);
    }
    const manager0 = await loadActor(db, br.managers[0]!);
    // 1. A bulk statement first (listing dates of all 20 moved, its transaction open): the
    //    manager's visit waits for it, then counts on top of it.
    await withPg(async (bulk) => {
      await bulk.query("BEGIN");
      await bulk.query(`UPDATE list_memberships SET listed_on = listed_on - 1 WHERE enterprise_id = ANY ($1::uuid[])`, [ids]);
      let done = false;
      const visit = logVisit(manager0, {
        enterpriseId: ids[3]!, visitedOn: "2025-04-10", mode: "ON_SITE", hasNeed: "yes", amountWan: "40", termMonths: "12", purpose: "EQUIPMENT",
      }).then((r) => { done = true; return r; });
      await new Promise((r) => setTimeout(r, 400));
      expect(done).toBe(false);
      await bulk.query("COMMIT");
      await visit;
    });
    // 2. A single-row writer first (its transaction open): the bulk statement waits for it.
    await withPg(async (single) => {
      await withPg(async (bulk) => {
        const [c] = await db.bankClient.findMany({ where: { enterpriseId: ids[5]!, bankId: bank.id } });
        await single.query("BEGIN");
        await single.query(
          `INSERT INTO visits (client_id, bank_id, branch_id, enterprise_id, user_id, visited_on, mode, has_need, no_need_reason)
           VALUES ($1, $2, $3, $4, $5, date '2025-04-12', 'ON_SITE', false, 'NO_NEED_NOW')`,
          [c!.id, bank.id, br.id, ids[5], br.managers[0]],
        );
        await bulk.query("BEGIN");
        let done = false;
        const moving = bulk.query(`UPDATE bank_clients SET manager_id = $2::uuid WHERE enterprise_id = ANY ($1::uuid[])`, [ids, br.managers[1]!])
          .then(() => { done = true; });
        await new Promise((r) => setTimeout(r, 400));
        expect(done).toBe(false);
        await single.query("COMMIT");
        await moving;
        await bulk.query("COMMIT");
      });
    });
    await expectRollupsEqualRecount(banks, [period]);
    const managers = await byManager(bank.id);
    // Both visits stay with the manager who made them; the pool moved to the other manager.
    expect(managers.get(br.managers[0]!)?.current).toMatchObject({ listed: 0, needs: 1, visited: 2 });
    expect(managers.get(br.managers[1]!)?.current).toMatchObject({ listed: 20, needs: 0, visited: 0 });
    await expectLiveEqualsRebuild();
  }, 120_000);
});
