"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { createAssessmentSchemeAction } from "@/lib/actions/assessment";
import { buttonClass, inputClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

const FIELDS = [
  ["weightNewFirstLoans", "newFirstLoans", "30"],
  ["weightFirstLoanAmount", "firstLoanAmount", "20"],
  ["weightCoverage", "coverage", "15"],
  ["weightConversion", "conversion", "15"],
  ["weightPartner", "partners", "10"],
  ["weightTimeliness", "timeliness", "10"],
] as const;

/** A new scheme: name, start date, six weights with a running total (the server checks it). */
export function SchemeForm({ defaultValidFrom }: { defaultValidFrom: string }) {
  const t = useTranslations("assessment");
  const ta = useTranslations("assessment.errors");
  const te = useTranslations("errors");
  const text = (key: string) => (ta.has(key) ? ta(key) : te.has(key) ? te(key) : te("invalid"));
  const { state, onSubmit, isPending, formRef } = useActionForm(createAssessmentSchemeAction);
  const [weights, setWeights] = useState<Record<string, string>>(() => Object.fromEntries(FIELDS.map(([name, , value]) => [name, value])));
  const sum = Object.values(weights).reduce((s, v) => s + Math.round((Number(v) || 0) * 100), 0) / 100;
  const errors = (name: string) => (state && !state.ok ? state.fieldErrors?.[name] ?? [] : []);
  const fieldError = (name: string) => {
    const keys = errors(name);
    return keys.length ? <p className="mt-1 text-sm text-red-700" data-testid={`error-${name}`}>{keys.map(text).join(" ")}</p> : null;
  };

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate data-testid="scheme-form">
      <h2 className="text-base font-semibold">{t("schemes.createTitle")}</h2>
      <p className="text-xs text-slate-500">{t("schemes.createHint")}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          <span className="text-slate-600">{t("schemes.name")}</span>
          <input name="name" maxLength={80} className={inputClass} aria-invalid={errors("name").length > 0} />
          {fieldError("name")}
        </label>
        <label className="block text-sm">
          <span className="text-slate-600">{t("schemes.validFrom")}</span>
          <input name="validFrom" type="date" defaultValue={defaultValidFrom} className={inputClass} aria-invalid={errors("validFrom").length > 0} />
          {fieldError("validFrom")}
        </label>
      </div>
      <fieldset className="grid gap-3 sm:grid-cols-3">
        <legend className="mb-1 text-sm text-slate-600">{t("schemes.weights")}</legend>
        {FIELDS.map(([name, key]) => (
          <label key={name} className="block text-sm">
            <span className="text-slate-600">{t(`indicators.${key}`)}</span>
            <input name={name} inputMode="decimal" value={weights[name]} onChange={(e) => setWeights((w) => ({ ...w, [name]: e.target.value }))}
              className={inputClass} aria-invalid={errors(name).length > 0} />
            {fieldError(name)}
          </label>
        ))}
      </fieldset>
      <p className={`text-sm tabular-nums ${sum !== 100 ? "font-medium text-red-700" : "text-slate-700"}`} data-testid="weights-sum">{t("schemes.sum", { sum })}</p>
      {fieldError("weights")}
      {state && !state.ok && !Object.keys(state.fieldErrors ?? {}).length ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{text(state.message)}</p>
      ) : null}
      {state && !state.ok && Object.keys(state.fieldErrors ?? {}).length ? (
        <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="scheme-error">{te("invalidInput")}</p>
      ) : null}
      {state?.ok ? <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("schemes.created")}</p> : null}
      <button type="submit" disabled={isPending} className={buttonClass}>{isPending ? t("schemes.creating") : t("schemes.create")}</button>
    </form>
  );
}
