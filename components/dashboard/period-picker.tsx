import "@/components/dashboard/period-picker.css";
import { getTranslations } from "next-intl/server";
import type { ResolvedPeriod } from "@/lib/domain/period";

/**
 * The period picker (month, quarter, year to date, from–to) and, where the actor may switch
 * it, the Ningbo switch. A plain GET form: the page reads the same fields back. Only the
 * fields of the chosen type show (period-picker.css, no script needed).
 */
export async function PeriodPicker(props: {
  action: string;
  period: ResolvedPeriod;
  ningbo?: { value: "include" | "exclude"; canSwitch: boolean };
  hidden?: Record<string, string | undefined>;
}) {
  const t = await getTranslations();
  const p = props.period;
  const field = "rounded border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <form method="get" action={props.action} className="period-picker flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 print:hidden" data-testid="period-picker">
      {Object.entries(props.hidden ?? {}).map(([name, value]) => (value ? <input key={name} type="hidden" name={name} value={value} /> : null))}
      <label className="flex flex-col text-xs text-slate-600">
        {t("period.kind")}
        <select name="period" defaultValue={p.kind} className={field}>
          {(["month", "quarter", "ytd", "range"] as const).map((k) => <option key={k} value={k}>{t(`period.${k}`)}</option>)}
        </select>
      </label>
      <label className="flex flex-col text-xs text-slate-600" data-period-for="month">
        {t("period.monthValue")}
        <input type="month" name="month" defaultValue={p.month} className={field} />
      </label>
      <label className="flex flex-col text-xs text-slate-600" data-period-for="quarter">
        {t("period.quarterValue")}
        <input name="quarter" defaultValue={p.quarter} pattern="\d{4}-Q[1-4]" className={`${field} w-28`} />
      </label>
      <label className="flex flex-col text-xs text-slate-600" data-period-for="range">
        {t("period.from")}
        <input type="date" name="from" defaultValue={p.from} className={field} />
      </label>
      {/* The year to date runs to this day too. */}
      <label className="flex flex-col text-xs text-slate-600" data-period-for="ytd range">
        {t("period.to")}
        <input type="date" name="to" defaultValue={p.to} className={field} />
      </label>
      {props.ningbo?.canSwitch ? (
        <label className="flex flex-col text-xs text-slate-600">
          {t("rollup.ningbo")}
          <select name="ningbo" defaultValue={props.ningbo.value} className={field} data-testid="ningbo-switch">
            <option value="exclude">{t("rollup.ningboExclude")}</option>
            <option value="include">{t("rollup.ningboInclude")}</option>
          </select>
        </label>
      ) : null}
      <button type="submit" className="rounded bg-slate-800 px-4 py-1.5 text-sm text-white">{t("period.apply")}</button>
    </form>
  );
}
