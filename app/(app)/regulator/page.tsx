import { notFound, redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { isValidPeriodRequest } from "@/lib/domain/period";
import { findCity } from "@/lib/domain/regions";
import { getProvinceRollup, rollupParamsSchema, type RollupParams } from "@/lib/queries/province-rollup";
import { getFirstLoanTrend } from "@/lib/queries/first-loan-trend";
import { formatters } from "@/lib/i18n/format";
import { toLocale, type Locale } from "@/lib/i18n/locale";
import type { Actor } from "@/lib/auth/actor";
import { rollupScope } from "@/lib/auth/scope";
import { cachedRollupView } from "@/lib/rollups/reader";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { ExportLinks } from "@/components/dashboard/export-links";
import { SortableTable } from "@/components/dashboard/sortable-table";
import { CityCompareCard, FirstLoanTrendCard, cityChartData, trendChartData } from "@/components/dashboard/rollup-charts";
import { figureColumns, formatCount, percentText, toTableRow, yoyText } from "@/components/dashboard/figure-rows";

export async function generateMetadata() {
  const t = await getTranslations("rollup");
  return { title: t("regulatorTitle") };
}

// Province rollup for regulators: by city (drill down to counties) or by bank, any period,
// beside the same period last year, with or without Ningbo. Regions and banks only: no
// personal data is read for this page.
export default async function RegulatorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  if (!actor || actor.role !== "REGULATOR") redirect("/");
  const params = rollupParamsSchema.parse(await searchParams);
  // A period that does not exist (month 9999-12, from after to) is a page that does not exist.
  if (!isValidPeriodRequest(params)) notFound();
  const locale = toLocale(await getLocale());
  // Figures, rows and chart data as formatted for this scope, filter and locale: rebuilt only
  // when the rollups changed (lib/rollups/reader.ts).
  const view = await cachedRollupView(actor, `regulator:${locale}:${JSON.stringify(rollupScope(actor))}:${JSON.stringify(params)}`, () => buildView(actor, params, locale));
  if (!view) redirect("/");
  const { rollup, base, rows, footer, totalCards, trendChart, cityChart } = view;
  const t = await getTranslations();
  const f = formatters(locale);
  const href = (extra: Record<string, string | undefined>) => regulatorHref(base, extra);
  const nameLabel = rollup.by === "city" ? t("rollup.city") : rollup.by === "county" ? t("rollup.county") : t("rollup.bank");
  const tab = (by: string, label: string) => (
    <a href={href({ by })} className={`rounded px-3 py-1 ${rollup.by === by ? "bg-slate-800 text-white" : "border border-slate-300 hover:bg-slate-100"}`}>{label}</a>
  );
  const totals = rollup.totals;

  return (
    <div className="space-y-5">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("rollup.regulatorTitle")}</h1>
        <p className="text-sm text-slate-600" data-testid="ningbo-scope">
          {rollup.ningbo === "only" ? t("rollup.ningboOnly") : rollup.ningbo === "exclude" ? t("rollup.ningboExclude") : t("rollup.ningboInclude")}
          {" · "}{t("period.current", { from: f.date(rollup.period.from), to: f.date(rollup.period.to) })}
        </p>
      </div>
      <PeriodPicker action="/regulator" period={rollup.period} ningbo={{ value: rollup.ningbo === "exclude" ? "exclude" : "include", canSwitch: rollup.canSwitchNingbo }}
        hidden={{ by: rollup.by, city: rollup.city ?? undefined }} />
      <p className="text-xs text-slate-500">{t("period.previous", { from: f.date(rollup.previousPeriod.from), to: f.date(rollup.previousPeriod.to) })}</p>

      <section className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="province-totals">
        {totalCards.map(({ key, value, yoy }) => (
          <div key={key} className="rounded-lg border border-slate-200 bg-white p-3" data-testid={`total-${key}`}>
            <div className="text-xs text-slate-500">{t(`rollup.${key}`)}</div>
            <div className="mt-1 text-lg font-semibold tabular-nums">{value}</div>
            <div className="text-xs text-slate-500">{yoy}</div>
          </div>
        ))}
        <div className="col-span-2 text-xs text-slate-600 md:col-span-4">
          {t("rollup.conversion")}: <span data-testid="total-conversion">{percentText(totals.conversion)}</span> ({t("rollup.lastYear")} {percentText(totals.previousConversion)})
        </div>
      </section>

      <section className="space-y-2">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <div className="flex gap-2 text-sm">
            {tab("city", t("rollup.byCity"))}
            {tab("county", t("rollup.byCounty"))}
            {tab("bank", t("rollup.byBank"))}
          </div>
          <ExportLinks table="province" params={{ ...base, by: rollup.by, city: rollup.city ?? undefined }} />
        </div>
        {rollup.city ? (
          <p className="text-sm">
            <span className="font-medium">{t("rollup.countiesOf", { city: f.region(rollup.city) ?? findCity(rollup.city)?.name ?? rollup.city })}</span>{" · "}
            <a className="text-brand-700 hover:underline" href={href({ by: "city" })}>{t("rollup.backToCities")}</a>
          </p>
        ) : null}
        <SortableTable testId={`rollup-table-${rollup.by}`} caption={t("rollup.title")} emptyText={t("rollup.empty")}
          columns={[{ key: "name", label: nameLabel }, ...figureColumns(t, rollup.by === "bank" ? "rollup.listedBank" : "rollup.listed")]}
          rows={rows} footer={footer} />
        {rollup.by === "bank" ? <p className="text-xs text-slate-500">{t("rollup.bankRowsNote")}</p> : null}
      </section>

      <section className="grid gap-4 lg:grid-cols-2">
        <FirstLoanTrendCard chart={trendChart} />
        <CityCompareCard chart={cityChart} />
      </section>

      <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm text-slate-700">
        <summary className="cursor-pointer font-medium">{t("rollup.definitionsTitle")}</summary>
        <p className="mt-2">{t("rollup.definitions")}</p>
        <p className="mt-1">{t("rollup.bankRowsNote")}</p>
        <p className="mt-1">{t("rollup.unitNote")}</p>
      </details>
    </div>
  );
}

type RegulatorBase = { period: string; from: string; to: string; ningbo: string | undefined };

function regulatorHref(base: RegulatorBase, extra: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...base, ...extra })) if (v) q.set(k, v);
  return `/regulator?${q}`;
}

async function buildView(actor: Actor, params: RollupParams, locale: Locale) {
  const rollup = await getProvinceRollup(actor, params);
  if (!rollup) return null;
  const t = await getTranslations();
  const f = formatters(locale);
  const cities = rollup.ningbo === "only" ? "ningboOnly" : rollup.ningbo === "exclude" ? "excludeNingbo" : "all";
  const year = Number(rollup.period.to.slice(0, 4));
  const trend = (await getFirstLoanTrend(actor, { year, cities, until: rollup.period.to })) ?? [];
  const base: RegulatorBase = { period: "range", from: rollup.period.from, to: rollup.period.to, ningbo: rollup.ningbo === "only" ? undefined : rollup.ningbo };
  const rows = rollup.rows.map((row) => {
    const name = locale === "en" ? row.nameEn : row.name;
    return toTableRow(row, { text: name, sort: row.code, href: rollup.by === "city" ? regulatorHref(base, { by: "county", city: row.code }) : undefined, sub: rollup.by === "city" ? t("rollup.drillDown") : undefined }, t, f, locale);
  });
  const footer = toTableRow(rollup.totals, { text: t("rollup.total"), sort: "" }, t, f, locale);
  const c = rollup.totals.current;
  const yoy = rollup.totals.yoy;
  const count = (n: number) => formatCount(n, locale);
  const totalCards = [
    { key: "listed", value: count(c.listed), yoy: t("rollup.yoyValue", { value: yoyText(yoy.listed) }) },
    { key: "visited", value: count(c.visited), yoy: t("rollup.yoyValue", { value: yoyText(yoy.visited) }) },
    { key: "credited", value: `${count(c.credited)} · ${f.amount(c.creditAmount)}`, yoy: t("rollup.yoyValue", { value: yoyText(yoy.credited) }) },
    { key: "firstLoans", value: count(c.firstLoans), yoy: t("rollup.yoyValue", { value: yoyText(yoy.firstLoans) }) },
  ] as const;
  return { rollup, base, rows, footer, totalCards, trendChart: await trendChartData(trend, year), cityChart: await cityChartData(rollup.rows.slice(0, 16)) };
}
