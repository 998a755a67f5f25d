import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { todayInShanghai } from "@/lib/domain/dates";
import { assessmentPeriodParams } from "@/lib/assessment/period";
import { INDICATOR_KEYS } from "@/lib/assessment/score";
import { getAssessment, listAssessmentSchemes } from "@/lib/queries/assessment";
import { ClientMessages } from "@/components/client-messages";
import { ExportLinks } from "@/components/dashboard/export-links";
import { AssessmentPeriodForm } from "@/components/assessment/period-form";
import { ScoreTable } from "@/components/assessment/score-table";
import { SchemeForm } from "@/components/assessment/scheme-form";

export async function generateMetadata() {
  const t = await getTranslations("assessment");
  return { title: t("title") };
}

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

// 考核: the head office's schemes and the scores of its branches and managers for a period; a
// branch head sees the branch and its managers, a manager their own score and rank. Regulators
// have no assessment (the monthly notice ranks banks).
export default async function AssessmentPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await currentActor();
  if (!actor) redirect("/sign-in");
  const params = await searchParams;
  const raw = { kind: first(params.kind), month: first(params.month) || undefined, quarter: first(params.quarter) || undefined, year: first(params.year) || undefined };
  const [view, schemes] = await Promise.all([getAssessment(actor, raw), listAssessmentSchemes(actor)]);
  if (!view) {
    if (actor.role === "REGULATOR") redirect("/regulator");
    notFound();
  }
  const t = await getTranslations("assessment");
  const exportParams = assessmentPeriodParams(view.period);
  const today = todayInShanghai();
  const own = view.level === "manager" ? view.managers[0] : undefined;

  return (
    <div className="space-y-6">
      <h1 className="text-xl font-semibold">{t("title")} · {view.bankName}</h1>
      <p className="max-w-4xl text-sm text-slate-600">{t("intro")}</p>

      <AssessmentPeriodForm period={view.period} action="/assessment" />
      <p className="text-sm" data-testid="scheme-in-force">
        {view.scheme ? t("scores.inForce", { name: view.scheme.name, validFrom: view.scheme.validFrom }) : t("scores.noScheme")}
      </p>

      {view.scheme && view.level === "manager" ? (
        <section className="max-w-md rounded-lg border border-slate-200 bg-white p-4" data-testid="own-score">
          <h2 className="text-sm font-medium">{t("scores.ownTitle")}</h2>
          {own ? (
            <>
              <p className="mt-1 text-3xl font-semibold tabular-nums">{own.score.toFixed(2)}</p>
              <p className="text-sm text-slate-600">{t("scores.ownRank", { rank: own.rank, total: view.rankedManagers })}</p>
            </>
          ) : <p className="text-sm text-slate-500">{t("scores.empty")}</p>}
        </section>
      ) : null}

      {view.scheme && view.level !== "manager" ? (
        <>
          <section className="space-y-2">
            <div className="flex items-center justify-between">
              <h2 className="text-sm font-medium">{t("scores.branches")}</h2>
              <ExportLinks table="assessment" params={{ ...exportParams, unit: "branch" }} />
            </div>
            <ScoreTable rows={view.branches} unit="branch" testId="assessment-branches" />
          </section>
          <section className="space-y-2">
            <div className="flex items-center justify-between">
              <h2 className="text-sm font-medium">{t("scores.managers")}</h2>
              <ExportLinks table="assessment" params={{ ...exportParams, unit: "manager" }} />
            </div>
            <ScoreTable rows={view.managers} unit="manager" testId="assessment-managers" />
            <p className="text-xs text-slate-500">{t("scores.rankOf", { total: view.rankedManagers })}</p>
          </section>
        </>
      ) : null}

      {schemes ? (
        <section className="space-y-3">
          <h2 className="text-base font-semibold">{t("schemes.title")}</h2>
          {schemes.length ? (
            <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
              <table className="w-full border-collapse rounded-lg bg-white text-sm" data-testid="scheme-list">
                <thead>
                  <tr className="border-b border-slate-200 text-left text-slate-600">
                    <th className="px-3 py-2">{t("schemes.name")}</th>
                    <th className="px-3 py-2">{t("schemes.validFrom")}</th>
                    {INDICATOR_KEYS.map((k) => <th key={k} className="px-3 py-2 text-right">{t(`indicators.${k}`)}</th>)}
                  </tr>
                </thead>
                <tbody>
                  {schemes.map((s) => (
                    <tr key={s.id} className="border-b border-slate-100">
                      <td className="px-3 py-2">{s.name}</td>
                      <td className="px-3 py-2 tabular-nums">{s.validFrom}</td>
                      {INDICATOR_KEYS.map((k) => <td key={k} className="px-3 py-2 text-right tabular-nums">{s.weights[k]}%</td>)}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : <p className="text-sm text-slate-500">{t("schemes.empty")}</p>}
          <div className="max-w-3xl rounded-lg border border-slate-200 bg-white p-4">
            <ClientMessages namespaces={["assessment", "errors"]}>
              <SchemeForm defaultValidFrom={`${today.slice(0, 7)}-01`} />
            </ClientMessages>
          </div>
        </section>
      ) : null}

      <p className="max-w-4xl text-xs text-slate-500">{t("definitions")}</p>
    </div>
  );
}
