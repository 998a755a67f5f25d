"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { assignClientsAction, distributeClientsAction } from "@/lib/actions/assign";
import { AssignDone, AssignError, fieldClass, submitClass, useAssignAction } from "@/components/assign/assign-feedback";
import { CharCounter } from "@/components/form-fields";

export type SelectableRow = {
  clientId: string;
  enterpriseId: string;
  name: string;
  uscc: string;
  region: string;
  stage: string;
  branchName: string;
  managerName: string;
};

type Target =
  | { kind: "branch"; branches: { id: string; name: string }[]; offerRedistribute: boolean }
  | { kind: "managers"; managers: { id: string; name: string; clients: number }[] };

/**
 * One page of the filtered pool with tick boxes, "select all N matching" (every page: the
 * command re-applies the same filter and refuses if N changed), and where they go: one branch
 * (head office) or one or several managers (branch head; several share them evenly).
 */
export function SelectionForm({ rows, count, filter, target }: { rows: SelectableRow[]; count: number; filter: Record<string, string>; target: Target }) {
  const t = useTranslations("assign");
  const distribute = useAssignAction(distributeClientsAction);
  const assign = useAssignAction(assignClientsAction);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [all, setAll] = useState(false);
  const [branchId, setBranchId] = useState("");
  const [managers, setManagers] = useState<string[]>([]);
  const [redistribute, setRedistribute] = useState(false);
  const [reason, setReason] = useState("");
  const reasonCountId = useId();
  const [localError, setLocalError] = useState(false);
  const isPending = distribute.isPending || assign.isPending;
  // After a move the page shows the next clients: nothing stays ticked.
  // (adjusted while rendering, when a new result arrives)
  const [seen, setSeen] = useState([distribute.state, assign.state]);
  if (seen[0] !== distribute.state || seen[1] !== assign.state) {
    setSeen([distribute.state, assign.state]);
    if (distribute.state?.ok || assign.state?.ok) {
      setPicked(new Set());
      setAll(false);
    }
  }
  const chosen = all ? count : picked.size;

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (chosen === 0) return setLocalError(true);
    setLocalError(false);
    const selection = all ? { by: "filter", filter, expectedCount: count } : { by: "ids", clientIds: [...picked] };
    if (target.kind === "branch") distribute.run({ mode: "selection", selection, branchId, redistribute: redistribute ? "yes" : "no", reason });
    else assign.run({ selection, managerIds: managers, reason });
  }

  const toggle = (id: string) => setPicked((s) => {
    const next = new Set(s);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    return next;
  });
  const managerName = (id: string) => (target.kind === "managers" ? target.managers.find((m) => m.id === id)?.name ?? "" : "");

  return (
    <form onSubmit={submit} className="space-y-3" data-testid="selection-form">
      <div className="flex flex-wrap items-center gap-4 text-sm">
        <span data-testid="matching">{t("selection.matching", { count })}</span>
        <label className="flex items-center gap-2">
          <input type="checkbox" name="selectAll" checked={all} onChange={(e) => setAll(e.target.checked)} disabled={count === 0} />
          {t("selection.selectAll", { count })}
        </label>
        {!all ? <span className="text-slate-500">{t("selection.selected", { count: picked.size })}</span> : null}
      </div>
      <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-brand-600 rounded-lg border border-slate-200 bg-white">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-600">
            <tr>
              <th className="px-3 py-2">
                <input
                  type="checkbox"
                  aria-label={t("selection.pickHint")}
                  disabled={all || rows.length === 0}
                  checked={!all && rows.length > 0 && rows.every((r) => picked.has(r.clientId))}
                  onChange={(e) => setPicked(e.target.checked ? new Set([...picked, ...rows.map((r) => r.clientId)]) : new Set([...picked].filter((id) => !rows.some((r) => r.clientId === id))))}
                />
              </th>
              <th className="px-3 py-2">{t("selection.name")}</th>
              <th className="px-3 py-2">{t("selection.uscc")}</th>
              <th className="px-3 py-2">{t("selection.region")}</th>
              <th className="px-3 py-2">{t("selection.stage")}</th>
              <th className="px-3 py-2">{t("selection.currentBranch")}</th>
              <th className="px-3 py-2">{t("selection.currentManager")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.clientId} className="border-t border-slate-100">
                <td className="px-3 py-2">
                  <input type="checkbox" name="clientId" value={r.clientId} aria-label={r.name} disabled={all} checked={all || picked.has(r.clientId)} onChange={() => toggle(r.clientId)} />
                </td>
                <td className="px-3 py-2"><a className="text-brand-700 hover:underline" href={`/enterprises/${r.enterpriseId}`}>{r.name}</a></td>
                <td className="px-3 py-2 font-mono text-xs">{r.uscc}</td>
                <td className="px-3 py-2 whitespace-nowrap">{r.region}</td>
                <td className="px-3 py-2 whitespace-nowrap">{r.stage}</td>
                <td className="px-3 py-2 whitespace-nowrap">{r.branchName}</td>
                <td className="px-3 py-2 whitespace-nowrap">{r.managerName}</td>
              </tr>
            ))}
            {rows.length === 0 ? <tr><td colSpan={7} className="px-3 py-6 text-center text-slate-500">{t("selection.empty")}</td></tr> : null}
          </tbody>
        </table>
      </div>

      <fieldset className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        {target.kind === "branch" ? (
          <>
            <legend className="font-medium">{t("distribute.title")}</legend>
            <label className="block text-sm">
              {t("distribute.target")}
              <select name="branchId" value={branchId} onChange={(e) => setBranchId(e.target.value)} className={fieldClass} required>
                <option value="">{t("distribute.choose")}</option>
                {target.branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
              </select>
            </label>
            {target.offerRedistribute ? (
              <label className="flex items-start gap-2 text-sm">
                <input type="checkbox" name="redistribute" checked={redistribute} onChange={(e) => setRedistribute(e.target.checked)} />
                {t("distribute.redistribute")}
              </label>
            ) : null}
          </>
        ) : (
          <>
            <legend className="font-medium">{t("assignForm.title")}</legend>
            {target.managers.length === 0 ? <p className="text-sm text-amber-700">{t("assignForm.noManagers")}</p> : (
              <div>
                <p className="text-sm">{t("assignForm.managers")}</p>
                <div className="mt-1 flex flex-wrap gap-2">
                  {target.managers.map((m) => (
                    <label key={m.id} className="flex items-center gap-1 rounded border border-slate-300 px-3 py-2 text-sm">
                      <input
                        type="checkbox"
                        name="managerId"
                        value={m.id}
                        checked={managers.includes(m.id)}
                        onChange={(e) => setManagers((ms) => (e.target.checked ? [...ms, m.id] : ms.filter((id) => id !== m.id)))}
                      />
                      {m.name} <span className="text-slate-500">({m.clients})</span>
                    </label>
                  ))}
                </div>
                {managers.length > 1 ? <p className="mt-1 text-sm text-slate-600">{t("assignForm.evenSplit", { count: managers.length })}</p> : null}
              </div>
            )}
          </>
        )}
        <label className="block text-sm">
          {target.kind === "branch" ? t("distribute.reason") : t("assignForm.reason")}
          <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} aria-describedby={reasonCountId} className={fieldClass} />
        </label>
        <CharCounter id={reasonCountId} length={reason.length} max={500} />
        {localError ? <p role="alert" className="text-sm text-red-700">{t("selection.nothingSelected")}</p> : null}
        <AssignError state={target.kind === "branch" ? distribute.state : assign.state} />
        {distribute.state?.ok ? <AssignDone>{t("distribute.done", { moved: distribute.state.data.moved })}</AssignDone> : null}
        {assign.state?.ok ? (
          <AssignDone>
            {t("assignForm.done", {
              moved: assign.state.data.moved,
              shares: assign.state.data.perManager.map((p) => t("assignForm.share", { name: managerName(p.managerId), count: p.count })).join("、"),
            })}
          </AssignDone>
        ) : null}
        <button
          type="submit"
          className={submitClass}
          disabled={isPending || chosen === 0 || (target.kind === "branch" ? !branchId : managers.length === 0)}
        >
          {target.kind === "branch" ? t("distribute.submit") : t("assignForm.submit")} ({chosen})
        </button>
      </fieldset>
    </form>
  );
}
