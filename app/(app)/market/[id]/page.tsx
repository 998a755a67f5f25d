import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { getMarketFlag } from "@/lib/queries/market-flags";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { ClientMessages } from "@/components/client-messages";
import { flagSummary } from "@/components/market/flag-summary";
import { ReviewForm } from "@/components/market/review-form";

export async function generateMetadata() {
  const t = await getTranslations("market");
  return { title: t("title") };
}

// One flag: its facts, the enterprise's aggregate facts (dates and counts per bank; never a
// bank's notes, contacts or phone numbers), and the review. Outside the jurisdiction: 404.
export default async function MarketFlagPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  const { id } = await params;
  const flag = await getMarketFlag(actor, id);
  if (!flag) notFound();
  const t = await getTranslations("market");
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const en = locale === "en";
  const none = t("detail.none");
  const d = (v: string | null) => (v ? f.date(v) : none);
  const e = flag.enterprise;

  return (
    <div className="space-y-5">
      <Link href="/market" className="text-sm text-brand-700 hover:underline">{t("detail.back")}</Link>
      <h1 className="text-xl font-semibold">{t(`kinds.${flag.kind}`)} · {flag.enterpriseName}</h1>
      <p className="text-sm text-slate-600">{t(`kindHelp.${flag.kind}`)}</p>

      <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="flag-facts">
        <h2 className="text-sm font-medium">{t("detail.facts")}</h2>
        <p className="mt-1 text-sm">{flagSummary(t, flag.kind, flag.facts, en)}</p>
        <p className="mt-1 text-xs text-slate-500">{f.dateTime(flag.detectedAt)}</p>
      </section>

      <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="enterprise-facts">
        <h2 className="text-sm font-medium">{t("detail.enterprise")}</h2>
        <dl className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
          <div><dt className="inline text-slate-500">{t("detail.uscc")}：</dt><dd className="inline font-mono">{e.uscc}</dd></div>
          <div><dt className="inline text-slate-500">{t("detail.region")}：</dt><dd className="inline">{f.region(e.cityCode)} · {f.region(e.countyCode)}</dd></div>
          <div><dt className="inline text-slate-500">{t("detail.firstListedOn")}：</dt><dd className="inline">{d(e.firstListedOn)}</dd></div>
          <div><dt className="inline text-slate-500">{t("detail.firstLoanOn")}：</dt><dd className="inline">{d(e.firstLoanOn)}</dd></div>
          <div><dt className="inline text-slate-500">{t("detail.firstLoanBank")}：</dt><dd className="inline">{e.firstLoanBankName ?? none}</dd></div>
          <div><dt className="inline text-slate-500">{t("detail.creditCheckOn")}：</dt><dd className="inline">{d(e.creditCheckOn)}</dd></div>
        </dl>
        <h3 className="mt-4 text-sm font-medium">{t("detail.banks")}</h3>
        <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
          <table className="mt-1 w-full border-collapse text-sm" data-testid="bank-facts">
            <thead>
              <tr className="border-b border-slate-200 text-left text-slate-600">
                <th className="px-2 py-1">{t("detail.bank")}</th><th className="px-2 py-1">{t("detail.pooledOn")}</th>
                <th className="px-2 py-1 text-right">{t("detail.visits")}</th><th className="px-2 py-1">{t("detail.firstVisitOn")}</th>
                <th className="px-2 py-1">{t("detail.lastVisitOn")}</th><th className="px-2 py-1 text-right">{t("detail.approvedLines")}</th>
                <th className="px-2 py-1 text-right">{t("detail.disbursements")}</th><th className="px-2 py-1">{t("detail.firstDisbursedOn")}</th>
              </tr>
            </thead>
            <tbody>
              {flag.banks.map((b) => (
                <tr key={b.bankName} className="border-b border-slate-100">
                  <td className="px-2 py-1">{en ? b.bankNameEn : b.bankName}</td><td className="px-2 py-1">{d(b.pooledOn)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{b.visits}</td><td className="px-2 py-1">{d(b.firstVisitOn)}</td>
                  <td className="px-2 py-1">{d(b.lastVisitOn)}</td><td className="px-2 py-1 text-right tabular-nums">{b.approvedLines}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{b.disbursements}</td><td className="px-2 py-1">{d(b.firstDisbursedOn)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="mt-2 text-xs text-slate-500">{t("detail.privacy")}</p>
      </section>

      {flag.others.length ? (
        <section className="text-sm">
          <h2 className="font-medium">{t("detail.others")}</h2>
          <ul className="mt-1 list-disc pl-5">
            {flag.others.map((o) => (
              <li key={o.id}><Link href={`/market/${o.id}`} className="text-brand-700 hover:underline">{t(`kinds.${o.kind}`)}</Link> · {f.dateTime(o.detectedAt)} · {o.reviewedAt ? t("list.reviewed") : t("list.open")}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="max-w-2xl rounded-lg border border-slate-200 bg-white p-4" data-testid="flag-review">
        <h2 className="text-sm font-medium">{t("review.title")}</h2>
        {flag.reviewedAt ? (
          <div className="mt-1 text-sm">
            <p className="font-medium text-emerald-800">{t("review.done")}</p>
            <p className="text-slate-600">{t("review.reviewedBy", { name: flag.reviewedByName ?? none, at: f.dateTime(flag.reviewedAt) })}</p>
            <p className="mt-1 whitespace-pre-wrap">{flag.reviewNote}</p>
          </div>
        ) : (
          <ClientMessages namespaces={["market", "errors"]}>
            <ReviewForm flagId={flag.id} />
          </ClientMessages>
        )}
      </section>
    </div>
  );
}
