import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { AuditFilter } from "@/lib/queries/audit-log";

/** The audit page's filters: a plain GET form, so a filtered view is a link that can be shared. */
export async function AuditFilters({ filter }: { filter: AuditFilter }) {
  const t = await getTranslations("audit.filters");
  const field = "rounded border border-slate-300 px-3 py-2";
  return (
    <form method="get" action="/audit" className="flex flex-wrap items-end gap-3 text-sm" role="search">
      <label className="flex flex-col gap-1">
        <span className="text-slate-600">{t("user")}</span>
        <input name="user" type="search" defaultValue={filter.user ?? ""} placeholder={t("userPlaceholder")} className={`w-56 ${field}`} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-slate-600">{t("action")}</span>
        <input name="action" type="search" defaultValue={filter.action ?? ""} placeholder={t("actionPlaceholder")} className={`w-56 ${field}`} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-slate-600">{t("from")}</span>
        <input name="from" type="date" defaultValue={filter.from ?? ""} className={field} />
      </label>
      <label className="flex flex-col gap-1">
        <span className="text-slate-600">{t("to")}</span>
        <input name="to" type="date" defaultValue={filter.to ?? ""} className={field} />
      </label>
      <button type="submit" className="rounded bg-slate-800 px-4 py-2 text-white">{t("apply")}</button>
      <Link href="/audit" className="px-2 py-2 text-brand-700 hover:underline">{t("reset")}</Link>
    </form>
  );
}
