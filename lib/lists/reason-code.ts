// A row's reasons are stored as codes (list_batch_rows.reasons) so the UI and the error file
// pick the language. A code whose text has a placeholder keeps its value after a colon:
// "duplicateInFile:line=12", "countyAmbiguous:candidates=上城区、钱塘区".
import { ROW_REASONS, type RowReason } from "@/lib/import/reasons";

const PLACEHOLDER = /\{(\w+)\}/;

/** The stored form of each reason, with the value its text needs from `detail`. */
export function encodeReasons(codes: readonly string[], detail: Record<string, string> | null | undefined): string[] {
  if (!detail) return codes as string[];
  return codes.map((code) => {
    const key = PLACEHOLDER.exec((ROW_REASONS as Record<string, RowReason>)[code]?.zh ?? "")?.[1];
    return key && detail[key] !== undefined ? `${code}:${key}=${detail[key]}` : code;
  });
}

export function splitReason(stored: string): { code: string; param: string | null; detail: Record<string, string> } {
  const at = stored.indexOf(":");
  if (at < 0) return { code: stored, param: null, detail: {} };
  const code = stored.slice(0, at);
  const param = stored.slice(at + 1);
  const eq = param.indexOf("=");
  // "duplicateInFile:12" (older form) means line 12.
  return { code, param, detail: eq < 0 ? { line: param } : { [param.slice(0, eq)]: param.slice(eq + 1) } };
}

/** Stored reasons → plain codes and the detail their texts take. */
export function decodeReasons(stored: readonly string[]): { codes: string[]; detail: Record<string, string> } {
  const detail: Record<string, string> = {};
  const codes = stored.map((s) => {
    const r = splitReason(s);
    Object.assign(detail, r.detail);
    return r.code;
  });
  return { codes, detail };
}
