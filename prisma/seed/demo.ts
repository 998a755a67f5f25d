// The demo province: 3 banks, 8 branches in 8 cities, 20 account managers, 2,000 listed
// enterprises over the 11 cities, and some visits. Deterministic for a given day (visit dates
// are relative to today so the demo always has recent work and follow-ups due).
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db-client";
import type { Jurisdiction, ListType, Role } from "@/lib/generated/prisma/enums";
import { CITIES, COUNTIES, countiesOf } from "@/lib/domain/regions";
import { addDays, todayInShanghai } from "@/lib/domain/dates";
import { yuanToWan } from "@/lib/domain/money";
import { loadActor } from "@/lib/auth/actor";
import { hashPassword } from "@/lib/auth/password";
import { sealTotpSecret } from "@/lib/auth/totp";
import { logVisit } from "@/lib/commands/log-visit";
import { proposeCredit } from "@/lib/commands/propose-credit";
import { decideCredit } from "@/lib/commands/decide-credit";
import { recordDisbursement } from "@/lib/commands/record-disbursement";
import { createRandom } from "./random";
import { personName } from "./names";
import { DEMO_TOTP_EMAILS, DEMO_TOTP_SECRET } from "./demo-totp";
import { DEMO_PASSWORD, enterpriseRow, insertClients, insertEnterprises, insertMemberships } from "./factories";

export const DEMO_ACCOUNTS = [
  { email: "manager@shoudai.test", role: "ACCOUNT_MANAGER", note: "工商银行桐乡支行 客户经理" },
  { email: "head@shoudai.test", role: "BRANCH_HEAD", note: "工商银行桐乡支行 行长" },
  { email: "hq@shoudai.test", role: "BANK_HEAD_OFFICE", note: "工商银行浙江省分行" },
  { email: "regulator@shoudai.test", role: "REGULATOR", note: "浙江监管局（不含宁波）" },
  { email: "other-bank@shoudai.test", role: "ACCOUNT_MANAGER", note: "浙江农商银行义乌支行 客户经理" },
] as const;

const BANKS = [
  { code: "ICBC", name: "工商银行", nameEn: "ICBC" },
  { code: "ZJRCB", name: "浙江农商银行", nameEn: "Zhejiang Rural Commercial Bank" },
  { code: "HZB", name: "杭州银行", nameEn: "Bank of Hangzhou" },
] as const;

// [bank code, branch code, name, English name, county]
const BRANCHES = [
  ["ICBC", "TX", "桐乡支行", "Tongxiang Sub-branch", "330483"],
  ["ICBC", "XH", "杭州西湖支行", "Hangzhou Xihu Sub-branch", "330106"],
  ["ICBC", "LC", "温州鹿城支行", "Wenzhou Lucheng Sub-branch", "330302"],
  ["ZJRCB", "YW", "义乌支行", "Yiwu Sub-branch", "330782"],
  ["ZJRCB", "KQ", "绍兴柯桥支行", "Shaoxing Keqiao Sub-branch", "330603"],
  ["ZJRCB", "WL", "台州温岭支行", "Taizhou Wenling Sub-branch", "331081"],
  ["HZB", "YZ", "宁波鄞州支行", "Ningbo Yinzhou Sub-branch", "330212"],
  ["HZB", "WX", "湖州吴兴支行", "Huzhou Wuxing Sub-branch", "330502"],
] as const;

const LIST_TYPES: ListType[] = ["BANKS_VISIT_ENTERPRISES", "SME_PARK", "SUPPLY_CHAIN", "SETTLEMENT_ACCOUNT", "INDUSTRY_AUTHORITY"];
const ENTERPRISES = 2000;

export async function seedDemo(db: Db): Promise<{ enterprises: number; visits: number; lines: number }> {
  const random = createRandom(20201001);

  // Institutions and people are built in memory (ids made here) and written with one
  // statement per table: the seed stays quick.
  const bankRows = BANKS.map((bank) => ({ id: randomUUID(), ...bank }));
  const banks = new Map(bankRows.map((b) => [b.code, b.id]));
  type UserRow = {
    id: string; email: string; name: string; role: Role; bankId?: string; branchId?: string; jurisdiction?: Jurisdiction;
    isAdmin?: boolean; passwordHash?: string; totpSecret?: string; totpEnabledAt?: Date;
  };
  const users: UserRow[] = [];
  const user = (row: Omit<UserRow, "id">) => {
    const id = randomUUID();
    users.push({ id, ...row });
    return id;
  };

  const branchRows = [];
  const branches: { id: string; bankCode: string; bankId: string; cityCode: string; managers: string[] }[] = [];
  let managerNo = 0;
  for (const [bankCode, code, name, nameEn, countyCode] of BRANCHES) {
    const bankId = banks.get(bankCode)!;
    const branchId = randomUUID();
    branchRows.push({ id: branchId, bankId, code, name, nameEn, countyCode });
    const cityCode = COUNTIES.find((c) => c.code === countyCode)!.cityCode;
    const isDemoBranch = bankCode === "ICBC" && code === "TX";
    const isOtherBankBranch = bankCode === "ZJRCB" && code === "YW";
    user({
      email: isDemoBranch ? "head@shoudai.test" : `head.${bankCode}.${code}@shoudai.test`.toLowerCase(),
      name: personName(random), role: "BRANCH_HEAD", bankId, branchId,
    });
    const managers: string[] = [];
    const count = branches.length < 4 ? 3 : 2;
    for (let i = 0; i < count && managerNo < 20; i++, managerNo++) {
      const email = isDemoBranch && i === 0 ? "manager@shoudai.test"
        : isOtherBankBranch && i === 0 ? "other-bank@shoudai.test"
        : `am${String(managerNo + 1).padStart(2, "0")}@shoudai.test`;
      managers.push(user({ email, name: personName(random), role: "ACCOUNT_MANAGER", bankId, branchId }));
    }
    branches.push({ id: branchId, bankCode, bankId, cityCode, managers });
  }
  // Head offices and regulators administer (the bank's users and branches; banks and regulator
  // users) and sign in with a second factor: the demo TOTP secret (prisma/seed/demo-totp.ts).
  user({ email: "hq@shoudai.test", name: "省分行普惠金融部", role: "BANK_HEAD_OFFICE", bankId: banks.get("ICBC")!, isAdmin: true });
  user({ email: "hq.zjrcb@shoudai.test", name: "农商银行总行", role: "BANK_HEAD_OFFICE", bankId: banks.get("ZJRCB")!, isAdmin: true });
  user({ email: "regulator@shoudai.test", name: "浙江监管局普惠处", role: "REGULATOR", jurisdiction: "ZHEJIANG_EXCL_NINGBO", isAdmin: true });
  user({ email: "regulator.ningbo@shoudai.test", name: "宁波监管局", role: "REGULATOR", jurisdiction: "NINGBO" });
  // argon2id with its own random salt for every user (hashing runs on libuv's thread pool).
  const enrolledAt = new Date();
  await Promise.all(users.map(async (u) => {
    u.passwordHash = await hashPassword(DEMO_PASSWORD);
    if ((DEMO_TOTP_EMAILS as readonly string[]).includes(u.email)) {
      u.totpSecret = sealTotpSecret(DEMO_TOTP_SECRET);
      u.totpEnabledAt = enrolledAt;
    }
  }));
  await db.bank.createMany({ data: bankRows });
  await db.branch.createMany({ data: branchRows });
  await db.user.createMany({ data: users.map((u) => ({ ...u, passwordHash: u.passwordHash! })) });

  // The regulator's lists: one batch per list type.
  const today = todayInShanghai();
  const batches = [];
  for (const [i, listType] of LIST_TYPES.entries()) {
    batches.push(await db.listBatch.create({
      data: { listType, name: `2026年第${i + 1}批`, issuedOn: new Date(`${addDays(today, -150)}T00:00:00Z`) },
    }));
  }

  // Enterprises spread over all 11 cities.
  const rows = Array.from({ length: ENTERPRISES }, (_, i) => {
    const city = CITIES[i % CITIES.length]!;
    const county = random.pick(countiesOf(city.code));
    return enterpriseRow({ seq: 100_000 + i, countyCode: county.code });
  });
  await insertEnterprises(db, rows);
  const enterprises = await db.enterprise.findMany({ select: { id: true, cityCode: true, uscc: true }, orderBy: { uscc: "asc" } });

  const memberships = [];
  const clients = [];
  for (const enterprise of enterprises) {
    const batch = random.chance(0.7) ? batches[0]! : random.pick(batches);
    memberships.push({ enterpriseId: enterprise.id, batchId: batch.id, listType: batch.listType, listedOn: batch.issuedOn });
    // Enterprises of cities where no demo bank has a branch stay listed but unassigned (the
    // regulator still counts them); the others go to the local branch, a few also to a second bank.
    const local = branches.filter((b) => b.cityCode === enterprise.cityCode);
    if (!local.length) continue;
    const first = random.pick(local);
    clients.push({ bankId: first.bankId, branchId: first.id, enterpriseId: enterprise.id, managerId: random.pick(first.managers) });
    if (random.chance(0.05)) {
      const second = random.pick(branches.filter((b) => b.bankId !== first.bankId));
      clients.push({ bankId: second.bankId, branchId: second.id, enterpriseId: enterprise.id, managerId: random.pick(second.managers) });
    }
  }
  await insertMemberships(db, memberships);
  await insertClients(db, clients);
  // 一企一行: each listed enterprise in a bank's pool has that bank (the first to take it) as
  // its responsible bank, as if the lists had been published; the others wait for a rule.
  await db.$executeRaw`
    INSERT INTO enterprise_allocations (enterprise_id, bank_id, source)
    SELECT DISTINCT ON (enterprise_id) enterprise_id, bank_id, 'RULE'::"AllocationSource"
      FROM bank_clients ORDER BY enterprise_id, created_at, bank_id`;

  // Some visits, logged through the same command the form uses.
  // Read in an order that does not depend on the random uuids drawn by this run (the USCCs and
  // bank codes are the seed's own), so the same clients get visits in every fresh seed.
  const pool = await db.bankClient.findMany({
    select: { enterpriseId: true, managerId: true },
    orderBy: [{ enterpriseUscc: "asc" }, { bank: { code: "asc" } }],
  });
  // Draw every random choice first (so the data stays deterministic), then log the visits a
  // few at a time: different clients do not contend, and the seed stays well under 10 s.
  const planned = [];
  for (const client of pool) {
    if (!random.chance(0.06) || !client.managerId) continue;
    const hasNeed = random.chance(0.6);
    const visitedOn = addDays(today, -random.int(1, 120));
    const amountWan = String(random.pick([30, 50, 80, 100, 150, 200, 300, 500]));
    planned.push({
      managerId: client.managerId,
      needWan: hasNeed ? amountWan : null,
      input: {
        enterpriseId: client.enterpriseId,
        visitedOn,
        mode: random.pick(["ON_SITE", "ON_SITE", "PHONE", "ONLINE"]),
        hasNeed: hasNeed ? "yes" : "no",
        ...(hasNeed
          ? { amountWan, termMonths: String(random.pick([6, 12, 12, 24, 36])), purpose: random.pick(["WORKING_CAPITAL", "WORKING_CAPITAL", "EQUIPMENT", "FIXED_ASSETS"]) }
          : { noNeedReason: random.pick(["NO_NEED_NOW", "OWN_FUNDS_ENOUGH", "OTHER_CHANNEL", "REFUSED_VISIT"]) }),
        notes: hasNeed ? "企业有扩产计划，资金缺口主要在原材料采购。" : "",
        followUpOn: addDays(visitedOn, random.int(7, 150)),
      },
    });
  }
  const actors = new Map<string, Awaited<ReturnType<typeof loadActor>>>();
  for (const { managerId } of planned) if (!actors.has(managerId)) actors.set(managerId, await loadActor(db, managerId));
  for (let i = 0; i < planned.length; i += 8) {
    await Promise.all(planned.slice(i, i + 8).map((p) => logVisit(actors.get(p.managerId)!, p.input)));
  }
  const visits = planned.length;

  // Part of the on-site visits with a need go on to credit, so every stage of the funnel has
  // someone in it: proposals (some still pending in the heads' queues), decisions by the head
  // of the client's branch, and first disbursements. Dates follow the visit, never after today.
  const heads = new Map(users.filter((u) => u.role === "BRANCH_HEAD").map((u) => [u.branchId!, u.id]));
  const branchOfManager = new Map(users.filter((u) => u.role === "ACCOUNT_MANAGER").map((u) => [u.id, u.branchId!]));
  const credited = planned.filter((p) => p.needWan !== null && p.input.mode === "ON_SITE").slice(0, 20);
  const notAfterToday = (d: string) => (d > today ? today : d);
  let lines = 0;
  for (const [i, p] of credited.entries()) {
    const manager = actors.get(p.managerId)!;
    const head = await loadActor(db, heads.get(branchOfManager.get(p.managerId)!)!);
    const proposedOn = notAfterToday(addDays(p.input.visitedOn, random.int(1, 5)));
    const limitYuan = String(Number(p.needWan) * 10_000);
    const proposal = await proposeCredit(manager, {
      enterpriseId: p.input.enterpriseId,
      productName: random.pick(["小微快贷", "首贷通·信用贷", "科创贷", "税易贷"]),
      limitWan: yuanToWan(limitYuan),
      guaranteeMode: random.pick(["CREDIT", "CREDIT", "GUARANTEE", "MORTGAGE"]),
      hasGuaranteeInsurance: random.chance(0.2) ? "yes" : "no",
      hasGovGuarantee: random.chance(0.3) ? "yes" : "no",
      hasRiskCompensation: random.chance(0.3) ? "yes" : "no",
      isRevolving: random.chance(0.6) ? "yes" : "no",
      validFrom: proposedOn,
      validTo: addDays(proposedOn, 364),
      creditCheckOn: proposedOn,
      creditCheckHasPriorLoan: "no",
    }, { today: proposedOn });
    lines++;
    if (i % 6 === 5) continue; // still pending
    const decidedOn = notAfterToday(addDays(proposedOn, random.int(0, 2)));
    const isRejected = i % 8 === 7;
    await decideCredit(head, {
      creditLineId: proposal.creditLineId,
      decision: isRejected ? "REJECT" : "APPROVE",
      ...(isRejected ? { reason: "经营流水不足，建议三个月后再评估。" } : {}),
    }, { today: decidedOn });
    if (isRejected || i % 3 === 2) continue; // some lines are granted but not yet drawn
    const disbursedOn = notAfterToday(addDays(decidedOn, random.int(0, 3)));
    await recordDisbursement(manager, {
      creditLineId: proposal.creditLineId,
      amountWan: yuanToWan(String(Math.round(Number(limitYuan) * random.pick([0.5, 0.8, 1])))),
      disbursedOn,
      type: "NEW",
      idempotencyKey: `seed-${proposal.creditLineId.replace(/-/g, "")}`,
    }, { today: disbursedOn });
  }
  return { enterprises: enterprises.length, visits, lines };
}
