"use client";
import { useLocale, useTranslations } from "next-intl";
import { recordRepaymentAction } from "@/lib/actions/repayments";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { FormError, FormSuccess, buttonClass } from "@/components/form-feedback";
import { AmountInput, useFormFields } from "@/components/form-fields";
import { useActionForm } from "@/components/use-action-form";

/** Records a repayment (typed in 万元) on a line with money outstanding. */
export function RepaymentForm({ creditLineId, today }: { creditLineId: string; today: string }) {
  const t = useTranslations("repayment");
  const locale = toLocale(useLocale());
  const { state, onSubmit, isPending, key, formRef } = useActionForm(recordRepaymentAction);
  const f = useFormFields(state);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate data-testid="repayment-form">
      <input type="hidden" name="creditLineId" value={creditLineId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <div className="grid gap-3 sm:grid-cols-2">
        <AmountInput fields={f} name="amountWan" label={t("amountWan")} />
        <div>
          <label htmlFor={f.id("repaidOn")} className="text-sm font-medium">{t("repaidOn")}</label>
          <input {...f.props("repaidOn")} type="date" defaultValue={today} max={today} />
          {f.error("repaidOn")}
        </div>
      </div>
      <FormError state={state} />
      {state?.ok ? (
        <FormSuccess>{t(state.data.isReplay ? "replayed" : "saved", { amount: formatters(locale).yuan(state.data.amount) })}</FormSuccess>
      ) : null}
      <button type="submit" disabled={isPending} className={buttonClass}>{isPending ? t("saving") : t("submit")}</button>
    </form>
  );
}
