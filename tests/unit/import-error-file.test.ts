import { describe, expect, it } from "vitest";
import { errorFileCsv, errorFileXlsx, neutralizeCell, type ErrorFileRow } from "@/lib/import/error-file";
import { readRows, type SourceRow } from "@/lib/import/read-rows";

const HEADER = ["统一社会信用代码", "企业名称", "所属区县", "联系电话"];
const ROWS: ErrorFileRow[] = [
  { lineNo: 5, reasons: ["usccChecksum"], raw: ["91330483MA2B7K3P50", "桐乡市恒达", "330483", "13800138000"] },
  { lineNo: 9, reasons: ["countyUnknown", "phoneFormat"], raw: ["x", '=HYPERLINK("http://evil","点我")', "火星, 区", "-1+2"] },
  { lineNo: 12, reasons: ["duplicateInFile"], raw: ["91330483MA2B7K3P5X", "@SUM(A1)", "\t=1", "+86"], detail: { line: "5" } },
  { lineNo: 13, reasons: ["countyAmbiguous", "someNewCode"], raw: ["y", "多行\n名称"], detail: { candidates: "上城区、钱塘区" } },
];

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return Buffer.concat(parts);
}

async function readBack(bytes: Buffer, format: "csv" | "xlsx"): Promise<SourceRow[]> {
  async function* source() {
    yield bytes;
  }
  const rows: SourceRow[] = [];
  for await (const chunk of readRows(source(), format)) rows.push(...chunk);
  return rows;
}

describe("neutralizeCell", () => {
  it("prefixes a quote to what a spreadsheet would run as a formula, and nothing else", () => {
    for (const v of ["=1+2", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]) expect(neutralizeCell(v)).toBe(`'${v}`);
    for (const v of ["", "桐乡", "1-2", "a=b", "0573-88001234"]) expect(neutralizeCell(v)).toBe(v);
  });
});

describe("errorFileCsv", () => {
  it("writes UTF-8 with BOM and CRLF: line number, Chinese reasons, then the original row", async () => {
    const bytes = await collect(errorFileCsv(HEADER, ROWS));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    const lines = text.split("\r\n");
    expect(lines[0]).toBe("行号,原因,统一社会信用代码,企业名称,所属区县,联系电话");
    expect(lines[1]).toBe("5,统一社会信用代码校验位不正确,91330483MA2B7K3P50,桐乡市恒达,330483,13800138000");
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("neutralises formula cells and fills {line} and {candidates} from the detail", async () => {
    const rows = await readBack(await collect(errorFileCsv(HEADER, ROWS)), "csv");
    expect(rows[2]!.cells).toEqual([
      "9", "所属区县无法识别；联系电话格式不正确（手机 11 位，或区号-号码如 0573-88001234）", "x",
      `'=HYPERLINK("http://evil","点我")`, "火星, 区", "'-1+2",
    ]);
    expect(rows[3]!.cells).toEqual(["12", "统一社会信用代码与第 5 行重复", "91330483MA2B7K3P5X", "'@SUM(A1)", "'\t=1", "'+86"]);
    // An unknown code stays visible as itself; a multi-line cell survives.
    expect(rows[4]!.cells).toEqual(["13", "所属区县对应多个区县：上城区、钱塘区；someNewCode", "y", "多行\n名称"]);
  });

  it("writes just the header for no rows", async () => {
    const text = (await collect(errorFileCsv(HEADER, []))).subarray(3).toString("utf8");
    expect(text).toBe("行号,原因,统一社会信用代码,企业名称,所属区县,联系电话\r\n");
  });
});

describe("errorFileXlsx", () => {
  it("streams a workbook with the same columns, every original cell kept as text", async () => {
    async function* rows() {
      yield* ROWS;
    }
    const bytes = await collect(errorFileXlsx(HEADER, rows()));
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const back = await readBack(bytes, "xlsx");
    expect(back[0]!.cells).toEqual(["行号", "原因", ...HEADER]);
    expect(back[1]!.cells).toEqual(["5", "统一社会信用代码校验位不正确", "91330483MA2B7K3P50", "桐乡市恒达", "330483", "13800138000"]);
    expect(back[2]!.cells[3]).toBe('=HYPERLINK("http://evil","点我")');
    expect(back[3]!.cells[1]).toBe("统一社会信用代码与第 5 行重复");
    expect(back).toHaveLength(5);
  });
});
