// Header row → which column holds which field. Files come from many offices: Chinese or
// English headers, any order, full-width characters, "*" marking required columns, notes in
// brackets ("联系电话（选填）"), so headers are compared by a loose key against synonyms.
import { lookupKey } from "./text";

export type FieldKey = "uscc" | "name" | "county" | "industry" | "kind" | "legalRepName" | "legalRepPhone" | "bank";
export type ColumnMap = Partial<Record<FieldKey, number>>;

export const FIELD_KEYS: readonly FieldKey[] = ["uscc", "name", "county", "industry", "kind", "legalRepName", "legalRepPhone", "bank"];
export const REQUIRED_FIELDS: readonly FieldKey[] = ["uscc", "name", "county"];

/** Column titles of the template and the error file, in this order. */
export const FIELD_HEADERS: Record<FieldKey, { zh: string; en: string }> = {
  uscc: { zh: "统一社会信用代码", en: "Unified Social Credit Code" },
  name: { zh: "企业名称", en: "Enterprise name" },
  county: { zh: "所属区县", en: "County" },
  industry: { zh: "行业", en: "Industry" },
  kind: { zh: "主体类型", en: "Kind" },
  legalRepName: { zh: "法定代表人", en: "Legal representative" },
  legalRepPhone: { zh: "联系电话", en: "Phone" },
  bank: { zh: "对接银行", en: "Bank" },
};

const SYNONYMS: Record<FieldKey, readonly string[]> = {
  uscc: [
    "统一社会信用代码", "社会信用代码", "信用代码", "统一信用代码", "统一代码", "企业信用代码",
    "uscc", "unifiedsocialcreditcode", "socialcreditcode", "creditcode",
  ],
  name: [
    "企业名称", "名称", "企业名", "单位名称", "主体名称", "市场主体名称", "企业主体名称", "客户名称",
    "enterprisename", "name", "companyname", "enterprise", "company",
  ],
  county: [
    "所属区县", "区县", "县区", "所属县区", "所在区县", "区县名称", "区县代码", "行政区划代码", "区划代码",
    "行政区划", "所属区域", "所属地区", "county", "countycode", "countyname", "district", "districtcode",
    "divisioncode", "regioncode",
  ],
  industry: [
    "行业", "行业门类", "所属行业", "行业分类", "行业类别", "国民经济行业", "国民经济行业分类", "行业代码",
    "industry", "industrysection", "industrycode", "sector",
  ],
  kind: ["主体类型", "企业类型", "市场主体类型", "类型", "kind", "type", "entitytype", "enterprisetype"],
  legalRepName: [
    "法定代表人", "法人", "法人代表", "法定代表人姓名", "负责人", "经营者", "法定代表人负责人",
    "legalrepresentative", "legalrep", "legalrepname", "representative",
  ],
  legalRepPhone: [
    "联系电话", "电话", "手机", "手机号", "手机号码", "联系方式", "联系手机", "电话号码", "法人电话", "法定代表人电话",
    "phone", "telephone", "tel", "mobile", "phonenumber", "contactphone", "legalrepphone",
  ],
  bank: ["对接银行", "对接机构", "对接银行机构", "对接金融机构", "责任银行", "银行", "bank", "bankname", "bankcode", "partnerbank"],
};

// Notes in brackets and marks such as "*" or "：" say nothing about which field a column holds.
const BRACKETED = /[(（[【<《][^)）\]】>》]*[)）\]】>》]/g;
const DECORATION = /[*＊:：_\-.·•#№]/g;

export function headerKey(cell: string): string {
  return lookupKey(cell).replace(BRACKETED, "").replace(DECORATION, "");
}

const FIELD_BY_KEY = new Map<string, FieldKey>();
for (const field of FIELD_KEYS) for (const synonym of SYNONYMS[field]) FIELD_BY_KEY.set(headerKey(synonym), field);

export function mapHeader(cells: string[]): { columns: ColumnMap; missing: FieldKey[]; duplicated: FieldKey[] } {
  const columns: ColumnMap = {};
  const duplicated: FieldKey[] = [];
  cells.forEach((cell, index) => {
    const field = FIELD_BY_KEY.get(headerKey(cell ?? ""));
    if (!field) return;
    // The first column wins; a second one is reported so the user can fix the file.
    if (columns[field] === undefined) columns[field] = index;
    else if (!duplicated.includes(field)) duplicated.push(field);
  });
  const missing = REQUIRED_FIELDS.filter((f) => columns[f] === undefined);
  return { columns, missing, duplicated };
}
