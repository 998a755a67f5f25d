"use client";
import { useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/run";

/** The field's error messages (catalog keys under errors.*), right under the field. */
export function FieldError<T>({ state, name }: { state: ActionResult<T> | null; name: string }) {
  const te = useTranslations("errors");
  const keys = state && !state.ok ? state.fieldErrors?.[name] : undefined;
  if (!keys?.length) return null;
  return (
    <p id={`${name}-error`} className="mt-1 text-sm text-red-700" data-testid={`error-${name}`}>
      {keys.map((key) => te(key)).join(" ")}
    </p>
  );
}

/** The form-level failure message (rule violations, conflicts, "try again"). */
export function FormError<T>({ state }: { state: ActionResult<T> | null }) {
  const te = useTranslations("errors");
  if (!state || state.ok) return null;
  // A rule violation tied to one field is shown there; the summary still says what happened.
  return <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">{te(state.message)}</p>;
}

/** A fresh idempotency key: one per intended submission, replaced after a success. */
export function newFormKey(): string {
  return crypto.randomUUID().replace(/-/g, "");
}

export const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2 text-base";
export const buttonClass = "w-full rounded bg-brand-600 px-4 py-3 font-medium text-white hover:bg-brand-700 disabled:opacity-60 sm:w-auto";
