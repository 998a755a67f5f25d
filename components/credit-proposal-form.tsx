"use client";
import { useTranslations } from "next-intl";
import { proposeCreditAction } from "@/lib/actions/credit";
import { GUARANTEE_MODES } from "@/lib/schemas/visit";
import { FieldError, FormError, buttonClass, inputClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

const SUPPORTS = [
  ["hasGuaranteeInsurance", "GUARANTEE_INSURANCE"],
  ["hasGovGuarantee", "GOV_GUARANTEE"],
  ["hasRiskCompensation", "RISK_COMPENSATION"],
] as const;

/** The account manager's credit proposal; validity defaults to one year from today. */
export function CreditProposalForm({ enterpriseId, today, validTo }: { enterpriseId: string; today: string; validTo: string }) {
  const t = useTranslations("credit");
  const tv = useTranslations("visit");
  // No idempotency key here: the server treats an identical pending proposal as a replay.
  const { state, onSubmit, isPending, formRef } = useActionForm(proposeCreditAction);

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate data-testid="credit-proposal-form">
      <input type="hidden" name="enterpriseId" value={enterpriseId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block">
          <span className="text-sm font-medium">{t("productName")}</span>
          <input name="productName" maxLength={60} placeholder={t("productPlaceholder")} className={inputClass} aria-describedby="productName-error" />
          <FieldError state={state} name="productName" />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("limitAmount")}</span>
          <input name="limitAmount" inputMode="decimal" placeholder="1000000" className={inputClass} aria-describedby="limitAmount-error" />
          <FieldError state={state} name="limitAmount" />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("guaranteeMode")}</span>
          <select name="guaranteeMode" className={inputClass} defaultValue="CREDIT">
            {GUARANTEE_MODES.map((g) => <option key={g} value={g}>{tv(`guarantees.${g}`)}</option>)}
          </select>
          <FieldError state={state} name="guaranteeMode" />
        </label>
        <fieldset>
          <legend className="text-sm font-medium">{t("isRevolving")}</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {(["yes", "no"] as const).map((value) => (
              <label key={value} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2">
                <input type="radio" name="isRevolving" value={value} defaultChecked={value === "yes"} />
                {t(value === "yes" ? "revolving" : "oneOff")}
              </label>
            ))}
          </div>
          <FieldError state={state} name="isRevolving" />
        </fieldset>
      </div>
      <fieldset>
        <legend className="text-sm font-medium">{t("supports")}</legend>
        <div className="mt-1 flex flex-wrap gap-2">
          {SUPPORTS.map(([name, kind]) => (
            <label key={name} className="flex items-center gap-2 rounded border border-slate-300 px-3 py-2">
              <input type="checkbox" name={name} value="yes" />
              {t(`supportKinds.${kind}`)}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <label className="block">
          <span className="text-sm font-medium">{t("validFrom")}</span>
          <input name="validFrom" type="date" defaultValue={today} className={inputClass} />
          <FieldError state={state} name="validFrom" />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("validTo")}</span>
          <input name="validTo" type="date" defaultValue={validTo} className={inputClass} aria-describedby="validTo-error" />
          <FieldError state={state} name="validTo" />
        </label>
        <label className="block">
          <span className="text-sm font-medium">{t("creditCheckOn")}</span>
          <input name="creditCheckOn" type="date" defaultValue={today} max={today} className={inputClass} />
          <FieldError state={state} name="creditCheckOn" />
        </label>
        <fieldset>
          <legend className="text-sm font-medium">{t("creditCheckHasPriorLoan")}</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {(["no", "yes"] as const).map((value) => (
              <label key={value} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2">
                <input type="radio" name="creditCheckHasPriorLoan" value={value} />
                {t(value === "yes" ? "priorLoanYes" : "priorLoanNo")}
              </label>
            ))}
          </div>
          <FieldError state={state} name="creditCheckHasPriorLoan" />
        </fieldset>
      </div>
      <FormError state={state} />
      {state?.ok ? <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800">{t("saved")}</p> : null}
      <button type="submit" disabled={isPending} className={buttonClass}>{isPending ? t("saving") : t("submit")}</button>
    </form>
  );
}
