import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { listAdminBranches } from "@/lib/queries/admin/branches";
import { COUNTIES, findCity } from "@/lib/domain/regions";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { ClientMessages } from "@/components/client-messages";
import { BranchControls, CreateBranchForm } from "@/components/admin/branch-forms";

export async function generateMetadata() {
  const t = await getTranslations("admin.branches");
  return { title: t("title") };
}

/** A bank admin's branches: open ones first, closed ones kept and marked; open, rename, close. */
export default async function AdminBranchesPage() {
  const branches = await listAdminBranches(await currentActor());
  if (!branches) notFound();
  const t = await getTranslations("admin.branches");
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const en = locale === "en";
  const counties = COUNTIES.map((c) => ({ code: c.code, label: en ? c.nameEn : c.name, city: (en ? findCity(c.cityCode)?.nameEn : findCity(c.cityCode)?.name) ?? c.cityCode }));
  return (
    <ClientMessages namespaces={["admin", "errors"]}>
      <div className="space-y-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("closeHint")}</p>
        <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="branch-table">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("code")}</th>
                <th className="px-3 py-2">{t("name")}</th>
                <th className="px-3 py-2">{t("county")}</th>
                <th className="px-3 py-2">{t("users")}</th>
                <th className="px-3 py-2">{t("clients")}</th>
                <th className="px-3 py-2">{t("status")}</th>
                <th className="px-3 py-2" />
              </tr>
            </thead>
            <tbody>
              {branches.map((b) => (
                <tr key={b.id} className={`border-t border-slate-100 align-top ${b.closedAt ? "text-slate-500" : ""}`} data-testid="branch-row" data-branch={b.id}>
                  <td className="px-3 py-2 font-mono text-xs">{b.code}</td>
                  <td className="px-3 py-2"><div>{b.name}</div><div className="text-xs text-slate-500">{b.nameEn}</div></td>
                  <td className="px-3 py-2 whitespace-nowrap">{f.region(b.countyCode)}</td>
                  <td className="px-3 py-2 tabular-nums">{b.activeUsers}</td>
                  <td className="px-3 py-2 tabular-nums">{b.clients}</td>
                  <td className="px-3 py-2 whitespace-nowrap" data-testid="branch-status">
                    {b.closedAt ? t("closed", { date: f.dateTime(b.closedAt.toISOString()) }) : t("open")}
                  </td>
                  <td className="min-w-56 px-3 py-2"><BranchControls branch={{ id: b.id, name: b.name, nameEn: b.nameEn, isClosed: b.closedAt !== null }} /></td>
                </tr>
              ))}
              {branches.length === 0 ? <tr><td colSpan={7} className="px-3 py-8 text-center text-slate-500">{t("empty")}</td></tr> : null}
            </tbody>
          </table>
        </div>
        <section className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="mb-3 font-medium">{t("create.title")}</h2>
          <CreateBranchForm counties={counties} />
        </section>
      </div>
    </ClientMessages>
  );
}
