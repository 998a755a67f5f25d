import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { importableLists } from "@/lib/domain/lists";
import { listBatches } from "@/lib/queries/list-batches";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { ClientMessages } from "@/components/client-messages";
import { UploadForm } from "@/components/lists/upload-form";
import { BatchStatusBadge } from "@/components/lists/batch-status-badge";

export async function generateMetadata() {
  const t = await getTranslations("listImport");
  return { title: t("title") };
}

export default async function ListsPage() {
  const actor = await currentActor();
  const lists = actor ? importableLists(actor) : [];
  if (!actor || lists.length === 0) notFound();
  const [batches, t, locale] = await Promise.all([listBatches(actor), getTranslations(), getLocale()]);
  const f = formatters(toLocale(locale));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-xl font-semibold">{t("listImport.title")}</h1>
        <p className="mt-1 text-sm text-slate-600">{t("listImport.intro")}</p>
      </div>
      <section className="rounded-lg border border-slate-200 bg-white p-4">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-medium">{t("listImport.upload.title")}</h2>
          <p className="text-sm">
            {t("listImport.upload.template")}：
            <a className="text-brand-700 hover:underline" href="/api/v1/lists/template?format=xlsx" download>{t("listImport.upload.templateXlsx")}</a>
            {" · "}
            <a className="text-brand-700 hover:underline" href="/api/v1/lists/template?format=csv" download>{t("listImport.upload.templateCsv")}</a>
          </p>
        </div>
        <p className="mb-4 mt-1 text-xs text-slate-500">{t("listImport.upload.columns")}</p>
        <ClientMessages namespaces={["listImport"]}>
          <UploadForm listTypes={lists.map((value) => ({ value, label: t(`lists.${value}`) }))} />
        </ClientMessages>
      </section>
      <section>
        <h2 className="mb-2 font-medium">{t("listImport.batches.title")}</h2>
        <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 rounded-lg border border-slate-200 bg-white">
          <table className="min-w-full text-sm" data-testid="batches">
            <thead className="bg-slate-50 text-left text-slate-600">
              <tr>
                <th className="px-3 py-2">{t("listImport.batches.name")}</th>
                <th className="px-3 py-2">{t("listImport.batches.type")}</th>
                <th className="px-3 py-2">{t("listImport.batches.status")}</th>
                <th className="px-3 py-2 text-right">{t("listImport.batches.rows")}</th>
                <th className="px-3 py-2 text-right">{t("listImport.batches.rejected")}</th>
                <th className="px-3 py-2 text-right">{t("listImport.batches.new")}</th>
                <th className="px-3 py-2 text-right">{t("listImport.batches.memberships")}</th>
                <th className="px-3 py-2">{t("listImport.batches.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {batches.map((b) => (
                <tr key={b.id} className="border-t border-slate-100">
                  <td className="px-3 py-2">
                    <Link href={`/lists/${b.id}`} className="text-brand-700 hover:underline">{b.name}</Link>
                    {b.fileName ? <div className="text-xs text-slate-500">{b.fileName}</div> : null}
                  </td>
                  <td className="px-3 py-2 whitespace-nowrap">{t(`lists.${b.listType}`)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">
                    <BatchStatusBadge status={b.status} />
                    {b.publishedAt ? <span className="ml-1 text-xs text-emerald-700">{t("listImport.batches.published")}</span> : null}
                  </td>
                  <td className="px-3 py-2 text-right tabular-nums">{b.rows.toLocaleString(locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{b.rejected.toLocaleString(locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{b.newEnterprises.toLocaleString(locale)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{b.membershipsAdded.toLocaleString(locale)}</td>
                  <td className="px-3 py-2 whitespace-nowrap">{f.dateTime(b.createdAt)}{b.createdByName ? ` · ${b.createdByName}` : ""}</td>
                </tr>
              ))}
              {batches.length === 0 ? <tr><td colSpan={8} className="px-3 py-8 text-center text-slate-500">{t("listImport.batches.empty")}</td></tr> : null}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
