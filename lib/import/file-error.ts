// A file the reader cannot read at all (as opposed to a bad row, which is a reason code on
// that row). The job fails the batch with the message; `code` names it for the catalogs.
export type ImportFileErrorCode =
  | "unsupportedFormat" // neither a CSV nor an .xlsx workbook (e.g. an old .xls)
  | "xlsxCorrupt" // not a readable zip / workbook
  | "xlsxNoWorksheet"
  | "xlsxUnsupportedCompression"
  | "xlsxTooLarge" // shared strings or a single row beyond sane limits (a zip bomb, or a broken file)
  | "recordTooLong"; // a CSV record of several MiB: almost always a quote that never closes

export const IMPORT_FILE_ERRORS: Record<ImportFileErrorCode, { zh: string; en: string }> = {
  unsupportedFormat: {
    zh: "无法识别的文件格式，请上传 .xlsx 或 .csv 文件（旧版 .xls 请另存为 .xlsx）",
    en: "Unrecognised file format: upload an .xlsx or .csv file (save an old .xls as .xlsx)",
  },
  xlsxCorrupt: { zh: "Excel 文件已损坏或无法读取", en: "The Excel file is damaged or unreadable" },
  xlsxNoWorksheet: { zh: "Excel 文件中没有工作表", en: "The Excel file has no worksheet" },
  xlsxUnsupportedCompression: {
    zh: "Excel 文件使用了不支持的压缩方式，请用 Excel 或 WPS 重新保存",
    en: "The Excel file uses an unsupported compression; save it again with Excel or WPS",
  },
  xlsxTooLarge: {
    zh: "Excel 文件内容过大或结构异常，请拆分后重新导入，或另存为 CSV",
    en: "The Excel file is too large or malformed; split it, or save it as CSV",
  },
  recordTooLong: {
    zh: "CSV 文件第 {line} 行起的记录过长，可能有未闭合的引号",
    en: "The CSV record starting on line {line} is too long; a quote is probably never closed",
  },
};

export class ImportFileError extends Error {
  constructor(
    readonly code: ImportFileErrorCode,
    readonly detail: Record<string, string> = {},
  ) {
    super(IMPORT_FILE_ERRORS[code].en.replace(/\{(\w+)\}/g, (w, k: string) => detail[k] ?? w));
    this.name = "ImportFileError";
  }

  /** The message in Chinese, for the batch page. */
  get zh(): string {
    return IMPORT_FILE_ERRORS[this.code].zh.replace(/\{(\w+)\}/g, (w, k: string) => this.detail[k] ?? w);
  }
}
