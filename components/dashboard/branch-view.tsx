import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { getBranchDashboard } from "@/lib/queries/branch-dashboard";
import { getFirstLoanTrend } from "@/lib/queries/first-loan-trend";
import type { RollupParams } from "@/lib/queries/province-rollup";
import { ratio } from "@/lib/domain/rollup";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { ExportLinks } from "@/components/dashboard/export-links";
import { SortableTable } from "@/components/dashboard/sortable-table";
import { FunnelChart } from "@/components/dashboard/lazy-charts";
import { FirstLoanTrendCard, trendChartData } from "@/components/dashboard/rollup-charts";
import { figureColumns, formatCount, percentText, toTableRow, yoyText } from "@/components/dashboard/figure-rows";
import { AssessmentCard } from "@/components/dashboard/assessment-table";
import { Definitions, PrintHeader } from "@/components/dashboard/print-header";
import { formatDateTime } from "@/lib/domain/dates";

export async function BranchView({ actor, params }: { actor: Actor; params: RollupParams }) {
  const d = await getBranchDashboard(actor, params);
  if (!d) return null;
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const year = Number(d.period.to.slice(0, 4));
  const trend = (await getFirstLoanTrend(actor, { year, cities: "all", until: d.period.to })) ?? [];
  const c = d.funnel.current;
  const steps = [
    { key: "pool", value: c.listed, amount: null, yoy: d.funnel.yoy.listed },
    { key: "needs", value: c.needs, amount: null, yoy: d.funnel.yoy.needs },
    { key: "visited", value: c.visited, amount: null, yoy: d.funnel.yoy.visited },
    { key: "credited", value: c.credited, amount: c.creditAmount, yoy: d.funnel.yoy.credited },
    { key: "firstLoans", value: c.firstLoans, amount: c.firstLoanAmount, yoy: d.funnel.yoy.firstLoans },
    { key: "partners", value: d.partners.current, amount: null, yoy: null },
  ];
  const base = { period: "range", from: d.period.from, to: d.period.to };
  const previous = t("period.previous", { from: f.date(d.previousPeriod.from), to: f.date(d.previousPeriod.to) });
  // Pool sizes follow the current assignment, as the pool does: each opens the filtered pool
  // that shows exactly that many clients (the work figures follow the doer and do not).
  const rows = d.managers.map((m) => {
    const isNil = m.code === "00000000-0000-0000-0000-000000000000";
    const row = toTableRow(m, { text: isNil ? t("rollup.unassigned") : m.name, sort: m.name }, t, f, locale);
    row.cells.poolSize = { text: formatCount(m.poolSize, locale), sort: m.poolSize, href: `/pool?manager=${isNil ? "none" : m.code}` };
    return row;
  });
  const footer = toTableRow(d.funnel, { text: t("rollup.total"), sort: "" }, t, f, locale);
  footer.cells.poolSize = { text: formatCount(d.poolSize, locale), sort: d.poolSize, href: "/pool" };
  const ageing = [
    ["notContacted30", t("dashboard.notContacted", { days: 30 }), d.ageing.notContacted30],
    ["notContacted60", t("dashboard.notContacted", { days: 60 }), d.ageing.notContacted60],
    ["notContacted90", t("dashboard.notContacted", { days: 90 }), d.ageing.notContacted90],
    ["needWithoutVisit7", t("dashboard.needWithoutVisit"), d.ageing.needWithoutVisit7],
    ["creditUndrawn30", t("dashboard.creditUndrawn"), d.ageing.creditUndrawn30],
  ] as const;

  return (
    <div className="dashboard-print space-y-5">
      <PrintHeader title={t("dashboard.branchTitle", { branch: d.branchName })} scope={locale === "en" ? d.branchNameEn : d.branchName}
        period={t("period.current", { from: f.date(d.period.from), to: f.date(d.period.to) })} previous={previous} printedAt={formatDateTime(new Date(), locale)} />
      <h1 className="text-xl font-semibold">{t("dashboard.branchTitle", { branch: d.branchName })}</h1>
      <PeriodPicker action="/dashboard" period={d.period} />
      <p className="text-xs text-slate-500 print:hidden">{previous}</p>

      <section className="grid gap-4 lg:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4 lg:col-span-2" data-testid="branch-funnel">
          <div className="mb-2 flex items-center justify-between">
            <h2 className="text-sm font-medium">{t("rollup.funnelTitle")}</h2>
            <ExportLinks table="branch-funnel" params={base} />
          </div>
          <ol className="grid grid-cols-2 gap-2 md:grid-cols-3">
            {steps.map((s, i) => (
              <li key={s.key} className="rounded border border-slate-100 p-2" data-testid={`funnel-${s.key}`}>
                <div className="text-xs text-slate-500">{t(`dashboard.funnelSteps.${s.key}`)}</div>
                <div className="font-semibold tabular-nums">{formatCount(s.value, locale)}{s.amount ? ` · ${f.amount(s.amount)}` : ""}</div>
                <div className="text-xs text-slate-500">
                  {/* 首贷户 count the whole industry (not only the pool), so no step rate into them. */}
                  {i > 0 && s.key !== "firstLoans" ? t("dashboard.stepConversion", { rate: percentText(ratio(BigInt(s.value), BigInt(steps[i - 1]!.value), 4)) }) : "\u00a0"}
                  {s.yoy !== null ? ` · ${t("rollup.yoyValue", { value: yoyText(s.yoy) })}` : ""}
                </div>
              </li>
            ))}
          </ol>
          <p className="mt-2 text-sm">{t("dashboard.creditConversion", { rate: percentText(d.funnel.conversion) })}</p>
          {/* The steps above are the chart's numbers in words: the drawing adds nothing to read aloud. */}
          <div aria-hidden="true"><FunnelChart data={steps.map((s) => ({ label: t(`dashboard.funnelSteps.${s.key}`), value: s.value }))} /></div>
          <p className="text-xs text-slate-500">{t("dashboard.partnerRule")}</p>
        </div>
        <div className="space-y-4">
          <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="approval-queue">
            <h2 className="text-sm font-medium">{t("dashboard.approvalQueue")}</h2>
            <p className="mt-1 text-2xl font-semibold">{t("dashboard.approvalQueueCount", { count: d.approvalQueue })}</p>
            <Link className="text-sm text-brand-700 hover:underline print:hidden" href="/approvals">{t("dashboard.openApprovals")}</Link>
          </div>
          <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="ageing">
            <h2 className="mb-2 text-sm font-medium">{t("dashboard.ageing")}</h2>
            <ul className="space-y-1 text-sm">
              {ageing.map(([kind, label, n]) => (
                <li key={kind} className="flex justify-between gap-2">
                  <span>{label}</span>
                  <Link href={`/pool?ageing=${kind}`} data-testid={`ageing-${kind}`} aria-label={t("poolList.openInPool", { label, count: formatCount(n, locale) })}
                    className={`tabular-nums hover:underline ${n ? "font-medium text-red-700" : "text-brand-700"}`}>{formatCount(n, locale)}</Link>
                </li>
              ))}
            </ul>
          </div>
        </div>
      </section>

      <section className="space-y-2">
        <div className="flex items-center justify-between">
          <h2 className="text-sm font-medium">{t("dashboard.managers")}</h2>
          <ExportLinks table="branch-managers" params={base} />
        </div>
        <SortableTable testId="manager-table" emptyText={t("rollup.empty")}
          columns={[{ key: "name", label: t("rollup.manager") }, { key: "poolSize", label: t("dashboard.poolSize"), numeric: true }, ...figureColumns(t, "rollup.listedBank")]}
          rows={rows} footer={footer} />
      </section>

      <AssessmentCard actor={actor} period={d.period} />

      <FirstLoanTrendCard chart={await trendChartData(trend, year)} as="section" />
      <Definitions paragraphs={[t("rollup.definitions"), t("dashboard.partnerRule"), t("rollup.unitNote")]} />
    </div>
  );
}
