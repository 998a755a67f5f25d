import { getTranslations } from "next-intl/server";
import { daysBetween, type IsoDate } from "@/lib/domain/dates";

/** A next follow-up date with its state in words (逾期 N 天 / 今天到期), not only in red. */
export async function FollowUpText({ on, today, format }: { on: IsoDate | null; today: IsoDate; format: (iso: string) => string }) {
  const t = await getTranslations("poolList");
  if (!on) return <span className="text-slate-500">{t("noFollowUp")}</span>;
  const state = on < today ? t("overdueDays", { days: daysBetween(on, today) }) : on === today ? t("dueToday") : null;
  return (
    <span className={state ? "font-medium text-red-700" : undefined} data-testid="follow-up">
      {format(on)}
      {state ? <span data-testid="follow-up-state"> · {state}</span> : null}
    </span>
  );
}
