import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import iconv from "iconv-lite";
import ExcelJS from "exceljs";
import { makeRowChecker, type BankRef } from "@/lib/import/check-row";
import { mapHeader } from "@/lib/import/fields";
import { detectCsvEncoding } from "@/lib/import/csv-rows";
import { detectFormat, readRows, type FileFormat, type ReadInfo, type SourceRow } from "@/lib/import/read-rows";

const FIXTURES = join(import.meta.dirname, "../fixtures/lists");
const BANKS: BankRef[] = [
  { id: "bank-icbc", code: "ICBC", name: "工商银行", nameEn: "ICBC" },
  { id: "bank-zjrcb", code: "ZJRCB", name: "浙江农商银行", nameEn: "Zhejiang Rural Commercial Bank" },
  { id: "bank-hzb", code: "HZB", name: "杭州银行", nameEn: "Bank of Hangzhou" },
];
type Expected = { csvLine: number; xlsxRow: number; isRejected: boolean; reasons: string[]; uscc?: string; phone?: string; countyCode?: string };
const EXPECTED = JSON.parse(readFileSync(join(FIXTURES, "expected.json"), "utf8")) as Expected[];

/** The bytes in chunks of `size` (1 = byte by byte), as an upload arrives. */
async function* chunks(bytes: Uint8Array, size = 64 * 1024): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readAll(bytes: Uint8Array, format: FileFormat, size?: number, info?: ReadInfo): Promise<SourceRow[]> {
  const rows: SourceRow[] = [];
  for await (const chunk of readRows(chunks(bytes, size), format, info)) {
    expect(chunk.length).toBeLessThanOrEqual(1000);
    rows.push(...chunk);
  }
  return rows;
}

const csv = (text: string) => Buffer.from(text, "utf8");

describe("CSV encodings", () => {
  it("UTF-8, UTF-8 with BOM and GBK files of the same list give the same rows", async () => {
    const utf8Info: ReadInfo = { encoding: null };
    const gbkInfo: ReadInfo = { encoding: null };
    const utf8 = await readAll(readFileSync(join(FIXTURES, "list-utf8.csv")), "csv", undefined, utf8Info);
    const gbk = await readAll(readFileSync(join(FIXTURES, "list-gbk.csv")), "csv", undefined, gbkInfo);
    const bomBytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), readFileSync(join(FIXTURES, "list-utf8.csv"))]);
    const bomInfo: ReadInfo = { encoding: null };
    const bom = await readAll(bomBytes, "csv", undefined, bomInfo);
    expect(utf8Info.encoding).toBe("utf-8");
    expect(gbkInfo.encoding).toBe("gb18030");
    expect(bomInfo.encoding).toBe("utf-8-bom");
    expect(utf8[0]!.cells[0]).toBe("统一社会信用代码");
    expect(utf8).toHaveLength(31);
    expect(gbk).toEqual(utf8);
    expect(bom).toEqual(utf8);
  });

  it("reads Excel's Unicode text export (UTF-16 with BOM, tab-separated)", async () => {
    const text = "\ufeff统一社会信用代码\t企业名称\t所属区县\r\nA\t桐乡, 有限\t330483\r\n";
    const le = Buffer.from(text, "utf16le");
    const be = Buffer.from(le).swap16();
    const info: ReadInfo = { encoding: null };
    const rows = await readAll(le, "csv", 5, info);
    expect(info.encoding).toBe("utf-16le");
    expect(rows[1]!.cells).toEqual(["A", "桐乡, 有限", "330483"]);
    expect(await readAll(be, "csv", 3)).toEqual(rows);
    expect(detectFormat("export.txt", le)).toBe("csv");
  });

  it("decides by the first 64 KiB even when a character is cut at the boundary", () => {
    const text = Buffer.from(`${"a".repeat(64 * 1024 - 1)}桐乡`);
    expect(detectCsvEncoding(text)).toBe("utf-8");
    expect(detectCsvEncoding(iconv.encode("企业名称,桐乡", "gb18030"))).toBe("gb18030");
  });

  it("decodes GB18030's four-byte characters and GBK's euro sign as iconv-lite encodes them", async () => {
    const text = "统一社会信用代码,企业名称,所属区县\r\nA,𠀀𪚥堃€·—…珺,桐乡\r\n";
    const rows = await readAll(iconv.encode(text, "gb18030"), "csv", 3);
    expect(rows[1]!.cells).toEqual(["A", "𠀀𪚥堃€·—…珺", "桐乡"]);
  });

  it("gives the same rows whatever the chunking, down to one byte at a time (GBK too)", async () => {
    const bytes = readFileSync(join(FIXTURES, "list-gbk.csv"));
    const whole = await readAll(bytes, "csv", bytes.length);
    expect(await readAll(bytes, "csv", 1)).toEqual(whole);
    expect(await readAll(bytes, "csv", 7)).toEqual(whole);
  });
});

describe("CSV records and line numbers", () => {
  it("reads quoted commas, quotes and line breaks, and numbers each record by the line it starts on", async () => {
    const text = 'USCC,Name,County\r\n' + 'A1,"桐乡, ""老字号""\r\n酱园\r\n三行",330483\r\n' + "A2,plain,330782\r\n" + '"A3","x\ny",330106';
    const rows = await readAll(csv(text), "csv", 5);
    expect(rows.map((r) => r.lineNo)).toEqual([1, 2, 5, 6]);
    expect(rows[1]!.cells).toEqual(["A1", '桐乡, "老字号"\r\n酱园\r\n三行', "330483"]);
    expect(rows[3]!.cells).toEqual(["A3", "x\ny", "330106"]);
  });

  it("skips blank lines (and rows of empty cells) but counts them", async () => {
    const rows = await readAll(csv("USCC,Name,County\n\n,,\nA1,n,330483\n   \nA2,m,330782\n"), "csv");
    expect(rows.map((r) => [r.lineNo, r.cells[0]])).toEqual([[1, "USCC"], [4, "A1"], [6, "A2"]]);
  });

  it("keeps empty trailing fields and reads LF, CRLF and a missing final line break alike", async () => {
    expect((await readAll(csv("a,b,c\n1,,\n"), "csv"))[1]!.cells).toEqual(["1", "", ""]);
    const crlf = await readAll(csv("a,b\r\n1,2\r\n3,4"), "csv");
    expect(crlf.map((r) => r.cells)).toEqual([["a", "b"], ["1", "2"], ["3", "4"]]);
  });

  it("drops NUL characters, which PostgreSQL text cannot hold", async () => {
    expect((await readAll(csv("a,b\n1\u0000x,\u0000\n"), "csv", 2))[1]!.cells).toEqual(["1x", ""]);
  });

  it("reads a semicolon- or tab-separated file", async () => {
    expect((await readAll(csv("USCC;Name;County\nA;b;c\n"), "csv"))[1]!.cells).toEqual(["A", "b", "c"]);
    expect((await readAll(csv("USCC\tName\tCounty\nA\tb, c\td\n"), "csv"))[1]!.cells).toEqual(["A", "b, c", "d"]);
  });

  it("puts the header first when a title row sits above it", async () => {
    const info: ReadInfo = { encoding: null };
    const rows = await readAll(csv("2020年百行进万企名单,,\n\n统一社会信用代码,企业名称,所属区县\nA,b,c\n"), "csv", undefined, info);
    expect(rows[0]).toEqual({ lineNo: 3, cells: ["统一社会信用代码", "企业名称", "所属区县"] });
    expect(info.headerLineNo).toBe(3);
    expect(rows).toHaveLength(2);
  });

  it("fails on a quote that never closes instead of reading the whole file into one field", async () => {
    const text = `a,b\n1,"${"x".repeat(5 * 1024 * 1024)}`;
    await expect(readAll(csv(text), "csv")).rejects.toThrow(/line 2/);
  });
});

describe("detectFormat", () => {
  it("believes the bytes before the name", () => {
    expect(detectFormat("list.csv", new Uint8Array([0x50, 0x4b, 0x03, 0x04]))).toBe("xlsx");
    expect(detectFormat("list.xlsx", csv("统一社会信用代码,企业名称"))).toBeNull();
    expect(detectFormat("list.xls", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBeNull();
    expect(detectFormat("list.csv", csv("a,b"))).toBe("csv");
    expect(detectFormat("upload", csv("a,b"))).toBe("csv");
  });
});

describe("the fixture lists", () => {
  const banks = BANKS;
  it.each([
    ["list-utf8.csv", "csv"], ["list-gbk.csv", "csv"], ["list-bom-en.csv", "csv"], ["list.xlsx", "xlsx"],
  ] as const)("%s: every row checks as expected.json says, at the right line", async (file, format) => {
    const rows = await readAll(readFileSync(join(FIXTURES, file)), format);
    const header = mapHeader(rows[0]!.cells);
    expect(header.missing).toEqual([]);
    const checker = makeRowChecker({ columns: header.columns, banks });
    const checked = rows.slice(1).map(checker);
    expect(checked).toHaveLength(EXPECTED.length);
    checked.forEach((row, i) => {
      const e = EXPECTED[i]!;
      expect({ line: row.lineNo, isRejected: row.isRejected, reasons: row.reasons }).toEqual({
        line: format === "csv" ? e.csvLine : e.xlsxRow, isRejected: e.isRejected, reasons: e.reasons,
      });
      if (e.uscc !== undefined) expect(row.uscc).toBe(e.uscc);
      if (e.phone !== undefined) expect(row.legalRepPhone).toBe(e.phone);
      if (e.countyCode !== undefined) expect(row.countyCode).toBe(e.countyCode);
    });
    expect(checked.filter((r) => r.isRejected)).toHaveLength(13);
  });
});

describe("XLSX through exceljs (as Excel and WPS write it)", () => {
  it("returns codes stored as numbers as their digits, no exponent, no .0", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名单");
    ws.addRow(["统一社会信用代码", "企业名称", "所属区县", "联系电话", "金额"]);
    ws.addRow(["91330483MA2B7K3P5X", "桐乡", 330483, 13800138000, 12.5]);
    ws.addRow(["x", "y", 330782.0, 1.3800138e10, -7]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const rows = await readAll(bytes, "xlsx", 1000);
    expect(rows[1]!.cells.slice(2)).toEqual(["330483", "13800138000", "12.5"]);
    expect(rows[2]!.cells.slice(2)).toEqual(["330782", "13800138000", "-7"]);
  });

  it("reads the streaming writer's inline strings, skips blank rows and keeps sheet row numbers", async () => {
    const { PassThrough } = await import("node:stream");
    const out = new PassThrough();
    const parts: Buffer[] = [];
    out.on("data", (c: Buffer) => parts.push(c));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false });
    const ws = wb.addWorksheet("s");
    ws.addRow(["USCC", "Name", "County"]).commit();
    ws.getRow(5).values = ["A & B", "<桐乡>", "x\ny"];
    ws.getRow(5).commit();
    ws.commit();
    await wb.commit();
    const rows = await readAll(Buffer.concat(parts), "xlsx");
    expect(rows).toEqual([
      { lineNo: 1, cells: ["USCC", "Name", "County"] },
      { lineNo: 5, cells: ["A & B", "<桐乡>", "x\ny"] },
    ]);
  });
});

describe("header detection", () => {
  it("takes the row naming the most fields when none names all the required ones", async () => {
    const info: ReadInfo = { encoding: null };
    const rows = await readAll(csv("名单标题\n统一社会信用代码,企业名称,联系电话\nA,b,c\n"), "csv", undefined, info);
    expect(rows[0]!.cells).toEqual(["统一社会信用代码", "企业名称", "联系电话"]);
    expect(mapHeader(rows[0]!.cells).missing).toEqual(["county"]);
    expect(info.headerLineNo).toBe(2);
  });

  it("takes the first row when nothing looks like a header", async () => {
    const rows = await readAll(csv("a,b\nc,d\n"), "csv");
    expect(rows.map((r) => r.cells)).toEqual([["a", "b"], ["c", "d"]]);
  });
});
