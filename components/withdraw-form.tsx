"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { withdrawCreditAction } from "@/lib/actions/credit";
import { FormError } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

/** The proposal's author withdraws it while it is pending, after one confirmation. */
export function WithdrawForm({ creditLineId }: { creditLineId: string }) {
  const t = useTranslations("credit");
  const { state, onSubmit, isPending, formRef } = useActionForm(withdrawCreditAction);
  const [confirming, setConfirming] = useState(false);
  if (state?.ok) return <p role="status" className="mt-2 text-sm text-slate-600" data-testid="withdraw-result">{t("withdrawn")}</p>;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="mt-2 space-y-2" data-testid="withdraw-form">
      <input type="hidden" name="creditLineId" value={creditLineId} />
      {confirming ? (
        <div role="alertdialog" aria-labelledby={`withdraw-${creditLineId}`} className="rounded border border-amber-300 bg-amber-50 p-2 text-sm">
          <p id={`withdraw-${creditLineId}`}>{t("withdrawConfirm")}</p>
          <div className="mt-2 flex gap-2">
            <button type="submit" disabled={isPending} className="rounded bg-slate-700 px-3 py-1.5 text-white hover:bg-slate-800 disabled:opacity-60">{t("withdraw")}</button>
            <button type="button" onClick={() => setConfirming(false)} className="rounded border border-slate-300 px-3 py-1.5 hover:bg-white">{t("withdrawKeep")}</button>
          </div>
        </div>
      ) : (
        <button type="button" onClick={() => setConfirming(true)} className="rounded border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50">{t("withdraw")}</button>
      )}
      <FormError state={state} />
    </form>
  );
}
