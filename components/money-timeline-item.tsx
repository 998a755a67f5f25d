import { getLocale, getTranslations } from "next-intl/server";
import type { MoneyTimelineItem } from "@/lib/queries/pipeline-views";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";

/** A proposal, decision, disbursement or repayment on the enterprise timeline, with who and when. */
export async function MoneyItem({ item }: { item: MoneyTimelineItem }) {
  const t = await getTranslations();
  const f = formatters(toLocale(await getLocale()));
  let text: string;
  let detail: string | null = null;
  switch (item.kind) {
    case "proposal":
      text = t("moneyTimeline.proposal", { product: item.productName, amount: f.amount(item.limit), kind: t(item.isRevolving ? "credit.revolving" : "credit.oneOff") });
      break;
    case "decision":
      text = t(item.status === "APPROVED" ? "moneyTimeline.approved" : "moneyTimeline.rejected", { product: item.productName, amount: f.amount(item.limit) });
      detail = item.reason ? t("moneyTimeline.reason", { reason: item.reason }) : null;
      break;
    case "disbursement":
      text = t("moneyTimeline.disbursement", { amount: f.yuan(item.amount), type: t(`disbursement.types.${item.type}`), product: item.productName, date: f.date(item.on) });
      break;
    case "repayment":
      text = t("moneyTimeline.repayment", { amount: f.yuan(item.amount), product: item.productName, date: f.date(item.on) });
      break;
  }
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <span className={item.kind === "decision" && item.status === "REJECTED" ? "text-red-700" : "font-medium"}>
          {text}
          {item.kind === "disbursement" && item.isFirstEver ? (
            <span className="ml-2 rounded bg-emerald-100 px-1.5 py-0.5 text-xs text-emerald-800" data-testid="first-ever">{t("moneyTimeline.firstEver")}</span>
          ) : null}
        </span>
        <span className="text-xs text-slate-500">{item.by} · {f.dateTime(item.at)}</span>
      </div>
      {detail ? <p className="mt-1 whitespace-pre-wrap text-slate-700">{detail}</p> : null}
    </>
  );
}
