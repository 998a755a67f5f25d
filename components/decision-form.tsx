"use client";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { decideCreditAction } from "@/lib/actions/credit";
import { FieldError, FormError, buttonClass, inputClass } from "@/components/form-feedback";
import { useActionForm } from "@/components/use-action-form";

export type DecisionSummary = { enterpriseName: string; amount: string; validity: string; productName: string };

/**
 * The branch head's decision on one proposal: approve, or reject with a reason. Nothing is
 * preselected; before it is recorded, a confirmation restates the enterprise, the amount, the
 * term and the decision, and the decision goes only on "confirm".
 */
export function DecisionForm({ creditLineId, enterpriseId, summary }: { creditLineId: string; enterpriseId: string; summary: DecisionSummary }) {
  const t = useTranslations("approvals");
  const { state, onSubmit, isPending, formRef } = useActionForm(decideCreditAction);
  const [decision, setDecision] = useState<"APPROVE" | "REJECT" | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [localError, setLocalError] = useState<"chooseDecision" | "reasonRequired" | null>(null);

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

  function submit(event: FormEvent<HTMLFormElement>) {
    if (confirming) return onSubmit(event);
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get("reason") ?? "").trim();
    if (!decision) return setLocalError("chooseDecision");
    if (decision === "REJECT" && !reason) return setLocalError("reasonRequired");
    setLocalError(null);
    setConfirming(true);
  }

  return (
    <form ref={formRef} onSubmit={submit} className="space-y-4" noValidate data-testid="decision-form">
      <input type="hidden" name="creditLineId" value={creditLineId} />
      <fieldset disabled={confirming}>
        <legend className="text-sm font-medium">{t("decision")}</legend>
        <div className="mt-1 flex gap-2">
          {(["APPROVE", "REJECT"] as const).map((value) => (
            <label key={value} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2">
              <input type="radio" name="decision" value={value} checked={decision === value} onChange={() => setDecision(value)}
                aria-describedby={localError === "chooseDecision" ? "decision-local-error" : undefined} />
              {t(value === "APPROVE" ? "approve" : "reject")}
            </label>
          ))}
        </div>
        {localError === "chooseDecision" ? <p id="decision-local-error" role="alert" className="mt-1 text-sm text-red-700">{t("chooseDecision")}</p> : null}
        <FieldError state={state} name="decision" />
      </fieldset>
      <label className="block">
        <span className="text-sm font-medium">{t("reason")}</span>
        <textarea name="reason" rows={3} maxLength={500} className={inputClass} aria-describedby="reason-error" readOnly={confirming}
          required={decision === "REJECT"} aria-invalid={localError === "reasonRequired" || undefined} />
        {localError === "reasonRequired" ? <p role="alert" className="mt-1 text-sm text-red-700">{t("reasonRequired")}</p> : null}
        <FieldError state={state} name="reason" />
      </label>
      {/* A disabled fieldset sends nothing: the chosen decision goes along hidden while confirming. */}
      {confirming && decision ? <input type="hidden" name="decision" value={decision} /> : null}
      {confirming && decision ? (
        <div role="alertdialog" aria-labelledby="confirm-title" data-testid="decision-confirm"
          className={`rounded border p-3 text-sm ${decision === "APPROVE" ? "border-emerald-300 bg-emerald-50" : "border-red-300 bg-red-50"}`}>
          <p id="confirm-title" className="font-medium">{t(decision === "APPROVE" ? "confirmApproveTitle" : "confirmRejectTitle")}</p>
          <p className="mt-1">{t("confirmRestate", { enterprise: summary.enterpriseName, product: summary.productName, amount: summary.amount, validity: summary.validity })}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <button type="submit" disabled={isPending} className={buttonClass} autoFocus>
              {isPending ? t("deciding") : t(decision === "APPROVE" ? "confirmApprove" : "confirmReject")}
            </button>
            <button type="button" disabled={isPending} onClick={() => setConfirming(false)} className="rounded border border-slate-300 px-4 py-2 hover:bg-white">
              {t("confirmBack")}
            </button>
          </div>
        </div>
      ) : (
        <button type="submit" className={buttonClass}>{t("submit")}</button>
      )}
      <FormError state={state} />
    </form>
  );
}
