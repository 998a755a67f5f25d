"use client";
import { useLocale, useTranslations } from "next-intl";
import { recordDisbursementAction } from "@/lib/actions/disbursements";
import { DISBURSEMENT_TYPES } from "@/lib/schemas/money-movement";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { FieldError, FormError, buttonClass, inputClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

/** Records a drawdown on one approved line. The date may not leave the line's validity. */
export function DisbursementForm({ creditLineId, today, minDate, maxDate }: { creditLineId: string; today: string; minDate: string; maxDate: string }) {
  const t = useTranslations("disbursement");
  const locale = toLocale(useLocale());
  const { state, onSubmit, isPending, key, formRef } = useActionForm(recordDisbursementAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate data-testid="disbursement-form">
      <input type="hidden" name="creditLineId" value={creditLineId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <div className="grid gap-3 sm:grid-cols-3">
        <label className="block">
          <span className="text-sm font-medium">{t("amount")}</span>
          <input name="amount" inputMode="decimal" className={inputClass} aria-describedby="amount-error" />
          <FieldError state={state} name="amount" />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("disbursedOn")}</span>
          <input name="disbursedOn" type="date" defaultValue={today <= maxDate ? today : maxDate} min={minDate} max={maxDate} className={inputClass} />
          <FieldError state={state} name="disbursedOn" />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("type")}</span>
          <select name="type" defaultValue="NEW" className={inputClass}>
            {DISBURSEMENT_TYPES.map((type) => <option key={type} value={type}>{t(`types.${type}`)}</option>)}
          </select>
          <FieldError state={state} name="type" />
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
