// The downloadable list template: the Chinese headers the importer knows best and one example
// row that passes every check (its code carries a correct GB 32100 check character), as CSV
// and as .xlsx. The .xlsx keeps code columns as text and has a second sheet with the values
// each column accepts.
import ExcelJS from "exceljs";
import { checkCharacter } from "@/lib/domain/uscc";
import { CITIES, COUNTIES } from "@/lib/domain/regions";
import { INDUSTRIES } from "@/lib/domain/industries";
import { FIELD_HEADERS, FIELD_KEYS, REQUIRED_FIELDS, type FieldKey } from "./fields";

const EXAMPLE_FIRST17 = "91330483MA2B7K3P5";

/** The example row, by field. */
export const TEMPLATE_EXAMPLE: Record<FieldKey, string> = {
  uscc: EXAMPLE_FIRST17 + checkCharacter(EXAMPLE_FIRST17),
  name: "桐乡市示例五金有限公司",
  county: "桐乡市",
  industry: "C",
  kind: "企业",
  legalRepName: "张三",
  legalRepPhone: "0573-88001234",
  bank: "工商银行",
};

export const TEMPLATE_HEADER: string[] = FIELD_KEYS.map((f) => FIELD_HEADERS[f].zh);

function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** UTF-8 with BOM, so Excel on a Chinese Windows opens it without garbling. */
export function templateCsv(): Buffer {
  const rows = [TEMPLATE_HEADER, FIELD_KEYS.map((f) => TEMPLATE_EXAMPLE[f])];
  const text = rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
}

const NOTES: Record<FieldKey, string> = {
  uscc: "必填。18 位统一社会信用代码，系统会校验校验位",
  name: "必填。企业（个体工商户）名称",
  county: "必填。区县名称（如 桐乡市、嘉兴市桐乡市）或 6 位行政区划代码（如 330483）",
  industry: "选填。国民经济行业门类字母 A–T 或门类名称（如 C 或 制造业）",
  kind: "选填。企业、个体工商户、农民专业合作社、其他；不填则按信用代码判断",
  legalRepName: "选填",
  legalRepPhone: "选填。手机 11 位，或区号-号码（如 0573-88001234）",
  bank: "选填。对接银行名称或机构代码",
};

export async function templateXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("名单");
  ws.columns = FIELD_KEYS.map((f) => ({
    key: f,
    width: f === "name" ? 32 : f === "uscc" ? 22 : 14,
    // Text format, so a code typed in stays "0573…" / "330483" instead of a number.
    style: { numFmt: "@" },
  }));
  const header = ws.addRow(TEMPLATE_HEADER);
  header.font = { bold: true };
  FIELD_KEYS.forEach((f, i) => {
    const cell = header.getCell(i + 1);
    cell.note = NOTES[f];
    if (REQUIRED_FIELDS.includes(f)) cell.font = { bold: true, color: { argb: "FFC00000" } };
  });
  ws.addRow(FIELD_KEYS.map((f) => TEMPLATE_EXAMPLE[f]));
  ws.views = [{ state: "frozen", ySplit: 1 }];

  const help = wb.addWorksheet("填写说明");
  help.columns = [{ width: 14 }, { width: 28 }, { width: 14 }, { width: 40 }];
  help.addRow(["行政区划代码", "区县", "行业门类", "门类名称"]).font = { bold: true };
  const cityName = new Map(CITIES.map((c) => [c.code, c.name]));
  const length = Math.max(COUNTIES.length, INDUSTRIES.length);
  for (let i = 0; i < length; i++) {
    const county = COUNTIES[i];
    const industry = INDUSTRIES[i];
    help.addRow([
      county?.code ?? "",
      county ? `${cityName.get(county.cityCode)}${county.name}` : "",
      industry?.code ?? "",
      industry?.name ?? "",
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
