"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { reassignClientAction } from "@/lib/actions/assign";
import { AssignDone, AssignError, fieldClass, submitClass, useAssignAction } from "@/components/assign/assign-feedback";
import { CharCounter } from "@/components/form-fields";

/** The branch head gives this client to another manager of the branch, with a reason. */
export function ReassignForm({ clientId, managers }: { clientId: string; managers: { id: string; name: string; clients: number }[] }) {
  const t = useTranslations("assign.reassign");
  const { state, isPending, run } = useAssignAction(reassignClientAction);
  const [managerId, setManagerId] = useState("");
  const [reason, setReason] = useState("");
  const reasonCountId = useId();
  return (
    <form
      className="space-y-3"
      data-testid="reassign-form"
      onSubmit={(event) => {
        event.preventDefault();
        run({ clientId, managerId, reason });
      }}
    >
      <label className="block text-sm">
        {t("manager")}
        <select name="managerId" value={managerId} onChange={(e) => setManagerId(e.target.value)} className={fieldClass}>
          <option value="">{t("choose")}</option>
          {managers.map((m) => <option key={m.id} value={m.id}>{m.name} ({m.clients})</option>)}
        </select>
      </label>
      <label className="block text-sm">
        {t("reason")}
        <textarea name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} aria-describedby={reasonCountId} rows={2} className={fieldClass} />
      </label>
      <CharCounter id={reasonCountId} length={reason.length} max={500} />
      <AssignError state={state} />
      {state?.ok ? <AssignDone>{t("done")}</AssignDone> : null}
      <button type="submit" className={submitClass} disabled={isPending || !managerId}>{t("submit")}</button>
    </form>
  );
}
