"use client";
import { useTranslations } from "next-intl";
import { createApiTokenAction, revokeApiTokenAction } from "@/lib/actions/account";
import { API_TOKEN_EXPIRY_DAYS, API_TOKEN_NAME_MAX } from "@/lib/schemas/account";
import { FormError, buttonClass, inputClass } from "@/components/form-feedback";
import { LimitedText, useFormFields } from "@/components/form-fields";
import { useActionForm } from "@/components/use-action-form";

/** Name and lifetime; the new token is shown here once (the list shows its prefix only). */
export function CreateApiTokenForm() {
  const t = useTranslations("account.tokens");
  const { state, onSubmit, isPending, formRef } = useActionForm(createApiTokenAction);
  const f = useFormFields(state);
  return (
    <div className="space-y-3">
      {state?.ok ? (
        <div role="status" className="space-y-2 rounded border border-amber-300 bg-amber-50 p-3">
          <p className="text-sm">{t("createdOnce", { name: state.data.name })}</p>
          <input readOnly value={state.data.token} data-testid="new-api-token" aria-label={state.data.name}
            onFocus={(e) => e.currentTarget.select()} className={`${inputClass} font-mono text-sm`} />
        </div>
      ) : null}
      <form ref={formRef} onSubmit={onSubmit} className="grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end" noValidate>
        <LimitedText fields={f} name="name" label={t("name")} max={API_TOKEN_NAME_MAX} placeholder={t("namePlaceholder")} />
        <label className="block">
          <span className="text-sm font-medium">{t("expiry")}</span>
          <select name="expiresInDays" defaultValue="90" className={inputClass}>
            {API_TOKEN_EXPIRY_DAYS.map((d) => <option key={d} value={d}>{t("days", { days: d })}</option>)}
            <option value="">{t("noExpiry")}</option>
          </select>
        </label>
        <button type="submit" disabled={isPending} className={buttonClass}>{t("create")}</button>
        <div className="sm:col-span-3"><FormError state={state} /></div>
      </form>
    </div>
  );
}

export function RevokeApiTokenButton({ tokenId, name }: { tokenId: string; name: string }) {
  const t = useTranslations("account.tokens");
  const { state, onSubmit, isPending, formRef } = useActionForm(revokeApiTokenAction);
  return (
    <form ref={formRef} onSubmit={(e) => (window.confirm(t("revokeConfirm", { name })) ? onSubmit(e) : e.preventDefault())}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={isPending} className="rounded border border-slate-300 px-2 py-1 text-xs hover:bg-slate-50 disabled:opacity-60">
        {t("revoke")}
      </button>
      <FormError state={state} />
    </form>
  );
}
