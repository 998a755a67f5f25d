import "../notice-print.css";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { isNoticeMonth, isPastMonth } from "@/lib/domain/notice";
import { formatters } from "@/lib/i18n/format";
import { toLocale, type Locale } from "@/lib/i18n/locale";
import { noticeAudience } from "@/lib/notices/audience";
import { getNotice, type BankNoticeView, type NingboNoticeView, type ProvinceNoticeView } from "@/lib/queries/notices";
import { CompareBarChart, FunnelChart } from "@/components/dashboard/lazy-charts";
import { formatCount } from "@/components/dashboard/figure-rows";
import { GenerateNoticeForm, type GenerateLabels } from "@/components/notices/generate-form";
import { PrintButton } from "@/components/notices/print-button";
import { FlagsTable, FunnelTable, RankingTable, RestatedBanner, metricValue, ratioText, ruleText, yoyNumber, type Fmt, type T } from "@/components/notices/notice-parts";

export async function generateMetadata({ params }: { params: Promise<{ month: string }> }) {
  const t = await getTranslations("notices");
  const { month } = await params;
  return { title: isNoticeMonth(month) ? t("heading", { month }) : t("title") };
}

// One month's notice, as the caller may read it (lib/queries/notices.ts): the regulator's
// whole notice, Ningbo's block, or a bank head office's own page. Anyone else, a malformed
// month, or a month without a notice: the missing-page answer — except that a provincial
// regulator may generate a past month that has none.
export default async function NoticePage({ params }: { params: Promise<{ month: string }> }) {
  const { month } = await params;
  if (!isNoticeMonth(month)) notFound();
  const actor = await currentActor();
  const audience = noticeAudience(actor);
  if (!audience) notFound();
  const view = await getNotice(actor, month);
  const t = (await getTranslations("notices")) as unknown as T & { raw: (key: string) => unknown };
  const locale = toLocale(await getLocale());
  const f: Fmt = formatters(locale);

  if (!view) {
    if (audience !== "province" || !isPastMonth(month)) notFound();
    const labels: GenerateLabels = {
      month: t("generate.month"), button: t("generate.button"), pending: t("generate.pending"), note: t("generate.note"), open: t("generate.open"),
      outcome: { published: t.raw("generate.published") as string, restated: t.raw("generate.restated") as string, unchanged: t.raw("generate.unchanged") as string },
      errors: t.raw("errors") as Record<string, string>,
    };
    return (
      <div className="space-y-4">
        <h1 className="text-xl font-semibold">{t("heading", { month })}</h1>
        <p className="text-sm text-slate-600" data-testid="no-notice">{t("noneForMonth", { month })}</p>
        <GenerateNoticeForm defaultMonth={month} maxMonth={month} labels={labels} />
      </div>
    );
  }

  const tools = (
    <div className="flex flex-wrap items-center gap-2 print:hidden">
      <PrintButton label={t("print")} />
      <a href={`/api/v1/notices/${month}/xlsx`} className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100" data-testid="notice-xlsx">{t("downloadXlsx")}</a>
      <Link href="/notices" className="text-sm text-brand-700 hover:underline">{t("listTitle")}</Link>
    </div>
  );

  return (
    <article className="notice-print space-y-5" data-testid={`notice-${view.audience}`}>
      {view.audience === "province" ? <ProvinceNotice view={view} t={t} f={f} locale={locale} tools={tools} /> : null}
      {view.audience === "ningbo" ? <NingboNotice view={view} t={t} f={f} locale={locale} tools={tools} /> : null}
      {view.audience === "bank" ? <BankNotice view={view} t={t} f={f} locale={locale} tools={tools} /> : null}
    </article>
  );
}

type Props<V> = { view: V; t: T; f: Fmt; locale: Locale; tools: React.ReactNode };

function Periods({ periods, t }: { periods: ProvinceNoticeView["figures"]["periods"]; t: T }) {
  return <p className="text-xs text-slate-600">{t("funnel.periods", { month: periods.month.from.slice(0, 7), from: periods.ytd.from, to: periods.ytd.to })}</p>;
}

function ProvinceNotice({ view, t, f, locale, tools }: Props<ProvinceNoticeView>) {
  const fig = view.figures;
  const names: Record<string, string> = Object.fromEntries([...fig.rankings.banks, ...fig.rankings.cities].map((r) => [r.code, locale === "en" ? r.nameEn : r.name]));
  const ytd = fig.funnel.excludingNingbo.ytd.current;
  const funnelChart = (["listed", "needs", "visited", "credited", "firstLoans"] as const).map((k) => ({ label: t(`figures.${k}`), value: ytd[k] }));
  const cityChart = fig.rankings.cities.map((c) => ({ label: locale === "en" ? c.nameEn : c.name, a: c.firstLoans, b: c.firstLoansPrevious }));
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-xl font-semibold" data-testid="notice-heading">{t("heading", { month: view.month })}</h1>
        <p className="text-xs text-slate-600">{t("meta", { at: f.dateTime(view.publishedAt), trigger: t(`triggers.${view.trigger}`), version: view.rollupVersion })}</p>
        {tools}
      </div>
      <RestatedBanner restatements={view.restatements} t={t} f={f} names={names} />
      <section className="space-y-2 avoid-break">
        <h2 className="font-semibold">{t("funnel.title")} · {t("funnel.scopeExcl")}</h2>
        <Periods periods={fig.periods} t={t} />
        <FunnelTable scope={fig.funnel.excludingNingbo} t={t} f={f} locale={locale} testId="funnel-excl" />
      </section>
      <section className="space-y-2 avoid-break">
        <h2 className="font-semibold">{t("funnel.title")} · {t("funnel.scopeAll")}</h2>
        <FunnelTable scope={fig.funnel.all} t={t} f={f} locale={locale} testId="funnel-all" />
      </section>
      <section className="grid gap-4 lg:grid-cols-2 avoid-break">
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 className="mb-2 text-sm font-medium">{t("charts.funnelTitle")}</h2>
          <FunnelChart data={funnelChart} />
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-3">
          <h2 className="mb-2 text-sm font-medium">{t("charts.citiesTitle")}</h2>
          <CompareBarChart data={cityChart} aLabel={t("charts.thisYear")} bLabel={t("charts.lastYear")} />
        </div>
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">{t("rankings.banksTitle")}</h2>
        <RankingTable rows={fig.rankings.banks} nameLabel={t("rankings.bank")} t={t} f={f} locale={locale} testId="ranking-banks" />
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">{t("rankings.citiesTitle")}</h2>
        <RankingTable rows={fig.rankings.cities} nameLabel={t("rankings.city")} t={t} f={f} locale={locale} testId="ranking-cities" />
        <p className="text-xs text-slate-600">{t("rankings.note")}</p>
      </section>
      <section className="space-y-2 avoid-break">
        <h2 className="font-semibold">{t("flags.title")}</h2>
        <p className="text-xs text-slate-600">{fig.rules.map((r) => ruleText(r, t)).join("；")}</p>
        <FlagsTable flags={fig.flags} t={t} locale={locale} testId="flags" />
      </section>
    </>
  );
}

function NingboNotice({ view, t, f, locale, tools }: Props<NingboNoticeView>) {
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-xl font-semibold">{t("heading", { month: view.month })} · {t("funnel.scopeNingbo")}</h1>
        <p className="text-xs text-slate-600">{t("metaBank", { at: f.dateTime(view.publishedAt) })} · {t("ningbo.note")}</p>
        {tools}
      </div>
      <RestatedBanner restatements={view.restatements} t={t} f={f} />
      <section className="space-y-2">
        <h2 className="font-semibold">{t("funnel.title")} · {t("funnel.scopeNingbo")}</h2>
        <Periods periods={view.periods} t={t} />
        <FunnelTable scope={view.funnel.ningboOnly} t={t} f={f} locale={locale} testId="funnel-ningbo" />
      </section>
    </>
  );
}

function BankNotice({ view, t, f, locale, tools }: Props<BankNoticeView>) {
  const own = view.own;
  const p = view.provinceRow;
  const rows: [string, string, string][] = own ? [
    [t("rankings.monthFirstLoans"), formatCount(own.monthFirstLoans, locale), formatCount(p.monthFirstLoans, locale)],
    [t("rankings.firstLoans"), formatCount(own.firstLoans, locale), formatCount(p.firstLoans, locale)],
    [t("rankings.firstLoansYoy"), yoyNumber(own.firstLoansYoy), yoyNumber(p.firstLoansYoy)],
    [t("figures.firstLoanAmount"), f.amount(own.firstLoanAmount), f.amount(p.firstLoanAmount)],
    [t("rankings.coverage"), ratioText(own.coverage), ratioText(p.coverage)],
    [t("rankings.conversion"), ratioText(own.conversion), ratioText(p.conversion)],
    [t("rankings.creditShare"), ratioText(own.creditShare), ratioText(p.creditShare)],
    [t("rankings.medianDays"), own.medianDays === null ? "—" : own.medianDays.toFixed(1), p.medianDays === null ? "—" : p.medianDays.toFixed(1)],
  ] : [];
  const cell = "border border-slate-300 px-2 py-1";
  return (
    <>
      <div className="space-y-1">
        <h1 className="text-xl font-semibold" data-testid="notice-heading">{t("headingBank", { month: view.month })}</h1>
        <p className="text-xs text-slate-600">{t("metaBank", { at: f.dateTime(view.publishedAt) })}</p>
        {tools}
      </div>
      <RestatedBanner restatements={view.restatements} t={t} f={f} />
      <p className="text-lg font-medium" data-testid="own-rank">
        {own?.ranks.firstLoans ? t("bank.ownRank", { rank: own.ranks.firstLoans, count: view.bankCount }) : t("bank.noRank", { count: view.bankCount })}
      </p>
      <section className="space-y-2 avoid-break">
        <h2 className="font-semibold">{t("bank.vsTitle")}</h2>
        {own ? (
          <table className="min-w-full border-collapse text-sm" data-testid="bank-vs-province">
            <thead><tr><th className={`${cell} bg-slate-50 text-left`}>{t("bank.item")}</th><th className={`${cell} bg-slate-50`}>{t("bank.own")}</th><th className={`${cell} bg-slate-50`}>{t("bank.province")}</th></tr></thead>
            <tbody>{rows.map(([label, a, b]) => <tr key={label}><td className={cell}>{label}</td><td className={`${cell} text-right tabular-nums`}>{a}</td><td className={`${cell} text-right tabular-nums`}>{b}</td></tr>)}</tbody>
          </table>
        ) : <p className="text-sm text-slate-600">{t("bank.noRow")}</p>}
      </section>
      <section className="space-y-2 avoid-break">
        <h2 className="font-semibold">{t("funnel.title")} · {t("funnel.scopeExcl")}</h2>
        <Periods periods={view.periods} t={t} />
        <FunnelTable scope={view.province} t={t} f={f} locale={locale} testId="funnel-excl" />
      </section>
      <section className="space-y-2">
        <h2 className="font-semibold">{t("bank.rankingTitle")}</h2>
        <p className="text-xs text-slate-600">{t("bank.onlyNames")}</p>
        <table className="min-w-full border-collapse text-sm" data-testid="bank-ranking">
          <thead>
            <tr>
              <th className={`${cell} bg-slate-50 text-left`}>{t("rankings.bank")}</th>
              {(["firstLoans", "firstLoansYoy", "coverage", "conversion", "creditShare", "medianDays"] as const).map((k) => (
                <th key={k} className={`${cell} bg-slate-50`}>{t(`rankings.${k}`)}{t("rankings.rank")}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.ranking.map((r, i) => (
              <tr key={`${r.name}-${i}`} className={r.isOwn ? "bg-amber-50 font-medium" : undefined} data-testid={r.isOwn ? "own-row" : "other-row"}>
                <td className={cell}>{locale === "en" ? r.nameEn : r.name}{r.isOwn ? t("bank.ownMark") : ""}</td>
                {(["firstLoans", "firstLoansYoy", "coverage", "conversion", "creditShare", "medianDays"] as const).map((k) => (
                  <td key={k} className={`${cell} text-right tabular-nums`}>{r.ranks[k] ?? "—"}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <p className="text-xs text-slate-600">{t("rankings.note")}</p>
      </section>
      <section className="space-y-2 avoid-break">
        <h2 className="font-semibold">{t("bank.ownFlags")}</h2>
        {view.ownFlags.length
          ? <ul className="list-disc pl-5 text-sm">{view.ownFlags.map((x) => <li key={`${x.metric}:${x.comparator}:${x.threshold}`}>{ruleText(x, t)}：{metricValue(x.metric, x.value)}</li>)}</ul>
          : <p className="text-sm text-slate-600">{t("bank.noFlags")}</p>}
      </section>
    </>
  );
}
