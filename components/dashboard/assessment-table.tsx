import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { Actor } from "@/lib/auth/actor";
import { assessmentPeriodFor, assessmentPeriodParams } from "@/lib/assessment/period";
import { getAssessment } from "@/lib/queries/assessment";
import { ScoreTable } from "@/components/assessment/score-table";

/**
 * The assessment card of the dashboards: scores and ranks for the dashboard's month or
 * quarter (any other period: the month it ends in). Head office: branches; branch head: the branch's
 * rank and its managers; manager: their own score and rank. Nothing without a scheme.
 */
export async function AssessmentCard({ actor, period }: { actor: Actor; period: { kind: string; month: string; quarter: string; to: string } }) {
  const view = await getAssessment(actor, assessmentPeriodFor(period));
  if (!view?.scheme) return null;
  const t = await getTranslations("assessment");
  const href = `/assessment?${new URLSearchParams(assessmentPeriodParams(view.period))}`;
  const own = view.managers[0];
  const branch = view.branches[0];
  return (
    <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-4" data-testid="dashboard-assessment">
      <div className="flex items-center justify-between">
        <h2 className="text-sm font-medium">{t("dashboard.title", { period: view.period.key })}</h2>
        <Link href={href} className="text-sm text-brand-700 hover:underline">{t("dashboard.more")}</Link>
      </div>
      {view.level === "bank" ? <ScoreTable rows={view.branches} unit="branch" testId="dashboard-assessment-branches" compact /> : null}
      {view.level === "branch" ? (
        <>
          {branch ? <p className="text-sm">{t("scores.branchRank", { rank: branch.rank, total: view.rankedBranches })} · {t("scores.score")} {branch.score.toFixed(2)}</p> : null}
          <ScoreTable rows={view.managers} unit="manager" testId="dashboard-assessment-managers" compact />
        </>
      ) : null}
      {view.level === "manager" ? (
        own ? (
          <p className="text-sm" data-testid="dashboard-own-score">
            <span className="text-2xl font-semibold tabular-nums">{own.score.toFixed(2)}</span>{" "}
            <span className="text-slate-600">{t("scores.ownRank", { rank: own.rank, total: view.rankedManagers })}</span>
          </p>
        ) : <p className="text-sm text-slate-500">{t("scores.empty")}</p>
      ) : null}
    </section>
  );
}
