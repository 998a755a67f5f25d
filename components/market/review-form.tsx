"use client";
import { useTranslations } from "next-intl";
import { reviewMarketFlagAction } from "@/lib/actions/market";
import { buttonClass, inputClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

/** Marks a flag reviewed with a note (once; the note is kept with the flag and audited). */
export function ReviewForm({ flagId }: { flagId: string }) {
  const t = useTranslations("market");
  const tm = useTranslations("market.errors");
  const te = useTranslations("errors");
  const text = (key: string) => (tm.has(key) ? tm(key) : te.has(key) ? te(key) : te("invalid"));
  const { state, onSubmit, isPending, formRef } = useActionForm(reviewMarketFlagAction);
  const noteErrors = state && !state.ok ? state.fieldErrors?.note ?? [] : [];
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate data-testid="review-form">
      <input type="hidden" name="flagId" value={flagId} />
      <label className="block text-sm">
        <span className="text-slate-600">{t("review.note")}</span>
        <textarea name="note" rows={3} maxLength={500} className={inputClass} aria-invalid={noteErrors.length > 0} />
        {noteErrors.length ? <p className="mt-1 text-sm text-red-700" data-testid="error-note">{noteErrors.map(text).join(" ")}</p> : null}
      </label>
      {state && !state.ok && !noteErrors.length ? <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{text(state.message)}</p> : null}
      {state?.ok ? <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("review.saved")}</p> : null}
      <button type="submit" disabled={isPending} className={buttonClass}>{isPending ? t("review.submitting") : t("review.submit")}</button>
    </form>
  );
}
