"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { logVisitAction } from "@/lib/actions/visits";
import { GUARANTEE_MODES, LOAN_PURPOSES, NO_NEED_REASONS, VISIT_MODES } from "@/lib/schemas/visit";
import { FieldError, FormError, buttonClass, inputClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

/** Visit form for a phone on site: big touch targets, errors next to each field. */
export function VisitForm({ enterpriseId, today }: { enterpriseId: string; today: string }) {
  const t = useTranslations("visit");
  // The fields keep what was typed when the server refuses it; one key per intended visit, so
  // a retried or double-submitted form creates one visit.
  const { state, onSubmit, isPending, key: clientKey, formRef } = useActionForm(logVisitAction);
  const [hasNeed, setHasNeed] = useState<"yes" | "no">("yes");
  // After a saved visit the form starts again with "has a need" (adjusted while rendering).
  const [seenState, setSeenState] = useState(state);
  if (state !== seenState) {
    setSeenState(state);
    if (state?.ok) setHasNeed("yes");
  }
  const fieldError = (name: string) => <FieldError state={state} name={name} />;
  const input = inputClass;

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      <input type="hidden" name="enterpriseId" value={enterpriseId} />
      <input type="hidden" name="clientKey" value={clientKey} />
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block">
          <span className="text-sm font-medium">{t("visitedOn")}</span>
          <input name="visitedOn" type="date" defaultValue={today} max={today} className={input} aria-describedby="visitedOn-error" />
          {fieldError("visitedOn")}
        </label>
        <fieldset>
          <legend className="text-sm font-medium">{t("mode")}</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {VISIT_MODES.map((mode) => (
              <label key={mode} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2 whitespace-nowrap">
                <input type="radio" name="mode" value={mode} defaultChecked={mode === "ON_SITE"} />
                {t(`modes.${mode}`)}
              </label>
            ))}
          </div>
          {fieldError("mode")}
        </fieldset>
      </div>

      <fieldset>
        <legend className="text-sm font-medium">{t("hasNeed")}</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {(["yes", "no"] as const).map((value) => (
            <label key={value} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2 whitespace-nowrap">
              <input type="radio" name="hasNeed" value={value} checked={hasNeed === value} onChange={() => setHasNeed(value)} />
              {t(value === "yes" ? "needYes" : "needNo")}
            </label>
          ))}
        </div>
        {fieldError("hasNeed")}
      </fieldset>

      {hasNeed === "yes" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <label className="block">
            <span className="text-sm font-medium">{t("amountWan")}</span>
            <input name="amountWan" inputMode="decimal" className={input} aria-describedby="amountWan-error" placeholder="100" />
            {fieldError("amountWan")}
          </label>
          <label className="block">
            <span className="text-sm font-medium">{t("termMonths")}</span>
            <input name="termMonths" inputMode="numeric" defaultValue="12" className={input} aria-describedby="termMonths-error" />
            {fieldError("termMonths")}
          </label>
          <label className="block">
            <span className="text-sm font-medium">{t("purpose")}</span>
            <select name="purpose" className={input} defaultValue="WORKING_CAPITAL">
              {LOAN_PURPOSES.map((p) => <option key={p} value={p}>{t(`purposes.${p}`)}</option>)}
            </select>
            {fieldError("purpose")}
          </label>
          <label className="block">
            <span className="text-sm font-medium">{t("preferredGuarantee")}</span>
            <select name="preferredGuarantee" className={input} defaultValue="">
              <option value="">{t("notStated")}</option>
              {GUARANTEE_MODES.map((g) => <option key={g} value={g}>{t(`guarantees.${g}`)}</option>)}
            </select>
            {fieldError("preferredGuarantee")}
          </label>
        </div>
      ) : (
        <label className="block">
          <span className="text-sm font-medium">{t("noNeedReason")}</span>
          <select name="noNeedReason" className={input} defaultValue="">
            <option value="" disabled>{t("choose")}</option>
            {NO_NEED_REASONS.map((r) => <option key={r} value={r}>{t(`reasons.${r}`)}</option>)}
          </select>
          {fieldError("noNeedReason")}
        </label>
      )}

      <label className="block">
        <span className="text-sm font-medium">{t("notes")}</span>
        <textarea name="notes" rows={3} maxLength={2000} className={input} />
        {fieldError("notes")}
      </label>
      <label className="block sm:w-1/2">
        <span className="text-sm font-medium">{t("followUpOn")}</span>
        <input name="followUpOn" type="date" className={input} />
        {fieldError("followUpOn")}
      </label>

      <FormError state={state} />
      {state?.ok ? (
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("saved")}</p>
      ) : null}
      <button type="submit" disabled={isPending} className={buttonClass}>
        {isPending ? t("saving") : t("submit")}
      </button>
    </form>
  );
}
