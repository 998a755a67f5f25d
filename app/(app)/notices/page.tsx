import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { previousShanghaiMonth } from "@/lib/domain/notice";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { canPublishNotices } from "@/lib/notices/audience";
import { listNotices } from "@/lib/queries/notices";
import { GenerateNoticeForm, type GenerateLabels } from "@/components/notices/generate-form";

export async function generateMetadata() {
  const t = await getTranslations("notices");
  return { title: t("title") };
}

// Past notices: regulators (every notice) and a bank's head office (each opens its own bank's
// page). Managers and branch heads get the missing-page answer.
export default async function NoticesPage() {
  const actor = await currentActor();
  const notices = await listNotices(actor);
  if (!notices) notFound();
  const t = await getTranslations("notices");
  const f = formatters(toLocale(await getLocale()));
  const canPublish = canPublishNotices(actor);
  const lastMonth = previousShanghaiMonth();
  const labels: GenerateLabels = {
    month: t("generate.month"), button: t("generate.button"), pending: t("generate.pending"), note: t("generate.note"), open: t("generate.open"),
    outcome: { published: t.raw("generate.published"), restated: t.raw("generate.restated"), unchanged: t.raw("generate.unchanged") },
    errors: t.raw("errors") as Record<string, string>,
  };

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("listTitle")}</h1>
        {canPublish ? <Link href="/notices/rules" className="text-sm text-brand-700 hover:underline">{t("rulesLink")}</Link> : null}
      </div>
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {canPublish ? (
        <section className="space-y-2">
          <h2 className="font-medium">{t("generate.title")}</h2>
          <GenerateNoticeForm defaultMonth={lastMonth} maxMonth={lastMonth} labels={labels} />
        </section>
      ) : null}
      <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="notices-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">{t("month")}</th>
              <th className="px-3 py-2">{t("publishedAt")}</th>
              <th className="px-3 py-2">{t("trigger")}</th>
              <th className="px-3 py-2">{t("restatements")}</th>
              <th className="px-3 py-2" />
            </tr>
          </thead>
          <tbody>
            {notices.length === 0 ? (
              <tr><td colSpan={5} className="px-3 py-4 text-slate-500">{t("empty")}</td></tr>
            ) : notices.map((n) => (
              <tr key={n.month} className="border-t border-slate-100" data-testid={`notice-${n.month}`}>
                <td className="px-3 py-2 font-medium">{n.month}</td>
                <td className="px-3 py-2">{f.dateTime(n.publishedAt)}</td>
                <td className="px-3 py-2">{t(`triggers.${n.trigger}`)}</td>
                <td className="px-3 py-2">{n.restatements ? t("restatedTimes", { count: n.restatements }) : "—"}</td>
                <td className="px-3 py-2"><Link className="text-brand-700 hover:underline" href={`/notices/${n.month}`}>{t("open")}</Link></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
