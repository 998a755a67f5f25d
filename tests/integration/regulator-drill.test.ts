// The regulator's drill-down, city → county → bank, as getProvinceRollup (the page's and the
// API's query) and the export give it: bank rows within a city or a county equal a recount
// from the base tables (lib/rollups/naive.ts), the total counts each enterprise once, and a
// regulator never drills out of their jurisdiction (Ningbo's bureau into Jiaxing, or the
// bureau without Ningbo into a Ningbo county). Data sits in May 2019, which no other test uses.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { logVisit } from "@/lib/commands/log-visit";
import { previousYear, resolvePeriod } from "@/lib/domain/period";
import { naiveSums } from "@/lib/rollups/naive";
import type { RollupFilter, RollupGroup } from "@/lib/rollups/query";
import { getProvinceRollup, rollupParamsSchema, type ProvinceRollup } from "@/lib/queries/province-rollup";
import { exportResponse } from "@/lib/api/export";
import { provinceRollupApi } from "@/lib/api/province-rollup";
import { createClient, createEnterprise, createListBatch, createUser } from "@/prisma/seed/factories";
import { buildWorld, type World } from "../support/world";

const MONTH = { period: "month", month: "2019-05" };
const PERIOD = resolvePeriod(MONTH);
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

let world: World;
let regulator: Actor;
let ningboRegulator: Actor;

async function rollup(actor: Actor, params: Record<string, string>): Promise<ProvinceRollup> {
  const found = await getProvinceRollup(actor, rollupParamsSchema.parse({ ...MONTH, ...params }));
  expect(found).not.toBeNull();
  return found!;
}

/** The same figures recounted from the base tables with GROUP BY, keyed like the rows. */
async function recount(group: RollupGroup, filter: RollupFilter) {
  return naiveSums(db, { period: PERIOD, previous: previousYear(PERIOD), group, filter });
}

beforeAll(async () => {
  world = await buildWorld();
  regulator = (await world.actor("regulator"))!;
  const ningboUser = await createUser(db, { email: `ningbo.${world.tag}@shoudai.test`, name: `宁波监管-${world.tag}`, role: "REGULATOR", jurisdiction: "NINGBO" });
  ningboRegulator = (await loadActor(db, ningboUser.id))!;
  const owner = (await world.actor("owner"))!;
  const batch = await createListBatch(db, { listType: "BANKS_VISIT_ENTERPRISES", name: `钻取测试${world.tag}`, issuedOn: "2019-05-01" });
  const base = 900_000_000 + (parseInt(world.tag, 16) % 1_000_000) * 10;
  // Bank A: T1 (桐乡) visited and credited 1,000,000.00; H (海宁) visited; N (宁波 海曙) visited and
  // credited 500,000.00. Bank B: T2 (桐乡) and H. All listed and pooled in May 2019.
  const t1 = await createEnterprise(db, { seq: base + 1, countyCode: "330483" });
  const t2 = await createEnterprise(db, { seq: base + 2, countyCode: "330483" });
  const h = await createEnterprise(db, { seq: base + 3, countyCode: "330481" });
  const n = await createEnterprise(db, { seq: base + 4, countyCode: "330203" });
  const pool: [string, string, string, string | null][] = [
    [world.bankA, world.branchA1, t1.id, world.userIds.owner],
    [world.bankA, world.branchA1, h.id, world.userIds.owner],
    [world.bankA, world.branchA1, n.id, world.userIds.owner],
    [world.bankB, world.branchB1, t2.id, world.userIds.otherBankManager],
    [world.bankB, world.branchB1, h.id, world.userIds.otherBankManager],
  ];
  for (const [bankId, branchId, enterpriseId, managerId] of pool) {
    const client = await createClient(db, { bankId, branchId, enterpriseId, managerId });
    await db.bankClient.update({ where: { id: client.id }, data: { createdAt: new Date("2019-05-06T02:00:00Z") } });
  }
  for (const [i, e] of [t1, t2, h, n].entries()) {
    await db.listMembership.create({ data: { enterpriseId: e.id, batchId: batch.id, listType: "BANKS_VISIT_ENTERPRISES", listedOn: asDate(`2019-05-0${i + 1}`) } });
  }
  for (const e of [t1, h, n]) {
    await logVisit(owner, { enterpriseId: e.id, visitedOn: "2019-05-10", mode: "ON_SITE", hasNeed: "yes", amountWan: "100", termMonths: "12", purpose: "WORKING_CAPITAL" });
  }
  for (const [e, amount] of [[t1, "1000000.00"], [n, "500000.00"]] as const) {
    const client = await db.bankClient.findFirstOrThrow({ where: { bankId: world.bankA, enterpriseId: e.id } });
    await db.creditLine.create({
      data: {
        clientId: client.id, bankId: world.bankA, branchId: world.branchA1, enterpriseId: e.id, productName: "首贷通", limitAmount: amount,
        guaranteeMode: "CREDIT", isRevolving: true, validFrom: asDate("2019-05-20"), validTo: asDate("2020-05-19"), creditCheckOn: asDate("2019-05-18"),
        creditCheckHasPriorLoan: false, proposedById: world.userIds.owner, status: "APPROVED", decidedById: world.userIds.branchHead,
        decidedAt: new Date("2019-05-20T03:00:00Z"), decidedOn: asDate("2019-05-20"),
      },
    });
  }
});

describe("drill-down to banks", () => {
  it("lists the banks within a city, each row equal to a recount, the total counting each enterprise once", async () => {
    const r = await rollup(regulator, { by: "bank", city: "330400" });
    expect(r).toMatchObject({ by: "bank", city: "330400", county: null, totalsKind: "distinct", isOutsideScope: false });
    const slow = await recount("bank", { cities: "excludeNingbo", cityCode: "330400" });
    for (const row of r.rows) expect({ code: row.code, current: row.current, previous: row.previous }).toEqual({ code: row.code, ...slow.get(row.code) });
    expect(r.rows.map((row) => row.code).sort()).toEqual([...slow.keys()].sort());
    // Bank A in Jiaxing: T1 and H pooled and visited, T1 credited; Ningbo's N is not here.
    expect(r.rows.find((row) => row.code === world.bankA)?.current).toMatchObject({ listed: 2, visited: 2, credited: 1, creditAmount: "1000000.00" });
    expect(r.rows.find((row) => row.code === world.bankB)?.current).toMatchObject({ listed: 2, visited: 0, credited: 0 });
    // H is in both banks' pools but one enterprise of the city's total.
    const total = await recount("total", { cities: "excludeNingbo", cityCode: "330400" });
    expect(r.totals.current).toEqual(total.get("total")!.current);
  });

  it("lists the banks within a county (its city follows), equal to a recount", async () => {
    const r = await rollup(regulator, { by: "bank", county: "330483" });
    expect(r).toMatchObject({ city: "330400", county: "330483", isOutsideScope: false });
    const slow = await recount("bank", { cities: "excludeNingbo", cityCode: "330400", countyCode: "330483" });
    expect(Object.fromEntries(r.rows.map((row) => [row.code, { current: row.current, previous: row.previous }]))).toEqual(Object.fromEntries(slow));
    // 桐乡 only: bank A has T1 (not 海宁's H), bank B has T2.
    expect(r.rows.find((row) => row.code === world.bankA)?.current).toMatchObject({ listed: 1, visited: 1, credited: 1, creditAmount: "1000000.00" });
    expect(r.rows.find((row) => row.code === world.bankB)?.current).toMatchObject({ listed: 1, visited: 0 });
  });

  it("gives the same bank rows through the JSON API (by=bank&county=)", async () => {
    const result = await provinceRollupApi(regulator, new URLSearchParams({ from: PERIOD.from, to: PERIOD.to, by: "bank", county: "330483" }));
    expect(result.status).toBe(200);
    const body = result.body as { county: string; rows: { code: string; visitedOnSite: number; credited: number; creditAmount: string }[] };
    expect(body.county).toBe("330483");
    expect(body.rows.find((row) => row.code === world.bankA)).toMatchObject({ visitedOnSite: 1, credited: 1, creditAmount: "1000000.00" });
    expect((await provinceRollupApi(regulator, new URLSearchParams({ from: PERIOD.from, to: PERIOD.to, by: "bank", county: "330400" }))).status).toBe(400);
  });

  it("lists a city's counties only when drilled into it", async () => {
    const r = await rollup(regulator, { by: "county", city: "330400" });
    expect(r.rows.length).toBeGreaterThan(0);
    expect(r.rows.every((row) => row.code.startsWith("3304"))).toBe(true);
    expect(r.rows.find((row) => row.code === "330483")?.current).toEqual((await recount("county", { cities: "excludeNingbo", cityCode: "330400" })).get("330483")!.current);
  });
});

describe("the drill-down stays within the jurisdiction", () => {
  it("gives Ningbo's bureau no rows of Jiaxing's banks, by city or by county", async () => {
    const drills: Record<string, string>[] = [{ by: "bank", city: "330400" }, { by: "bank", county: "330483" }, { by: "county", city: "330400" }];
    for (const params of drills) {
      const r = await rollup(ningboRegulator, params);
      expect(r.isOutsideScope, JSON.stringify(params)).toBe(true);
      expect(r.rows).toEqual([]);
      expect(r.totals.current).toMatchObject({ listed: 0, visited: 0, credited: 0, creditAmount: "0.00" });
    }
  });

  it("gives Ningbo's bureau Ningbo's banks: bank A's row is N's figures, not Jiaxing's", async () => {
    const r = await rollup(ningboRegulator, { by: "bank", city: "330200" });
    expect(r).toMatchObject({ ningbo: "only", isOutsideScope: false });
    const bankA = r.rows.find((row) => row.code === world.bankA)!;
    expect(bankA.current).toMatchObject({ listed: 1, visited: 1, credited: 1, creditAmount: "500000.00" });
    expect(bankA.current).toEqual((await recount("bank", { cities: "ningboOnly", cityCode: "330200" })).get(world.bankA)!.current);
    // Bank B has nothing in Ningbo.
    expect(r.rows.some((row) => row.code === world.bankB)).toBe(false);
    // Without a drill-down, the bureau's bank view is Ningbo's too.
    const all = await rollup(ningboRegulator, { by: "bank" });
    expect(all.rows.find((row) => row.code === world.bankA)?.current.creditAmount).toBe("500000.00");
  });

  it("gives the bureau without Ningbo a Ningbo county only when Ningbo is switched on", async () => {
    const excluded = await rollup(regulator, { by: "bank", county: "330203" });
    expect(excluded.isOutsideScope).toBe(true);
    expect(excluded.rows).toEqual([]);
    const included = await rollup(regulator, { by: "bank", county: "330203", ningbo: "include" });
    expect(included.rows.find((row) => row.code === world.bankA)?.current).toMatchObject({ credited: 1, creditAmount: "500000.00" });
  });
});

describe("exports of the drill-down", () => {
  const disposition = (headers: Record<string, string>) => {
    const value = headers["Content-Disposition"]!;
    const star = /filename\*=UTF-8''([^;]+)/.exec(value)![1]!;
    return { ascii: /filename="([^"]+)"/.exec(value)![1], name: decodeURIComponent(star) };
  };

  it("names the file after scope, grouping and period, in Chinese or English", async () => {
    const zh = await exportResponse(regulator, "province", new URLSearchParams({ ...MONTH, by: "city", format: "xlsx" }));
    expect(zh.status).toBe(200);
    expect(disposition(zh.headers)).toEqual({ name: "浙江省不含宁波-按地市-2019-05.xlsx", ascii: "zhejiang-excl-ningbo-by-city-2019-05.xlsx" });
    const en = await exportResponse(regulator, "province", new URLSearchParams({ ...MONTH, by: "bank", county: "330483", format: "csv" }), "en");
    expect(disposition(en.headers).name).toBe("jiaxing-tongxiang-by-bank-2019-05.csv");
    const quarter = await exportResponse(regulator, "province", new URLSearchParams({ period: "quarter", quarter: "2019-Q2", by: "bank", county: "330483", format: "csv" }));
    expect(disposition(quarter.headers).name).toBe("嘉兴市桐乡市-按银行-2019-Q2.csv");
  });

  it("writes the county's bank rows in the UI language, the distinct total labelled and its pool cell blank", async () => {
    const result = await exportResponse(regulator, "province", new URLSearchParams({ ...MONTH, by: "bank", county: "330483", format: "csv" }), "en");
    const lines = (result.body as string).replace(/^\uFEFF/, "").split("\r\n").map((l) => l.split(","));
    const header = lines.find((l) => l[0] === "Code")!;
    expect(header.slice(0, 3)).toEqual(["Code", "Bank", "Listed in pool"]);
    const bankA = lines.find((l) => l[0] === world.bankA)!;
    expect(bankA[1]).toBe(`Bank A ${world.tag}`);
    expect(bankA[header.indexOf("Credit amount (yuan)")]).toBe("1000000.00");
    const total = lines.find((l) => l[1] === "Total (each enterprise once)")!;
    expect(total[header.indexOf("Listed in pool")]).toBe("");
    expect(Number(total[header.indexOf("Visited on site")])).toBeGreaterThanOrEqual(1);
  });
});
