import { describe, expect, it } from "vitest";
import { validateUscc } from "@/lib/domain/uscc";
import { makeRowChecker, type CheckedRow } from "@/lib/import/check-row";
import { mapHeader } from "@/lib/import/fields";
import { readRows, type FileFormat, type SourceRow } from "@/lib/import/read-rows";
import { TEMPLATE_EXAMPLE, templateCsv, templateXlsx } from "@/lib/import/template";

const BANKS = [{ id: "bank-icbc", code: "ICBC", name: "工商银行", nameEn: "ICBC" }];

async function roundTrip(bytes: Buffer, format: FileFormat): Promise<{ header: SourceRow; checked: CheckedRow[] }> {
  async function* source() {
    yield bytes;
  }
  const rows: SourceRow[] = [];
  for await (const chunk of readRows(source(), format)) rows.push(...chunk);
  const header = mapHeader(rows[0]!.cells);
  expect(header).toMatchObject({ missing: [], duplicated: [] });
  const check = makeRowChecker({ columns: header.columns, banks: BANKS });
  return { header: rows[0]!, checked: rows.slice(1).map(check) };
}

describe("list template", () => {
  it("has an example code with a correct check character", () => {
    expect(validateUscc(TEMPLATE_EXAMPLE.uscc)).toMatchObject({ ok: true, checksumValid: true });
  });

  it("CSV: UTF-8 with BOM, Chinese headers, one example row that is accepted", async () => {
    const bytes = templateCsv();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const { header, checked } = await roundTrip(bytes, "csv");
    expect(header.cells).toEqual(["统一社会信用代码", "企业名称", "所属区县", "行业", "主体类型", "法定代表人", "联系电话", "对接银行"]);
    expect(checked).toHaveLength(1);
    expect(checked[0]).toMatchObject({ isRejected: false, reasons: [], uscc: TEMPLATE_EXAMPLE.uscc, countyCode: "330483", bankId: "bank-icbc" });
  });

  it("XLSX: the same headers and example row, read back from the first sheet", async () => {
    const { header, checked } = await roundTrip(await templateXlsx(), "xlsx");
    expect(header.cells[0]).toBe("统一社会信用代码");
    expect(checked).toHaveLength(1);
    expect(checked[0]).toMatchObject({ isRejected: false, reasons: [], uscc: TEMPLATE_EXAMPLE.uscc, legalRepPhone: "0573-88001234" });
  });
});
