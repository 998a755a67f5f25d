"use client";
// The regulator's lagging rules: add one, change one, deactivate or activate one. Each form
// posts to its server action; labels arrive translated from the page.
import { useActionState } from "react";
import { createLaggingRuleAction, setLaggingRuleActiveAction, updateLaggingRuleAction } from "@/lib/actions/notices";
import type { ActionResult } from "@/lib/actions/run";
import type { LaggingRuleResult } from "@/lib/commands/notices/lagging-rules";

export type RuleLabels = {
  metric: string; comparator: string; threshold: string; save: string; add: string; activate: string; deactivate: string; saved: string;
  metrics: Record<string, string>; comparators: Record<"lt" | "gt", string>; errors: Record<string, string>;
};
type Rule = { id: string | null; metric: string; comparator: "lt" | "gt"; threshold: string; isActive: boolean };
type State = ActionResult<LaggingRuleResult> | null;

function Outcome({ state, labels }: { state: State; labels: RuleLabels }) {
  if (!state) return null;
  if (state.ok) return <span role="status" className="text-sm text-green-700">{labels.saved}</span>;
  const keys = Object.values(state.fieldErrors ?? {}).flat();
  const text = (keys.length ? keys : [state.message]).map((k) => labels.errors[k] ?? labels.errors.invalid).join(" ");
  return <span role="alert" className="text-sm text-red-700">{text}</span>;
}

function RuleFields({ rule, labels }: { rule?: Rule; labels: RuleLabels }) {
  const input = "rounded border border-slate-300 px-2 py-1";
  return (
    <>
      <label className="text-sm">
        <span className="sr-only">{labels.metric}</span>
        <select name="metric" defaultValue={rule?.metric ?? "coverage"} className={input} aria-label={labels.metric}>
          {Object.entries(labels.metrics).map(([value, label]) => <option key={value} value={value}>{label}</option>)}
        </select>
      </label>
      <label className="text-sm">
        <span className="sr-only">{labels.comparator}</span>
        <select name="comparator" defaultValue={rule?.comparator ?? "lt"} className={input} aria-label={labels.comparator}>
          <option value="lt">{labels.comparators.lt}</option>
          <option value="gt">{labels.comparators.gt}</option>
        </select>
      </label>
      <label className="text-sm">
        <span className="sr-only">{labels.threshold}</span>
        <input name="threshold" defaultValue={rule?.threshold ?? ""} inputMode="decimal" required className={`${input} w-28`} aria-label={labels.threshold} />
      </label>
    </>
  );
}

export function AddRuleForm({ labels }: { labels: RuleLabels }) {
  const [state, action, isPending] = useActionState<State, FormData>(createLaggingRuleAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2" data-testid="add-rule">
      <RuleFields labels={labels} />
      <button type="submit" disabled={isPending} className="rounded bg-brand-600 px-3 py-1 text-white disabled:opacity-60">{labels.add}</button>
      <Outcome state={state} labels={labels} />
    </form>
  );
}

export function EditRuleForm({ rule, labels }: { rule: Rule & { id: string }; labels: RuleLabels }) {
  const [state, action, isPending] = useActionState<State, FormData>(updateLaggingRuleAction, null);
  return (
    <form action={action} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={rule.id} />
      <RuleFields rule={rule} labels={labels} />
      <button type="submit" disabled={isPending} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-60">{labels.save}</button>
      <Outcome state={state} labels={labels} />
    </form>
  );
}

export function ToggleRuleForm({ rule, labels }: { rule: Rule & { id: string }; labels: RuleLabels }) {
  const [state, action, isPending] = useActionState<State, FormData>(setLaggingRuleActiveAction, null);
  return (
    <form action={action} className="inline-flex items-center gap-2">
      <input type="hidden" name="id" value={rule.id} />
      <input type="hidden" name="active" value={rule.isActive ? "no" : "yes"} />
      <button type="submit" disabled={isPending} className="rounded border border-slate-300 px-3 py-1 text-sm hover:bg-slate-100 disabled:opacity-60">
        {rule.isActive ? labels.deactivate : labels.activate}
      </button>
      {state && !state.ok ? <Outcome state={state} labels={labels} /> : null}
    </form>
  );
}
