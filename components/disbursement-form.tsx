"use client";
import { useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { recordDisbursementAction } from "@/lib/actions/disbursements";
import { DISBURSEMENT_TYPES } from "@/lib/schemas/money-movement";
import { readWanAmount, wanFigure } from "@/lib/domain/amount-input";
import { MAX_CREDIT_YUAN } from "@/lib/domain/credit";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { FormError, FormSuccess, buttonClass } from "@/components/form-feedback";
import { AmountInput, useFormFields } from "@/components/form-fields";
import { useActionForm, useFocusOnResult } from "@/components/use-action-form";

export type DisbursementSummary = { enterpriseName: string; productName: string; available: string };

type Draft = { amountWan: string; yuan: string; disbursedOn: string; type: string };

/**
 * Records a drawdown on one approved line, typed in 万元. The date may not leave the line's
 * validity. Before anything is recorded, the form restates the enterprise, the line, the amount
 * (万元 and 元), the date and the type; only "confirm" sends it (a double click sends one, the
 * key is the same).
 */
export function DisbursementForm({ creditLineId, today, minDate, maxDate, summary }: {
  creditLineId: string; today: string; minDate: string; maxDate: string; summary: DisbursementSummary;
}) {
  const t = useTranslations("disbursement");
  const locale = toLocale(useLocale());
  const fmt = formatters(locale);
  const { state, onSubmit, isPending, key, formRef } = useActionForm(recordDisbursementAction);
  const [draft, setDraft] = useState<Draft | null>(null);
  // The same reading as the server's, before the restatement: a wrong amount is marked at once.
  const [amountError, setAmountError] = useState<string | null>(null);
  const [refusals, setRefusals] = useState(0);
  const f = useFormFields(state, { amountWan: amountError ? [amountError] : undefined });
  useFocusOnResult(formRef, null, refusals);
  // A refusal from the server (over the available amount, a date outside the line) reopens the fields.
  const [seen, setSeen] = useState(state);
  if (state !== seen) {
    setSeen(state);
    setDraft(null);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    if (draft) return onSubmit(event);
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const typed = String(data.get("amountWan") ?? "");
    const reading = readWanAmount(typed, MAX_CREDIT_YUAN);
    setAmountError(reading.ok ? null : reading.error);
    if (!reading.ok) return setRefusals((n) => n + 1);
    setDraft({ amountWan: typed, yuan: reading.yuan, disbursedOn: String(data.get("disbursedOn") ?? ""), type: String(data.get("type") ?? "NEW") });
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate data-testid="disbursement-form">
      <input type="hidden" name="creditLineId" value={creditLineId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <fieldset disabled={draft !== null} className="grid gap-3 sm:grid-cols-3">
        <AmountInput fields={f} name="amountWan" label={t("amountWan")} />
        <div>
          <label htmlFor={f.id("disbursedOn")} className="text-sm font-medium">{t("disbursedOn")}</label>
          <input {...f.props("disbursedOn")} type="date" defaultValue={today <= maxDate ? today : maxDate} min={minDate} max={maxDate} />
          {f.error("disbursedOn")}
        </div>
        <div>
          <label htmlFor={f.id("type")} className="text-sm font-medium">{t("type")}</label>
          <select {...f.props("type")} defaultValue="NEW">
            {DISBURSEMENT_TYPES.map((type) => <option key={type} value={type}>{t(`types.${type}`)}</option>)}
          </select>
          {f.error("type")}
        </div>
      </fieldset>
      {/* A disabled fieldset sends nothing: the reviewed values go along hidden. */}
      {draft ? (
        <>
          <input type="hidden" name="amountWan" value={draft.amountWan} />
          <input type="hidden" name="disbursedOn" value={draft.disbursedOn} />
          <input type="hidden" name="type" value={draft.type} />
          <div role="alertdialog" aria-labelledby={f.id("review")} data-testid="disbursement-confirm" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
            <p id={f.id("review")} className="font-medium">{t("reviewTitle")}</p>
            <p className="mt-1">
              {t("reviewRestate", {
                enterprise: summary.enterpriseName, product: summary.productName, yuan: fmt.yuan(draft.yuan), wan: wanFigure(draft.yuan),
                date: draft.disbursedOn ? fmt.date(draft.disbursedOn) : "—", type: t(`types.${draft.type}`),
              })}
            </p>
            <p className="text-xs text-slate-700">{t("reviewAvailable", { available: fmt.yuan(summary.available) })}</p>
            <div className="mt-3 flex flex-wrap gap-2">
              <button type="submit" disabled={isPending} className={buttonClass} autoFocus>{isPending ? t("saving") : t("submit")}</button>
              <button type="button" disabled={isPending} onClick={() => setDraft(null)} className="rounded border border-slate-300 px-4 py-2 hover:bg-white">{t("reviewBack")}</button>
            </div>
          </div>
        </>
      ) : (
        <button type="submit" className={buttonClass}>{t("review")}</button>
      )}
      <FormError state={state} />
      {state?.ok ? (
        <FormSuccess>{t(state.data.isReplay ? "replayed" : "saved", { amount: fmt.yuan(state.data.amount) })}</FormSuccess>
      ) : null}
    </form>
  );
}
