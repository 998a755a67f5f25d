import { getLocale, getTranslations } from "next-intl/server";
import type { ScoreRow } from "@/lib/queries/assessment";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";

const pct = (v: number | null) => (v === null ? null : `${(v * 100).toFixed(1)}%`);

/** Scores, ranks and the six indicators of branches or managers (the rank is bank-wide). */
export async function ScoreTable(props: { rows: ScoreRow[]; unit: "branch" | "manager"; testId: string; compact?: boolean }) {
  const t = await getTranslations("assessment");
  const locale = toLocale(await getLocale());
  const f = formatters(locale);
  const none = t("scores.none");
  if (!props.rows.length) return <p className="text-sm text-slate-500">{t("scores.empty")}</p>;
  return (
    <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600">
      <table className="w-full border-collapse rounded-lg bg-white text-sm" data-testid={props.testId}>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th className="px-3 py-2">{t("scores.rank")}</th>
            <th className="px-3 py-2">{props.unit === "branch" ? t("scores.branch") : t("scores.manager")}</th>
            {props.unit === "manager" ? <th className="px-3 py-2">{t("scores.branch")}</th> : null}
            <th className="px-3 py-2 text-right">{t("scores.score")}</th>
            {props.compact ? null : (
              <>
                <th className="px-3 py-2 text-right">{t("indicators.newFirstLoans")}</th>
                <th className="px-3 py-2 text-right">{t("indicators.firstLoanAmount")}</th>
                <th className="px-3 py-2 text-right">{t("indicators.coverage")}</th>
                <th className="px-3 py-2 text-right">{t("indicators.conversion")}</th>
                <th className="px-3 py-2 text-right">{t("indicators.partners")}</th>
                <th className="px-3 py-2 text-right">{t("indicators.timeliness")}</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.id} className="border-b border-slate-100" data-testid={`score-${r.id}`}>
              <td className="px-3 py-2 tabular-nums">{r.rank}</td>
              <td className="px-3 py-2">{locale === "en" ? r.nameEn : r.name}</td>
              {props.unit === "manager" ? <td className="px-3 py-2">{r.branchName ?? none}</td> : null}
              <td className="px-3 py-2 text-right font-semibold tabular-nums">{r.score.toFixed(2)}</td>
              {props.compact ? null : (
                <>
                  <td className="px-3 py-2 text-right tabular-nums">{r.indicators.newFirstLoans}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{f.amount(r.indicators.firstLoanAmount)}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{pct(r.indicators.coverage) ?? none}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{pct(r.indicators.conversion) ?? none}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{r.indicators.partners}</td>
                  <td className="px-3 py-2 text-right tabular-nums">
                    {r.indicators.timeliness === null ? none : t("scores.days", { days: r.indicators.timeliness })}
                  </td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
