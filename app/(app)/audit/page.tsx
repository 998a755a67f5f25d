import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { AUDIT_EXPORT_MAX_ROWS, auditFilterSchema, listAuditLog, type AuditFilter } from "@/lib/queries/audit-log";
import { actionLabel, shanghaiDateTime } from "@/lib/export/audit-table";
import { MESSAGES } from "@/lib/i18n/messages";
import { toLocale } from "@/lib/i18n/locale";
import { ExportLinks } from "@/components/dashboard/export-links";
import { AuditFilters } from "@/components/audit/audit-filters";

export async function generateMetadata() {
  const t = await getTranslations("audit");
  return { title: t("title") };
}

// A bank's head office reads its bank's audit log; a regulator admin the regulator side;
// anyone else gets the missing-page answer (lib/queries/audit-log.ts decides).
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const filter = auditFilterSchema.parse(await searchParams);
  const page = await listAuditLog(await currentActor(), filter);
  if (!page) notFound();
  const t = await getTranslations("audit");
  const locale = toLocale(await getLocale());
  const labels = MESSAGES[locale].audit.actions as Record<string, Record<string, string>>;
  const kept = (extra: Partial<AuditFilter>) => {
    const params = new URLSearchParams();
    for (const key of ["user", "action", "from", "to", "after"] as const) {
      const value = { ...filter, after: undefined, ...extra }[key];
      if (value) params.set(key, value);
    }
    return `/audit?${params}`;
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold">{t("title")}</h1>
          <p className="text-sm text-slate-600">{page.side === "bank" ? t("sideBank") : t("sideRegulator")} {t("timeNote")}</p>
        </div>
        <div className="space-y-1 text-right">
          <ExportLinks table="audit" params={{ user: filter.user, action: filter.action, from: filter.from, to: filter.to }} />
          <p className="text-xs text-slate-500">{t("exportNote", { max: AUDIT_EXPORT_MAX_ROWS.toLocaleString(locale) })}</p>
        </div>
      </div>
      <AuditFilters filter={filter} />
      <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="audit-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">{t("columns.at")}</th>
              <th className="px-3 py-2">{t("columns.user")}</th>
              <th className="px-3 py-2">{t("columns.action")}</th>
              <th className="px-3 py-2">{t("columns.entity")}</th>
              <th className="px-3 py-2">{t("columns.ip")}</th>
              <th className="px-3 py-2">{t("columns.userAgent")}</th>
              <th className="px-3 py-2">{t("columns.details")}</th>
            </tr>
          </thead>
          <tbody>
            {page.rows.map((row) => (
              <tr key={row.id} className="border-t border-slate-100 align-top" data-action={row.action}>
                <td className="px-3 py-2 whitespace-nowrap font-mono text-xs">{shanghaiDateTime(row.at)}</td>
                <td className="px-3 py-2">
                  {row.actorEmail ? (<><div>{row.actorName}</div><div className="text-xs text-slate-500">{row.actorEmail}</div></>) : <span className="text-slate-500">{t("system")}</span>}
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  <div>{actionLabel(row.action, labels) ?? row.action}</div>
                  <div className="font-mono text-xs text-slate-500">{row.action}</div>
                </td>
                <td className="px-3 py-2 font-mono text-xs">{row.entityType}<br />{row.entityId}</td>
                <td className="px-3 py-2 font-mono text-xs">{row.ip ?? "—"}</td>
                <td className="max-w-48 truncate px-3 py-2 text-xs" title={row.userAgent ?? undefined}>{row.userAgent ?? "—"}</td>
                <td className="max-w-80 break-all px-3 py-2 font-mono text-xs">{row.details.length > 300 ? `${row.details.slice(0, 300)}…` : row.details}</td>
              </tr>
            ))}
            {page.rows.length === 0 ? (
              <tr><td colSpan={7} className="px-3 py-8 text-center text-slate-500">{t("empty")}</td></tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <nav className="flex items-center gap-3 text-sm" aria-label={t("pages")}>
        {filter.after ? <Link className="rounded border px-3 py-1" href={kept({})}>{t("first")}</Link> : null}
        {page.nextCursor ? <Link className="rounded border px-3 py-1" href={kept({ after: page.nextCursor })}>{t("next")}</Link> : null}
      </nav>
    </div>
  );
}
