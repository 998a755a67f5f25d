"use client";
import { useRef } from "react";
import { useTranslations } from "next-intl";
import { createBankAction } from "@/lib/actions/admin";
import { AdminDone, AdminError, TemporaryPassword, fieldClass, formFields, submitClass, useAdminAction } from "@/components/admin/feedback";

/** A bank joins with its first head-office admin, whose temporary password is shown here once. */
export function CreateBankForm() {
  const t = useTranslations("admin.banks");
  const { state, isPending, run } = useAdminAction(createBankAction);
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <form ref={formRef} className="space-y-3" data-testid="create-bank-form" noValidate
      onSubmit={(e) => { e.preventDefault(); run(formFields(e.currentTarget), (r) => { if (r.ok) formRef.current?.reset(); }); }}>
      <p className="text-sm text-slate-600">{t("create.hint")}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">{t("code")}<input name="code" required maxLength={20} className={fieldClass} /></label>
        <label className="block text-sm">{t("name")}<input name="name" required maxLength={100} className={fieldClass} /></label>
        <label className="block text-sm">{t("nameEn")}<input name="nameEn" required maxLength={100} className={fieldClass} /></label>
        <label className="block text-sm">{t("create.adminName")}<input name="adminName" required maxLength={60} className={fieldClass} /></label>
        <label className="block text-sm sm:col-span-2">{t("create.adminEmail")}<input name="adminEmail" type="email" autoComplete="off" required maxLength={200} className={fieldClass} /></label>
      </div>
      <AdminError state={state} />
      {state?.ok ? (
        <>
          <AdminDone>{t("create.done", { name: state.data.bankName })}</AdminDone>
          <TemporaryPassword email={state.data.adminEmail} password={state.data.temporaryPassword} />
        </>
      ) : null}
      <button type="submit" disabled={isPending} className={submitClass}>{t("create.submit")}</button>
    </form>
  );
}
