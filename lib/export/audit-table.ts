// The audit log as an export table (lib/export/table.ts writes the CSV and .xlsx): the filters
// first, then one line per row with the full user agent and details. Chinese headers whatever
// the screen language, like every export.
import zh from "@/lib/i18n/messages/zh-CN/audit.json";
import type { DataTable } from "@/lib/export/table";
import type { AuditFilter, AuditRow } from "@/lib/queries/audit-log";

const x = zh.export;
const c = zh.columns;

/** Shanghai wall-clock time to the second, "2026-11-30 22:05:09" (UTC+8, no daylight saving). */
export function shanghaiDateTime(d: Date): string {
  return new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
}

/** The catalogue's label of an action code ("auth.sign_in" → 登录), or null when it has none. */
export function actionLabel(action: string, labels: Record<string, Record<string, string>> = zh.actions): string | null {
  const [group, name] = action.split(".", 2);
  return (group && name && labels[group]?.[name]) || null;
}

export function auditTable(input: { side: "bank" | "regulator"; sideName: string; filter: AuditFilter; rows: AuditRow[]; isTruncated: boolean; maxRows: number; now?: Date }): DataTable {
  const f = input.filter;
  const filters: [string, string][] = [
    [x.side, input.sideName],
    [x.user, f.user ?? x.all],
    [x.action, f.action ?? x.all],
    [x.from, f.from ?? x.all],
    [x.to, f.to ?? x.all],
    [x.exportedAt, `${shanghaiDateTime(input.now ?? new Date())}（北京时间）`],
  ];
  if (input.isTruncated) filters.push([x.truncated, x.truncatedText.replace("{max}", String(input.maxRows))]);
  return {
    title: `${input.sideName}${x.title}`,
    sheetName: x.sheet,
    filters,
    columns: [
      { key: "at", header: `${c.at}（北京时间）`, kind: "text" },
      { key: "email", header: x.email, kind: "text" },
      { key: "name", header: x.name, kind: "text" },
      { key: "action", header: c.action, kind: "text" },
      { key: "actionCode", header: x.actionCode, kind: "text" },
      { key: "entityType", header: x.entityType, kind: "text" },
      { key: "entityId", header: x.entityId, kind: "text" },
      { key: "ip", header: c.ip, kind: "text" },
      { key: "userAgent", header: c.userAgent, kind: "text" },
      { key: "details", header: c.details, kind: "text" },
    ],
    rows: input.rows.map((r) => ({
      at: shanghaiDateTime(r.at),
      email: r.actorEmail,
      name: r.actorName,
      action: actionLabel(r.action) ?? r.action,
      actionCode: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      ip: r.ip,
      userAgent: r.userAgent,
      details: r.details,
    })),
  };
}
