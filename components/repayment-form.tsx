"use client";
import { useLocale, useTranslations } from "next-intl";
import { recordRepaymentAction } from "@/lib/actions/repayments";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { FieldError, FormError, buttonClass, inputClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

/** Records a repayment on a line with money outstanding. */
export function RepaymentForm({ creditLineId, today }: { creditLineId: string; today: string }) {
  const t = useTranslations("repayment");
  const locale = toLocale(useLocale());
  const { state, onSubmit, isPending, key, formRef } = useActionForm(recordRepaymentAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate data-testid="repayment-form">
      <input type="hidden" name="creditLineId" value={creditLineId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block">
          <span className="text-sm font-medium">{t("amount")}</span>
          <input name="amount" inputMode="decimal" className={inputClass} aria-describedby="amount-error" />
          <FieldError state={state} name="amount" />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("repaidOn")}</span>
          <input name="repaidOn" type="date" defaultValue={today} max={today} className={inputClass} />
          <FieldError state={state} name="repaidOn" />
        </label>
      </div>
      <FormError state={state} />
      {state?.ok ? (
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t(state.data.isReplay ? "replayed" : "saved", { amount: formatters(locale).yuan(state.data.amount) })}
        </p>
      ) : null}
      <button type="submit" disabled={isPending} className={buttonClass}>{isPending ? t("saving") : t("submit")}</button>
    </form>
  );
}
