import { getLocale, getTranslations } from "next-intl/server";
import type { CreditLineView } from "@/lib/queries/pipeline-views";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { DisbursementForm } from "@/components/disbursement-form";
import { RepaymentForm } from "@/components/repayment-form";
import { WithdrawForm } from "@/components/withdraw-form";

const STATUS_COLORS: Record<CreditLineView["status"], string> = {
  PENDING: "bg-amber-100 text-amber-800",
  APPROVED: "bg-emerald-100 text-emerald-800",
  REJECTED: "bg-red-100 text-red-700",
  WITHDRAWN: "bg-slate-100 text-slate-600",
};

/** Each line of this bank with limit, drawn and available; money forms for those who work the client. */
export async function CreditLines({ lines, canWork, today, enterpriseName }: { lines: CreditLineView[]; canWork: boolean; today: string; enterpriseName: string }) {
  const t = await getTranslations();
  const f = formatters(toLocale(await getLocale()));
  if (lines.length === 0) return <p className="text-sm text-slate-500">{t("credit.noLines")}</p>;
  return (
    <ul className="space-y-3" data-testid="credit-lines">
      {lines.map((line) => (
        <li key={line.id} className="rounded border border-slate-200 p-3 text-sm" data-testid="credit-line" data-status={line.status}>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <span className="font-medium">{line.productName}</span>
            <span className={`rounded-full px-2 py-0.5 text-xs ${STATUS_COLORS[line.status]}`}>{t(`credit.status.${line.status}`)}</span>
          </div>
          {line.status === "APPROVED" ? (
            <dl className="mt-2 grid grid-cols-3 gap-2 text-center">
              {([["limit", line.limit], ["drawn", line.drawn], ["available", line.available]] as const).map(([key, value]) => (
                <div key={key}>
                  <dt className="text-xs text-slate-500">{t(`credit.${key}`)}</dt>
                  {/* The headline in 万元; the exact yuan beneath, since the next disbursement is typed in yuan. */}
                  <dd className={key === "available" ? "font-medium" : undefined}>{f.amount(value)}</dd>
                  <dd className="text-xs text-slate-500" data-testid={`line-${key}`}>{f.yuan(value)}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="mt-1">{t("credit.limit")}：{f.yuan(line.limit)}</p>
          )}
          <p className="mt-2 text-xs text-slate-600">
            {t(line.isRevolving ? "credit.revolving" : "credit.oneOff")} · {t(`visit.guarantees.${line.guaranteeMode}`)}
            {line.supports.length ? ` · ${line.supports.map((s) => t(`credit.supportKinds.${s}`)).join("、")}` : ""}
            {" · "}{t("credit.validity", { from: f.date(line.validFrom), to: f.date(line.validTo) })}
          </p>
          <p className="text-xs text-slate-600">
            {t("credit.creditCheck", { date: f.date(line.creditCheckOn), result: t(line.creditCheckHasPriorLoan ? "credit.priorLoanYes" : "credit.priorLoanNo") })}
          </p>
          {line.status === "APPROVED" ? (
            <p className="text-xs text-slate-600">
              {t("credit.disbursedTotal")} {f.yuan(line.disbursedTotal)} · {t("credit.repaid")} {f.yuan(line.repaidTotal)} ·{" "}
              {t("credit.outstanding")} <span data-testid="line-outstanding">{f.yuan(line.outstanding)}</span>
              {" · "}{t(line.isRevolving ? "credit.revolvingNote" : "credit.oneOffNote")}
            </p>
          ) : null}
          <p className="mt-1 text-xs text-slate-500">
            {t("credit.proposedBy", { by: line.proposedBy, at: f.dateTime(line.proposedAt) })}
            {line.decidedBy && line.decidedAt ? ` · ${t("credit.decidedBy", { by: line.decidedBy, at: f.dateTime(line.decidedAt), status: t(`credit.status.${line.status}`) })}` : ""}
          </p>
          {line.decisionReason ? <p className="text-xs text-slate-600">{t("credit.decisionReason", { reason: line.decisionReason })}</p> : null}
          {line.canWithdraw ? <WithdrawForm creditLineId={line.id} /> : null}
          {canWork && line.status === "APPROVED" ? (
            <div className="mt-3 space-y-2">
              {line.isOpenForDrawing ? (
                <details className="rounded border border-slate-200 p-2" open>
                  <summary className="cursor-pointer font-medium">{t("disbursement.title")}</summary>
                  <div className="mt-2">
                    <DisbursementForm creditLineId={line.id} today={today} minDate={line.validFrom} maxDate={line.validTo < today ? line.validTo : today}
                      summary={{ enterpriseName, productName: line.productName, available: line.available }} />
                  </div>
                </details>
              ) : (
                <p className="text-xs text-amber-700">{t("credit.notOpen")}</p>
              )}
              {line.hasOutstanding ? (
                <details className="rounded border border-slate-200 p-2">
                  <summary className="cursor-pointer font-medium">{t("repayment.title")}</summary>
                  <div className="mt-2"><RepaymentForm creditLineId={line.id} today={today} /></div>
                </details>
              ) : null}
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
