import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { getManagerHome } from "@/lib/queries/manager-home";
import type { RollupParams } from "@/lib/queries/province-rollup";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { StageBadge } from "@/components/stage-badge";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { formatCount, yoyText } from "@/components/dashboard/figure-rows";
import { AssessmentCard } from "@/components/dashboard/assessment-table";
import { PrintHeader } from "@/components/dashboard/print-header";
import { formatDateTime } from "@/lib/domain/dates";

export async function ManagerHomeView({ actor, params }: { actor: Actor; params: RollupParams }) {
  const home = await getManagerHome(actor, params);
  const t = await getTranslations();
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  if (!home) return null;
  const m = home.mine;
  return (
    <div className="dashboard-print space-y-5">
      <PrintHeader title={t("dashboard.managerTitle")} scope={actor.name} period={t("period.current", { from: f.date(home.period.from), to: f.date(home.period.to) })}
        previous={t("period.previous", { from: f.date(home.previousPeriod.from), to: f.date(home.previousPeriod.to) })} printedAt={formatDateTime(new Date(), locale)} />
      <h1 className="text-xl font-semibold">{t("dashboard.managerTitle")}</h1>
      <section className="grid gap-4 md:grid-cols-3">
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="pool-by-stage">
          <h2 className="mb-2 text-sm font-medium">{t("dashboard.poolByStage")} · {formatCount(home.poolSize, locale)}</h2>
          <ul className="space-y-1 text-sm">
            {home.byStage.map((s) => (
              <li key={s.stage} className="flex items-center justify-between">
                <Link href={`/pool?stage=${s.stage}`} className="hover:underline"><StageBadge stage={s.stage} /></Link>
                <span className="tabular-nums">{formatCount(s.count, locale)}</span>
              </li>
            ))}
          </ul>
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="follow-ups">
          <h2 className="mb-2 text-sm font-medium">{t("dashboard.followUps")}</h2>
          <p className="text-sm"><Link href="/pool?followUp=due" className="font-medium text-amber-800 hover:underline" data-testid="follow-ups-due">{t("dashboard.dueToday", { count: home.dueToday })}</Link> · <Link href="/pool?followUp=overdue" className="font-medium text-red-700 hover:underline" data-testid="follow-ups-overdue">{t("dashboard.overdue", { count: home.overdue })}</Link></p>
          {home.followUps.length ? (
            <ul className="mt-2 space-y-1 text-sm">
              {home.followUps.map((c) => (
                <li key={c.enterpriseId} className="flex justify-between gap-2">
                  <Link className="truncate text-brand-700 hover:underline" href={`/enterprises/${c.enterpriseId}`}>{c.name}</Link>
                  <span className="whitespace-nowrap text-xs text-slate-500">{f.date(c.on)}</span>
                </li>
              ))}
            </ul>
          ) : <p className="mt-2 text-sm text-slate-500">{t("dashboard.noFollowUps")}</p>}
        </div>
        <div className="rounded-lg border border-slate-200 bg-white p-4" data-testid="pending-proposals">
          <h2 className="mb-2 text-sm font-medium">{t("dashboard.pendingProposals")}</h2>
          <p className="text-sm">{t("dashboard.pendingCount", { count: home.pending.count })}</p>
          {home.pending.items.length ? (
            <ul className="mt-2 space-y-1 text-sm">
              {home.pending.items.map((p) => (
                <li key={p.enterpriseId + p.proposedOn} className="flex justify-between gap-2">
                  <Link className="truncate text-brand-700 hover:underline" href={`/enterprises/${p.enterpriseId}`}>{p.name}</Link>
                  <span className="whitespace-nowrap text-xs">{f.amount(p.amount)}</span>
                </li>
              ))}
            </ul>
          ) : <p className="mt-2 text-sm text-slate-500">{t("dashboard.noPending")}</p>}
          <h2 className="mb-1 mt-4 text-sm font-medium">{t("dashboard.recentDecisions")}</h2>
          {home.decisions.length ? (
            <ul className="space-y-1 text-sm" data-testid="recent-decisions">
              {home.decisions.map((d) => (
                <li key={d.creditLineId} data-status={d.status}>
                  <div className="flex justify-between gap-2">
                    <Link className="truncate text-brand-700 hover:underline" href={`/enterprises/${d.enterpriseId}`}>{d.name}</Link>
                    <span className={`whitespace-nowrap text-xs ${d.status === "APPROVED" ? "text-emerald-700" : "text-red-700"}`}>
                      {t(`credit.status.${d.status}`)} · {f.amount(d.amount)}
                    </span>
                  </div>
                  <p className="text-xs text-slate-500">{f.dateTime(d.decidedAt)}{d.reason ? ` · ${t("credit.decisionReason", { reason: d.reason })}` : ""}</p>
                </li>
              ))}
            </ul>
          ) : <p className="text-sm text-slate-500">{t("dashboard.noDecisions")}</p>}
        </div>
      </section>
      <section className="space-y-3">
        <h2 className="text-sm font-medium">{t("dashboard.myFigures")} · {t("period.current", { from: f.date(home.period.from), to: f.date(home.period.to) })}</h2>
        <PeriodPicker action="/dashboard" period={home.period} />
        <div className="grid grid-cols-2 gap-3 md:grid-cols-5" data-testid="my-figures">
          {([
            [t("dashboard.funnelSteps.needs"), formatCount(m.current.needs, locale), m.yoy.needs],
            [t("dashboard.funnelSteps.visited"), formatCount(m.current.visited, locale), m.yoy.visited],
            [t("dashboard.funnelSteps.credited"), `${m.current.credited} · ${f.amount(m.current.creditAmount)}`, m.yoy.credited],
            [t("dashboard.funnelSteps.firstLoans"), `${m.current.firstLoans} · ${f.amount(m.current.firstLoanAmount)}`, m.yoy.firstLoans],
            [t("rollup.conversion"), m.conversion === null ? "—" : `${(Number(m.conversion) * 100).toFixed(1)}%`, null],
          ] as const).map(([label, value, yoy]) => (
            <div key={label} className="rounded-lg border border-slate-200 bg-white p-3">
              <div className="text-xs text-slate-500">{label}</div>
              <div className="mt-1 font-semibold tabular-nums">{value}</div>
              {yoy !== null ? <div className="text-xs text-slate-500">{t("rollup.yoyValue", { value: yoyText(yoy) })}</div> : null}
            </div>
          ))}
        </div>
      </section>
      <AssessmentCard actor={actor} period={home.period} />
    </div>
  );
}
