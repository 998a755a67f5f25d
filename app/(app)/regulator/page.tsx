import "@/components/dashboard/dashboard-print.css";
import { redirect } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { isValidPeriodRequest, resolvePeriod } from "@/lib/domain/period";
import { cityOf } from "@/lib/domain/regions";
import { formatDateTime } from "@/lib/domain/dates";
import { regionScopeName } from "@/lib/domain/report-name";
import { rollupParamsSchema } from "@/lib/queries/province-rollup";
import { getRegulatorView, type RegulatorRollup } from "@/lib/queries/regulator-rollup";
import { formatters } from "@/lib/i18n/format";
import { toLocale, type Locale } from "@/lib/i18n/locale";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { ExportLinks } from "@/components/dashboard/export-links";
import { SortableTable, type TableColumn } from "@/components/dashboard/sortable-table";
import { CityCompareCard, FirstLoanTrendCard, cityChartData, trendChartData } from "@/components/dashboard/rollup-charts";
import { figureColumns, formatCount, percentText, toTableRow, yoyText } from "@/components/dashboard/figure-rows";
import { Definitions, PrintHeader } from "@/components/dashboard/print-header";

export async function generateMetadata() {
  const t = await getTranslations("rollup");
  return { title: t("regulatorTitle") };
}

/** The compare chart shows at most this many rows (the ones with most new 首贷户). */
const CHART_ROWS = 16;

// Province rollup for regulators: by city, drilling down to a city's counties and a county's
// (or a city's) banks, any period, beside the same period last year, with or without Ningbo.
// Regions and banks only: no personal data is read for this page. Figures come through
// lib/queries (getRegulatorView), which scopes them to the regulator's jurisdiction.
export default async function RegulatorPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  if (!actor || actor.role !== "REGULATOR") redirect("/");
  const params = rollupParamsSchema.parse(await searchParams);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());

  // A period that does not exist (month 9999-12, from after to) is said so, as the API's 400
  // does, with the picker to choose another; never another period's figures in its place.
  if (!isValidPeriodRequest(params)) {
    return (
      <div className="space-y-5">
        <h1 className="text-xl font-semibold">{t("rollup.regulatorTitle")}</h1>
        <p role="alert" className="rounded-lg border border-red-300 bg-red-50 p-3 text-sm text-red-800" data-testid="period-error">{t("period.invalid")}</p>
        <PeriodPicker action="/regulator" period={resolvePeriod({})} hidden={{ by: params.by, city: params.city, county: params.county, ningbo: params.ningbo }} />
      </div>
    );
  }

  // Figures, rows and chart data as formatted for this scope, filter and locale: rebuilt only
  // when the rollups changed.
  const view = await getRegulatorView(actor, params, locale, (data) => present(data, locale));
  if (!view) redirect("/");
  const { rollup, base, rows, footer, totalCards, trendChart, compareChart, scopeName } = view;
  const f = formatters(locale);
  const href = (extra: Record<string, string | undefined>) => regulatorHref(base, extra);
  const by = rollup.by;
  const byLabel = { city: t("rollup.byCity"), county: t("rollup.byCounty"), bank: t("rollup.byBank") }[by];
  // Tabs keep the city being looked at (a county narrows banks only).
  const tabCity = rollup.city ?? undefined;
  const tab = (to: typeof by, label: string) => (
    <a href={href({ by: to, city: to === "city" ? undefined : tabCity })} aria-current={by === to ? "page" : undefined}
      className={`rounded px-3 py-1 ${by === to ? "bg-slate-800 text-white" : "border border-slate-300 hover:bg-slate-100"}`}>{label}</a>
  );
  const totals = rollup.totals;
  const nameLabel = by === "city" ? t("rollup.city") : by === "county" ? t("rollup.county") : t("rollup.bank");
  const columns: TableColumn[] = [
    { key: "name", label: nameLabel },
    ...(by === "county" ? [{ key: "city", label: t("rollup.city") }] : []),
    ...figureColumns(t, by === "bank" ? "rollup.listedBank" : "rollup.listed"),
  ];
  const tableTitle = t(`rollup.tableOf.${by}`, { region: scopeName });
  const crumbs: { label: string; href: string }[] = [{ label: t("rollup.allCities"), href: href({ by: "city" }) }];
  if (rollup.city) crumbs.push({ label: f.region(rollup.city), href: href({ by: "county", city: rollup.city }) });
  if (rollup.county) crumbs.push({ label: f.region(rollup.county), href: href({ by: "bank", county: rollup.county }) });
  const period = t("period.current", { from: f.date(rollup.period.from), to: f.date(rollup.period.to) });
  const previous = t("period.previous", { from: f.date(rollup.previousPeriod.from), to: f.date(rollup.previousPeriod.to) });

  return (
    <div className="dashboard-print space-y-5">
      <PrintHeader title={t("rollup.regulatorTitle")} scope={scopeName} grouping={byLabel} period={period} previous={previous}
        printedAt={formatDateTime(new Date(), locale)} />
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("rollup.regulatorTitle")}</h1>
        <p className="text-sm text-slate-600 print:hidden" data-testid="ningbo-scope">
          {rollup.ningbo === "only" ? t("rollup.ningboOnly") : rollup.ningbo === "exclude" ? t("rollup.ningboExclude") : t("rollup.ningboInclude")}
          {" · "}{period}
        </p>
      </div>
      <div className="space-y-2 print:hidden">
        <PeriodPicker action="/regulator" period={rollup.period} ningbo={{ value: rollup.ningbo === "exclude" ? "exclude" : "include", canSwitch: rollup.canSwitchNingbo }}
          hidden={{ by, city: rollup.county ? undefined : (rollup.city ?? undefined), county: rollup.county ?? undefined }} />
        <p className="text-xs text-slate-500">{previous}</p>
      </div>

      <section className="grid grid-cols-2 gap-3 md:grid-cols-4" data-testid="province-totals" aria-label={t("rollup.totalsOf", { region: scopeName })}>
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

      <section className="space-y-2" aria-labelledby="rollup-table-title">
        <div className="flex flex-wrap items-center justify-between gap-2 print:hidden">
          <div className="flex gap-2 text-sm">
            {tab("city", t("rollup.byCity"))}
            {tab("county", t("rollup.byCounty"))}
            {tab("bank", t("rollup.byBank"))}
          </div>
          <ExportLinks table="province" params={{ ...base, by, city: rollup.county ? undefined : (rollup.city ?? undefined), county: rollup.county ?? undefined }} />
        </div>
        <nav aria-label={t("rollup.drillPath")} className="text-sm print:hidden" data-testid="drill-path">
          <ol className="flex flex-wrap items-center gap-1">
            {crumbs.map((c, i) => (
              <li key={c.href} className="flex items-center gap-1">
                {i > 0 ? <span aria-hidden="true" className="text-slate-500">›</span> : null}
                {i === crumbs.length - 1 && (by === "city" || i > 0)
                  ? <span aria-current="page" className="font-medium">{c.label}</span>
                  : <a className="text-brand-700 underline-offset-2 hover:underline" href={c.href}>{c.label}</a>}
              </li>
            ))}
          </ol>
        </nav>
        <h2 id="rollup-table-title" className="text-base font-medium" data-testid="rollup-table-title">{tableTitle}</h2>
        {rollup.city && by !== "city" ? (
          <p className="text-sm print:hidden"><a className="text-brand-700 hover:underline" href={href({ by: "city" })}>{t("rollup.backToCities")}</a></p>
        ) : null}
        {rollup.isOutsideScope ? <p role="status" className="text-sm text-slate-700" data-testid="outside-scope">{t("rollup.outsideScope")}</p> : null}
        <SortableTable testId={`rollup-table-${by}`} caption={tableTitle} emptyText={t("rollup.empty")} columns={columns} rows={rows} footer={footer} />
        {by === "bank" ? <p className="text-xs text-slate-500">{t("rollup.bankRowsNote")} {rollup.totalsKind === "distinct" ? t("rollup.totalDistinctNote") : ""}</p> : null}
      </section>

      <section className="grid gap-4 lg:grid-cols-2 print:grid-cols-2">
        <FirstLoanTrendCard chart={trendChart} title={t("rollup.trendTitleOf", { region: scopeName })} />
        <CityCompareCard chart={compareChart.data} title={compareChart.title} />
      </section>

      <Definitions testId="print-definitions" paragraphs={[t("rollup.definitions"), t("rollup.bankRowsNote"), t("rollup.unitNote")]} />
    </div>
  );
}

type RegulatorBase = { period: string; from: string; to: string; ningbo: string | undefined };

function regulatorHref(base: RegulatorBase, extra: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...base, ...extra })) if (v) q.set(k, v);
  return `/regulator?${q}`;
}

async function present({ rollup, trend, year }: RegulatorRollup, locale: Locale) {
  const t = await getTranslations();
  const f = formatters(locale);
  const base: RegulatorBase = { period: "range", from: rollup.period.from, to: rollup.period.to, ningbo: rollup.ningbo === "only" ? undefined : rollup.ningbo };
  const scopeName = regionScopeName(rollup, locale);
  // The drill-down: a city's row opens its counties, a county's row its banks.
  const drill = (code: string) =>
    rollup.by === "city" ? { href: regulatorHref(base, { by: "county", city: code }), sub: t("rollup.drillDown") }
    : rollup.by === "county" ? { href: regulatorHref(base, { by: "bank", county: code }), sub: t("rollup.drillToBanks") }
    : {};
  const rows = rollup.rows.map((row) => {
    const name = locale === "en" ? row.nameEn : row.name;
    const out = toTableRow(row, { text: name, sort: row.code, ...drill(row.code) }, t, f, locale);
    if (rollup.by === "county") {
      const city = cityOf(row.code);
      out.cells.city = { text: city ? f.region(city.code) : "", sort: city?.code ?? "" };
    }
    return out;
  });
  const distinct = rollup.totalsKind === "distinct";
  const footer = toTableRow(rollup.totals, { text: distinct ? t("rollup.totalDistinct") : t("rollup.total"), sort: "" }, t, f, locale);
  // Bank rows count pool entries (入池); the distinct total has no such figure, only the
  // enterprises listed (入库) in the selection: say so rather than put it under 入池.
  if (distinct) footer.cells.listed = { text: "—", sort: "", sub: t("rollup.totalDistinctListed", { count: formatCount(rollup.totals.current.listed, locale) }) };
  if (rollup.by === "county") footer.cells.city = { text: "", sort: "" };
  const c = rollup.totals.current;
  const yoy = rollup.totals.yoy;
  const count = (n: number) => formatCount(n, locale);
  const totalCards = [
    { key: "listed", value: count(c.listed), yoy: t("rollup.yoyValue", { value: yoyText(yoy.listed) }) },
    { key: "visited", value: count(c.visited), yoy: t("rollup.yoyValue", { value: yoyText(yoy.visited) }) },
    { key: "credited", value: `${count(c.credited)} · ${f.amount(c.creditAmount)}`, yoy: t("rollup.yoyValue", { value: yoyText(yoy.credited) }) },
    { key: "firstLoans", value: count(c.firstLoans), yoy: t("rollup.yoyValue", { value: yoyText(yoy.firstLoans) }) },
  ] as const;
  // The compare chart shows the table's rows (cities, counties or banks), the ones with most
  // new 首贷户 first when there are more than fit; its title says which.
  const ranked = rollup.rows.length > CHART_ROWS
    ? [...rollup.rows].sort((a, b) => b.current.firstLoans - a.current.firstLoans || b.current.credited - a.current.credited).slice(0, CHART_ROWS)
    : rollup.rows;
  const compareTitle = t(`rollup.compareTitle.${rollup.by}`, { region: scopeName }) + (ranked.length < rollup.rows.length ? t("rollup.compareTop", { count: CHART_ROWS }) : "");
  return {
    rollup, base, rows, footer, totalCards, scopeName,
    trendChart: await trendChartData(trend, year),
    compareChart: { title: compareTitle, data: await cityChartData(ranked) },
  };
}
