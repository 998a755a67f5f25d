// Reason codes of a checked list row. Errors reject the row; warnings keep it and are shown
// on the batch page and in the error file. Stored as codes (list_batch_rows.reasons) so the
// UI and the error file pick the language; a few texts are templates filled from a row's
// detail (e.g. {line} of the earlier row a duplicate repeats).

export type ReasonSeverity = "error" | "warning";
export type RowReason = { zh: string; en: string; severity: ReasonSeverity };

export const ROW_REASONS = {
  usccMissing: { zh: "缺少统一社会信用代码", en: "The Unified Social Credit Code is missing", severity: "error" },
  usccLength: { zh: "统一社会信用代码应为 18 位", en: "A Unified Social Credit Code has 18 characters", severity: "error" },
  usccCharset: {
    zh: "统一社会信用代码只能包含数字和大写字母（不含 I、O、S、V、Z）",
    en: "A Unified Social Credit Code contains only digits and capital letters (not I, O, S, V or Z)",
    severity: "error",
  },
  usccStoredAsNumber: {
    zh: "统一社会信用代码在 Excel 中被存成了数字，末尾几位已丢失，请把该列设为文本格式后重新填写",
    en: "The code was stored as a number in Excel and lost its last digits; format the column as text and enter it again",
    severity: "error",
  },
  usccChecksum: { zh: "统一社会信用代码校验位不正确", en: "The check character of the Unified Social Credit Code is wrong", severity: "error" },
  usccChecksumOverridden: {
    zh: "统一社会信用代码校验位不正确（已按早期试点代码放行）",
    en: "The check character is wrong (accepted as an early pilot code)",
    severity: "warning",
  },
  nameMissing: { zh: "缺少企业名称", en: "The enterprise name is missing", severity: "error" },
  nameTooLong: { zh: "企业名称超过 200 个字符", en: "The enterprise name is longer than 200 characters", severity: "error" },
  countyMissing: { zh: "缺少所属区县", en: "The county is missing", severity: "error" },
  countyUnknown: { zh: "所属区县无法识别", en: "Unknown county", severity: "error" },
  countyOutsideProvince: { zh: "所属区县不在浙江省", en: "The county is not in Zhejiang", severity: "error" },
  countyIsCity: {
    zh: "所属区县填写的是地级市，请填写区县",
    en: "The county column holds a city; give the county",
    severity: "error",
  },
  countyAmbiguous: {
    zh: "所属区县对应多个区县：{candidates}",
    en: "The county matches several counties: {candidates}",
    severity: "error",
  },
  countyHistorical: {
    zh: "所属区县为已撤销的区划，已按现行区划导入：{currentCounty}",
    en: "The county is historical; imported as the current county: {currentCounty}",
    severity: "warning",
  },
  phoneFormat: {
    zh: "联系电话格式不正确（手机 11 位，或区号-号码如 0573-88001234）",
    en: "The phone number is malformed (an 11-digit mobile, or area code and number such as 0573-88001234)",
    severity: "error",
  },
  phoneMultiple: {
    zh: "联系电话有多个号码，仅导入第一个",
    en: "Several phone numbers given; only the first was imported",
    severity: "warning",
  },
  legalRepTooLong: {
    zh: "法定代表人超过 50 个字符，未导入",
    en: "The legal representative is longer than 50 characters and was not imported",
    severity: "warning",
  },
  industryUnknown: {
    zh: "行业无法识别（应为 GB/T 4754 门类字母 A–T 或门类名称），未导入",
    en: "Unknown industry (a GB/T 4754 section letter A–T or its name); not imported",
    severity: "warning",
  },
  kindUnknown: {
    zh: "主体类型无法识别，已按统一社会信用代码判断",
    en: "Unknown kind of entity; taken from the Unified Social Credit Code",
    severity: "warning",
  },
  bankUnknown: { zh: "对接银行无法识别", en: "Unknown bank", severity: "error" },
  // Filled in by the import job in SQL; no logic here.
  duplicateInFile: {
    zh: "统一社会信用代码与第 {line} 行重复",
    en: "The Unified Social Credit Code repeats line {line}",
    severity: "error",
  },
  alreadyHasLoan: {
    zh: "该企业已有首笔银行贷款，不再是无贷户",
    en: "The enterprise already has its first bank loan; it is no longer a no-loan account",
    severity: "warning",
  },
  nameChanged: {
    zh: "企业名称与登记库不同，已更新登记库",
    en: "The name differs from the registry; the registry was updated",
    severity: "warning",
  },
  countyChanged: {
    zh: "所属区县与登记库不同，已更新登记库",
    en: "The county differs from the registry; the registry was updated",
    severity: "warning",
  },
  industryRequired: {
    zh: "新企业须有行业门类（GB/T 4754 门类字母 A–T 或门类名称）",
    en: "A new enterprise needs an industry section (GB/T 4754 letter A–T or its name)",
    severity: "error",
  },
  registryDiffers: {
    zh: "名称或所属区县与企业登记库不同（本行名单不修改登记库）",
    en: "The name or county differs from the registry (a bank's own list does not change the registry)",
    severity: "warning",
  },
} as const satisfies Record<string, RowReason>;

export type RowReasonCode = keyof typeof ROW_REASONS;

export function isRowError(code: string): boolean {
  return (ROW_REASONS as Record<string, RowReason>)[code]?.severity === "error";
}

const PLACEHOLDER = /\{(\w+)\}/g;
// An unfilled placeholder goes with the punctuation that introduces it ("：{x}", "（{x}）").
const BARE_PLACEHOLDER = /(?:\s*[：:]\s*|\s*[（(])?\{\w+\}[）)]?/g;

/**
 * The text of one reason code, its {placeholders} filled from `detail`; an unknown code comes
 * back as itself so a newer code never disappears from an error file.
 */
export function reasonText(code: string, locale: "zh" | "en", detail?: Record<string, string> | null): string {
  const reason = (ROW_REASONS as Record<string, RowReason>)[code];
  if (!reason) return code;
  const text = reason[locale];
  if (!text.includes("{")) return text;
  return text
    .replace(PLACEHOLDER, (whole, key: string) => detail?.[key] ?? whole)
    .replace(BARE_PLACEHOLDER, "");
}

/** All reasons of a row in one cell, as the error file shows them. */
export function reasonsText(codes: readonly string[], locale: "zh" | "en", detail?: Record<string, string> | null): string {
  return codes.map((c) => reasonText(c, locale, detail)).join(locale === "zh" ? "；" : "; ");
}
