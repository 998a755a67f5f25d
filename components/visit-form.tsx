"use client";
import { useActionState, useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { logVisitAction } from "@/lib/actions/visits";
import type { ActionResult } from "@/lib/actions/run";
import type { LogVisitResult } from "@/lib/commands/log-visit";
import { GUARANTEE_MODES, LOAN_PURPOSES, NO_NEED_REASONS, VISIT_MODES } from "@/lib/schemas/visit";

type State = ActionResult<LogVisitResult> | null;

function newKey(): string {
  return crypto.randomUUID().replace(/-/g, "");
}

/** Visit form for a phone on site: big touch targets, errors next to each field. */
export function VisitForm({ enterpriseId, today }: { enterpriseId: string; today: string }) {
  const t = useTranslations("visit");
  const te = useTranslations("errors");
  const [state, action, isPending] = useActionState<State, FormData>(logVisitAction, null);
  const [hasNeed, setHasNeed] = useState<"yes" | "no">("yes");
  // One key per intended visit: a retried or double-submitted form creates one visit.
  const [clientKey, setClientKey] = useState(newKey);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (state?.ok) {
      formRef.current?.reset();
      setHasNeed("yes");
      setClientKey(newKey());
    }
  }, [state]);

  const errors = state && !state.ok ? state.fieldErrors ?? {} : {};
  const fieldError = (name: string) =>
    errors[name]?.length ? (
      <p id={`${name}-error`} className="mt-1 text-sm text-red-700" data-testid={`error-${name}`}>
        {errors[name]!.map((key) => te(key)).join(" ")}
      </p>
    ) : null;
  const input = "mt-1 w-full rounded border border-slate-300 px-3 py-2 text-base";

  return (
    <form ref={formRef} action={action} className="space-y-4" noValidate>
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
          <div className="mt-1 flex gap-2">
            {VISIT_MODES.map((mode) => (
              <label key={mode} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2">
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
        <div className="mt-1 flex gap-2">
          {(["yes", "no"] as const).map((value) => (
            <label key={value} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2">
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

      {state && !state.ok ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{te(state.message)}</p>
      ) : null}
      {state?.ok ? (
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("saved")}</p>
      ) : null}
      <button type="submit" disabled={isPending}
        className="w-full rounded bg-brand-600 px-4 py-3 font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto">
        {isPending ? t("saving") : t("submit")}
      </button>
    </form>
  );
}
