"use client";
import { useTranslations } from "next-intl";
import { setBankRequireTotpAction } from "@/lib/actions/admin";
import { AdminDone, AdminError, submitClass, useAdminAction } from "@/components/admin/feedback";

/** The bank's rule: every user signs in with a one-time code (head office and admins always do). */
export function RequireTotpForm({ requireTotp }: { requireTotp: boolean }) {
  const t = useTranslations("admin.totp");
  const { state, isPending, run } = useAdminAction(setBankRequireTotpAction);
  return (
    <form className="space-y-3" data-testid="require-totp-form"
      onSubmit={(e) => { e.preventDefault(); run({ requireTotp: new FormData(e.currentTarget).get("requireTotp") === "yes" }); }}>
      <p className="text-sm text-slate-600">{t("always")}</p>
      <label className="flex min-h-11 items-center gap-2 text-sm">
        <input type="checkbox" name="requireTotp" value="yes" defaultChecked={requireTotp} className="h-5 w-5" />
        {t("label")}
      </label>
      <AdminError state={state} />
      {state?.ok ? <AdminDone>{state.data.requireTotp ? t("savedOn") : t("savedOff")}</AdminDone> : null}
      <button type="submit" disabled={isPending} className={submitClass}>{t("save")}</button>
    </form>
  );
}
