import Link from "next/link";
import { notFound } from "next/navigation";
import { getLocale, getTranslations } from "next-intl/server";
import { currentActor } from "@/lib/auth/current-actor";
import { METRICS } from "@/lib/domain/notice";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { listLaggingRules } from "@/lib/queries/lagging-rules";
import { AddRuleForm, EditRuleForm, ToggleRuleForm, type RuleLabels } from "@/components/notices/rule-forms";
import { ruleText, type T } from "@/components/notices/notice-parts";

export async function generateMetadata() {
  const t = await getTranslations("notices");
  return { title: t("rules.title") };
}

// The lagging rules the provincial bureau edits (list, add, change, deactivate). Anyone else:
// the missing-page answer.
export default async function LaggingRulesPage() {
  const found = await listLaggingRules(await currentActor());
  if (!found) notFound();
  const t = await getTranslations("notices");
  const f = formatters(toLocale(await getLocale()));
  const labels: RuleLabels = {
    metric: t("rules.metric"), comparator: t("rules.comparator"), threshold: t("rules.threshold"), save: t("rules.save"), add: t("rules.add"),
    activate: t("rules.activate"), deactivate: t("rules.deactivate"), saved: t("rules.saved"),
    metrics: Object.fromEntries(METRICS.map((m) => [m, t(`metrics.${m}`)])),
    comparators: { lt: t("flags.lt"), gt: t("flags.gt") },
    errors: t.raw("errors") as Record<string, string>,
  };
  const cell = "px-3 py-2";

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">{t("rules.title")}</h1>
        <Link href="/notices" className="text-sm text-brand-700 hover:underline">{t("rules.back")}</Link>
      </div>
      <p className="text-sm text-slate-600">{t("rules.intro")}</p>
      {found.isDefault ? <p className="rounded bg-slate-50 px-3 py-2 text-sm text-slate-700" data-testid="default-rules">{t("rules.defaults")}</p> : null}
      <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm" data-testid="rules-table">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className={cell}>{t("flags.metric")}</th>
              <th className={cell}>{t("rules.status")}</th>
              <th className={cell}>{t("rules.updatedAt")}</th>
              <th className={cell} />
            </tr>
          </thead>
          <tbody>
            {found.rules.map((rule, i) => (
              <tr key={rule.id ?? `default-${i}`} className="border-t border-slate-100 align-top">
                <td className={cell}>
                  <p className="font-medium">{ruleText(rule, t as unknown as T)}</p>
                  {rule.id && rule.isActive ? <div className="mt-2"><EditRuleForm rule={{ ...rule, id: rule.id }} labels={labels} /></div> : null}
                </td>
                <td className={cell}>{rule.isActive ? t("rules.active") : t("rules.inactive")}</td>
                <td className={cell}>{rule.updatedAt ? f.dateTime(rule.updatedAt) : "—"}</td>
                <td className={cell}>{rule.id ? <ToggleRuleForm rule={{ ...rule, id: rule.id }} labels={labels} /> : null}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="space-y-2 rounded-lg border border-slate-200 bg-white p-3">
        <h2 className="font-medium">{t("rules.add")}</h2>
        <p className="text-xs text-slate-500">{t("rules.thresholdHelp")}</p>
        <AddRuleForm labels={labels} />
      </section>
    </div>
  );
}
