"use client";
import Link from "next/link";
import { useRef, useState, type FormEvent } from "react";
import { useTranslations } from "next-intl";
import { decideCreditAction } from "@/lib/actions/credit";
import { REASON_MAX } from "@/lib/schemas/credit";
import { FormError, FormSuccess, buttonClass } from "@/components/form-feedback";
import { LimitedText, useFormFields } from "@/components/form-fields";
import { useActionForm, useFocusOnResult } from "@/components/use-action-form";

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
  const [refusals, setRefusals] = useState(0);
  const f = useFormFields(state, {
    decision: localError === "chooseDecision" ? [localError] : undefined,
    reason: localError === "reasonRequired" ? [localError] : undefined,
  });
  // The result replaces the form: focus follows it there.
  const resultRef = useRef<HTMLDivElement>(null);
  useFocusOnResult(formRef, null, refusals);
  useFocusOnResult(resultRef, state?.ok ? state : null);

  if (state?.ok) {
    return (
      <div ref={resultRef} className="space-y-3">
        <FormSuccess testId="decision-result">{t(state.data.status === "APPROVED" ? "approved" : "rejected")}</FormSuccess>
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
    const problem = !decision ? "chooseDecision" : decision === "REJECT" && !reason ? "reasonRequired" : null;
    setLocalError(problem);
    if (problem) return setRefusals((n) => n + 1);
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
              <input type="radio" {...f.choiceProps("decision")} value={value} checked={decision === value} onChange={() => setDecision(value)} />
              {t(value === "APPROVE" ? "approve" : "reject")}
            </label>
          ))}
        </div>
        {f.error("decision")}
      </fieldset>
      <LimitedText fields={f} name="reason" label={t("reason")} max={REASON_MAX} rows={3} readOnly={confirming} />
      {/* A disabled fieldset sends nothing: the chosen decision goes along hidden while confirming. */}
      {confirming && decision ? <input type="hidden" name="decision" value={decision} /> : null}
      {confirming && decision ? (
        <div role="alertdialog" aria-labelledby={f.id("confirm")} data-testid="decision-confirm"
          className={`rounded border p-3 text-sm ${decision === "APPROVE" ? "border-emerald-300 bg-emerald-50" : "border-red-300 bg-red-50"}`}>
          <p id={f.id("confirm")} className="font-medium">{t(decision === "APPROVE" ? "confirmApproveTitle" : "confirmRejectTitle")}</p>
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
