"use client";
import { useTranslations } from "next-intl";
import { proposeCreditAction } from "@/lib/actions/credit";
import { GUARANTEE_MODES } from "@/lib/schemas/visit";
import { PRODUCT_NAME_MAX } from "@/lib/schemas/credit";
import { FormError, FormSuccess, buttonClass } from "@/components/form-feedback";
import { AmountInput, LimitedText, useFormFields } from "@/components/form-fields";
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
  const f = useFormFields(state);

  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate data-testid="credit-proposal-form">
      <input type="hidden" name="enterpriseId" value={enterpriseId} />
      <div className="grid gap-4 sm:grid-cols-2">
        <LimitedText fields={f} name="productName" label={t("productName")} max={PRODUCT_NAME_MAX} placeholder={t("productPlaceholder")} />
        <AmountInput fields={f} name="limitWan" label={t("limitWan")} />
        <div>
          <label htmlFor={f.id("guaranteeMode")} className="text-sm font-medium">{t("guaranteeMode")}</label>
          <select {...f.props("guaranteeMode")} defaultValue="CREDIT">
            {GUARANTEE_MODES.map((g) => <option key={g} value={g}>{tv(`guarantees.${g}`)}</option>)}
          </select>
          {f.error("guaranteeMode")}
        </div>
        <fieldset>
          <legend className="text-sm font-medium">{t("isRevolving")}</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {(["yes", "no"] as const).map((value) => (
              <label key={value} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2">
                <input type="radio" {...f.choiceProps("isRevolving")} value={value} defaultChecked={value === "yes"} />
                {t(value === "yes" ? "revolving" : "oneOff")}
              </label>
            ))}
          </div>
          {f.error("isRevolving")}
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
        <div>
          <label htmlFor={f.id("validFrom")} className="text-sm font-medium">{t("validFrom")}</label>
          <input {...f.props("validFrom")} type="date" defaultValue={today} />
          {f.error("validFrom")}
        </div>
        <div>
          <label htmlFor={f.id("validTo")} className="text-sm font-medium">{t("validTo")}</label>
          <input {...f.props("validTo")} type="date" defaultValue={validTo} />
          {f.error("validTo")}
        </div>
        <div>
          <label htmlFor={f.id("creditCheckOn")} className="text-sm font-medium">{t("creditCheckOn")}</label>
          <input {...f.props("creditCheckOn")} type="date" defaultValue={today} max={today} />
          {f.error("creditCheckOn")}
        </div>
        <fieldset>
          <legend className="text-sm font-medium">{t("creditCheckHasPriorLoan")}</legend>
          <div className="mt-1 flex flex-wrap gap-2">
            {(["no", "yes"] as const).map((value) => (
              <label key={value} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2">
                <input type="radio" {...f.choiceProps("creditCheckHasPriorLoan")} value={value} />
                {t(value === "yes" ? "priorLoanYes" : "priorLoanNo")}
              </label>
            ))}
          </div>
          {f.error("creditCheckHasPriorLoan")}
        </fieldset>
      </div>
      <FormError state={state} />
      {state?.ok ? <FormSuccess>{t("saved")}</FormSuccess> : null}
      <button type="submit" disabled={isPending} className={buttonClass}>{isPending ? t("saving") : t("submit")}</button>
    </form>
  );
}
