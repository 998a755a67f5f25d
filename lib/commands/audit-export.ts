// Every export download leaves an audit row: which table, with which filters, how many rows,
// in which format, by whom (and their bank), from where. Written before the file is sent: a
// download that could not be recorded is not handed out.
import "server-only";
import type { Actor } from "@/lib/auth/actor";
import type { RequestMeta } from "@/lib/auth/request-meta";
import type { ExportDownload } from "@/lib/api/export";
import { writeAudit } from "@/lib/commands/audit";
import { db } from "@/lib/db";

export async function auditExportDownload(actor: Actor, download: ExportDownload, meta: RequestMeta): Promise<void> {
  // Filters as sent, bounded (the query string is the caller's).
  const filters = Object.fromEntries(Object.entries(download.filters).slice(0, 20).map(([k, v]) => [k.slice(0, 40), v.slice(0, 200)]));
  await writeAudit(db, {
    actorId: actor.userId,
    bankId: actor.bankId,
    action: "export.download",
    entityType: "export",
    entityId: download.table,
    after: { table: download.table, format: download.format, rows: download.rows, filters },
    ...meta,
  });
}
