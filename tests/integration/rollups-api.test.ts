// GET /api/v1/rollups/province and the exports, called as the route handlers call them
// (actor from the database, query string as sent): who gets which figures, who gets none, and
// the export files parsed back (CSV text, exceljs workbook). Data sits in 2017 so other test
// files' rows do not touch these periods.
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { logVisit } from "@/lib/commands/log-visit";
import { provinceRollupApi } from "@/lib/api/province-rollup";
import { exportResponse } from "@/lib/api/export";
import { createClient, createEnterprise, createListBatch } from "@/prisma/seed/factories";
import { buildWorld, type ActorName, type World } from "../support/world";

let world: World;
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);
const q = (params: Record<string, string>) => new URLSearchParams(params);
const YEAR = { from: "2017-01-01", to: "2017-12-31" };

type Body = {
  ningbo: string;
  totals: Record<string, unknown>;
  rows: { code: string; name: string; listed: number; visitedOnSite: number; credited: number; creditAmount: string; newFirstLoans: number }[];
};

beforeAll(async () => {
  // Re-runs on the same database: retire earlier runs' 2017 figures (unlisted enterprises do
  // not count in the funnel; first loans are cleared), through the same triggers as any write.
  await db.listMembership.deleteMany({ where: { listedOn: { gte: asDate("2016-01-01"), lte: asDate("2018-12-31") } } });
  await db.enterprise.updateMany({ where: { firstLoanOn: { gte: asDate("2016-01-01"), lte: asDate("2018-12-31") } }, data: { firstLoanOn: null, firstLoanBankId: null, firstLoanAmount: null } });
  world = await buildWorld();
  const batch = await createListBatch(db, { listType: "BANKS_VISIT_ENTERPRISES", name: `API测试${world.tag}`, issuedOn: "2017-02-01" });
  const owner = await world.actor("owner");
  // E (bank A, 桐乡) listed, visited on site, credited; O (bank B) listed; N (bank A, Ningbo) listed and credited.
  const ningbo = await createEnterprise(db, { seq: 800_000_000 + (parseInt(world.tag, 16) % 1_000_000), countyCode: "330212" });
  await createClient(db, { bankId: world.bankA, branchId: world.branchA1, enterpriseId: ningbo.id, managerId: world.userIds.owner });
  for (const [enterpriseId, listedOn] of [[world.enterpriseId, "2017-02-01"], [world.otherBankEnterpriseId, "2017-03-01"], [ningbo.id, "2017-02-01"]] as const) {
    await db.listMembership.create({ data: { enterpriseId, batchId: batch.id, listType: "BANKS_VISIT_ENTERPRISES", listedOn: asDate(listedOn) } });
  }
  // Entering the banks' pools in 2017 too (bank rows count "listed" by pool entry).
  await db.bankClient.updateMany({ where: { enterpriseId: { in: [world.enterpriseId, ningbo.id, world.otherBankEnterpriseId] } }, data: { createdAt: new Date("2017-03-05T02:00:00Z") } });
  for (const enterpriseId of [world.enterpriseId, ningbo.id]) {
    await logVisit(owner, { enterpriseId, visitedOn: "2017-04-10", mode: "ON_SITE", hasNeed: "yes", amountWan: "120", termMonths: "12", purpose: "WORKING_CAPITAL" });
    const client = await db.bankClient.findFirstOrThrow({ where: { bankId: world.bankA, enterpriseId } });
    await db.creditLine.create({
      data: {
        clientId: client.id, bankId: world.bankA, branchId: world.branchA1, enterpriseId, productName: "首贷通", limitAmount: "1200000.50",
        guaranteeMode: "CREDIT", isRevolving: true, validFrom: asDate("2017-04-20"), validTo: asDate("2018-04-19"), creditCheckOn: asDate("2017-04-18"),
        creditCheckHasPriorLoan: false, proposedById: world.userIds.owner, status: "APPROVED", decidedById: world.userIds.branchHead,
        decidedAt: new Date("2017-04-20T03:00:00Z"), decidedOn: asDate("2017-04-20"),
      },
    });
  }
  await db.enterprise.update({ where: { id: world.enterpriseId }, data: { firstLoanOn: asDate("2017-05-02"), firstLoanBankId: world.bankA, firstLoanAmount: "1000000.00" } });
});

async function call(name: ActorName, params: Record<string, string>) {
  return provinceRollupApi(await world.actor(name), q(params));
}

describe("GET /api/v1/rollups/province", () => {
  it.each([
    ["signedOut", 401],
    ["disabled", 401],
    ["owner", 403],
    ["sameBranchManager", 403],
    ["branchHead", 403],
    ["otherBranchHead", 403],
  ] as [ActorName, number][])("%s gets %i and no figures", async (name, status) => {
    const result = await call(name, { ...YEAR, by: "city" });
    expect(result.status).toBe(status);
    expect(Object.keys(result.body as object)).toEqual(["error"]);
  });

  it("gives a regulator (Zhejiang excluding Ningbo) the province without Ningbo by default", async () => {
    const result = await call("regulator", { ...YEAR, by: "city" });
    expect(result.status).toBe(200);
    const body = result.body as Body;
    expect(body.ningbo).toBe("exclude");
    expect(body.rows).toHaveLength(10);
    expect(body.rows.some((r) => r.code === "330200")).toBe(false);
    const jiaxing = body.rows.find((r) => r.code === "330400")!;
    expect(jiaxing).toMatchObject({ listed: 2, visitedOnSite: 1, credited: 1, creditAmount: "1200000.50", newFirstLoans: 1 });
    expect(body.totals).toMatchObject({ listed: 2, visitedOnSite: 1, credited: 1, creditAmount: "1200000.50", conversion: "1.0000" });
  });

  it("adds Ningbo when asked, and drills down to counties and banks", async () => {
    const incl = (await call("regulator", { ...YEAR, ningbo: "include" })).body as Body;
    expect(incl.rows).toHaveLength(11);
    expect(incl.totals).toMatchObject({ listed: 3, credited: 2, creditAmount: "2400001.00" });
    const counties = (await call("regulator", { ...YEAR, by: "county", city: "330400" })).body as Body;
    expect(counties.rows.find((r) => r.code === "330483")).toMatchObject({ listed: 2, credited: 1 });
    const banks = (await call("regulator", { ...YEAR, by: "bank", ningbo: "include" })).body as Body;
    expect(banks.rows.find((r) => r.code === world.bankA)).toMatchObject({ credited: 2, creditAmount: "2400001.00", newFirstLoans: 1 });
    expect(banks.rows.find((r) => r.code === world.bankB)).toMatchObject({ listed: 1, credited: 0 });
  });

  it("gives bank head office its own bank only", async () => {
    const banks = (await call("headOffice", { ...YEAR, by: "bank", ningbo: "include" })).body as Body;
    expect(banks.rows.map((r) => r.code)).toEqual([world.bankA]);
    const cities = (await call("headOffice", { ...YEAR, by: "city", ningbo: "include" })).body as Body;
    expect(cities.totals).toMatchObject({ credited: 2, creditAmount: "2400001.00" });
    // Bank B's listed enterprise is not in bank A's figures.
    expect(cities.rows.find((r) => r.code === "330400")).toMatchObject({ listed: 1 });
  });

  it("compares with the same period last year", async () => {
    const body = (await call("regulator", { from: "2018-01-01", to: "2018-12-31" })).body as {
      totals: { credited: number; previous: { credited: number }; yoyPercent: { credited: string | null } };
    };
    expect(body.totals.credited).toBe(0);
    expect(body.totals.previous.credited).toBe(1);
    expect(body.totals.yoyPercent.credited).toBe("-100.0");
  });

  it.each([
    [{ from: "2017-13-01", to: "2017-12-31" }],
    [{ from: "2017-12-31", to: "2017-01-01" }],
    [{ from: "2017-01-01" }],
    [{ ...YEAR, by: "manager" }],
    [{ ...YEAR, ningbo: "maybe" }],
    [{ ...YEAR, extra: "1" }],
  ])("rejects bad parameters %j with 400 and no figures", async (params) => {
    const result = await call("regulator", params as Record<string, string>);
    expect(result.status).toBe(400);
    expect(JSON.stringify(result.body)).not.toContain("listed");
  });
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { field += '"'; i++; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(field); field = ""; }
    else if (ch === "\n") { row.push(field.replace(/\r$/, "")); rows.push(row); row = []; field = ""; }
    else field += ch;
  }
  return rows;
}

describe("exports", () => {
  it("CSV of the regulator's city table: filters first, Chinese headers, exact amounts", async () => {
    const result = await exportResponse(await world.actor("regulator"), "province", q({ ...YEAR, period: "range", format: "csv" }));
    expect(result.status).toBe(200);
    expect(result.headers["Content-Type"]).toContain("text/csv");
    const rows = parseCsv(result.body as string);
    expect(rows[0]![0]).toBe("首贷户培育汇总");
    expect(rows).toContainEqual(["统计期间", "2017-01-01 至 2017-12-31"]);
    expect(rows).toContainEqual(["宁波", "不含宁波"]);
    const headerAt = rows.findIndex((r) => r[0] === "代码");
    const header = rows[headerAt]!;
    expect(header.slice(0, 4)).toEqual(["代码", "地市", "入库无贷户", "提出融资需求"]);
    const jiaxing = rows.find((r) => r[0] === "330400")!;
    expect(jiaxing[header.indexOf("授信金额（元）")]).toBe("1200000.50");
    expect(jiaxing[header.indexOf("实地走访")]).toBe("1");
    expect(rows.at(-1)![1]).toBe("合计");
  });

  it("xlsx of the same table: numbers are numbers, filters in the sheet, an auto-filter on the header", async () => {
    const result = await exportResponse(await world.actor("regulator"), "province", q({ ...YEAR, period: "range", format: "xlsx", ningbo: "include" }));
    expect(result.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(result.body as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    const values = (n: number) => (sheet.getRow(n).values as unknown[]).slice(1);
    expect(values(1)[0]).toBe("首贷户培育汇总");
    let headerRow = 0;
    sheet.eachRow((row, n) => { if (row.getCell(1).value === "代码") headerRow = n; });
    expect(headerRow).toBeGreaterThan(2);
    const filters = Array.from({ length: headerRow - 2 }, (_, i) => values(i + 2));
    expect(filters).toContainEqual(["宁波", "含宁波"]);
    const header = values(headerRow);
    let ningbo: unknown[] = [];
    sheet.eachRow((row, n) => { if (row.getCell(1).value === "330200") ningbo = values(n); });
    expect(ningbo[header.indexOf("授信户数")]).toBe(1);
    expect(ningbo[header.indexOf("授信金额（元）")]).toBe(1200000.5);
    expect(sheet.autoFilter).toBeTruthy();
  });

  it("branch head exports their managers and funnel; head office its branches", async () => {
    const managers = await exportResponse(await world.actor("branchHead"), "branch-managers", q({ ...YEAR, period: "range", format: "csv" }));
    expect(managers.status).toBe(200);
    const rows = parseCsv(managers.body as string);
    const owner = rows.find((r) => r[0] === `owner-${world.tag}`)!;
    expect(owner).toBeTruthy();
    const header = rows.find((r) => r[0] === "客户经理")!;
    expect(owner[header.indexOf("授信户数")]).toBe("2");
    const funnel = await exportResponse(await world.actor("branchHead"), "branch-funnel", q({ ...YEAR, period: "range", format: "xlsx" }));
    expect(funnel.status).toBe(200);
    const branches = await exportResponse(await world.actor("headOffice"), "bank-branches", q({ ...YEAR, period: "range", format: "csv" }));
    expect(parseCsv(branches.body as string).some((r) => r[0] === "甲一支行")).toBe(true);
  });

  it.each([
    ["signedOut", "province", 401],
    ["owner", "province", 403],
    ["branchHead", "province", 403],
    ["regulator", "branch-managers", 403],
    ["headOffice", "branch-funnel", 403],
    ["otherBankManager", "bank-cities", 403],
    ["regulator", "no-such-table", 404],
  ] as [ActorName, string, number][])("%s asking for %s gets %i and no data", async (name, table, status) => {
    const result = await exportResponse(await world.actor(name), table, q({ ...YEAR, format: "csv" }));
    expect(result.status).toBe(status);
    expect(String(result.body)).not.toContain("1200000");
  });
});
