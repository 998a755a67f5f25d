// The two charts several dashboards share: new 首贷户 by month beside last year, and a
// comparison of new 首贷户 and credited enterprises by city. The chart data (labels already
// translated) is built apart from the card, so a page can cache it with its figures.
import { getLocale, getTranslations } from "next-intl/server";
import type { TrendPoint } from "@/lib/queries/first-loan-trend";
import { toLocale } from "@/lib/i18n/locale";
import { CompareBarChart, TrendChart } from "@/components/dashboard/lazy-charts";

const CARD = "rounded-lg border border-slate-200 bg-white p-3";

export type TrendChartData = { data: { label: string; thisYear: number | null; lastYear: number }[]; thisYearLabel: string; lastYearLabel: string };
export type CityChartData = { data: { label: string; a: number; b: number }[]; aLabel: string; bLabel: string };

export async function trendChartData(trend: TrendPoint[], year: number): Promise<TrendChartData> {
  const t = await getTranslations("rollup");
  return {
    data: trend.map((p) => ({ label: t("month", { month: p.month }), thisYear: p.thisYear, lastYear: p.lastYear })),
    thisYearLabel: t("trendThisYear", { year }),
    lastYearLabel: t("trendLastYear", { year: year - 1 }),
  };
}

type CityRow = { name: string; nameEn: string; current: { firstLoans: number; credited: number } };

export async function cityChartData(rows: CityRow[]): Promise<CityChartData> {
  const t = await getTranslations("rollup");
  const locale = toLocale(await getLocale());
  return {
    data: rows.map((r) => ({ label: (locale === "en" ? r.nameEn : r.name).replace(/市$/, ""), a: r.current.firstLoans, b: r.current.credited })),
    aLabel: t("firstLoans"),
    bLabel: t("credited"),
  };
}

export async function FirstLoanTrendCard({ chart, as: Tag = "div" }: { chart: TrendChartData; as?: "div" | "section" }) {
  const t = await getTranslations("rollup");
  return (
    <Tag className={CARD}>
      <h2 className="mb-2 text-sm font-medium">{t("trendTitle")}</h2>
      <TrendChart {...chart} />
    </Tag>
  );
}

export async function CityCompareCard({ chart }: { chart: CityChartData }) {
  const t = await getTranslations("rollup");
  return (
    <div className={CARD}>
      <h2 className="mb-2 text-sm font-medium">{t("cityChartTitle")}</h2>
      <CompareBarChart {...chart} />
    </div>
  );
}
