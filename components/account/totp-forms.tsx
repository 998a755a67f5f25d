"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  confirmTotpEnrolmentAction, disableTotpAction, regenerateRecoveryCodesAction, startTotpEnrolmentAction,
} from "@/lib/actions/account";
import { FormError, buttonClass } from "@/components/form-feedback";
import { useFormFields } from "@/components/form-fields";
import { useActionForm } from "@/components/use-action-form";
import { RecoveryCodes } from "@/components/account/recovery-codes";
import type { ActionResult } from "@/lib/actions/run";

const secondaryButton = "rounded border border-slate-300 px-3 py-2 text-sm hover:bg-slate-50 disabled:opacity-60";

/** Generates a (new) pending secret; the page then shows its QR code. */
export function StartTotpForm({ restart = false }: { restart?: boolean }) {
  const t = useTranslations("account.totp");
  const { state, onSubmit, isPending, formRef } = useActionForm(startTotpEnrolmentAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-2">
      <FormError state={state} />
      <button type="submit" disabled={isPending} className={restart ? secondaryButton : buttonClass}>{restart ? t("restart") : t("start")}</button>
    </form>
  );
}

function CodeField<T>({ state, label }: { state: ActionResult<T> | null; label: string }) {
  const f = useFormFields(state);
  return (
    <div>
      <label htmlFor={f.id("code")} className="block text-sm font-medium">{label}</label>
      <input {...f.props("code", { className: "max-w-40 font-mono tracking-widest" })} inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} required />
      {f.error("code")}
    </div>
  );
}

function CurrentPasswordField<T>({ state, label }: { state: ActionResult<T> | null; label: string }) {
  const f = useFormFields(state);
  return (
    <div>
      <label htmlFor={f.id("currentPassword")} className="text-sm font-medium">{label}</label>
      <input {...f.props("currentPassword")} type="password" autoComplete="current-password" required maxLength={1000} />
      {f.error("currentPassword")}
    </div>
  );
}

/** A current code confirms the pending secret; then the recovery codes, once. */
export function ConfirmTotpForm({ email, next }: { email: string; next?: string }) {
  const t = useTranslations("account.totp");
  const { state, onSubmit, isPending, formRef } = useActionForm(confirmTotpEnrolmentAction);
  if (state?.ok) return <RecoveryCodes codes={state.data.recoveryCodes} email={email} next={next} />;
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate>
      <p className="text-sm">{t("enterCode")}</p>
      <CodeField state={state} label={t("code")} />
      <FormError state={state} />
      <button type="submit" disabled={isPending} className={buttonClass}>{t("confirm")}</button>
    </form>
  );
}

export function RegenerateRecoveryCodesForm({ email }: { email: string }) {
  const t = useTranslations("account.totp");
  const tp = useTranslations("account.password");
  const { state, onSubmit, isPending, formRef } = useActionForm(regenerateRecoveryCodesAction);
  // The new codes replace the form until the user says they saved them; then the form is back.
  const [dismissed, setDismissed] = useState<typeof state>(null);
  if (state?.ok && dismissed !== state) {
    return <RecoveryCodes key={state.data.recoveryCodes[0]} codes={state.data.recoveryCodes} email={email} onDone={() => setDismissed(state)} />;
  }
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate>
      <p className="text-sm text-slate-600">{t("regenerateHint")}</p>
      <CurrentPasswordField state={state} label={tp("current")} />
      <CodeField state={state} label={t("code")} />
      <FormError state={state} />
      <button type="submit" disabled={isPending} className={secondaryButton}>{t("regenerate")}</button>
    </form>
  );
}

export function DisableTotpForm() {
  const t = useTranslations("account.totp");
  const tp = useTranslations("account.password");
  const { state, onSubmit, isPending, formRef } = useActionForm(disableTotpAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-3" noValidate>
      <p className="text-sm text-slate-600">{t("disableHint")}</p>
      <CurrentPasswordField state={state} label={tp("current")} />
      <FormError state={state} />
      <button type="submit" disabled={isPending} className={secondaryButton}>{t("disable")}</button>
    </form>
  );
}
