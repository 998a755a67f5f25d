"use client";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { createBankUserAction, createRegulatorUserAction } from "@/lib/actions/admin";
import { AdminDone, AdminError, TemporaryPassword, fieldClass, formFields, submitClass, useAdminAction } from "@/components/admin/feedback";

const BANK_ROLES = ["ACCOUNT_MANAGER", "BRANCH_HEAD", "BANK_HEAD_OFFICE"] as const;
const JURISDICTIONS = ["ZHEJIANG", "ZHEJIANG_EXCL_NINGBO", "NINGBO"] as const;

/**
 * A new user: a bank's admin picks role and (for branch staff) an open branch; a regulator
 * admin picks a jurisdiction. The answer carries the temporary password, shown here once.
 */
export function CreateUserForm({ scope, branches }: { scope: "bank" | "regulator"; branches: { id: string; name: string }[] }) {
  const t = useTranslations("admin.users.create");
  const tr = useTranslations("admin");
  const { state, isPending, run } = useAdminAction(scope === "bank" ? createBankUserAction : createRegulatorUserAction);
  const [role, setRole] = useState<(typeof BANK_ROLES)[number]>("ACCOUNT_MANAGER");
  const formRef = useRef<HTMLFormElement>(null);
  return (
    <form
      ref={formRef}
      className="space-y-3"
      data-testid="create-user-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        run(formFields(event.currentTarget), (result) => { if (result.ok) formRef.current?.reset(); });
      }}
    >
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          {t("email")}
          <input name="email" type="email" autoComplete="off" required maxLength={200} className={fieldClass} />
        </label>
        <label className="block text-sm">
          {t("name")}
          <input name="name" required maxLength={60} className={fieldClass} />
        </label>
        {scope === "bank" ? (
          <>
            <label className="block text-sm">
              {t("role")}
              <select name="role" value={role} onChange={(e) => setRole(e.target.value as typeof role)} className={fieldClass}>
                {BANK_ROLES.map((r) => <option key={r} value={r}>{tr(`roles.${r}`)}</option>)}
              </select>
            </label>
            {role !== "BANK_HEAD_OFFICE" ? (
              <label className="block text-sm">
                {t("branch")}
                <select name="branchId" defaultValue="" className={fieldClass}>
                  <option value="">{t("chooseBranch")}</option>
                  {branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
                </select>
              </label>
            ) : null}
          </>
        ) : (
          <label className="block text-sm">
            {t("jurisdiction")}
            <select name="jurisdiction" defaultValue="ZHEJIANG_EXCL_NINGBO" className={fieldClass}>
              {JURISDICTIONS.map((j) => <option key={j} value={j}>{tr(`jurisdictions.${j}`)}</option>)}
            </select>
          </label>
        )}
      </div>
      {scope === "regulator" || role === "BANK_HEAD_OFFICE" ? (
        <label className="flex min-h-11 items-center gap-2 text-sm">
          <input type="checkbox" name="isAdmin" value="yes" className="h-5 w-5" />
          {t("isAdmin")}
        </label>
      ) : null}
      <AdminError state={state} />
      {state?.ok ? (
        <>
          <AdminDone>{t("done", { email: state.data.email })}</AdminDone>
          <TemporaryPassword email={state.data.email} password={state.data.temporaryPassword} />
        </>
      ) : null}
      <button type="submit" disabled={isPending} className={submitClass}>{t("submit")}</button>
    </form>
  );
}
