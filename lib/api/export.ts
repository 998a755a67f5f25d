// GET /api/v1/exports/<table>?format=csv|xlsx&<the page's filters> — every dashboard table,
// and the audit log (table "audit": user, action, from, to), as a file. (actor, table, query)
// → response parts, so tests can call it with real actors. 401 signed out, 404 unknown table
// or format, 400 a period that does not exist, 403 not theirs. A file's result says what was
// downloaded (`download`), which the route writes to the audit log.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { DEFAULT_LOCALE, type Locale } from "@/lib/i18n/locale";
import { isValidPeriodRequest } from "@/lib/domain/period";
import { contentDisposition } from "@/lib/domain/report-name";
import { auditTable } from "@/lib/export/audit-table";
import { toCsv, toXlsx, type DataTable } from "@/lib/export/table";
import zhAudit from "@/lib/i18n/messages/zh-CN/audit.json";
import { AUDIT_EXPORT_MAX_ROWS, auditFilterSchema, auditLogForExport } from "@/lib/queries/audit-log";
import { EXPORT_TABLES, buildExportTable, type ExportTableName } from "@/lib/queries/export-table";
import { buildPoolExport } from "@/lib/queries/pool-export-table";

/** What a successful export handed out: the table, its filters, how many rows, in which format. */
export type ExportDownload = { table: string; format: "csv" | "xlsx"; rows: number; filters: Record<string, string> };
export type ExportResult = { status: number; headers: Record<string, string>; body: string | ArrayBuffer; download?: ExportDownload };

const JSON_HEADERS = { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" };

/** The audit log as its reader may see it, filtered as on the page (null: they read none). */
async function auditExport(actor: Actor, raw: Record<string, string>): Promise<DataTable | null> {
  const filter = { ...auditFilterSchema.parse(raw), after: undefined };
  const found = await auditLogForExport(actor, filter);
  if (!found) return null;
  const sideName = found.side === "bank" ? zhAudit.export.sideBank : zhAudit.export.sideRegulator;
  return auditTable({ side: found.side, sideName, filter, rows: found.rows, isTruncated: found.isTruncated, maxRows: AUDIT_EXPORT_MAX_ROWS });
}

/** `locale`: the caller's UI language (the route reads it from the locale cookie); files speak it. */
export async function exportResponse(actor: Actor | null, table: string, searchParams: URLSearchParams, locale: Locale = DEFAULT_LOCALE): Promise<ExportResult> {
  if (!actor) return { status: 401, headers: JSON_HEADERS, body: JSON.stringify({ error: "unauthenticated" }) };
  const format = searchParams.get("format") ?? "csv";
  const isAudit = table === "audit";
  // The pool: the page's filter and sort, and the ticked clients as repeated `id`; no period.
  const isPool = table === "pool";
  if ((!isAudit && !isPool && !(EXPORT_TABLES as readonly string[]).includes(table)) || (format !== "csv" && format !== "xlsx")) {
    return { status: 404, headers: JSON_HEADERS, body: JSON.stringify({ error: "not_found" }) };
  }
  const raw: Record<string, string> = {};
  for (const [key, value] of searchParams) if (key !== "format" && key !== "id") raw[key] = value;
  if (searchParams.has("id")) raw.id = `${searchParams.getAll("id").length} ids`;
  const pool = isPool ? await buildPoolExport(actor, searchParams, locale) : null;
  if (pool === undefined) {
    return { status: 400, headers: JSON_HEADERS, body: JSON.stringify({ error: "invalid_parameters", issues: [{ parameter: "id", message: "client ids (uuid), at most 10,000" }] }) };
  }
  // A period that does not exist is refused as the JSON API refuses it, never swapped for
  // another period the file would then quietly show.
  if (!isAudit && !isPool && !isValidPeriodRequest(raw)) {
    const issues = [{ parameter: "period", message: "not a valid period: month YYYY-MM, quarter YYYY-Qn, or from ≤ to (YYYY-MM-DD, at most 10 years, 2000–2099)" }];
    return { status: 400, headers: JSON_HEADERS, body: JSON.stringify({ error: "invalid_parameters", issues }) };
  }
  const data = isPool ? pool : isAudit ? await auditExport(actor, raw) : await buildExportTable(actor, table as ExportTableName, raw, locale);
  if (!data) return { status: 403, headers: JSON_HEADERS, body: JSON.stringify({ error: "forbidden" }) };
  const download: ExportDownload = { table, format, rows: data.rows.length, filters: raw };
  // Named after scope, grouping and period (浙江省不含宁波-按地市-2020-05.csv); the audit log,
  // which has no period, after its title and the day it was taken.
  const stamp = new Date().toISOString().slice(0, 10);
  const stem = data.fileStem ?? { name: `${data.title}-${stamp}`, ascii: `${table}-${stamp}` };
  const disposition = contentDisposition(`${stem.name}.${format}`, `${stem.ascii || table}.${format}`);
  if (format === "csv") {
    return { status: 200, headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": disposition, "Cache-Control": "no-store" }, body: toCsv(data), download };
  }
  return {
    status: 200,
    headers: { "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Content-Disposition": disposition, "Cache-Control": "no-store" },
    body: await toXlsx(data).then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer),
    download,
  };
}
