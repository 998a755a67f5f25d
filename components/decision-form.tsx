"use client";
import Link from "next/link";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { decideCreditAction } from "@/lib/actions/credit";
import { FieldError, FormError, buttonClass, inputClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

/** The branch head's decision on one proposal: approve, or reject with a reason. */
export function DecisionForm({ creditLineId, enterpriseId }: { creditLineId: string; enterpriseId: string }) {
  const t = useTranslations("approvals");
  const { state, onSubmit, isPending, formRef } = useActionForm(decideCreditAction);
  const [decision, setDecision] = useState<"APPROVE" | "REJECT">("APPROVE");

  if (state?.ok) {
    return (
      <div className="space-y-3">
        <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="decision-result">
          {t(state.data.status === "APPROVED" ? "approved" : "rejected")}
        </p>
        <div className="flex flex-wrap gap-4 text-sm">
          <Link className="text-brand-700 hover:underline" href="/approvals">{t("back")}</Link>
          <Link className="text-brand-700 hover:underline" href={`/enterprises/${enterpriseId}`}>{t("toEnterprise")}</Link>
        </div>
      </div>
    );
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate data-testid="decision-form">
      <input type="hidden" name="creditLineId" value={creditLineId} />
      <fieldset>
        <legend className="text-sm font-medium">{t("decision")}</legend>
        <div className="mt-1 flex gap-2">
          {(["APPROVE", "REJECT"] as const).map((value) => (
            <label key={value} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2">
              <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)} />
              {t(value === "APPROVE" ? "approve" : "reject")}
            </label>
          ))}
        </div>
        <FieldError state={state} name="decision" />
      </fieldset>
      <label className="block">
        <span className="text-sm font-medium">{t("reason")}</span>
        <textarea name="reason" rows={3} maxLength={500} className={inputClass} aria-describedby="reason-error" required={decision === "REJECT"} />
        <FieldError state={state} name="reason" />
      </label>
      <FormError state={state} />
      <button type="submit" disabled={isPending} className={buttonClass}>{isPending ? t("deciding") : t("submit")}</button>
    </form>
  );
}
