// /api/v1/notices — the monthly notices (监测通报) for the regulator's systems, as functions of
// (actor, params) so tests call them with real actors; the route files are thin shells.
//
//   GET  /api/v1/notices            the list of published notices (month, published, restated)
//   GET  /api/v1/notices/{YYYY-MM}  the frozen figures: funnel (month, year to date, each with
//                                   last year's same days and YoY) with, without and only
//                                   Ningbo; rankings of banks and cities; lagging flags; rules;
//                                   restatements (when and what changed). A bank's head office
//                                   gets its own page; Ningbo's bureau the Ningbo block.
//   POST /api/v1/notices/{YYYY-MM}  generate now (regulators of Zhejiang; a month that has
//                                   ended): 202 with the notice when it was published or
//                                   restated by this call, 200 when nothing changed.
//
// 401 signed out (or disabled); 403 for callers without notices (managers, branch heads) and
// for POST by anyone but the provincial bureau's regulators; 400 for a malformed month (or,
// for POST, one not over yet); 404 when the month has no notice. Errors carry no figures.
// Amounts are decimal strings in 元; ratios are numbers (lib/domain/notice.ts: rounding).
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { AppError } from "@/lib/errors";
import { generateNotice } from "@/lib/commands/notices/generate-notice";
import { isNoticeMonth, isPastMonth } from "@/lib/domain/notice";
import { canPublishNotices, noticeAudience } from "@/lib/notices/audience";
import { getNotice, listNotices } from "@/lib/queries/notices";
import { noticeWorkbook } from "@/lib/export/notice-workbook";
import type { ExportDownload } from "@/lib/api/export";

export type ApiResult = { status: number; body: unknown };

const UNAUTHENTICATED: ApiResult = { status: 401, body: { error: "unauthenticated" } };
const FORBIDDEN: ApiResult = { status: 403, body: { error: "forbidden" } };
const BAD_MONTH: ApiResult = { status: 400, body: { error: "invalid_parameters", issues: [{ parameter: "month", message: "expected YYYY-MM (2000-01 to 2099-12)" }] } };

export const NOTICE_DEFINITIONS = {
  funnel: "Province funnel by first events (docs/dashboards.md): listed, needs, visited (on site), credited, creditAmount, firstLoans (new 首贷户, the whole banking industry), firstLoanAmount; month and year to date, each beside the same days a year earlier (previous) with yoy in percent (null when last year was 0).",
  rankings: "Banks and cities of Zhejiang excluding Ningbo, year to date. ranks: 1 is best (median days: fewest); equal values share a rank; no value, no rank.",
  coverage: "Contacted ÷ listed as of the month's end (a bank: listed enterprises in its pool it had contacted; a city: listed enterprises any bank had contacted); a fraction, 4 decimals.",
  conversion: "credited ÷ visited, year to date; a fraction, 4 decimals.",
  creditShare: "First loans on unsecured (CREDIT) lines ÷ first loans on a recorded line, year to date; a fraction, 4 decimals.",
  medianDays: "Median days from the bank's first financing need to the first loan, first loans of the year to date; 1 decimal.",
  flags: "Banks breaking an active lagging rule (default while none is written: coverage < 0.3, firstLoansYoy < 0).",
  restatements: "A published notice never changes: a later run whose figures differ appends a restatement with the changed values (path, before, after).",
} as const;

export async function listNoticesApi(actor: Actor | null): Promise<ApiResult> {
  if (!actor) return UNAUTHENTICATED;
  const notices = await listNotices(actor);
  if (!notices) return FORBIDDEN;
  return { status: 200, body: { notices } };
}

export async function getNoticeApi(actor: Actor | null, month: string): Promise<ApiResult> {
  if (!actor) return UNAUTHENTICATED;
  if (!noticeAudience(actor)) return FORBIDDEN;
  if (!isNoticeMonth(month)) return BAD_MONTH;
  const view = await getNotice(actor, month);
  if (!view) return { status: 404, body: { error: "not_found" } };
  return { status: 200, body: { ...view, currency: "CNY", definitions: NOTICE_DEFINITIONS } };
}

export async function postNoticeApi(actor: Actor | null, month: string): Promise<ApiResult> {
  if (!actor) return UNAUTHENTICATED;
  if (!canPublishNotices(actor)) return FORBIDDEN;
  if (!isNoticeMonth(month)) return BAD_MONTH;
  if (!isPastMonth(month)) return { status: 400, body: { error: "invalid_parameters", issues: [{ parameter: "month", message: "the month is not over yet" }] } };
  try {
    const { outcome } = await generateNotice(actor, { month });
    const got = await getNoticeApi(actor, month);
    return { status: outcome === "unchanged" ? 200 : 202, body: { outcome, ...(got.body as object) } };
  } catch (error) {
    if (error instanceof AppError && error.code === "UNAUTHENTICATED") return UNAUTHENTICATED;
    if (error instanceof AppError && error.code === "NOT_FOUND") return FORBIDDEN;
    throw error;
  }
}

export type NoticeFile = ApiResult & { headers: Record<string, string>; file?: ArrayBuffer; download?: ExportDownload };

/** GET /api/v1/notices/{YYYY-MM}/xlsx: the notice as the caller may read it, as a workbook. */
export async function noticeXlsxApi(actor: Actor | null, month: string): Promise<NoticeFile> {
  const json = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };
  if (!actor) return { ...UNAUTHENTICATED, headers: json };
  if (!noticeAudience(actor)) return { ...FORBIDDEN, headers: json };
  if (!isNoticeMonth(month)) return { ...BAD_MONTH, headers: json };
  const view = await getNotice(actor, month);
  if (!view) return { status: 404, body: { error: "not_found" }, headers: json };
  const buffer = await noticeWorkbook(view);
  const name = view.audience === "bank" ? `监测通报-${month}-本行.xlsx` : `监测通报-${month}.xlsx`;
  return {
    status: 200,
    body: null,
    file: buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength) as ArrayBuffer,
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "Content-Disposition": `attachment; filename="notice-${month}.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      "Cache-Control": "no-store",
    },
    download: { table: "notice", format: "xlsx", rows: view.audience === "province" ? view.figures.rankings.banks.length : 1, filters: { month, audience: view.audience } },
  };
}
