"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { distributeClientsAction } from "@/lib/actions/assign";
import { AssignDone, AssignError, submitClass, useAssignAction } from "@/components/assign/assign-feedback";

export type CountyRow = { countyCode: string; label: string; waiting: number; branches: { id: string; name: string }[] };

/** The county rule as a preview the head office confirms: one row per county with waiting clients. */
export function CountyForm({ counties }: { counties: CountyRow[] }) {
  const t = useTranslations("assign.countyRule");
  const { state, isPending, run } = useAssignAction(distributeClientsAction);
  const [picks, setPicks] = useState<Record<string, string>>({});
  // After a move that emptied head office, keep saying what was done.
  if (counties.length === 0) {
    return state?.ok
      ? <AssignDone>{t("done", { moved: state.data.moved, left: state.data.leftAtHeadOffice })}</AssignDone>
      : <p className="text-sm text-slate-500">{t("empty")}</p>;
  }
  const movable = counties.reduce((n, c) => n + (c.branches.length === 1 || picks[c.countyCode] ? c.waiting : 0), 0);
  return (
    <form
      className="space-y-3"
      data-testid="county-form"
      onSubmit={(event) => {
        event.preventDefault();
        run({ mode: "county", picks: Object.fromEntries(Object.entries(picks).filter(([, id]) => id)) });
      }}
    >
      <p className="text-sm text-slate-600">{t("hint")}</p>
      <table className="min-w-full text-sm">
        <thead className="text-left text-slate-600">
          <tr><th className="py-1 pr-3">{t("waiting")}</th><th className="py-1 pr-3" /><th className="py-1">{t("target")}</th></tr>
        </thead>
        <tbody>
          {counties.map((c) => (
            <tr key={c.countyCode} className="border-t border-slate-100" data-county={c.countyCode}>
              <td className="py-1 pr-3 tabular-nums">{c.waiting}</td>
              <td className="py-1 pr-3">{c.label}</td>
              <td className="py-1">
                {c.branches.length === 0 ? (
                  <span className="text-amber-700">{t("none")}</span>
                ) : c.branches.length === 1 ? (
                  c.branches[0]!.name
                ) : (
                  <select
                    aria-label={`${c.label} ${t("target")}`}
                    value={picks[c.countyCode] ?? ""}
                    onChange={(e) => setPicks((p) => ({ ...p, [c.countyCode]: e.target.value }))}
                    className="rounded border border-slate-300 px-2 py-1"
                  >
                    <option value="">{t("choose")}</option>
                    {c.branches.map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
                  </select>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AssignError state={state} />
      {state?.ok ? <AssignDone>{t("done", { moved: state.data.moved, left: state.data.leftAtHeadOffice })}</AssignDone> : null}
      <button type="submit" className={submitClass} disabled={isPending || movable === 0}>{t("submit")} ({movable})</button>
    </form>
  );
}
