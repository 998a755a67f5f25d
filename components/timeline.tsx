import { getLocale, getTranslations } from "next-intl/server";
import type { TimelineItem } from "@/lib/queries/get-pipeline";
import { MoneyItem } from "@/components/money-timeline-item";
import { AssignmentItem } from "@/components/assign/assignment-timeline-item";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";

export async function Timeline({ items }: { items: TimelineItem[] }) {
  const t = await getTranslations();
  const f = formatters(toLocale(await getLocale()));
  if (items.length === 0) return <p className="text-sm text-slate-500">{t("timeline.empty")}</p>;
  return (
    <ol className="space-y-3" data-testid="timeline">
      {items.map((item) => (
        <li key={`${item.kind}-${item.id}`} className="rounded border border-slate-200 bg-white p-3 text-sm" data-kind={item.kind}>
          {item.kind === "visit" ? (
            <>
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <span className="font-medium">{t("timeline.visit", { mode: t(`visit.modes.${item.mode}`) })} · {f.date(item.on)}</span>
                <span className="text-xs text-slate-500">{item.by} · {f.dateTime(item.at)}</span>
              </div>
              {item.need ? (
                <p className="mt-1" data-testid="need">
                  {t("timeline.need", {
                    amount: f.amount(item.need.amount),
                    term: item.need.termMonths,
                    purpose: t(`visit.purposes.${item.need.purpose}`),
                  })}
                </p>
              ) : (
                <p className="mt-1 text-slate-600">{t("timeline.noNeed", { reason: item.noNeedReason ? t(`visit.reasons.${item.noNeedReason}`) : "—" })}</p>
              )}
              {item.notes ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{item.notes}</p> : null}
              {item.followUpOn ? <p className="mt-1 text-xs text-slate-500">{t("timeline.followUp", { date: f.date(item.followUpOn) })}</p> : null}
            </>
          ) : item.kind === "assignment" ? (
            <AssignmentItem item={item} />
          ) : item.kind !== "stage" ? (
            <MoneyItem item={item} />
          ) : (
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span>
                {t("timeline.stageChange", {
                  from: item.from ? t(`stage.${item.from}`) : "—",
                  to: t(`stage.${item.to}`),
                })}
              </span>
              <span className="text-xs text-slate-500">{item.by ?? t("timeline.system")} · {f.dateTime(item.at)}</span>
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
