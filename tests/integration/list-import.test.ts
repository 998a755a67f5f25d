// The list import end to end, below the browser: upload (streamed into PostgreSQL) → the job
// (read, check, COPY, merge) → registry, memberships, counts, error rows; same file twice;
// who may import what; cancel. The kill-and-resume case is in list-import-kill.test.ts.
import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import { createListImport, type UploadReader } from "@/lib/commands/create-list-import";
import { cancelListImport } from "@/lib/commands/cancel-list-import";
import { handleListImport } from "@/lib/jobs/worker";
import { getListBatch } from "@/lib/queries/get-list-batch";
import { listCsv, expectedOutcome, type ListFileSpec } from "@/prisma/seed/list-file";
import { naiveSums } from "@/lib/rollups/naive";
import { sumRollups } from "@/lib/rollups/query";
import { previousYear } from "@/lib/domain/period";
import { todayInShanghai } from "@/lib/domain/dates";
import { makeUscc } from "@/lib/domain/uscc";
import { buildWorld, countRows, type World } from "../support/world";
import { expectRollupsMatchRebuild } from "../support/allocation";

function upload(fields: Record<string, string>, file: { name: string; text: string | Buffer } | null): UploadReader {
  return async (onFile) => {
    if (file) await onFile({ fileName: file.name, stream: Readable.from([typeof file.text === "string" ? Buffer.from(file.text) : file.text]) });
    return fields;
  };
}

const csvOf = (spec: ListFileSpec) => [...listCsv(spec)].join("");

let world: World;
let seq = 0;
function nextBase(): number {
  seq += 1;
  return 900_000_000 + (parseInt(world.tag, 16) % 100_000) * 1000 + seq * 200;
}

beforeAll(async () => {
  world = await buildWorld();
});

describe("importing a province list", () => {
  it("counts every row, adds new enterprises and memberships once, and keeps a row for each error", async () => {
    const known = await db.enterprise.findUniqueOrThrow({ where: { id: world.enterpriseId }, select: { uscc: true, name: true } });
    const spec: ListFileSpec = { rows: 120, seqBase: nextBase(), invalidEvery: 17, duplicateEvery: 23, known: [known.uscc], knownEvery: 50 };
    const expected = expectedOutcome(spec, (u) => u === known.uscc);
    const regulator = await world.actor("regulator");
    const { batchId } = await createListImport(regulator, upload({ listType: "BANKS_VISIT_ENTERPRISES", name: `测试批次${world.tag}` }, { name: "名单.csv", text: csvOf(spec) }));

    const queued = await getListBatch(regulator, batchId);
    expect(queued).toMatchObject({ status: "QUEUED", fileName: "名单.csv", fileFormat: "csv" });
    expect(queued!.fileSha256).toMatch(/^[0-9a-f]{64}$/);

    await handleListImport(batchId);
    const done = await getListBatch(regulator, batchId);
    expect(done).toMatchObject({
      status: "DONE",
      rows: 120,
      rejected: expected.rejected,
      accepted: expected.accepted,
      newEnterprises: expected.newEnterprises,
      knownEnterprises: 1,
      membershipsAdded: expected.accepted,
      encoding: "utf-8-bom",
    });
    expect(expected.rejected).toBeGreaterThan(5);

    // The registry holds each accepted USCC once; the known one was not added again.
    const rows = await db.listBatchRow.findMany({ where: { batchId, lineNo: { gt: 0 } }, orderBy: { lineNo: "asc" } });
    const accepted = rows.filter((r) => !r.isRejected);
    expect(await db.enterprise.count({ where: { uscc: { in: accepted.map((r) => r.uscc!) } } })).toBe(expected.accepted);
    expect(accepted.find((r) => r.uscc === known.uscc)?.enterpriseId).toBe(world.enterpriseId);
    // Line numbers are the file's (header = line 1) and every rejected row says why.
    expect(rows[0]!.lineNo).toBe(2);
    const duplicate = rows.find((r) => r.reasons.some((c) => c.startsWith("duplicateInFile:")));
    expect(duplicate?.isRejected).toBe(true);
    expect(rows.find((r) => r.reasons.includes("usccChecksum"))?.raw[0]).toMatch(/^9\d/);
    expect(rows.filter((r) => r.isRejected).every((r) => r.reasons.length > 0)).toBe(true);
    // Memberships: one per accepted enterprise, dated by the batch.
    expect(await db.listMembership.count({ where: { batchId } })).toBe(expected.accepted);
    // The rollups saw every one of them: province, city and county figures equal a recount.
    const today = todayInShanghai();
    const period = { from: `${today.slice(0, 4)}-01-01`, to: today };
    for (const group of ["total", "city", "county"] as const) {
      const input = { period, previous: previousYear(period), group, filter: { cities: "all" as const } };
      const [fast, slow] = await Promise.all([sumRollups(db, input), naiveSums(db, input)]);
      expect(Object.fromEntries(fast), group).toEqual(Object.fromEntries(slow));
    }
    // Every rollup, coverage included, equals a rebuild (the new enterprises took the listing's
    // fast paths as enterprises this transaction created).
    await expectRollupsMatchRebuild();
  });

  it("the same file again adds nothing and says which batch it repeats", async () => {
    const spec: ListFileSpec = { rows: 40, seqBase: nextBase() };
    const regulator = await world.actor("regulator");
    const text = csvOf(spec);
    const first = await createListImport(regulator, upload({ listType: "SME_PARK", name: `园区${world.tag}` }, { name: "park.csv", text }));
    await handleListImport(first.batchId);
    const before = await countRows();
    const again = await createListImport(regulator, upload({ listType: "SME_PARK", name: `园区再次${world.tag}` }, { name: "park.csv", text }));
    await handleListImport(again.batchId);
    const after = await countRows();
    const batch = await getListBatch(regulator, again.batchId);
    expect(batch).toMatchObject({ status: "DONE", rows: 40, newEnterprises: 0, knownEnterprises: 40, membershipsAdded: 0, duplicateOf: { id: first.batchId } });
    expect([after.enterprises - before.enterprises, after.memberships - before.memberships]).toEqual([0, 0]);
  });

  it("a changed name updates the registry with an audit row and a warning", async () => {
    const regulator = await world.actor("regulator");
    const enterprise = await db.enterprise.findUniqueOrThrow({ where: { id: world.otherBankEnterpriseId } });
    const text = `统一社会信用代码,企业名称,所属区县,行业\r\n${enterprise.uscc},新名称${world.tag}有限公司,${enterprise.countyCode},C\r\n`;
    const { batchId } = await createListImport(regulator, upload({ listType: "INDUSTRY_AUTHORITY", name: `改名${world.tag}` }, { name: "x.csv", text }));
    await handleListImport(batchId);
    expect((await db.enterprise.findUniqueOrThrow({ where: { id: enterprise.id } })).name).toBe(`新名称${world.tag}有限公司`);
    const audit = await db.auditLog.findFirst({ where: { entityType: "enterprise", entityId: enterprise.id, action: "enterprise.update_from_list" } });
    expect(audit?.before).toMatchObject({ name: enterprise.name });
    expect((await db.listBatchRow.findFirstOrThrow({ where: { batchId, lineNo: 2 } })).reasons).toContain("nameChanged");
    expect(await getListBatch(regulator, batchId)).toMatchObject({ registryUpdates: 1, warnings: 1 });
    // An enterprise the import only renamed is not one it created: its facts rows took the
    // general inserts, and every rollup still equals a rebuild.
    await expectRollupsMatchRebuild();
  });

  it("a first loan on record warns, a new enterprise without an industry is refused, a bank's own list naming a known one differently only warns", async () => {
    const base = nextBase();
    const loaned = await db.enterprise.create({
      data: { uscc: makeUscc({ kind: "ENTERPRISE", divisionCode: "330106", orgSeq: base + 1 }), name: `有贷企业${world.tag}`, kind: "ENTERPRISE", countyCode: "330106", cityCode: "330100", industry: "C", firstLoanOn: new Date("2020-03-01") },
    });
    const noIndustry = makeUscc({ kind: "ENTERPRISE", divisionCode: "330106", orgSeq: base + 2 });
    const regulator = await world.actor("regulator");
    const province = await createListImport(regulator, upload({ listType: "INDUSTRY_AUTHORITY", name: `有贷${world.tag}` }, {
      name: "loan.csv",
      text: `统一社会信用代码,企业名称,所属区县,行业\r\n${loaned.uscc},有贷企业${world.tag},330106,C\r\n${noIndustry},无行业${world.tag},330106,\r\n`,
    }));
    await handleListImport(province.batchId);
    const rows = await db.listBatchRow.findMany({ where: { batchId: province.batchId, lineNo: { gt: 0 } }, orderBy: { lineNo: "asc" } });
    expect(rows.map((r) => [r.lineNo, r.isRejected, r.isNew, r.enterpriseId, r.reasons])).toEqual([
      [2, false, false, loaned.id, ["alreadyHasLoan"]],
      [3, true, false, null, ["industryRequired"]],
    ]);
    expect(await db.enterprise.count({ where: { uscc: noIndustry } })).toBe(0);
    expect(await getListBatch(regulator, province.batchId)).toMatchObject({ rows: 2, accepted: 1, rejected: 1, warnings: 1, newEnterprises: 0, knownEnterprises: 1, registryUpdates: 0 });

    const headOffice = await world.actor("headOffice");
    const own = await createListImport(headOffice, upload({ listType: "SETTLEMENT_ACCOUNT", name: `本行${world.tag}` }, {
      name: "own.csv",
      text: `统一社会信用代码,企业名称,所属区县,行业\r\n${loaned.uscc},本行叫法${world.tag},330106,C\r\n`,
    }));
    await handleListImport(own.batchId);
    const ownRow = await db.listBatchRow.findFirstOrThrow({ where: { batchId: own.batchId, lineNo: 2 } });
    expect([ownRow.isRejected, ownRow.enterpriseId, ownRow.reasons]).toEqual([false, loaned.id, ["registryDiffers", "alreadyHasLoan"]]);
    expect((await db.enterprise.findUniqueOrThrow({ where: { id: loaned.id } })).name).toBe(`有贷企业${world.tag}`);
    expect(await getListBatch(headOffice, own.batchId)).toMatchObject({ registryUpdates: 0, warnings: 1, knownEnterprises: 1 });
  });

  it("a list moving a dozen known enterprises to another county updates the registry once per statement, and the rollups still equal a recount", async () => {
    const regulator = await world.actor("regulator");
    const spec: ListFileSpec = { rows: 12, seqBase: nextBase(), counties: ["330106"] };
    const first = await createListImport(regulator, upload({ listType: "BANKS_VISIT_ENTERPRISES", name: `迁前${world.tag}` }, { name: "move-before.csv", text: csvOf(spec) }));
    await handleListImport(first.batchId);
    const known = await db.listBatchRow.findMany({ where: { batchId: first.batchId, lineNo: { gt: 0 } }, orderBy: { lineNo: "asc" } });
    expect(known.map((r) => r.countyCode)).toEqual(Array(12).fill("330106"));
    // The same enterprises, now in 乐清市 (330382): a regulator's list re-counties all twelve.
    const text = `统一社会信用代码,企业名称,所属区县,行业\r\n${known.map((r) => `${r.uscc},${r.name},330382,C`).join("\r\n")}\r\n`;
    const moved = await createListImport(regulator, upload({ listType: "SME_PARK", name: `迁后${world.tag}` }, { name: "move-after.csv", text }));
    await handleListImport(moved.batchId);
    expect(await getListBatch(regulator, moved.batchId)).toMatchObject({ status: "DONE", knownEnterprises: 12, registryUpdates: 12, warnings: 12 });
    const registry = await db.enterprise.findMany({ where: { id: { in: known.map((r) => r.enterpriseId!) } }, select: { countyCode: true, cityCode: true } });
    expect(new Set(registry.map((e) => `${e.countyCode}/${e.cityCode}`))).toEqual(new Set(["330382/330300"]));
    const today = todayInShanghai();
    const period = { from: `${today.slice(0, 4)}-01-01`, to: today };
    for (const group of ["city", "county"] as const) {
      const input = { period, previous: previousYear(period), group, filter: { cities: "all" as const } };
      const [fast, slow] = await Promise.all([sumRollups(db, input), naiveSums(db, input)]);
      expect(Object.fromEntries(fast), group).toEqual(Object.fromEntries(slow));
    }
  });

  it("a file without the required columns fails with the missing ones named, writing no enterprise", async () => {
    const regulator = await world.actor("regulator");
    const before = await countRows();
    const { batchId } = await createListImport(regulator, upload({ listType: "SME_PARK", name: `缺列${world.tag}` }, { name: "bad.csv", text: "企业名称,行业\r\n某公司,C\r\n" }));
    await handleListImport(batchId);
    const batch = await getListBatch(regulator, batchId);
    expect(batch?.status).toBe("FAILED");
    expect(batch?.errorMessage).toContain("uscc");
    const after = await countRows();
    expect([after.enterprises, after.memberships]).toEqual([before.enterprises, before.memberships]);
  });
});

describe("who may import", () => {
  it("managers and branch heads are refused before anything is written; a bank cannot import a province list", async () => {
    const before = await countRows();
    for (const name of ["owner", "branchHead", "signedOut", "disabled"] as const) {
      const error = await createListImport(await world.actor(name), upload({ listType: "SME_PARK", name: "x" }, { name: "a.csv", text: csvOf({ rows: 2, seqBase: nextBase() }) })).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(AppError);
      expect((error as AppError).code, name).toBe(name === "signedOut" || name === "disabled" ? "UNAUTHENTICATED" : "NOT_FOUND");
    }
    const refused = await createListImport(await world.actor("headOffice"), upload({ listType: "BANKS_VISIT_ENTERPRISES", name: "x" }, { name: "a.csv", text: csvOf({ rows: 2, seqBase: nextBase() }) })).catch((e: unknown) => e);
    expect((refused as AppError).fieldErrors).toEqual({ listType: ["listTypeNotAllowed"] });
    const bad = await createListImport(await world.actor("regulator"), upload({ listType: "NOPE", name: "" }, { name: "a.csv", text: "x" })).catch((e: unknown) => e);
    expect((bad as AppError).code).toBe("INVALID_INPUT");
    expect(await countRows()).toEqual(before);
    expect(await db.listBatch.count({ where: { fileName: "a.csv" } })).toBe(0);
  });

  it("a bank's own list goes into that bank's pool only, and other banks and regulators cannot see the batch", async () => {
    const headOffice = await world.actor("headOffice");
    const spec: ListFileSpec = { rows: 12, seqBase: nextBase() };
    const { batchId } = await createListImport(headOffice, upload({ listType: "SETTLEMENT_ACCOUNT", name: `结算户${world.tag}` }, { name: "s.csv", text: csvOf(spec) }));
    await handleListImport(batchId);
    const batch = await getListBatch(headOffice, batchId);
    expect(batch).toMatchObject({ status: "DONE", newEnterprises: 12, isBankList: true, pooled: 12 });
    const ids = (await db.listBatchRow.findMany({ where: { batchId, lineNo: { gt: 0 } }, select: { enterpriseId: true } })).map((r) => r.enterpriseId!);
    const clients = await db.bankClient.findMany({ where: { enterpriseId: { in: ids } } });
    expect(clients).toHaveLength(12);
    expect(new Set(clients.map((c) => `${c.bankId}/${c.branchId}/${c.managerId}`))).toEqual(new Set([`${world.bankA}/null/null`]));
    expect(await getListBatch(await world.actor("regulator"), batchId)).toBeNull();
    expect(await getListBatch(await world.actor("owner"), batchId)).toBeNull();
  });
});

describe("cancel", () => {
  it("a queued import cancelled before any worker takes it ends CANCELLED with nothing written", async () => {
    const regulator = await world.actor("regulator");
    const { batchId } = await createListImport(regulator, upload({ listType: "SME_PARK", name: `取消${world.tag}` }, { name: "c.csv", text: csvOf({ rows: 30, seqBase: nextBase() }) }));
    const before = await countRows();
    await cancelListImport(regulator, { batchId });
    await handleListImport(batchId);
    expect((await getListBatch(regulator, batchId))?.status).toBe("CANCELLED");
    const after = await countRows();
    expect([after.enterprises, after.memberships]).toEqual([before.enterprises, before.memberships]);
    // Another bank's head office cannot cancel (or see) it.
    const denied = await cancelListImport(await world.actor("headOffice"), { batchId }).catch((e: unknown) => e);
    expect((denied as AppError).code).toBe("NOT_FOUND");
  });
});

describe("the shipped fixture in three encodings and two formats", () => {
  it("gives the same rows, the same rejections and the same reasons whether UTF-8 CSV, GBK CSV or XLSX", async () => {
    const { readFile } = await import("node:fs/promises");
    const regulator = await world.actor("regulator");
    const outcomes: unknown[] = [];
    for (const [file, listType] of [["list-utf8.csv", "SME_PARK"], ["list-gbk.csv", "INDUSTRY_AUTHORITY"], ["list.xlsx", "BANKS_VISIT_ENTERPRISES"]] as const) {
      const bytes = await readFile(`tests/fixtures/lists/${file}`);
      const { batchId } = await createListImport(regulator, upload({ listType, name: `样例${file}${world.tag}` }, { name: file, text: bytes }));
      await handleListImport(batchId);
      const batch = await getListBatch(regulator, batchId);
      const rows = await db.listBatchRow.findMany({ where: { batchId, lineNo: { gt: 0 } }, orderBy: { lineNo: "asc" }, select: { uscc: true, isRejected: true, reasons: true } });
      outcomes.push({ status: batch?.status, rows: batch?.rows, rejected: batch?.rejected, perRow: rows.map((r) => [r.uscc, r.isRejected, r.reasons.filter((c) => !["nameChanged", "countyChanged"].includes(c))]) });
      expect(batch?.encoding, file).toBe(file === "list-gbk.csv" ? "gb18030" : file.endsWith(".csv") ? "utf-8" : null);
    }
    expect(outcomes[0]).toMatchObject({ status: "DONE", rows: 30 });
    expect((outcomes[0] as { rejected: number }).rejected).toBeGreaterThanOrEqual(14);
    expect(outcomes[1]).toEqual(outcomes[0]);
    expect(outcomes[2]).toEqual(outcomes[0]);
  });
});

describe("a malformed batch id", () => {
  it("reads as a missing batch everywhere (no server error)", async () => {
    const regulator = await world.actor("regulator");
    const { getBatchErrorRows } = await import("@/lib/queries/batch-error-rows");
    const { getBatchDiff } = await import("@/lib/queries/batch-diff");
    for (const id of ["x", "-".repeat(36), "00000000-0000-0000-0000-00000000000g"]) {
      expect(await getListBatch(regulator, id)).toBeNull();
      expect(await getBatchErrorRows(regulator, id)).toBeNull();
      expect(await getBatchDiff(regulator, id)).toBeNull();
    }
  });
});
