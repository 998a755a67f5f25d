"use client";
import { useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { closeBranchAction, createBranchAction, renameBranchAction } from "@/lib/actions/admin";
import { AdminDone, AdminError, dangerClass, fieldClass, formFields, secondaryClass, submitClass, useAdminAction } from "@/components/admin/feedback";

export type CountyChoice = { code: string; label: string; city: string };

/** A new branch: code, Chinese and English names, county (grouped by city). */
export function CreateBranchForm({ counties }: { counties: CountyChoice[] }) {
  const t = useTranslations("admin.branches");
  const { state, isPending, run } = useAdminAction(createBranchAction);
  const formRef = useRef<HTMLFormElement>(null);
  const cities = [...new Set(counties.map((c) => c.city))];
  return (
    <form ref={formRef} className="space-y-3" data-testid="create-branch-form" noValidate
      onSubmit={(e) => { e.preventDefault(); run(formFields(e.currentTarget), (r) => { if (r.ok) formRef.current?.reset(); }); }}>
      <div className="grid gap-3 sm:grid-cols-2">
        <label className="block text-sm">{t("code")}<input name="code" required maxLength={30} className={fieldClass} /></label>
        <label className="block text-sm">
          {t("county")}
          <select name="countyCode" defaultValue="" className={fieldClass}>
            <option value="">{t("create.chooseCounty")}</option>
            {cities.map((city) => (
              <optgroup key={city} label={city}>
                {counties.filter((c) => c.city === city).map((c) => <option key={c.code} value={c.code}>{c.label}</option>)}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="block text-sm">{t("name")}<input name="name" required maxLength={100} className={fieldClass} /></label>
        <label className="block text-sm">{t("nameEn")}<input name="nameEn" required maxLength={100} className={fieldClass} /></label>
      </div>
      <AdminError state={state} />
      {state?.ok ? <AdminDone>{t("create.done")}</AdminDone> : null}
      <button type="submit" disabled={isPending} className={submitClass}>{t("create.submit")}</button>
    </form>
  );
}

/** Rename (inline) and close one branch. */
export function BranchControls({ branch }: { branch: { id: string; name: string; nameEn: string; isClosed: boolean } }) {
  const t = useTranslations("admin.branches");
  const rename = useAdminAction(renameBranchAction);
  const close = useAdminAction(closeBranchAction);
  const [editing, setEditing] = useState(false);
  if (editing) {
    return (
      <form className="space-y-2" data-testid={`rename-${branch.id}`}
        onSubmit={(e) => { e.preventDefault(); rename.run({ branchId: branch.id, ...formFields(e.currentTarget) }, (r) => { if (r.ok) setEditing(false); }); }}>
        <input name="name" defaultValue={branch.name} aria-label={t("name")} maxLength={100} className={fieldClass} />
        <input name="nameEn" defaultValue={branch.nameEn} aria-label={t("nameEn")} maxLength={100} className={fieldClass} />
        <AdminError state={rename.state} />
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={rename.isPending} className={submitClass}>{t("renameSubmit")}</button>
          <button type="button" className={secondaryClass} onClick={() => setEditing(false)}>{t("cancel")}</button>
        </div>
      </form>
    );
  }
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <button type="button" className={secondaryClass} onClick={() => setEditing(true)}>{t("rename")}</button>
        {!branch.isClosed ? (
          <button type="button" disabled={close.isPending} className={dangerClass}
            onClick={() => { if (window.confirm(t("confirmClose", { name: branch.name }))) close.run({ branchId: branch.id }); }}>
            {t("close")}
          </button>
        ) : null}
      </div>
      {rename.state?.ok ? <AdminDone>{t("renamed")}</AdminDone> : null}
      <AdminError state={close.state} />
      {close.state?.ok ? <AdminDone>{t("closedDone")}</AdminDone> : null}
    </div>
  );
}
