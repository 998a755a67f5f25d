"use client";
import { useState, type FormEvent } from "react";
import { useLocale, useTranslations } from "next-intl";
import { recordDisbursementAction } from "@/lib/actions/disbursements";
import { DISBURSEMENT_TYPES } from "@/lib/schemas/money-movement";
import { formatters } from "@/lib/i18n/format";
import { toLocale } from "@/lib/i18n/locale";
import { FieldError, FormError, buttonClass, inputClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

export type DisbursementSummary = { enterpriseName: string; productName: string; available: string };

type Draft = { amount: string; disbursedOn: string; type: string };

/** A typed amount as a plain decimal string, or null (commas, spaces and full-width digits accepted). */
function readAmount(raw: string): string | null {
  const plain = raw.replace(/[０-９．]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[,，\s]/g, "");
  return /^\d+(\.\d{1,2})?$/.test(plain) && Number(plain) > 0 ? plain : null;
}

/**
 * Records a drawdown on one approved line. The date may not leave the line's validity. Before
 * anything is recorded, the form restates the enterprise, the line, the amount (元 and 万元),
 * the date and the type; only "confirm" sends it (a double click sends one, the key is the same).
 */
export function DisbursementForm({ creditLineId, today, minDate, maxDate, summary }: {
  creditLineId: string; today: string; minDate: string; maxDate: string; summary: DisbursementSummary;
}) {
  const t = useTranslations("disbursement");
  const locale = toLocale(useLocale());
  const f = formatters(locale);
  const { state, onSubmit, isPending, key, formRef } = useActionForm(recordDisbursementAction);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [amountError, setAmountError] = useState(false);
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
    const amount = readAmount(String(data.get("amount") ?? ""));
    setAmountError(!amount);
    if (!amount) return;
    setDraft({ amount, disbursedOn: String(data.get("disbursedOn") ?? ""), type: String(data.get("type") ?? "NEW") });
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-3" noValidate data-testid="disbursement-form">
      <input type="hidden" name="creditLineId" value={creditLineId} />
      <input type="hidden" name="idempotencyKey" value={key} />
      <fieldset disabled={draft !== null} className="grid gap-3 sm:grid-cols-3">
        <label className="block">
          <span className="text-sm font-medium">{t("amount")}</span>
          <input name="amount" inputMode="decimal" className={inputClass} aria-describedby="amount-error" aria-invalid={amountError || undefined} />
          {amountError ? <p role="alert" className="mt-1 text-sm text-red-700">{t("amountInvalid")}</p> : null}
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
      </fieldset>
      {/* A disabled fieldset sends nothing: the reviewed values go along hidden. */}
      {draft ? (
        <>
          <input type="hidden" name="amount" value={draft.amount} />
          <input type="hidden" name="disbursedOn" value={draft.disbursedOn} />
          <input type="hidden" name="type" value={draft.type} />
          <div role="alertdialog" aria-labelledby={`review-${creditLineId}`} data-testid="disbursement-confirm" className="rounded border border-amber-300 bg-amber-50 p-3 text-sm">
            <p id={`review-${creditLineId}`} className="font-medium">{t("reviewTitle")}</p>
            <p className="mt-1">
              {t("reviewRestate", {
                enterprise: summary.enterpriseName, product: summary.productName, yuan: f.yuan(draft.amount), wan: f.amount(draft.amount),
                date: draft.disbursedOn ? f.date(draft.disbursedOn) : "—", type: t(`types.${draft.type}`),
              })}
            </p>
            <p className="text-xs text-slate-600">{t("reviewAvailable", { available: f.yuan(summary.available) })}</p>
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
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {t(state.data.isReplay ? "replayed" : "saved", { amount: f.yuan(state.data.amount) })}
        </p>
      ) : null}
    </form>
  );
}
