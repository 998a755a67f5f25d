"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { reviewMarketFlagAction } from "@/lib/actions/market";
import { FormSuccess, buttonClass, inputClass, inputErrorClass } from "@/components/form-feedback";
import { CharCounter } from "@/components/form-fields";
import { useActionForm } from "@/components/use-action-form";

/** Marks a flag reviewed with a note (once; the note is kept with the flag and audited). */
export function ReviewForm({ flagId }: { flagId: string }) {
  const t = useTranslations("market");
  const tm = useTranslations("market.errors");
  const te = useTranslations("errors");
  const text = (key: string) => (tm.has(key) ? tm(key) : te.has(key) ? te(key) : te("invalid"));
  const { state, onSubmit, isPending, formRef } = useActionForm(reviewMarketFlagAction);
  const noteErrors = state && !state.ok ? state.fieldErrors?.note ?? [] : [];
  const [noteLength, setNoteLength] = useState(0);
  const id = useId();
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate data-testid="review-form">
      <input type="hidden" name="flagId" value={flagId} />
      <div className="text-sm">
        <label htmlFor={`${id}note`} className="text-slate-700">{t("review.note")}</label>
        <textarea id={`${id}note`} name="note" rows={3} maxLength={500} className={noteErrors.length ? inputErrorClass : inputClass} aria-invalid={noteErrors.length > 0 || undefined}
          aria-describedby={`${id}count${noteErrors.length ? ` ${id}error` : ""}`} onInput={(e) => setNoteLength(e.currentTarget.value.length)} />
        <CharCounter id={`${id}count`} length={noteLength} max={500} />
        {noteErrors.length ? <p id={`${id}error`} className="mt-1 text-sm text-red-700" data-testid="error-note">{noteErrors.map(text).join(" ")}</p> : null}
      </div>
      {state && !state.ok && !noteErrors.length ? <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{text(state.message)}</p> : null}
      {state?.ok ? <FormSuccess>{t("review.saved")}</FormSuccess> : null}
      <button type="submit" disabled={isPending} className={buttonClass}>{isPending ? t("review.submitting") : t("review.submit")}</button>
    </form>
  );
}
