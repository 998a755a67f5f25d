"use client";
import { useLocale, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/run";
import { formatYuan } from "@/lib/domain/money";
import { toLocale } from "@/lib/i18n/locale";

/**
 * Text for an error key (errors.*). A refusal may name amounts (what is available, what is
 * outstanding): they come as yuan strings and are shown in the reader's locale.
 */
export function useErrorText(): (key: string, amounts?: Record<string, string>) => string {
  const te = useTranslations("errors");
  const locale = toLocale(useLocale());
  return (key, amounts) => {
    if (!te.has(key)) return te("invalid");
    const values = amounts ? Object.fromEntries(Object.entries(amounts).map(([k, v]) => [k, formatYuan(v, locale)])) : undefined;
    return te(key, values);
  };
}

/** The error keys of one field in a result, if any. */
export function fieldErrorKeys<T>(state: ActionResult<T> | null, name: string): string[] {
  return (state && !state.ok ? state.fieldErrors?.[name] : undefined) ?? [];
}

/** The field's error messages (catalog keys under errors.*), right under the field. */
export function FieldError<T>({ state, name, id, keys: extra = [] }: { state: ActionResult<T> | null; name: string; id?: string; keys?: string[] }) {
  const say = useErrorText();
  const keys = [...extra, ...fieldErrorKeys(state, name)];
  if (!keys.length) return null;
  const amounts = state && !state.ok ? state.amounts : undefined;
  return (
    <p id={id ?? `${name}-error`} className="mt-1 text-sm text-red-700" data-testid={`error-${name}`}>
      {[...new Set(keys.map((key) => say(key, amounts)))].join(" ")}
    </p>
  );
}

/** The form-level failure message (rule violations, conflicts, "try again"). */
export function FormError<T>({ state }: { state: ActionResult<T> | null }) {
  const say = useErrorText();
  if (!state || state.ok) return null;
  // A rule violation tied to one field is shown there; the summary still says what happened.
  // Focus comes here after a refusal that marks no field (see useFocusOnResult).
  return (
    <p role="alert" tabIndex={-1} data-focus-on-result className="rounded bg-red-50 px-3 py-2 text-sm text-red-700 outline-none focus:ring-2 focus:ring-red-300">
      {say(state.message, state.amounts)}
    </p>
  );
}

/** The success message; focus moves here after a success (see useFocusOnResult). */
export function FormSuccess({ children, testId }: { children: React.ReactNode; testId?: string }) {
  return (
    <p role="status" tabIndex={-1} data-focus-on-result data-testid={testId}
      className="rounded bg-emerald-50 px-3 py-2 text-sm text-emerald-800 outline-none focus:ring-2 focus:ring-emerald-300">
      {children}
    </p>
  );
}

/** A fresh idempotency key: one per intended submission, replaced after a success. */
export function newFormKey(): string {
  return crypto.randomUUID().replace(/-/g, "");
}

export const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2 text-base";
/** A field with an error: red border (with aria-invalid, so not by colour alone). */
export const inputErrorClass = "mt-1 w-full rounded border-2 border-red-600 px-3 py-2 text-base";
export const buttonClass = "w-full rounded bg-brand-600 px-4 py-3 font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto";
