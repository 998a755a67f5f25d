"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/run";

/** Calls a distribution action once at a time, keeps its answer, and refreshes the page on success. */
export function useAssignAction<I, T>(action: (input: I) => Promise<ActionResult<T>>) {
  const [state, setState] = useState<ActionResult<T> | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  function run(input: I) {
    if (isPending) return;
    startTransition(async () => {
      const result = await action(input);
      setState(result);
      if (result.ok) router.refresh();
    });
  }
  return { state, isPending, run, reset: () => setState(null) };
}

/** The refusal, in the assign catalog's words where it has them (errors.* otherwise). */
export function AssignError<T>({ state }: { state: ActionResult<T> | null }) {
  const t = useTranslations("assign.errors");
  const te = useTranslations("errors");
  if (!state || state.ok) return null;
  const say = (key: string) => (t.has(key) ? t(key) : te.has(key) ? te(key) : te("invalid"));
  const fieldKeys = Object.values(state.fieldErrors ?? {}).flat().filter((k) => k !== state.message);
  return (
    <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="assign-error">
      {[say(state.message), ...new Set(fieldKeys.map(say))].join(" ")}
    </p>
  );
}

export function AssignDone({ children }: { children: React.ReactNode }) {
  return <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="assign-done">{children}</p>;
}

export const submitClass = "rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60";
export const fieldClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";
