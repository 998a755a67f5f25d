"use client";
// "Generate now" for a regulator: a past month's notice, published or re-checked on demand.
// Labels come translated from the server page (no client catalogue needed).
import { useActionState } from "react";
import { generateNoticeAction } from "@/lib/actions/notices";
import type { ActionResult } from "@/lib/actions/run";
import type { GenerateNoticeResult } from "@/lib/commands/notices/generate-notice";

export type GenerateLabels = {
  month: string; button: string; pending: string; note: string; open: string;
  outcome: Record<"published" | "restated" | "unchanged", string>;
  errors: Record<string, string>;
};

export function GenerateNoticeForm({ defaultMonth, maxMonth, labels }: { defaultMonth: string; maxMonth: string; labels: GenerateLabels }) {
  const [state, action, isPending] = useActionState<ActionResult<GenerateNoticeResult> | null, FormData>(generateNoticeAction, null);
  const error = state && !state.ok ? (state.fieldErrors?.month ?? [state.message]).map((k) => labels.errors[k] ?? labels.errors.invalid).join(" ") : null;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3 print:hidden" data-testid="generate-notice">
      <label className="text-sm">
        <span className="block text-slate-600">{labels.month}</span>
        <input type="month" name="month" defaultValue={defaultMonth} max={maxMonth} required
          className="mt-1 rounded border border-slate-300 px-3 py-2" aria-describedby="generate-note" />
      </label>
      <button type="submit" disabled={isPending} className="rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60">
        {isPending ? labels.pending : labels.button}
      </button>
      <p id="generate-note" className="w-full text-xs text-slate-500">{labels.note}</p>
      {state?.ok ? (
        <p role="status" className="w-full text-sm text-green-700" data-testid="generate-outcome">
          {labels.outcome[state.data.outcome].replace("{month}", state.data.month)}{" "}
          <a className="text-brand-700 underline" href={`/notices/${state.data.month}`}>{labels.open}</a>
        </p>
      ) : null}
      {error ? <p role="alert" className="w-full text-sm text-red-700">{error}</p> : null}
    </form>
  );
}
