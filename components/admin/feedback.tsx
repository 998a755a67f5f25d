"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/run";

/** Calls an admin action once at a time, keeps its answer, and refreshes the page on success. */
export function useAdminAction<T>(action: (input: unknown) => Promise<ActionResult<T>>) {
  const [state, setState] = useState<ActionResult<T> | null>(null);
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  function run(input: unknown, after?: (result: ActionResult<T>) => void) {
    if (isPending) return;
    startTransition(async () => {
      const result = await action(input);
      setState(result);
      after?.(result);
      if (result.ok) router.refresh();
    });
  }
  return { state, isPending, run };
}

/** A form's fields as a plain object (unticked checkboxes are absent: "no"). */
export function formFields(form: HTMLFormElement): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of new FormData(form).entries()) if (typeof value === "string") out[key] = value;
  return out;
}

/** Text for an error key: the admin catalogue first (admin.errors.*), then the shared one (errors.*). */
export function useAdminErrorText(): (key: string) => string {
  const ta = useTranslations("admin.errors");
  const te = useTranslations("errors");
  return (key) => (ta.has(key) ? ta(key) : te.has(key) ? te(key) : te("invalid"));
}

/** The refusal: the message, then each field's own (once). */
export function AdminError<T>({ state }: { state: ActionResult<T> | null }) {
  const say = useAdminErrorText();
  if (!state || state.ok) return null;
  const fieldKeys = Object.values(state.fieldErrors ?? {}).flat().filter((k) => k !== state.message);
  const keys = state.message === "invalidInput" && fieldKeys.length ? fieldKeys : [state.message, ...fieldKeys];
  return (
    <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700" data-testid="admin-error">
      {[...new Set(keys.map(say))].join(" ")}
    </p>
  );
}

export function AdminDone({ children }: { children: React.ReactNode }) {
  return <p role="status" className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800" data-testid="admin-done">{children}</p>;
}

/** A temporary password, shown once: it is stored only as a hash and cannot be shown again. */
export function TemporaryPassword({ email, password }: { email: string; password: string }) {
  const t = useTranslations("admin.temporaryPassword");
  const [copied, setCopied] = useState(false);
  return (
    <div className="space-y-2 rounded-lg border border-amber-300 bg-amber-50 p-4" data-testid="temporary-password-box">
      <p className="font-medium text-amber-900">{t("title")}</p>
      <div className="flex flex-wrap items-center gap-3">
        <code className="select-all rounded bg-white px-3 py-2 font-mono text-lg tracking-wide" data-testid="temporary-password">{password}</code>
        <button type="button" className="min-h-11 rounded border border-amber-400 px-3 py-2 text-sm"
          onClick={() => { void navigator.clipboard?.writeText(password).then(() => setCopied(true)); }}>
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
      <p className="text-sm text-amber-900">{t("hint", { email })}</p>
    </div>
  );
}

export const fieldClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2 text-base";
export const submitClass = "min-h-11 w-full rounded bg-brand-600 px-4 py-2 font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto";
export const secondaryClass = "min-h-11 w-full rounded border border-slate-300 bg-white px-4 py-2 text-sm hover:bg-slate-50 disabled:opacity-60 sm:w-auto";
export const dangerClass = "min-h-11 w-full rounded border border-red-300 bg-white px-4 py-2 text-sm text-red-700 hover:bg-red-50 disabled:opacity-60 sm:w-auto";
