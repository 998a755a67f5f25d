"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { handoverClientsAction } from "@/lib/actions/assign";
import { AssignDone, AssignError, fieldClass, submitClass, useAssignAction } from "@/components/assign/assign-feedback";
import { CharCounter } from "@/components/form-fields";

/** Everything one manager holds in the branch, to one or several active managers, in one step. */
export function HandoverForm({ from, clients, managers }: { from: { id: string; name: string }; clients: number; managers: { id: string; name: string; clients: number }[] }) {
  const t = useTranslations("assign.handover");
  const ta = useTranslations("assign.assignForm");
  const { state, isPending, run } = useAssignAction(handoverClientsAction);
  const [to, setTo] = useState<string[]>([]);
  const [reason, setReason] = useState("");
  const reasonCountId = useId();
  const choices = managers.filter((m) => m.id !== from.id);
  return (
    <form
      className="space-y-2"
      data-testid={`handover-${from.id}`}
      onSubmit={(event) => {
        event.preventDefault();
        run({ fromManagerId: from.id, toManagerIds: to, reason });
      }}
    >
      <p className="text-sm">{t("to")}</p>
      <div className="flex flex-wrap gap-2">
        {choices.map((m) => (
          <label key={m.id} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2 text-sm">
            <input type="checkbox" name="toManagerId" value={m.id} checked={to.includes(m.id)}
              onChange={(e) => setTo((ids) => (e.target.checked ? [...ids, m.id] : ids.filter((id) => id !== m.id)))} />
            {m.name} <span className="text-slate-500">({m.clients})</span>
          </label>
        ))}
        {choices.length === 0 ? <p className="text-sm text-amber-700">{ta("noManagers")}</p> : null}
      </div>
      {to.length > 1 ? <p className="text-sm text-slate-600">{ta("evenSplit", { count: to.length })}</p> : null}
      <label className="block text-sm">
        {t("reason")}
        <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} aria-describedby={reasonCountId} className={fieldClass} />
      </label>
      <CharCounter id={reasonCountId} length={reason.length} max={500} />
      <AssignError state={state} />
      {state?.ok ? <AssignDone>{t("done", { moved: state.data.moved })}</AssignDone> : null}
      <button type="submit" className={submitClass} disabled={isPending || to.length === 0 || state?.ok === true}>{t("submit", { count: clients })}</button>
    </form>
  );
}
