// Rollups must equal a recount from the base tables at every moment. Random operations —
// visits through logVisit, listings, pool changes, reassignment, credit proposals, approvals,
// rejections, limit edits, deletions, first loans, an enterprise moving county — then every
// figure of every grouping (total, city, county, bank, branch, manager) over several periods
// is compared with lib/rollups/naive.ts (GROUP BY over the base tables).
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor } from "@/lib/auth/actor";
import { logVisit } from "@/lib/commands/log-visit";
import { COUNTIES } from "@/lib/domain/regions";
import { addDays } from "@/lib/domain/dates";
import { previousYear, type Period } from "@/lib/domain/period";
import { naiveSums } from "@/lib/rollups/naive";
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

    let ops = 0;
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
      ops++;
      if (step % 65 === 64) {
        await expectRollupsEqualRecount(banks, [{ from: "2024-01-01", to: "2025-12-31" }, { from: "2025-03-01", to: "2025-05-31" }]);
      }
    }
    expect(ops).toBe(260);
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
