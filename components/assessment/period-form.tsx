import { getTranslations } from "next-intl/server";
import type { AssessmentPeriod } from "@/lib/assessment/period";
import { inputClass } from "@/components/form-feedback";

/** A plain GET form: the kind and the month, quarter or year (the other fields are ignored). */
export async function AssessmentPeriodForm({ period, action }: { period: AssessmentPeriod; action: string }) {
  const t = await getTranslations("assessment");
  const year = period.from.slice(0, 4);
  return (
    <form method="get" action={action} className="flex flex-wrap items-end gap-3 text-sm" data-testid="assessment-period">
      <label className="block">
        <span className="text-slate-600">{t("period.kind")}</span>
        <select name="kind" defaultValue={period.kind} className={inputClass}>
          {(["month", "quarter", "year"] as const).map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
        </select>
      </label>
      <label className="block">
        <span className="text-slate-600">{t("period.month")}</span>
        <input type="month" name="month" defaultValue={period.kind === "month" ? period.key : period.from.slice(0, 7)} className={inputClass} />
      </label>
      <label className="block">
        <span className="text-slate-600">{t("period.quarter")}</span>
        <select name="quarter" defaultValue={period.kind === "quarter" ? period.key : `${year}-Q1`} className={inputClass}>
          {[1, 2, 3, 4].map((q) => <option key={q} value={`${year}-Q${q}`}>{`${year}-Q${q}`}</option>)}
        </select>
      </label>
      <label className="block">
        <span className="text-slate-600">{t("period.year")}</span>
        <input type="number" name="year" min={2019} max={2099} defaultValue={year} className={inputClass} />
      </label>
      <button type="submit" className="rounded border border-slate-300 px-3 py-2 hover:bg-slate-100">{t("period.show")}</button>
      <span className="text-slate-500">{t("period.label", { from: period.from, to: period.to })}</span>
    </form>
  );
}
