import { describe, expect, it } from "vitest";
import { toCsv, type DataTable } from "@/lib/export/table";

// Reads the CSV back as a spreadsheet would see its cells (BOM off, CRLF rows, RFC 4180 quotes).
function cells(csv: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const text = csv.replace(/^\uFEFF/, "");
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") { row.push(cell); cell = ""; }
    else if (ch === "\r" && text[i + 1] === "\n") { row.push(cell); rows.push(row); row = []; cell = ""; i++; }
    else cell += ch;
  }
  return rows;
}

function table(rows: DataTable["rows"], filters: DataTable["filters"] = [["期间", "2026年"]]): DataTable {
  return {
    title: "分行汇总",
    sheetName: "汇总",
    filters,
    columns: [
      { key: "name", header: "名称", kind: "text" },
      { key: "count", header: "户数", kind: "count" },
      { key: "amount", header: "金额（元）", kind: "amount" },
    ],
    rows,
  };
}

describe("CSV export cells", () => {
  it("neutralises text cells a spreadsheet would run as a formula", () => {
    const hostile = ["=HYPERLINK(\"http://evil\",\"x\")", "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"];
    const csv = toCsv(table(hostile.map((name) => ({ name, count: 1, amount: "1.00" }))));
    const names = cells(csv).slice(4).map((r) => r[0]);
    expect(names).toEqual(hostile.map((v) => `'${v}`));
    for (const name of names) expect(name?.startsWith("'")).toBe(true);
  });

  it("keeps numbers we wrote as numbers, negative amounts included", () => {
    const csv = toCsv(table([{ name: "桐乡支行", count: -3, amount: "-1200.50" }, { name: "1-2", count: 0, amount: "0.00" }]));
    const body = cells(csv).slice(4);
    expect(body[0]).toEqual(["桐乡支行", "-3", "-1200.50"]);
    expect(body[1]).toEqual(["1-2", "0", "0.00"]);
  });

  it("neutralises a formula that ends up in a numeric column or in the filters", () => {
    const csv = toCsv(table([{ name: "a", count: 1, amount: "=1+1" }], [["企业", "@cmd"]]));
    const all = cells(csv);
    expect(all[1]).toEqual(["企业", "'@cmd"]);
    expect(all[4]).toEqual(["a", "1", "'=1+1"]);
  });

  it("still quotes commas, quotes and line breaks", () => {
    const csv = toCsv(table([{ name: 'A,"B"\nC', count: 1, amount: "2.00" }]));
    expect(cells(csv)[4]).toEqual(['A,"B"\nC', "1", "2.00"]);
  });
});
