"use client";
import { useTranslations } from "next-intl";
import { changePasswordAction, setPasswordAction } from "@/lib/actions/account";
import { FormError, buttonClass } from "@/components/form-feedback";
import { useFormFields } from "@/components/form-fields";
import { useActionForm } from "@/components/use-action-form";
import type { ActionResult } from "@/lib/actions/run";

function PasswordField<T>({ name, label, autoComplete, state }: { name: string; label: string; autoComplete: string; state: ActionResult<T> | null }) {
  const f = useFormFields(state);
  return (
    <div>
      <label htmlFor={f.id(name)} className="text-sm font-medium">{label}</label>
      <input {...f.props(name)} type="password" autoComplete={autoComplete} required maxLength={1000} />
      {f.error(name)}
    </div>
  );
}

/** /account/setup: the first password of one's own (new + repeat). */
export function SetPasswordForm() {
  const t = useTranslations("account.password");
  const { state, onSubmit, isPending, formRef } = useActionForm(setPasswordAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      <PasswordField name="password" label={t("new")} autoComplete="new-password" state={state} />
      <PasswordField name="repeat" label={t("repeat")} autoComplete="new-password" state={state} />
      <p className="text-sm text-slate-600">{t("policy")}</p>
      <FormError state={state} />
      <button type="submit" disabled={isPending} className={buttonClass}>{t("submit")}</button>
    </form>
  );
}

/** /account: the current password, then the new one twice. */
export function ChangePasswordForm() {
  const t = useTranslations("account.password");
  const { state, onSubmit, isPending, formRef } = useActionForm(changePasswordAction);
  return (
    <form ref={formRef} onSubmit={onSubmit} className="space-y-4" noValidate>
      <PasswordField name="currentPassword" label={t("current")} autoComplete="current-password" state={state} />
      <PasswordField name="password" label={t("new")} autoComplete="new-password" state={state} />
      <PasswordField name="repeat" label={t("repeat")} autoComplete="new-password" state={state} />
      <p className="text-sm text-slate-600">{t("policy")}</p>
      <FormError state={state} />
      {state?.ok ? <p role="status" className="rounded bg-green-50 px-3 py-2 text-sm text-green-800">{t("changed", { count: state.data.sessionsEnded })}</p> : null}
      <button type="submit" disabled={isPending} className={buttonClass}>{t("submit")}</button>
    </form>
  );
}
