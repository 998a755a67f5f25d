"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import {
  changeUserJurisdictionAction, changeUserRoleAction, resetUserPasswordAction, resetUserTotpAction, setUserActiveAction, setUserAdminAction,
} from "@/lib/actions/admin";
import {
  AdminDone, AdminError, TemporaryPassword, dangerClass, fieldClass, formFields, secondaryClass, submitClass, useAdminAction,
} from "@/components/admin/feedback";

const BANK_ROLES = ["ACCOUNT_MANAGER", "BRANCH_HEAD", "BANK_HEAD_OFFICE"] as const;
const JURISDICTIONS = ["ZHEJIANG", "ZHEJIANG_EXCL_NINGBO", "NINGBO"] as const;
type BankRole = (typeof BANK_ROLES)[number];

export type ControlledUser = {
  id: string; name: string; email: string; role: string; branchId: string | null; jurisdiction: string | null;
  isActive: boolean; isAdmin: boolean;
};

const section = "space-y-3 rounded-lg border border-slate-200 bg-white p-4";

/** Role and branch of a bank user (one step); sessions end on the server. */
export function RoleForm({ user, branches }: { user: ControlledUser; branches: { id: string; name: string }[] }) {
  const t = useTranslations("admin.user");
  const ta = useTranslations("admin");
  const tc = useTranslations("admin.users.create");
  const { state, isPending, run } = useAdminAction(changeUserRoleAction);
  const [role, setRole] = useState<BankRole>(BANK_ROLES.includes(user.role as BankRole) ? (user.role as BankRole) : "ACCOUNT_MANAGER");
  return (
    <form className={section} data-testid="role-form" onSubmit={(e) => { e.preventDefault(); run({ userId: user.id, ...formFields(e.currentTarget) }); }}>
      <h2 className="font-medium">{t("roleTitle")}</h2>
      <p className="text-sm text-slate-600">{t("roleHint")}</p>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">
          {tc("role")}
          <select name="role" value={role} onChange={(e) => setRole(e.target.value as BankRole)} className={fieldClass}>
            {BANK_ROLES.map((r) => <option key={r} value={r}>{ta(`roles.${r}`)}</option>)}
          </select>
        </label>
        {role !== "BANK_HEAD_OFFICE" ? (
          <label className="block text-sm">
            {tc("branch")}
            <select name="branchId" defaultValue={user.branchId ?? ""} className={fieldClass}>
              <option value="">{tc("chooseBranch")}</option>
              {branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
            </select>
          </label>
        ) : null}
      </div>
      <AdminError state={state} />
      {state?.ok ? <AdminDone>{state.data.changed ? t("changed", { count: state.data.sessionsEnded }) : t("unchanged")}</AdminDone> : null}
      <button type="submit" disabled={isPending} className={submitClass}>{t("roleSubmit")}</button>
    </form>
  );
}

/** A regulator user's jurisdiction; sessions end on the server. */
export function JurisdictionForm({ user }: { user: ControlledUser }) {
  const t = useTranslations("admin.user");
  const ta = useTranslations("admin");
  const { state, isPending, run } = useAdminAction(changeUserJurisdictionAction);
  return (
    <form className={section} data-testid="jurisdiction-form" onSubmit={(e) => { e.preventDefault(); run({ userId: user.id, ...formFields(e.currentTarget) }); }}>
      <h2 className="font-medium">{t("jurisdictionTitle")}</h2>
      <select name="jurisdiction" defaultValue={user.jurisdiction ?? ""} aria-label={t("jurisdictionTitle")} className={fieldClass}>
        {JURISDICTIONS.map((j) => <option key={j} value={j}>{ta(`jurisdictions.${j}`)}</option>)}
      </select>
      <AdminError state={state} />
      {state?.ok ? <AdminDone>{state.data.changed ? t("changed", { count: state.data.sessionsEnded }) : t("unchanged")}</AdminDone> : null}
      <button type="submit" disabled={isPending} className={submitClass}>{t("jurisdictionSubmit")}</button>
    </form>
  );
}

export function ActiveControl({ user }: { user: ControlledUser }) {
  const t = useTranslations("admin.user");
  const { state, isPending, run } = useAdminAction(setUserActiveAction);
  // What was asked last (the page's `user` catches up after the refresh).
  const [asked, setAsked] = useState<boolean | null>(null);
  const disabling = user.isActive;
  return (
    <section className={section}>
      <h2 className="font-medium">{t("activeTitle")}</h2>
      {disabling ? <p className="text-sm text-slate-600">{t("disableHint")}</p> : null}
      <AdminError state={state} />
      {state?.ok && asked !== null ? <AdminDone>{asked ? t("enabledDone") : t("disabledDone", { count: state.data.sessionsEnded })}</AdminDone> : null}
      <button type="button" disabled={isPending} className={disabling ? dangerClass : secondaryClass}
        onClick={() => {
          if (disabling && !window.confirm(t("confirmDisable", { name: user.name }))) return;
          setAsked(!user.isActive);
          run({ userId: user.id, isActive: !user.isActive });
        }}>
        {disabling ? t("disable") : t("enable")}
      </button>
    </section>
  );
}

export function ResetPasswordControl({ user }: { user: ControlledUser }) {
  const t = useTranslations("admin.user");
  const { state, isPending, run } = useAdminAction(resetUserPasswordAction);
  return (
    <section className={section}>
      <h2 className="font-medium">{t("resetTitle")}</h2>
      <p className="text-sm text-slate-600">{t("resetHint")}</p>
      <AdminError state={state} />
      {state?.ok ? <TemporaryPassword email={state.data.email} password={state.data.temporaryPassword} /> : null}
      <button type="button" disabled={isPending} className={secondaryClass}
        onClick={() => { if (window.confirm(t("confirmReset", { name: user.name }))) run({ userId: user.id }); }}>
        {t("reset")}
      </button>
    </section>
  );
}

export function AdminRightsControl({ user }: { user: ControlledUser }) {
  const t = useTranslations("admin.user");
  const { state, isPending, run } = useAdminAction(setUserAdminAction);
  const [asked, setAsked] = useState<boolean | null>(null);
  return (
    <section className={section}>
      <h2 className="font-medium">{t("adminTitle")}</h2>
      <AdminError state={state} />
      {state?.ok && asked !== null ? <AdminDone>{asked ? t("grantedDone") : t("revokedDone")}</AdminDone> : null}
      <button type="button" disabled={isPending} className={secondaryClass} onClick={() => { setAsked(!user.isAdmin); run({ userId: user.id, isAdmin: !user.isAdmin }); }}>
        {user.isAdmin ? t("revoke") : t("grant")}
      </button>
    </section>
  );
}

/** Lost phone: the second factor and the password are reset together (new temporary password, shown once). */
export function ResetTotpControl({ user }: { user: ControlledUser }) {
  const t = useTranslations("admin.user");
  const { state, isPending, run } = useAdminAction(resetUserTotpAction);
  return (
    <section className={section}>
      <h2 className="font-medium">{t("totpTitle")}</h2>
      <p className="text-sm text-slate-600">{t("totpHint")}</p>
      <AdminError state={state} />
      {state?.ok ? <TemporaryPassword email={state.data.email} password={state.data.temporaryPassword} /> : null}
      <button type="button" disabled={isPending} className={secondaryClass}
        onClick={() => { if (window.confirm(t("confirmResetTotp", { name: user.name }))) run({ userId: user.id }); }}>
        {t("resetTotp")}
      </button>
    </section>
  );
}
