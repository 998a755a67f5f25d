import { getLocale, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { getBankDashboard } from "@/lib/queries/bank-dashboard";
import { getFirstLoanTrend } from "@/lib/queries/first-loan-trend";
import type { RollupParams } from "@/lib/queries/province-rollup";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { ExportLinks } from "@/components/dashboard/export-links";
import { SortableTable } from "@/components/dashboard/sortable-table";
import { CityCompareCard, FirstLoanTrendCard, cityChartData, trendChartData } from "@/components/dashboard/rollup-charts";
import { figureColumns, formatCount, toTableRow } from "@/components/dashboard/figure-rows";
import { AssessmentCard } from "@/components/dashboard/assessment-table";
import { Definitions, PrintHeader } from "@/components/dashboard/print-header";
import { formatDateTime } from "@/lib/domain/dates";

export async function BankView({ actor, params }: { actor: Actor; params: RollupParams }) {
  const d = await getBankDashboard(actor, { ...params, ningbo: params.ningbo });
  if (!d) return null;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const year = Number(d.period.to.slice(0, 4));
  const trend = (await getFirstLoanTrend(actor, { year, cities: d.ningbo === "exclude" ? "excludeNingbo" : "all", until: d.period.to })) ?? [];
  const base = { period: "range", from: d.period.from, to: d.period.to, ningbo: d.ningbo };
  const footer = toTableRow(d.totals, { text: t("rollup.total"), sort: "" }, t, f, locale);
  // Clients in each branch's pool now, each opening that branch's pool (the period's figures
  // follow the doer and the period, the pool what is there today).
  const branchRows = d.byBranch.map((r) => {
    const isNil = r.code === "00000000-0000-0000-0000-000000000000";
    const row = toTableRow(r, { text: isNil ? t("rollup.unassigned") : locale === "en" ? r.nameEn : r.name, sort: r.name }, t, f, locale);
    const n = d.poolByBranch[r.code] ?? 0;
    row.cells.poolSize = { text: formatCount(n, locale), sort: n, href: `/pool?branch=${isNil ? "none" : r.code}` };
    return row;
  });
  const branchFooter = { ...footer, cells: { ...footer.cells, poolSize: { text: formatCount(d.poolSize, locale), sort: d.poolSize, href: "/pool" } } };
  const cityRows = d.byCity.map((r) => toTableRow(r, { text: locale === "en" ? r.nameEn : r.name, sort: r.code }, t, f, locale));
  const columns = figureColumns(t, "rollup.listedBank");
  const previous = t("period.previous", { from: f.date(d.previousPeriod.from), to: f.date(d.previousPeriod.to) });
  return (
    <div className="dashboard-print space-y-5">
      <PrintHeader title={t("dashboard.bankTitle", { bank: d.bankName })} scope={`${locale === "en" ? d.bankNameEn : d.bankName} · ${d.ningbo === "exclude" ? t("rollup.ningboExclude") : t("rollup.ningboInclude")}`}
        period={t("period.current", { from: f.date(d.period.from), to: f.date(d.period.to) })} previous={previous} printedAt={formatDateTime(new Date(), locale)} />
      <h1 className="text-xl font-semibold">{t("dashboard.bankTitle", { bank: d.bankName })}</h1>
      <PeriodPicker action="/dashboard" period={d.period} ningbo={{ value: d.ningbo, canSwitch: true }} />
      <p className="text-xs text-slate-500 print:hidden">{previous}</p>
      <section className="space-y-2">
        <div className="flex items-center justify-between">
          <h2 className="text-sm font-medium">{t("dashboard.byBranch")}</h2>
          <ExportLinks table="bank-branches" params={base} />
        </div>
        <SortableTable testId="branch-table" emptyText={t("rollup.empty")} columns={[{ key: "name", label: t("rollup.branch") }, { key: "poolSize", label: t("poolList.poolSize"), numeric: true }, ...columns]} rows={branchRows} footer={branchFooter} />
      </section>
      <section className="space-y-2">
        <div className="flex items-center justify-between">
          <h2 className="text-sm font-medium">{t("dashboard.byCity")}</h2>
          <ExportLinks table="bank-cities" params={base} />
        </div>
        <SortableTable testId="bank-city-table" emptyText={t("rollup.empty")} columns={[{ key: "name", label: t("rollup.city") }, ...columns]} rows={cityRows} footer={footer} />
      </section>
      <section className="grid gap-4 lg:grid-cols-2">
        <FirstLoanTrendCard chart={await trendChartData(trend, year)} />
        <CityCompareCard chart={await cityChartData(d.byCity)} />
      </section>
      <AssessmentCard actor={actor} period={d.period} />
      <Definitions paragraphs={[t("rollup.definitions"), t("rollup.unitNote")]} />
    </div>
  );
}
