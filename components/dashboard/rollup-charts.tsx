// The two charts several dashboards share: new 首贷户 by month beside last year, and a
// comparison of new 首贷户 and credited enterprises by region or bank. The chart data (labels
// already translated) is built apart from the card, so a page can cache it with its figures.
// Each chart is a figure whose caption says what it shows, with its numbers as a table for
// screen readers and text browsers (the drawing itself is hidden from them).
import { getLocale, getTranslations } from "next-intl/server";
import type { TrendPoint } from "@/lib/queries/first-loan-trend";
import { toLocale } from "@/lib/i18n/locale";
import { CompareBarChart, TrendChart } from "@/components/dashboard/lazy-charts";

const CARD = "rounded-lg border border-slate-200 bg-white p-3 break-inside-avoid";

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

/** A chart card: caption (the title), the drawing (hidden from assistive tech), its data as a table. */
function ChartFigure(props: {
  as?: "div" | "section";
  title: string;
  testId: string;
  children: React.ReactNode;
  header: string[];
  rows: (string | number)[][];
}) {
  const Tag = props.as ?? "div";
  const id = `${props.testId}-caption`;
  return (
    <Tag className={CARD}>
      <figure aria-labelledby={id} data-testid={props.testId} className="m-0">
        <figcaption id={id}><h2 className="mb-2 text-sm font-medium">{props.title}</h2></figcaption>
        <div aria-hidden="true">{props.children}</div>
        <table className="sr-only" data-testid={`${props.testId}-data`}>
          <caption>{props.title}</caption>
          <thead><tr>{props.header.map((h) => <th key={h} scope="col">{h}</th>)}</tr></thead>
          <tbody>
            {props.rows.map((r) => (
              <tr key={String(r[0])}>{r.map((v, i) => (i === 0 ? <th key={i} scope="row">{v}</th> : <td key={i}>{v}</td>))}</tr>
            ))}
          </tbody>
        </table>
      </figure>
    </Tag>
  );
}

export async function FirstLoanTrendCard({ chart, title, as }: { chart: TrendChartData; title?: string; as?: "div" | "section" }) {
  const t = await getTranslations("rollup");
  const caption = title ?? t("trendTitle");
  return (
    <ChartFigure as={as} title={caption} testId="trend-figure"
      header={[t("monthColumn"), chart.thisYearLabel, chart.lastYearLabel]}
      rows={chart.data.map((p) => [p.label, p.thisYear ?? "—", p.lastYear])}>
      <TrendChart {...chart} />
    </ChartFigure>
  );
}

export async function CityCompareCard({ chart, title }: { chart: CityChartData; title?: string }) {
  const t = await getTranslations("rollup");
  const caption = title ?? t("cityChartTitle");
  return (
    <ChartFigure title={caption} testId="compare-figure" header={[t("name"), chart.aLabel, chart.bLabel]} rows={chart.data.map((p) => [p.label, p.a, p.b])}>
      <CompareBarChart {...chart} />
    </ChartFigure>
  );
}
