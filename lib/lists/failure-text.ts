// Why a batch failed, in the reader's language: our own codes (lib/lists/import-job.ts:
// emptyFile, unknownFormat, noHeader, missingColumns:<fields>, internal) and the reader's
// (lib/import/file-error.ts, optionally ":<line>").
import { FIELD_HEADERS, type FieldKey } from "@/lib/import/fields";
import { IMPORT_FILE_ERRORS, type ImportFileErrorCode } from "@/lib/import/file-error";
import { splitReason } from "@/lib/lists/reason-code";

type Translate = (key: string, values?: Record<string, string>) => string;

export function batchFailureText(stored: string | null, lang: "zh" | "en", t: Translate): string {
  const { code, param } = splitReason(stored ?? "internal");
  if (code === "missingColumns") {
    const columns = (param ?? "").split(",").filter(Boolean).map((k) => FIELD_HEADERS[k as FieldKey]?.[lang] ?? k);
    return t("missingColumns", { columns: columns.join(lang === "zh" ? "、" : ", ") });
  }
  if (code in IMPORT_FILE_ERRORS) {
    return IMPORT_FILE_ERRORS[code as ImportFileErrorCode][lang].replace("{line}", param ?? "?");
  }
  if (["emptyFile", "unknownFormat", "noHeader"].includes(code)) return t(code);
  return t("internal");
}
